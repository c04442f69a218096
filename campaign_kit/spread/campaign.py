"""The oil-spot planner on a campaign: its departments, its assumptions, its plan."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.model import Campaign
from campaign_kit.core.validation import ADOPTION_RESULTS
from campaign_kit.spread.model import Rates, simulate
from campaign_kit.spread.plan import Plan, best_allocation, expected_share, smallest_team
from campaign_kit.spread.priors import central, prior_draws

if TYPE_CHECKING:
    from campaign_kit.phases.selection.people import People


@dataclass(frozen=True)
class Assumptions:
    adoption: str  # the result whose first occurrence per colleague counts as adopting
    per_ambassador: float  # colleagues each ambassador brings in on their own ...
    weeks: float  # ... within this many weeks
    cross: float
    source: str  # where they come from: "spread" (campaign.yaml) or the per-ambassador KPI's id

    @property
    def recruiting(self) -> float:
        """r: colleagues one ambassador brings in per week (5 in 26 weeks: 0.19 a week)."""
        return self.per_ambassador / self.weeks


@dataclass(frozen=True)
class CampaignPlan:
    begin: dt.date  # the plan's week 0
    departments: dict[str, int]
    target: float
    weeks: int
    assumptions: Assumptions
    rates: Rates
    plan: Plan | None  # None: no team of at most `largest` reaches the target by the date
    largest: int
    largest_share: float  # expected share reached by the date with the largest team, placed the best way
    planned: np.ndarray  # the campaign's planned team size, placed the best way
    planned_curve: np.ndarray
    around: dict[int, np.ndarray]  # the planned team ± 2: expected share after each week
    band: np.ndarray  # the planned team: 10th and 90th percentile of the share after each week, (2, weeks + 1)


def assumptions(campaign: Campaign) -> Assumptions:
    """The `spread` section, or else the cascade: a KPI per ambassador that counts people by a result
    the exports can attribute to a colleague (K2a: 5 completions per ambassador by the deadline)."""
    if campaign.spread is not None:
        s = campaign.spread
        return Assumptions(s.adoption, s.per_ambassador, s.weeks, s.cross, "spread")
    for kpi in campaign.kpis:
        m = kpi.measure
        if (
            kpi.scope == "per_ambassador"
            and kpi.target
            and m is not None
            and m.count == "people"
            and m.result in ADOPTION_RESULTS  # a click or a visit is not a colleague won over
        ):
            days = ((kpi.deadline or campaign.end) - campaign.start).days
            return Assumptions(m.result, float(kpi.target), max(days, 7) / 7, 0.2, kpi.id)
    raise CampaignError([Problem.of("campaign.yaml", "spread", "error.spread_missing")], campaign.language)


def _people(campaign: Campaign) -> People | None:
    """The employee list and nominations, when the campaign has them."""
    if campaign.selection is None:
        return None
    from campaign_kit.phases.selection.people import load_people

    return load_people(campaign)


def employee_departments(campaign: Campaign, people: People | None = None) -> pd.Series | None:
    """Each employee's department (id -> department, "" when the list leaves it empty), or None when
    the campaign has no employee list."""
    people = people or _people(campaign)
    if people is None:
        return None
    return people.employees.set_index("id")["department"].fillna("").astype(str)


def departments(campaign: Campaign, department_of: pd.Series | None = None) -> dict[str, int]:
    """Colleagues per department: from the employee list when the campaign has one, else the whole
    population as one group."""
    if department_of is None:
        department_of = employee_departments(campaign)
    if department_of is None:
        return {"": campaign.population.size}
    return {str(k): int(v) for k, v in sorted(department_of.value_counts().items())}


def largest_team(campaign: Campaign, people: int, read: People | None = None) -> int:
    """The most ambassadors a plan may ask for: the selection's maximum, else everyone nominated,
    else a tenth of the group (a team that large is no longer a few ambassadors)."""
    if campaign.selection is not None:
        if campaign.selection.team.maximum is not None:
            return min(campaign.selection.team.maximum, people)
        read = read or _people(campaign)
        return min(len(read.candidates), people)
    return max(math.ceil(people / 10), campaign.team.ambassadors)


def plan_campaign(campaign: Campaign, target: float, by: dt.date, as_of: dt.date) -> CampaignPlan:
    """The smallest team that reaches `target` (a share of the group) by `by`, from `as_of` (or the
    campaign's start, when later) with the priors and the cascade's recruiting."""
    begin = max(as_of, campaign.start)
    if by <= begin:
        raise CampaignError(
            [Problem.of("--by", by.isoformat(), "error.spread_by_past", start=begin.isoformat())], campaign.language
        )
    if not 0 < target <= 1:
        raise CampaignError([Problem.of("--reach", f"{target:.0%}", "error.spread_target")], campaign.language)
    weeks = math.ceil((by - begin).days / 7)
    said = assumptions(campaign)
    read = _people(campaign)  # once: the departments and the nominations come from the same files
    groups = departments(campaign, employee_departments(campaign, read))
    sizes = np.array(list(groups.values()))
    p, q, r = central(said.recruiting)
    rates = Rates(p, q, r, said.cross)
    draws = prior_draws(said.recruiting)
    largest = largest_team(campaign, int(sizes.sum()), read)
    plan = smallest_team(rates, draws, sizes, weeks, target, largest=largest)
    planned_size = min(campaign.team.ambassadors, int(sizes.sum()))
    around, placed = {}, {}
    # two more only up to the largest team allowed (the planned team itself may exceed it)
    for n in range(max(planned_size - 2, 0), min(planned_size + 2, max(largest, planned_size)) + 1):
        placed[n] = best_allocation(n, rates, sizes, weeks)
        around[n] = expected_share(rates, sizes, placed[n], weeks)
    planned = placed[planned_size]
    runs = simulate(
        Rates(draws[:, 0:1], draws[:, 1:2], draws[:, 2:3], said.cross),
        sizes - planned,
        planned,
        weeks,
        len(draws),
        np.random.default_rng(2026),
    )
    shares = (runs.sum(axis=2) + planned.sum()) / sizes.sum()
    band = np.quantile(shares, [0.1, 0.9], axis=0)
    most = float(expected_share(rates, sizes, best_allocation(largest, rates, sizes, weeks), weeks)[-1])
    return CampaignPlan(
        begin, groups, target, weeks, said, rates, plan, largest, most, planned, around[planned_size], around, band
    )


def campaign_target(campaign: Campaign) -> tuple[float, dt.date, str] | None:
    """The share to reach and by when: the `spread` section's, or else the cascade's total KPI that
    counts people by the adoption result (K2: 25 completions of 30 colleagues by its deadline), with
    where it comes from. The share counts the ambassadors as reached, as the plan does: a KPI that
    counts colleagues with a completion counts an ambassador who completes too."""
    if campaign.spread is not None and campaign.spread.reach is not None:
        return campaign.spread.reach, campaign.spread.by or campaign.end, "spread"
    try:
        adoption = assumptions(campaign).adoption
    except CampaignError:
        return None
    for kpi in campaign.kpis:
        m = kpi.measure
        if kpi.scope == "total" and kpi.target and m is not None and m.count == "people" and m.result == adoption:
            share = min(kpi.target / campaign.population.size, 1.0)
            return share, kpi.deadline or campaign.end, kpi.id
    return None


@dataclass(frozen=True)
class StartPlan:
    """Phase 1's view: the plan from the campaign's start to its target."""

    target: float
    by: dt.date
    source: str  # "spread" or the KPI's id
    result: CampaignPlan


def start_plan(campaign: Campaign) -> StartPlan | None:
    """The oil-spot plan from the campaign's start, or None when the campaign gives no target or no
    assumptions to plan with."""
    target = campaign_target(campaign)
    if target is None or target[1] <= campaign.start:
        return None
    share, by, source = target
    return StartPlan(share, by, source, plan_campaign(campaign, share, by, campaign.start))
