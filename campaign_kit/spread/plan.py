"""The smallest ambassador team, spread over departments, that reaches a share of the group by a date.

For a team of n, the ambassadors go where they add the most expected reach by the date (one at a time
to the department that gains most, then single moves between departments while any improves it). The
chance that the team reaches the target is the share of chance runs (model.simulate) that do, each run
with its own draw of the rates (from the priors, or from the fit's bootstrap). The smallest n whose
chance is at least `certainty` is the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from campaign_kit.spread.model import Rates, expected_curve, simulate

CERTAINTY = 0.8


@dataclass(frozen=True)
class Plan:
    allocation: np.ndarray  # ambassadors per department
    chance: float  # of reaching the target by the date
    expected_share: float  # of the group reached by the date, expected
    curve: np.ndarray  # expected share reached after each week, from now

    @property
    def size(self) -> int:
        return int(self.allocation.sum())


def expected_share(
    rates: Rates, sizes: np.ndarray, allocation: np.ndarray, weeks: int, start: np.ndarray | None = None
) -> np.ndarray:
    """Expected share of the group reached (ambassadors included) after each week."""
    sizes = np.asarray(sizes, dtype=float)
    market = sizes - allocation
    begin = None if start is None else np.minimum(start, market)
    curve = expected_curve(rates, market, allocation, weeks, begin)
    return (curve.sum(axis=1) + allocation.sum()) / sizes.sum()


def chance(
    draws: np.ndarray,
    sizes: np.ndarray,
    allocation: np.ndarray,
    weeks: int,
    target: float,
    start: np.ndarray | None = None,
    cross: float = 0.2,
    seed: int = 2026,
) -> float:
    """The share of chance runs, one per row of rate draws (p, q, r), that reach `target` by `weeks`."""
    sizes = np.asarray(sizes, dtype=np.int64)
    market = sizes - allocation
    rates = Rates(draws[:, 0:1], draws[:, 1:2], draws[:, 2:3], cross)
    begin = None if start is None else np.minimum(start, market)
    runs = simulate(rates, market, allocation, weeks, len(draws), np.random.default_rng(seed), begin)
    reached = (runs[:, -1].sum(axis=1) + allocation.sum()) / sizes.sum()
    return float(np.mean(reached >= target - 1e-12))


def best_allocation(
    n: int,
    rates: Rates,
    sizes: np.ndarray,
    weeks: int,
    start: np.ndarray | None = None,
    begin_with: np.ndarray | None = None,
) -> np.ndarray:
    """The allocation of n ambassadors with the most expected reach after `weeks`."""
    sizes = np.asarray(sizes, dtype=np.int64)
    allocation = np.zeros(sizes.size, dtype=np.int64) if begin_with is None else begin_with.copy()

    def value(a: np.ndarray) -> float:
        return float(expected_share(rates, sizes, a, weeks, start)[-1])

    while allocation.sum() < n:  # greedy: one more where it adds most
        gains = []
        for d in range(sizes.size):
            if allocation[d] < sizes[d]:
                trial = allocation.copy()
                trial[d] += 1
                gains.append((value(trial), -d))
        if not gains:
            break
        allocation[-max(gains)[1]] += 1
    improved = True
    current = value(allocation)
    while improved:  # then single moves between departments while one adds reach
        improved = False
        for source in range(sizes.size):
            for target in range(sizes.size):
                if source == target or allocation[source] == 0 or allocation[target] >= sizes[target]:
                    continue
                trial = allocation.copy()
                trial[source] -= 1
                trial[target] += 1
                if (v := value(trial)) > current + 1e-12:
                    allocation, current, improved = trial, v, True
    return allocation


def smallest_team(
    rates: Rates,
    draws: np.ndarray,
    sizes: np.ndarray,
    weeks: int,
    target: float,
    start: np.ndarray | None = None,
    certainty: float = CERTAINTY,
    seed: int = 2026,
    largest: int | None = None,
) -> Plan | None:
    """The smallest team of at most `largest` (default: everyone) that reaches `target` (a share of
    the group) within `weeks` with at least `certainty`, or None when none does."""
    sizes = np.asarray(sizes, dtype=np.int64)
    allocation = np.zeros(sizes.size, dtype=np.int64)
    most = int(sizes.sum()) if largest is None else min(largest, int(sizes.sum()))
    for n in range(most + 1):  # 0: the posters and mail alone may do
        allocation = best_allocation(n, rates, sizes, weeks, start, begin_with=allocation)
        p = chance(draws, sizes, allocation, weeks, target, start, rates.cross, seed)
        if p >= certainty:
            curve = expected_share(rates, sizes, allocation, weeks, start)
            return Plan(allocation, p, float(curve[-1]), curve)
    return None
