"""Action plan and capacity: hours the actions need per month against hours the team has."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .model import Campaign

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
