"""Small builders for hand-computed test campaigns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from campaign_kit.core.model import Campaign


def campaign(**overrides: Any) -> Campaign:
    """A minimal valid campaign; keyword arguments replace top-level keys."""
    return Campaign.model_validate(campaign_data(**overrides))


def campaign_data(**overrides: Any) -> dict[str, Any]:
    """The raw data of `campaign()`, for validation tests."""
    data: dict[str, Any] = {
        "name": "Test",
        "organisation": "Org",
        "language": "en",
        "start": dt.date(2027, 1, 1),
        "end": dt.date(2027, 6, 30),
        "population": {"description": "All staff", "size": 30},
        "team": {"ambassadors": 5, "hours_per_month": 10},
        "goal": {"statement": "Get people learning"},
    }
    data.update(overrides)
    return data


def kpi(id: str, **fields: Any) -> dict[str, Any]:
    """A KPI that passes every SMART check unless fields say otherwise."""
    base = {
        "id": id,
        "name": f"KPI {id}",
        "metric": "count in the LMS",
        "target": 5,
        "unit": "people",
        "baseline": 0,
        "deadline": dt.date(2027, 3, 1),
        "owner": "HR",
    }
    base.update(fields)
    return base


def action(id: str, kpi: str, due: dt.date, hours: float, start: dt.date | None = None, **fields: Any):
    return {"id": id, "kpi": kpi, "description": f"do {id}", "due": due, "hours": hours, "start": start, **fields}
