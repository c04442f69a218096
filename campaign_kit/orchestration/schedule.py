"""When each phase of a campaign is due, from the campaign's own start and end dates.

Used by the Airflow DAG factory, which runs in Airflow's virtual environment: this module imports the
standard library and PyYAML (which Airflow has) only, never pandas, pydantic or the rest of campaign_kit,
so that it loads there by its path without the workbook's dependencies.

The calendar, for every campaign folder:
- the plan (phases 1-3: goals, selection, rewards) on the campaign's first day, as it was launched;
- the mid-term (phase 4) on the first Monday of each month, up to the last day, once the campaign has
  run two weeks (before that the mid-term judges every KPI "too early to judge": a report nobody needs);
- the final (phase 5) on the campaign's last day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CAMPAIGN_FILE = "campaign.yaml"
MAX_BYTES = 1_000_000  # the workbook refuses a larger campaign.yaml; the scheduler need not read it either
PLAN = ("goals", "selection", "rewards")
PHASES = (*PLAN, "midterm", "final")
# the section of campaign.yaml a phase needs (the runner refuses a phase asked for by name without it)
SECTIONS = {"selection": "selection", "rewards": "rewards", "midterm": "activity", "final": "evaluation"}
SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
MONDAY = 0
SETTLING = dt.timedelta(days=14)  # the mid-term's own "too early to judge" period


@dataclass(frozen=True)
class CampaignDates:
    """A campaign folder as the scheduler sees it: its name, first and last day, or why it has none."""

    name: str
    folder: Path
    start: dt.date | None
    end: dt.date | None
    problem: str | None = None
    sections: frozenset[str] = frozenset()


def safe_id(name: str) -> str:
    """A campaign folder name as Airflow accepts it in DAG and pool ids (letters, digits, _ . -)."""
    return SAFE_ID.sub("_", name).strip("_") or "campaign"


def first_monday(year: int, month: int) -> dt.date:
    """The first Monday of a month (cron cannot say this: its day-of-month and day-of-week are OR-ed)."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(MONDAY - first.weekday()) % 7)


def first_mondays(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every first Monday of a month from `start` to `end`, both included."""
    found = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        day = first_monday(year, month)
        if start <= day <= end:
            found.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def midterm_dates(start: dt.date, end: dt.date) -> list[dt.date]:
    """The mid-terms: the first Mondays from two weeks after the first day (earlier, there is nothing to
    judge yet)."""
    return first_mondays(start + SETTLING, end)


def calendar(start: dt.date, end: dt.date) -> dict[dt.date, tuple[str, ...]]:
    """Each scheduled day of a campaign with the phases due on it, in date order."""
    days: dict[dt.date, list[str]] = {start: list(PLAN)}
    for day in midterm_dates(start, end):
        days.setdefault(day, []).append("midterm")
    days.setdefault(end, []).append("final")
    return {day: tuple(days[day]) for day in sorted(days)}


def phases_due(start: dt.date, end: dt.date, day: dt.date) -> tuple[str, ...]:
    """The phases due on a day (none on a day the calendar does not name)."""
    return calendar(start, end).get(day, ())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def read_campaign(folder: Path) -> CampaignDates:
    """A campaign folder's first and last day and top-level sections, read without the workbook.

    Never raises: a campaign whose file cannot be read still gets its DAG (without a schedule), and a
    run of it says what is wrong in the workbook's own words."""
    path = folder / CAMPAIGN_FILE
    name = folder.name
    try:
        import yaml

        if path.stat().st_size > MAX_BYTES:
            return CampaignDates(name, folder, None, None, f"{CAMPAIGN_FILE} is over 1 MB")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ImportError) as exc:
        return CampaignDates(name, folder, None, None, f"{CAMPAIGN_FILE} cannot be read: {exc}")
    except Exception as exc:  # noqa: BLE001 - any YAML error: the workbook's validate names it precisely
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return CampaignDates(name, folder, None, None, f"{CAMPAIGN_FILE} is not valid YAML: {first}")
    if not isinstance(data, dict):
        return CampaignDates(name, folder, None, None, f"{CAMPAIGN_FILE} is not a mapping of keys")
    start, end = _date(data.get("start")), _date(data.get("end"))
    sections = frozenset(key for key, value in data.items() if isinstance(key, str) and value is not None)
    if start is None or end is None:
        return CampaignDates(name, folder, start, end, f"{CAMPAIGN_FILE} has no valid start: and end: dates", sections)
    if end < start:
        return CampaignDates(name, folder, start, end, f"{CAMPAIGN_FILE} ends ({end}) before it starts ({start})")
    return CampaignDates(name, folder, start, end, None, sections)


def campaign_folders(parameters: Path) -> list[Path]:
    """The campaign folders under a parameters folder: those with a campaign.yaml, by name."""
    if not parameters.is_dir():
        return []
    return sorted(p for p in parameters.iterdir() if p.is_dir() and (p / CAMPAIGN_FILE).is_file())


def missing_section(campaign: CampaignDates, phase: str) -> str | None:
    """The campaign.yaml section a phase needs and the campaign does not have yet, else None."""
    section = SECTIONS.get(phase)
    return section if section is not None and section not in campaign.sections else None
