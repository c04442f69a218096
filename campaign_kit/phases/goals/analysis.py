"""Phase-1 calculations: readiness, obstacles, the action plan and capacity, KPI cascade and SMART checks.

Readiness: is the organisation ready to start, and what stands in the way. Capacity: hours the actions
need per month against hours the team has. Cascade: a KPI is stated either as a total for the campaign
or per ambassador; the other figure is derived from the planned team size. A KPI whose children share
its unit must be reached by them: the gap between the children's sum and the parent's total is what
the cascade reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.model import READINESS_ITEMS, Campaign, Kpi
from campaign_kit.spread.campaign import StartPlan, assumptions, campaign_target, start_plan
from campaign_kit.spread.model import expected_curve
from campaign_kit.spread.plan import chance, expected_share
from campaign_kit.spread.priors import prior_draws

# Readiness and obstacles


@dataclass(frozen=True)
class ReadinessSummary:
    total: int
    ready: int
    partial: int
    missing: int  # missing or unknown
    missing_items: tuple[str, ...]
    not_assessed: tuple[str, ...]  # conditions of the method nobody has assessed yet

    @property
    def verdict(self) -> str:
        """'go' when every condition is ready, 'conditional' with only partial ones, else 'nogo'."""
        if self.missing or self.not_assessed:
            return "nogo"
        if self.partial:
            return "conditional"
        return "go"


def readiness_summary(campaign: Campaign) -> ReadinessSummary:
    items = campaign.readiness
    statuses = [item.status for item in items]
    listed = {item.item for item in items}
    return ReadinessSummary(
        total=len(items),
        ready=statuses.count("ready"),
        partial=statuses.count("partial"),
        missing=statuses.count("missing") + statuses.count("unknown"),
        missing_items=tuple(i.item for i in items if i.status in ("missing", "unknown")),
        not_assessed=tuple(name for name in READINESS_ITEMS if name not in listed),
    )


def readiness_frame(campaign: Campaign) -> pd.DataFrame:
    return pd.DataFrame(
        [{"item": i.item, "status": i.status, "evidence": i.evidence, "owner": i.owner} for i in campaign.readiness],
        columns=["item", "status", "evidence", "owner"],
    )


def obstacle_frame(campaign: Campaign) -> pd.DataFrame:
    """Obstacles with their countermeasures; `attention` lists what the plan still lacks."""
    rows = []
    for obstacle in campaign.obstacles:
        attention = []
        if not obstacle.countermeasures:
            attention.append("no_plan")
        if not obstacle.owner.strip():
            attention.append("no_owner")
        rows.append(
            {
                "kind": obstacle.kind,
                "description": obstacle.description,
                "countermeasures": list(obstacle.countermeasures),
                "owner": obstacle.owner,
                "attention": attention,
            }
        )
    return pd.DataFrame(rows, columns=["kind", "description", "countermeasures", "owner", "attention"])


# Action plan and capacity

OPEN_STATUSES = ("todo", "doing")


def action_frame(campaign: Campaign, as_of: dt.date) -> pd.DataFrame:
    """The action plan in due-date order, with `overdue` for open actions past their due date."""
    rows = [
        {
            "id": a.id,
            "kpi": a.kpi,
            "description": a.description,
            "owner": a.owner,
            "start": a.start,
            "due": a.due,
            "hours": a.hours,
            "status": a.status,
            "overdue": a.status in OPEN_STATUSES and a.due < as_of,
        }
        for a in campaign.actions
    ]
    columns = ["id", "kpi", "description", "owner", "start", "due", "hours", "status", "overdue"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["due", "id"], kind="stable").reset_index(drop=True)


def month_range(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """(year, month) for every calendar month from `first` to `last`, both included."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def hours_by_action_month(campaign: Campaign) -> pd.DataFrame:
    """Each action's hours spread evenly over the days from its start (or due date) to its due date.

    Cancelled actions need no hours. Returns one row per (action, month) with the hours in that month.
    """
    rows = []
    for action in campaign.actions:
        if action.status == "cancelled" or action.hours == 0:
            continue
        first = action.start or action.due
        days = (action.due - first).days + 1
        for year, month in month_range(first, action.due):
            month_first = dt.date(year, month, 1)
            next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
            overlap = (min(action.due, next_month - dt.timedelta(days=1)) - max(first, month_first)).days + 1
            rows.append(
                {
                    "action": action.id,
                    "kpi": action.kpi,
                    "year": year,
                    "month": month,
                    "hours": action.hours * overlap / days,
                }
            )
    return pd.DataFrame(rows, columns=["action", "kpi", "year", "month", "hours"])


