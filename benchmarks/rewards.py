"""Phase 3 at scale: the cost simulation for a campaign of 500 ambassadors (100,000 simulated
campaigns), and the payout ledger over 1,000,000 activity events.

    .venv/bin/python benchmarks/rewards.py [--draws N] [--ambassadors N] [--events N]

Prints timings and peak memory last. Target on a 2-core machine: under 1 s for each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import time

import numpy as np
import pandas as pd

from campaign_kit.core.model import Campaign
from campaign_kit.phases.rewards.analysis import payout_ledger, simulate, simulation_summary


def large_campaign(ambassadors: int) -> Campaign:
    return Campaign.model_validate(
        {
            "name": "Benchmark",
            "organisation": "Benchmark",
            "start": dt.date(2027, 1, 1),
            "end": dt.date(2027, 12, 31),
            "population": {"description": "everyone", "size": 100_000},
            "team": {"ambassadors": ambassadors, "hours_per_month": 100},
            "goal": {"statement": "benchmark"},
            "rewards": {
                "currency": "EUR",
                "budget": 2_000_000,
                "hours_per_month": 2,
                "rules": [
                    {"result": "login", "amount": 5, "cap_per_ambassador": 100},
                    {"result": "completion", "amount": 25, "cap_per_period": 75, "cap_per_ambassador": 600},
                    {"result": "share", "amount": 2, "cap_per_period": 20},
                    {"result": "click", "amount": 0.1, "cap_per_ambassador": 200},
                    {"result": "applicant", "amount": 50},
                    {"result": "hire", "amount": 500, "cap_per_ambassador": 1500},
                ],
                "prizes": [
                    {"place": 1, "description": "trip", "value": 1000},
                    {"place": 2, "description": "b", "value": 300},
                ],
                "prize_ranking": "reward",
                "fixed_costs": [{"item": "platform", "amount": 50_000}],
                "performance": {
                    "login": {"pessimistic": 5, "expected": 15, "optimistic": 30},
                    "completion": {"pessimistic": 2, "expected": 8, "optimistic": 20},
                    "share": {"pessimistic": 10, "expected": 40, "optimistic": 100},
                    "click": {"pessimistic": 50, "expected": 400, "optimistic": 2000},
                    "applicant": {"pessimistic": 0, "expected": 2, "optimistic": 8},
                    "hire": {"pessimistic": 0, "expected": 0.3, "optimistic": 2},
                },
                "simulation": {"draws": 100_000, "seed": 1},
            },
        }
    )


def events(n: int, ambassadors: int, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2027-01-01")
    return pd.DataFrame(
        {
            "ambassador": pd.Categorical.from_codes(
                rng.integers(0, ambassadors, n), [f"A{i:04d}" for i in range(ambassadors)]
            ),
            "date": start + rng.integers(0, 365, n).astype("timedelta64[D]"),
            "result": pd.Categorical.from_codes(
                rng.choice(6, n, p=[0.2, 0.05, 0.25, 0.45, 0.04, 0.01]),
                ["login", "completion", "share", "click", "applicant", "hire"],
            ),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--ambassadors", type=int, default=500)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    campaign = large_campaign(args.ambassadors)
    activity = events(args.events, args.ambassadors)

    simulation_times, ledger_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = simulate(campaign, draws=args.draws)
        simulation_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        ledger = payout_ledger(campaign.rewards, activity)
        ledger_times.append(time.perf_counter() - start)
    summary = simulation_summary(result)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"simulation: {args.draws:,} campaigns x {args.ambassadors} ambassadors x 6 result types; "
        f"median total {summary['p50']:,.0f} EUR"
    )
    print(f"ledger: {args.events:,} events, {len(ledger.payouts):,} payout rows, {len(ledger.totals)} ambassadors")
    print(f"simulation time: {statistics.median(simulation_times):.3f} s (median of {args.repeat}; target < 1 s)")
    print(f"ledger time:     {statistics.median(ledger_times):.3f} s (median of {args.repeat}; target < 1 s)")
    print(f"peak memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
