"""KPI cascade arithmetic and SMART checks.

A KPI is stated either as a total for the campaign or per ambassador; the other figure is derived
from the planned team size. A KPI whose children share its unit must be reached by them: the gap
between the children's sum and the parent's total is what the cascade reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .model import Campaign, Kpi
from .planning import capacity_by_month


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
