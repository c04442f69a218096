"""Bass diffusion per department, with the ambassadors' own recruiting, in weekly steps.

A colleague who has not adopted yet (a first completion, a first log-in, a first share: whatever the
campaign's main KPI counts per person) adopts in a week with probability 1 - exp(-force), where

    force = p                                   outside influence: posters, mail, intranet
          + q * ((1 - cross) * F_dept + cross * F_all)   word of mouth from those who adopted
          + r * ambassadors_dept / market_dept  each active ambassador brings in r colleagues a week

F is the share of the market that adopted (in the department, in the whole group). The market of a
department is its colleagues who are not ambassadors; ambassadors count as reached from the start.
Word of mouth runs mostly inside departments (`cross` is the weaker share that crosses them), so a
department without an ambassador lags: the oil spot. With one department, no ambassadors and
continuous time this is Bass's (1969) model, whose rates are per period as here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Rates:
    """The model's rates, per week."""

    p: float  # outside influence: the chance per week of adopting without a colleague
    q: float  # word of mouth at full adoption of the department
    r: float  # colleagues one active ambassador brings in per week (while nearly all are still to win)
    cross: float = 0.2  # the share of word of mouth that crosses departments

    def scaled(self, factor: float) -> Rates:
        """The same rates per a period `factor` weeks long."""
        return Rates(self.p * factor, self.q * factor, self.r * factor, self.cross)


def force(rates: Rates, adopted: np.ndarray, market: np.ndarray, ambassadors: np.ndarray) -> np.ndarray:
    """The weekly force of adoption per department (last axis). `adopted` may carry a leading axis of
    runs, and so may the rates (arrays of shape (runs, 1): each run its own draw of the rates)."""
    market = np.asarray(market, dtype=float)
    safe = np.where(market > 0, market, 1.0)
    own = np.where(market > 0, adopted / safe, 0.0)
    total = market.sum()
    everyone = adopted.sum(axis=-1, keepdims=True) / total if total else 0.0
    word = (1 - rates.cross) * own + rates.cross * everyone
    return rates.p + rates.q * word + rates.r * np.asarray(ambassadors, dtype=float) / safe


def expected_curve(
    rates: Rates, market: np.ndarray, ambassadors: np.ndarray, weeks: int, start: np.ndarray | None = None
) -> np.ndarray:
    """Expected adopters per department after each week (weeks + 1 rows, row 0 the start): the mean
    of the week-by-week chance process, followed as if it had no spread."""
    market = np.asarray(market, dtype=float)
    adopted = np.zeros_like(market) if start is None else np.asarray(start, dtype=float)
    rows = [adopted]
    for week in range(weeks):
        team = ambassadors[week] if np.ndim(ambassadors) == 2 else ambassadors
        chance = 1 - np.exp(-force(rates, adopted, market, team))
        adopted = adopted + (market - adopted) * chance
        rows.append(adopted)
    return np.array(rows)


def simulate(
    rates: Rates,
    market: np.ndarray,
    ambassadors: np.ndarray,
    weeks: int,
    runs: int,
    rng: np.random.Generator,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Adopters per department after each week in `runs` chance runs: (runs, weeks + 1, departments).

    Each week every colleague still to win adopts with the week's chance, drawn per department as a
    binomial count. The rates may hold one value per run (arrays of shape (runs, 1)): their own
    uncertainty."""
    market = np.asarray(market, dtype=np.int64)
    adopted = np.zeros((runs, market.size), dtype=np.int64)
    if start is not None:
        adopted[:] = np.asarray(start, dtype=np.int64)
    out = np.empty((runs, weeks + 1, market.size), dtype=np.int64)
    out[:, 0] = adopted
    for week in range(weeks):
        team = ambassadors[week] if np.ndim(ambassadors) == 2 else ambassadors
        chance = 1 - np.exp(-force(rates, adopted, market, team))
        adopted = adopted + rng.binomial(market - adopted, np.clip(chance, 0.0, 1.0))
        out[:, week + 1] = adopted
    return out


def bass_share(t: np.ndarray | float, p: float, q: float) -> np.ndarray:
    """Bass's (1969) share of the market adopted by time t, in continuous time, from nobody at 0:
    F(t) = (1 - e^-(p+q)t) / (1 + (q/p) e^-(p+q)t)."""
    decay = np.exp(-(p + q) * np.asarray(t, dtype=float))
    return (1 - decay) / (1 + (q / p) * decay)
