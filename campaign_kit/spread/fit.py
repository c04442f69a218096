"""The oil-spot model's rates fitted to a campaign's own weekly adoptions, with their uncertainty.

Maximum likelihood: each week, of the colleagues in a department still to win, the number who adopt is
binomial with the model's chance for that week (model.force). The band comes from a parametric
bootstrap: campaigns simulated from the fitted rates, each fitted again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from campaign_kit.spread.model import Rates, force, simulate

# Below this the data says too little about three rates: the plan stays with the priors.
MIN_WEEKS = 4
MIN_ADOPTIONS = 15
LOG_BOUNDS = (-16.0, 3.0)  # rates between 1e-7 and 20 a week


@dataclass(frozen=True)
class Fit:
    rates: Rates
    draws: np.ndarray = field(repr=False)  # bootstrap rates, (draws, 3): p, q, r
    weeks: int
    adoptions: int
    log_likelihood: float

    def interval(self, level: float = 0.9) -> dict[str, tuple[float, float]]:
        """Each rate's bootstrap interval."""
        low, high = (1 - level) / 2, 1 - (1 - level) / 2
        return {
            name: (float(np.quantile(self.draws[:, i], low)), float(np.quantile(self.draws[:, i], high)))
            for i, name in enumerate(("p", "q", "r"))
        }


def thin(new: np.ndarray) -> str | None:
    """Why weekly adoptions (weeks, departments) are too few to fit, or None when they will do."""
    weeks, adoptions = int(np.shape(new)[0]), int(np.sum(new))
    if weeks < MIN_WEEKS:
        return f"{weeks} weeks measured; a fit needs at least {MIN_WEEKS}"
    if adoptions < MIN_ADOPTIONS:
        return f"{adoptions} adoptions measured; a fit needs at least {MIN_ADOPTIONS}"
    return None


def log_likelihood(
    rates: Rates, new: np.ndarray, market: np.ndarray, ambassadors: np.ndarray, start: np.ndarray | None = None
) -> float:
    """The log-likelihood of weekly adoptions `new` (weeks, departments) under the rates."""
    new = np.asarray(new, dtype=float)
    market = np.asarray(market, dtype=float)
    begin = np.zeros(market.size) if start is None else np.asarray(start, dtype=float)
    before = begin + np.vstack([np.zeros(market.size), np.cumsum(new, axis=0)[:-1]])  # adopted at each week's start
    team = np.broadcast_to(np.asarray(ambassadors, dtype=float), new.shape)
    f = force(rates, before, market, team)
    stay = market - before - new
    if np.any(stay < -1e-9):
        raise ValueError("more adoptions than colleagues in a department")
    with np.errstate(divide="ignore"):
        adopt = np.where(new > 0, new * np.log(-np.expm1(-f)), 0.0)
    return float(np.sum(adopt - stay * f))


def fit(
    new: np.ndarray,
    market: np.ndarray,
    ambassadors: np.ndarray,
    start: np.ndarray | None = None,
    cross: float = 0.2,
    draws: int = 200,
    seed: int = 2026,
) -> Fit:
    """Fit p, q, r to weekly adoptions per department, with `draws` bootstrap refits for the band.
    Raises ValueError when the data is too thin (see `thin`)."""
    new = np.asarray(new, dtype=np.int64)
    market = np.asarray(market, dtype=np.int64)
    said = thin(new)
    if said:
        raise ValueError(said)
    from threadpoolctl import threadpool_limits

    # hundreds of three-parameter optimisations: BLAS threads only spin on them (10x slower when busy)
    with threadpool_limits(limits=1, user_api="blas"):
        best, ll = _maximise(new, market, ambassadors, start, cross, starts=None)
        rng = np.random.default_rng(seed)
        weeks = new.shape[0]
        runs = simulate(best, market, ambassadors, weeks, draws, rng, start)
        boot = []
        for run in runs:
            refit, _ = _maximise(np.diff(run, axis=0), market, ambassadors, start, cross, starts=[best])
            boot.append((refit.p, refit.q, refit.r))
    return Fit(best, np.array(boot).reshape(-1, 3), weeks, int(new.sum()), ll)


def _maximise(
    new: np.ndarray,
    market: np.ndarray,
    ambassadors: np.ndarray,
    start: np.ndarray | None,
    cross: float,
    starts: list[Rates] | None,
) -> tuple[Rates, float]:
    from scipy.optimize import minimize  # here: SciPy costs a mid-term run's kernel time only when it fits

    def cost(theta: np.ndarray) -> float:
        p, q, r = np.exp(theta)
        return -log_likelihood(Rates(p, q, r, cross), new, market, ambassadors, start)

    if starts is None:  # a small grid: the likelihood can have a ridge between word of mouth and the rest
        guesses = [np.log([p, q, r]) for p in (0.001, 0.01, 0.05) for q in (0.05, 0.3, 1.0) for r in (0.05, 0.3)]
    else:
        guesses = [np.log(np.clip([s.p, s.q, s.r], 1e-7, 20)) for s in starts]
    best = None
    for guess in guesses:
        result = minimize(cost, guess, method="L-BFGS-B", bounds=[LOG_BOUNDS] * 3)
        if best is None or result.fun < best.fun:
            best = result
    p, q, r = np.exp(best.x)
    return Rates(float(p), float(q), float(r), cross), -float(best.fun)


def bass_regression(sales: np.ndarray) -> tuple[float, float, float]:
    """Bass's (1969) own estimate of m, p, q from sales per period: ordinary least squares of
    S_t = a + b Y_{t-1} + c Y_{t-1}^2 (Y the sales before t), then m the positive root of
    a + b m + c m^2 = 0, p = a / m, q = -c m."""
    sales = np.asarray(sales, dtype=float)
    before = np.concatenate([[0.0], np.cumsum(sales)[:-1]])
    a, b, c = np.linalg.lstsq(np.column_stack([np.ones_like(before), before, before**2]), sales, rcond=None)[0]
    m = max(np.roots([c, b, a]).real)
    return float(m), float(a / m), float(-c * m)


def bass_least_squares(sales: np.ndarray, form: str = "difference", guess=(0.03, 0.38)) -> tuple[float, float, float]:
    """m, p, q by non-linear least squares: sales per period t = 1.. as m (F(t) - F(t-1)) (Srinivasan
    & Mason 1986), or as the density m f(t) at t (form="density", as some published fits do)."""
    from scipy.optimize import curve_fit

    from campaign_kit.spread.model import bass_share

    sales = np.asarray(sales, dtype=float)
    t = np.arange(1, sales.size + 1, dtype=float)

    def per_period(t: np.ndarray, m: float, p: float, q: float) -> np.ndarray:
        if form == "density":
            decay = np.exp(-(p + q) * t)
            return m * ((p + q) ** 2 / p) * decay / (1 + (q / p) * decay) ** 2
        return m * (bass_share(t, p, q) - bass_share(t - 1, p, q))

    (m, p, q), _ = curve_fit(per_period, t, sales, p0=(sales.sum() * 1.5, *guess), maxfev=20_000)
    return float(m), float(p), float(q)