def capacity_by_month(campaign: Campaign, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per month from the campaign start (or earliest action) to its end: needed, available, balance.

    Available hours are the team's monthly hours, pro rata for a month the plan covers only in part.

    `over` marks months where the actions need more hours than the team has; `kpis_at_risk` lists
    the KPIs with actions in those months, in KPI order, unless the month is over by `as_of`: a
    crunch that has passed is history, not a risk (`past` says which months those are).
    """
    spread = hours_by_action_month(campaign)
    first = min([campaign.start, *[a.start or a.due for a in campaign.actions]])
    last = max([campaign.end, *[a.due for a in campaign.actions]])
    kpi_order = {k.id: i for i, k in enumerate(campaign.kpis)}
    rows = []
    for year, month in month_range(first, last):
        month_first = dt.date(year, month, 1)
        month_last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        # a month the plan only partly covers (the first and the last) has that share of the hours
        covered = (min(month_last, last) - max(month_first, first)).days + 1
        available = round(campaign.team.hours_per_month * covered / month_last.day, 2)
        in_month = spread[(spread["year"] == year) & (spread["month"] == month)]
        needed = float(in_month["hours"].sum())
        over = needed > available + 1e-9
        past = as_of is not None and month_last < as_of
        at_risk = over and not past
        kpis = sorted(set(in_month["kpi"]), key=lambda k: kpi_order.get(k, len(kpi_order))) if at_risk else []
        rows.append(
            {
                "year": year,
                "month": month,
                "needed": round(needed, 2),
                "available": available,
                "balance": round(available - needed, 2),
                "over": over,
                "past": past,
                "kpis_at_risk": kpis,
            }
        )
    return pd.DataFrame(
        rows, columns=["year", "month", "needed", "available", "balance", "over", "past", "kpis_at_risk"]
    )


# KPI cascade and SMART checks


def _totals(kpi: Kpi, ambassadors: int) -> tuple[float | None, float | None]:
    """(total, per ambassador) for one KPI, deriving whichever was not stated."""
    if kpi.target is None:
        return None, None
    if kpi.scope == "per_ambassador":
        return kpi.target * ambassadors, kpi.target
    return kpi.target, kpi.target / ambassadors


def cascade_frame(campaign: Campaign) -> pd.DataFrame:
    """One row per KPI: stated target, total, per ambassador, share of the population where it counts people."""
    ambassadors = campaign.team.ambassadors
    rows = []
    for kpi in campaign.kpis:
        total, per = _totals(kpi, ambassadors)
        share = total / campaign.population.size if (kpi.counts_people and total is not None) else None
        rows.append(
            {
                "id": kpi.id,
                "name": kpi.name,
                "parent": kpi.parent,
                "unit": kpi.unit,
                "scope": kpi.scope,
                "target": kpi.target,
                "total": total,
                "per_ambassador": per,
                "share": share,
            }
        )
    columns = ["id", "name", "parent", "unit", "scope", "target", "total", "per_ambassador", "share"]
    return pd.DataFrame(rows, columns=columns)


def cascade_gaps(campaign: Campaign, cascade: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each KPI with children in the same unit: the parent's total, the children's sum, the gap.

    gap = children - total: negative means the children fall short of what the parent needs.
    """
    frame = (cascade if cascade is not None else cascade_frame(campaign)).set_index("id")
    rows = []
    for kpi in campaign.kpis:
        children = frame[(frame["parent"] == kpi.id) & (frame["unit"] == kpi.unit)]
        total = frame.at[kpi.id, "total"]
        if children.empty or total is None or pd.isna(total) or children["total"].isna().any():
            continue
        children_sum = float(children["total"].sum())
        rows.append(
            {
                "id": kpi.id,
                "total": float(total),
                "children": children_sum,
                "children_ids": list(children.index),
                "gap": children_sum - float(total),
            }
        )
    return pd.DataFrame(rows, columns=["id", "total", "children", "children_ids", "gap"])


@dataclass
class SmartVerdict:
    kpi: str
    failures: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def smart_checks(
    campaign: Campaign,
    cascade: pd.DataFrame | None = None,
    gaps: pd.DataFrame | None = None,
    capacity: pd.DataFrame | None = None,
) -> list[SmartVerdict]:
    """Each KPI against the SMART checks of the method; each failure is (reason code, values)."""
    cascade = cascade if cascade is not None else cascade_frame(campaign)
    totals = cascade.set_index("id")
    gaps = (gaps if gaps is not None else cascade_gaps(campaign, cascade)).set_index("id")
    capacity = capacity if capacity is not None else capacity_by_month(campaign)
    risky_months: dict[str, list[tuple[int, int]]] = {}
    for row in capacity[capacity["kpis_at_risk"].map(bool)].itertuples():
        for kpi_id in row.kpis_at_risk:
            risky_months.setdefault(kpi_id, []).append((row.year, row.month))

    verdicts = []
    for kpi in campaign.kpis:
        failures: list[tuple[str, dict]] = []
        if not kpi.metric.strip():
            failures.append(("metric", {}))
        if kpi.target is None or kpi.target <= 0:
            failures.append(("target", {}))
        if not kpi.unit.strip():
            failures.append(("unit", {}))
        if kpi.baseline is None:
            failures.append(("baseline", {}))
        elif kpi.target is not None and kpi.target > 0 and kpi.target <= kpi.baseline:
            # the workbook's KPIs count what ambassadors bring about; a target must improve on today
            failures.append(("baseline_reached", {"target": kpi.target, "baseline": kpi.baseline}))
        if not kpi.owner.strip():
            failures.append(("owner", {}))
        if kpi.deadline is None:
            failures.append(("deadline", {}))
        elif not campaign.start <= kpi.deadline <= campaign.end:
            failures.append(
                ("deadline_outside", {"deadline": kpi.deadline, "start": campaign.start, "end": campaign.end})
            )
        total = totals.at[kpi.id, "total"]
        if kpi.counts_people and total is not None and not pd.isna(total) and total > campaign.population.size:
            failures.append(("population", {"total": total, "population": campaign.population.size}))
        if kpi.id in gaps.index and gaps.at[kpi.id, "gap"] < 0:
            failures.append(("cascade", {"children": gaps.at[kpi.id, "children"], "total": gaps.at[kpi.id, "total"]}))
        if (
            kpi.parent in gaps.index
            and kpi.id in gaps.at[kpi.parent, "children_ids"]
            and gaps.at[kpi.parent, "gap"] < 0
        ):
            # the child is where the plan must change, so it fails too
            failures.append(
                (
                    "cascade_child",
                    {
                        "parent": kpi.parent,
                        "children": gaps.at[kpi.parent, "children"],
                        "total": gaps.at[kpi.parent, "total"],
                    },
                )
            )
        if kpi.id in risky_months:
            failures.append(("capacity", {"months": risky_months[kpi.id]}))
        verdicts.append(SmartVerdict(kpi=kpi.id, failures=failures))
    return verdicts


@dataclass
class GoalsAnalysis:
    """Everything phase 1 reports, computed once and shared by its tables and charts."""

    cascade: pd.DataFrame
    gaps: pd.DataFrame
    capacity: pd.DataFrame
    verdicts: list[SmartVerdict]


def analyse_goals(campaign: Campaign, as_of: dt.date | None = None) -> GoalsAnalysis:
    """Cascade, gaps, capacity and SMART verdicts; with `as_of`, months already over are no risk."""
    cascade = cascade_frame(campaign)
    gaps = cascade_gaps(campaign, cascade)
    capacity = capacity_by_month(campaign, as_of)
    return GoalsAnalysis(cascade, gaps, capacity, smart_checks(campaign, cascade, gaps, capacity))


def spread_plan(campaign: Campaign) -> StartPlan | None:
    """Phase 1's oil-spot plan: from the campaign's start to its target (campaign_kit.spread)."""
    return start_plan(campaign)


# What if: another team, or another target, than the plan's


@dataclass(frozen=True)
class TeamOutcome:
    """What a team placed a given way is expected to do by the target date: the what-if form's
    numbers, computed with the same rates and rate draws as the planner so the two agree."""

    allocation: np.ndarray  # ambassadors per department
    target: float  # share of the group to reach
    curve: np.ndarray  # expected share of the group reached after each week (row 0: the start)
    departments: np.ndarray  # expected share of each department reached by the last week
    chance: float  # of reaching the target by the last week, over the planner's rate draws

    @property
    def size(self) -> int:
        return int(self.allocation.sum())

    @property
    def reach(self) -> float:
        """Expected share of the group reached by the date."""
        return float(self.curve[-1])


def planner_draws(start: StartPlan) -> np.ndarray:
    """The rate draws the planner judges a team's chance with (the priors, 400 draws): computed once
    per form, so every slider move is judged against the same simulated campaigns."""
    return prior_draws(start.result.assumptions.recruiting)


def team_outcome(
    start: StartPlan, allocation: Sequence[int], target: float | None = None, draws: np.ndarray | None = None
) -> TeamOutcome:
    """The expected reach week by week, per department by the date, and the chance of reaching
    `target` (default: the plan's) for ambassadors placed as `allocation` (one count per department,
    in the order of `start.result.departments`)."""
    result = start.result
    sizes = np.array(list(result.departments.values()), dtype=np.int64)
    team = np.asarray(allocation, dtype=np.int64)
    if team.shape != sizes.shape or np.any(team < 0) or np.any(team > sizes):
        raise ValueError(f"an allocation needs 0 to {sizes.tolist()} ambassadors per department, not {team.tolist()}")
    goal = start.target if target is None else float(target)
    if not 0 < goal <= 1:
        raise ValueError(f"a target is a share above 0 and at most 1, not {goal}")
    rates, weeks = result.rates, result.weeks
    curve = expected_share(rates, sizes, team, weeks)
    adopted = expected_curve(rates, sizes - team, team, weeks)[-1]
    by_department = (adopted + team) / sizes
    said = planner_draws(start) if draws is None else draws
    odds = chance(said, sizes, team, weeks, goal, cross=result.assumptions.cross)
    return TeamOutcome(team, goal, curve, by_department, odds)


def why_no_plan(campaign: Campaign) -> str:
    """Why `spread_plan` gives no plan, so the form can say it: 'assumptions' (nothing says how many
    colleagues an ambassador wins over), 'target' (no share to reach) or 'date' (the target's date is
    not after the start)."""
    try:
        assumptions(campaign)
    except CampaignError:
        return "assumptions"
    target = campaign_target(campaign)
    if target is None:
        return "target"
    return "date"
