"""Phase 2 at the scale of a large organisation: 100,000 employees in 30 departments, every one of
them a candidate (the worst case), scored on eight criteria and a team selected under every rule
(size from the ratio, all departments covered, a cap per department, gender balance).

    .venv/bin/python benchmarks/selection.py [--employees N] [--repeat R]

Prints the timings and the process's peak memory last. Target on a 2-core machine: under 2 s for
scoring plus selection, under 1 GiB peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import time

from campaign_kit.core.model import Selection
from campaign_kit.data.synthetic import employees_frame, nominations_frame
from campaign_kit.phases.selection.analysis import score_candidates, select_team, team_size
from campaign_kit.phases.selection.people import future_category, normal_gender

SELECTION = Selection.model_validate(
    {
        "employees": "-",
        "nominations": "-",
        "criteria": {
            "social_media": {
                "weight": 2,
                "scale": {"kind": "levels", "levels": {"geen": 0, "laag": 0.33, "gemiddeld": 0.67, "hoog": 1}},
            },
            "network_size": {"weight": 1, "scale": {"kind": "linear", "min": 0, "max": 500}},
            "social_participation": {"weight": 2, "scale": {"kind": "linear", "min": 0, "max": 6}},
            "learning": {"weight": 2, "scale": {"kind": "linear", "min": 0, "max": 4}},
            "esteem": {"weight": 1.5, "scale": {"kind": "linear", "min": 1, "max": 5}},
            "future": {
                "weight": 1.5,
                "scale": {
                    "kind": "levels",
                    "levels": {"permanent": 1, "beyond_campaign": 0.7, "temporary": 0.4, "ending": 0},
                },
            },
            "endorsement": {"weight": 2, "scale": {"kind": "linear", "min": 1, "max": 5}},
            "engaged_critic": {"weight": 1, "scale": {"kind": "levels", "levels": {"ja": 1, "nee": 0}}},
        },
        "team": {
            "ratio": 500,
            "minimum": 5,
            "cover_departments": True,
            "max_per_department": 12,
            "gender_balance": {"tolerance": 0.1},
        },
    }
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    departments = [f"Afdeling {i:02d}" for i in range(1, 31)]
    employees = employees_frame(args.employees, departments, seed=1)
    employees["gender"] = [normal_gender(g) for g in employees["gender"]]
    employees["future"] = [
        future_category(c, e, dt.date(2027, 6, 30))
        for c, e in zip(employees["contract"], employees["contract_end"], strict=True)
    ]
    candidates = nominations_frame(employees, 1.0, seed=2).merge(employees, on="id")
    size = team_size(SELECTION.team, args.employees)

    scoring, selecting = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        scored = score_candidates(candidates, SELECTION.criteria)
        middle = time.perf_counter()
        result = select_team(scored, employees, SELECTION.team, size)
        end = time.perf_counter()
        scoring.append(middle - start)
        selecting.append(end - middle)
        assert result.feasible and len(result.team) == size

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = statistics.median(scoring) + statistics.median(selecting)
    print(f"employees: {args.employees:,}, candidates: {len(candidates):,}, departments: 30, team: {size}")
    print(f"scoring:   {statistics.median(scoring):.3f} s (median of {args.repeat})")
    print(f"selection: {statistics.median(selecting):.3f} s (median of {args.repeat})")
    print(f"total:     {total:.3f} s (target < 2 s)")
    print(f"peak memory: {peak_mib:.0f} MiB (target < 1024 MiB)")


if __name__ == "__main__":
    main()
