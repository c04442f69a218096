"""The oil spot at the mid-term: the campaign's own adoptions per department, the model fitted to them
(or the priors, while they are too thin to fit), and what that means for the target.

A colleague adopts at their first event of the adoption result (a first completion, a first share).
Who did it is the event's person, or on an export without one (an advocacy platform's shares) the
ambassador column, which there names whoever shared. Team members count as reached from the start, as
in the planner; adoptions before the campaign's start count as a head start.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from campaign_kit.core.model import Campaign
from campaign_kit.spread.campaign import Assumptions, assumptions, campaign_target, employee_departments
from campaign_kit.spread.fit import Fit, fit, thin
from campaign_kit.spread.model import Rates, expected_curve, simulate
from campaign_kit.spread.plan import expected_share
from campaign_kit.spread.priors import central, prior_draws

HORIZON_WEEKS = 104  # "the target is reached on ..." looks this far ahead, else says "not within two years"
BAND = (0.1, 0.9)


@dataclass(frozen=True)
class SpreadProgress:
    begin: dt.date  # week 0: the campaign's start
    weeks: int  # full weeks measured
    departments: dict[str, int]  # colleagues per department
    team: np.ndarray  # ambassadors per department
    new: np.ndarray  # first adoptions per measured week and department, (weeks, departments)
    head_start: np.ndarray  # adopted before the start, per department
    outside: int  # adopters not on the employee list: not part of the group, not counted
    beyond: int  # adopters more than a department (or the group) has colleagues to win: not counted
    assumptions: Assumptions
    fit: Fit | None  # None while the data is too thin
    thin: str | None  # why there is no fit
    rates: Rates  # fitted, or the priors' central rates
    target: float
    by: dt.date
    source: str  # "spread" or the KPI's id the target comes from
    ahead: np.ndarray  # expected share after each week from the last measured one (row 0: now), to the horizon
    band: np.ndarray  # 10th and 90th percentile of the share, from now to the target date, (2, weeks to go + 1)
    fitted: np.ndarray | None  # the fitted model's expected share after each measured week, from the start
    reached: dt.date | None  # the end of the week the expected share first reaches the target
    lagging: str | None  # the department furthest behind by the target date, with colleagues still to win
    as_is: float  # expected share by the target date with the team as it is
    one_more: float  # the same with one more ambassador in the lagging department
    by_department: np.ndarray  # expected colleagues reached per department by the target date, team included

    @property
    def measured_until(self) -> dt.date:
        """The last day of the last full week measured."""
        return self.begin + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def now(self) -> dt.date:
        """The day the forecast starts from: the day after the last full week."""
        return self.begin + dt.timedelta(days=7 * self.weeks)

    @property
    def size(self) -> int:
        return int(sum(self.departments.values()))

    @property
    def adopted(self) -> np.ndarray:
        """Adopted per department now (team members not included)."""
        return np.minimum(self.head_start + self.new.sum(axis=0), self.market)

    @property
    def market(self) -> np.ndarray:
        return np.array(list(self.departments.values())) - self.team

    @property
    def actual(self) -> np.ndarray:
        """The share of the group reached after each measured week (row 0: the start), team included."""
        rows = self.head_start + np.vstack([np.zeros(len(self.departments)), np.cumsum(self.new, axis=0)])
        return (np.minimum(rows, self.market).sum(axis=1) + self.team.sum()) / self.size

    def own_share(self, department: str) -> float:
        """The expected share of a department's colleagues reached by the target date."""
        i = list(self.departments).index(department)
        return float(self.by_department[i] / self.departments[department])

    @property
    def weeks_to_go(self) -> int:
        return self.band.shape[1] - 1

    @property
    def past(self) -> bool:
        """The target date lies in the weeks measured: what was reached then is known."""
        return self.by < self.now

    @property
    def weeks_to_target(self) -> float:
        """The end of the target date in weeks from now (row k of `ahead` is the end of day now + 7k - 1)."""
        return max(((self.by - self.now).days + 1) / 7, 0.0)

    @property
    def expected_by(self) -> float:
        """The expected share on the target date itself: between the two weeks' ends around it (the
        forecast runs in whole weeks from now). When the date has passed, the share measured then."""
        if self.past:
            return self.measured_on(self.by)
        return float(np.interp(self.weeks_to_target, np.arange(len(self.ahead)), self.ahead))

    @property
    def band_by(self) -> tuple[float, float]:
        """The 10th and 90th percentile of the share on the target date (between the weeks around it)."""
        at = min(self.weeks_to_target, self.weeks_to_go)
        weeks = np.arange(self.band.shape[1])
        return float(np.interp(at, weeks, self.band[0])), float(np.interp(at, weeks, self.band[1]))

    def measured_on(self, day: dt.date) -> float:
        """The share reached by the end of the last full week up to `day` (the start: head start and team)."""
        full = min(max((day - self.begin).days + 1, 0) // 7, self.weeks)
        return float(self.actual[full])


def weekly_adoptions(
    con: duckdb.DuckDBPyConnection,
    adoption: str,
    begin: dt.date,
    weeks: int,
    team: list[str],
    department_of: dict[str, str] | None,
    departments: list[str],
    cutoff: dt.date | None = None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """First adoptions per full week since `begin` and department, the head start per department, and
    how many adopters were not on the employee list. Team members are left out: they count from the start.
    Nothing after `cutoff` (default: the end of the last full week) counts, so a mid-term before the
    start sees only what happened by its own date."""
    cutoff = cutoff or begin + dt.timedelta(days=7 * weeks)
    rows = con.execute(
        "SELECT who, min(ts)::DATE AS first FROM (SELECT coalesce(person, ambassador) AS who, ts FROM events "
        "WHERE result = ? AND ts < ?) WHERE who IS NOT NULL GROUP BY who",
        [adoption, cutoff],
    ).fetchall()
    column = {name: i for i, name in enumerate(departments)}
    new = np.zeros((weeks, len(departments)), dtype=np.int64)
    head_start = np.zeros(len(departments), dtype=np.int64)
    outside = 0
    members = set(team)
    for who, first in rows:
        if who in members:
            continue
        department = "" if department_of is None else department_of.get(who)
        if department not in column:
            outside += 1
            continue
        week = (first - begin).days // 7
        if week < 0:
            head_start[column[department]] += 1
        else:
            new[week, column[department]] += 1
    return new, head_start, outside


def spread_progress(
    campaign: Campaign,
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date,
    team: list[str],
    team_departments: dict[str, str],
    draws: int = 100,  # bootstrap refits: about 40 ms each on this machine
    department_of: pd.Series | None = None,
) -> SpreadProgress | None:
    """The oil spot as of `as_of`: None when the campaign gives no target or no assumptions to plan with.
    `department_of`: each employee's department, when the caller has read the employee list already."""
    target = campaign_target(campaign)
    if target is None:
        return None
    share, by, source = target
    said = assumptions(campaign)
    if department_of is None:
        department_of = employee_departments(campaign)
    if department_of is None:
        groups = {"": campaign.population.size}
    else:
        counts = department_of.value_counts()
        groups = {str(k): int(v) for k, v in sorted(counts.items())}
        department_of = department_of.to_dict()
    names = list(groups)
    sizes = np.array(list(groups.values()), dtype=np.int64)
    allocation = np.zeros(len(names), dtype=np.int64)
    for member in team:
        where = "" if department_of is None else team_departments.get(member, department_of.get(member))
        if where in groups:
            allocation[names.index(where)] += 1
    allocation = np.minimum(allocation, sizes)
    weeks = max((as_of - campaign.start).days + 1, 0) // 7  # full weeks, as-of day included
    cutoff = min(campaign.start + dt.timedelta(days=7 * weeks), as_of + dt.timedelta(days=1))
    new, head_start, outside = weekly_adoptions(
        con, said.adoption, campaign.start, weeks, team, department_of, names, cutoff
    )
    market = sizes - allocation
    new, head_start, beyond = _within(new, head_start, market)
    reason = thin(new)
    fitted_curve = None
    found = None
    if reason is None:
        try:
            found = fit(new, market, allocation, head_start, cross=said.cross, draws=draws)
        except ValueError as problem:  # the optimiser found nothing to stand on: stay with the priors
            reason = str(problem)
    if found is not None:
        rates, rate_draws = found.rates, found.draws
        curve = expected_curve(rates, market, allocation, weeks, head_start)
        fitted_curve = (curve.sum(axis=1) + allocation.sum()) / sizes.sum()
    else:
        rates = Rates(*central(said.recruiting), said.cross)
        rate_draws = prior_draws(said.recruiting)
    now = np.minimum(head_start + new.sum(axis=0), market)
    today = campaign.start + dt.timedelta(days=7 * weeks)
    to_go = max(math.ceil(((by - today).days + 1) / 7), 0)  # weeks from now to the end of the target date
    horizon = max(to_go, HORIZON_WEEKS)
    ahead = expected_share(rates, sizes, allocation, horizon, now)
    runs = simulate(
        Rates(rate_draws[:, 0:1], rate_draws[:, 1:2], rate_draws[:, 2:3], said.cross),
        market,
        allocation,
        to_go,
        len(rate_draws),
        np.random.default_rng(2026),
        now,
    )
    band = np.quantile((runs.sum(axis=2) + allocation.sum()) / sizes.sum(), BAND, axis=0)
    if ahead[0] >= share - 1e-12:  # reached already: when it happened
        reached = _first_week_reached(new, head_start, market, allocation, share, campaign.start)
    else:
        hit = np.flatnonzero(ahead >= share - 1e-12)
        reached = today + dt.timedelta(days=7 * int(hit[0]) - 1) if hit.size else None
    at = min(max(((by - today).days + 1) / 7, 0.0), to_go)  # the end of the target date, in weeks from now
    lagging, as_is, one_more, by_department = _one_more(rates, sizes, allocation, at, now, names)
    if by < today:  # the date has passed: per department what was reached by then, as measured
        full = min(max((by - campaign.start).days + 1, 0) // 7, weeks)
        then = head_start + (new[:full].sum(axis=0) if full else 0)
        by_department = (np.minimum(then, market) + allocation).astype(float)
    return SpreadProgress(
        begin=campaign.start,
        weeks=weeks,
        departments=groups,
        team=allocation,
        new=new,
        head_start=head_start,
        outside=outside,
        beyond=beyond,
        assumptions=said,
        fit=found,
        thin=reason,
        rates=rates,
        target=share,
        by=by,
        source=source,
        ahead=ahead,
        band=band,
        fitted=fitted_curve,
        reached=reached,
        lagging=lagging,
        as_is=as_is,
        one_more=one_more,
        by_department=by_department,
    )


def _within(new: np.ndarray, head_start: np.ndarray, market: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Adoptions capped at the colleagues each department has to win (a population smaller than the
    exports' adopters, or a department list out of date): the later ones are left out and counted."""
    start = np.minimum(head_start, market)
    reached = np.minimum(start + np.cumsum(new, axis=0), market)
    capped = np.diff(np.vstack([start, reached]), axis=0).astype(np.int64)
    beyond = int(head_start.sum() + new.sum() - start.sum() - capped.sum())
    return capped, start, beyond


def _first_week_reached(
    new: np.ndarray, head_start: np.ndarray, market: np.ndarray, team: np.ndarray, share: float, begin: dt.date
) -> dt.date:
    """The end of the measured week in which the group reached the share (the target is met already;
    the start, when the team alone makes it)."""
    rows = head_start + np.vstack([np.zeros(len(market)), np.cumsum(new, axis=0)])
    shares = (np.minimum(rows, market).sum(axis=1) + team.sum()) / (market + team).sum()
    hit = np.flatnonzero(shares >= share - 1e-12)
    return begin + dt.timedelta(days=7 * int(hit[0]) - 1) if hit[0] > 0 else begin


def _one_more(
    rates: Rates, sizes: np.ndarray, team: np.ndarray, at: float, now: np.ndarray, names: list[str]
) -> tuple[str | None, float, float, np.ndarray]:
    """The department furthest behind `at` weeks from now, the target date (lowest expected share of
    its colleagues, among those with at least half a colleague still expected to be won over), the
    expected share of the group as is, and with one more ambassador there (who counts as reached, as
    every ambassador does); and the expected colleagues reached per department, team included."""
    market = sizes - team
    weeks = math.ceil(at)
    curve = _at(expected_curve(rates, market, team, weeks, now), at)
    as_is = float((curve.sum() + team.sum()) / sizes.sum())
    open_ = market - curve >= 0.5
    reached = curve + team
    if not open_.any():
        return None, as_is, as_is, reached
    own = np.where(open_, reached / np.where(sizes > 0, sizes, 1), np.inf)
    lagging = int(np.argmin(own))
    more = team.copy()
    more[lagging] += 1
    one_more = float(_at(expected_share(rates, sizes, more, weeks, now), at))
    return names[lagging], as_is, one_more, reached


def _at(rows: np.ndarray, at: float) -> np.ndarray:
    """Rows after each whole week (row 0: now), read at `at` weeks: between the two rows around it."""
    low = min(math.floor(at), len(rows) - 1)
    high = min(low + 1, len(rows) - 1)
    return rows[low] + (rows[high] - rows[low]) * (at - low)
