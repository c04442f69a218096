"""What the plan assumes before the campaign has data of its own.

Outside influence (p) and word of mouth (q) come from the meta-analysis of published Bass fits by
Sultan, Farley & Lehmann (1990, "A Meta-Analysis of Applications of Diffusion Models", Journal of
Marketing Research 27(1), 70-77; summarised by Mahajan, Muller & Bass 1995, Marketing Science 14(3),
G79-G88): per year, p averages 0.03 and is often below 0.01; q averages 0.38, typically 0.3 to 0.5.
Those are products spreading through markets; the plan takes them per year, as published, and so
assumes no faster spread inside the organisation than in a market until the campaign's own data
say otherwise. The ambassadors' own recruiting (r) comes from the cascade: each ambassador brings in
so many colleagues in so many weeks (model.recruiting_rate), taken between half and one and a half times.
"""

from __future__ import annotations

import numpy as np

WEEKS_PER_YEAR = 365.25 / 7
P_YEAR = (0.005, 0.03, 0.05)  # low, central, high: often below 0.01, 0.03 on average
Q_YEAR = (0.3, 0.38, 0.5)  # typical range and average
R_SPREAD = (0.5, 1.0, 1.5)  # the cascade's recruiting, from half to one and a half times


def prior_draws(r: float, draws: int = 400, seed: int = 2026) -> np.ndarray:
    """Rates per week (p, q, r) drawn from the priors: log-uniform between each low and high."""
    rng = np.random.default_rng(seed)
    lows = np.array([P_YEAR[0] / WEEKS_PER_YEAR, Q_YEAR[0] / WEEKS_PER_YEAR, r * R_SPREAD[0]])
    highs = np.array([P_YEAR[2] / WEEKS_PER_YEAR, Q_YEAR[2] / WEEKS_PER_YEAR, r * R_SPREAD[2]])
    return np.exp(rng.uniform(np.log(lows), np.log(highs), size=(draws, 3)))


def central(r: float) -> tuple[float, float, float]:
    """The central rates per week (p, q, r)."""
    return P_YEAR[1] / WEEKS_PER_YEAR, Q_YEAR[1] / WEEKS_PER_YEAR, r
