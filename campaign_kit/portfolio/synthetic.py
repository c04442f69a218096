"""Campaigns and snapshots written directly, as runs write them: for the portfolio's tests and its
benchmark (fifty campaigns with a year of monthly snapshots cannot be made by running notebooks).

The files are the ones a run leaves behind (manifest.json, index.html, headlines/<phase>.json,
midterm.json, final.json, problems/<phase>.json) with the same keys, so the portfolio reads them
exactly as it reads real snapshots.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from campaign_kit.core.phases import PHASES
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.portfolio.analysis import FINAL_FILE, HEADLINES, INDEX, MIDTERM_FILE

NUMBERS = {p.name: p.number for p in PHASES}


def campaign_data(
    name: str,
    *,
    language: str = "en",
    start: dt.date = dt.date(2026, 1, 5),
    end: dt.date = dt.date(2026, 12, 18),
    kpis: list[dict[str, Any]] | None = None,
    budget: float | None = 5000,
    currency: str = "EUR",
) -> dict[str, Any]:
    """A small valid campaign.yaml (as data): KPIs with targets and deadlines, and a reward budget."""
    data: dict[str, Any] = {
        "name": name,
        "organisation": "Synthetic Org",
        "language": language,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "population": {"description": "All staff", "size": 400},
        "team": {"ambassadors": 8, "hours_per_month": 6},
        "goal": {"statement": "More colleagues take part"},
        "kpis": kpis
        if kpis is not None
        else [
            {
                "id": f"K{i}",
                "name": f"KPI number {i}",
                "metric": "count in the export",
                "target": 40 * i,
                "unit": "people",
                "baseline": 0,
                "deadline": end.isoformat(),
                "owner": "HR",
            }
            for i in (1, 2, 3)
        ],
    }
    if budget is not None:
        data["rewards"] = {"currency": currency, "budget": budget, "hours_per_month": 6}
    return data


def write_campaign(parameters: Path, slug: str, data: dict[str, Any]) -> Path:
    """parameters/<slug>/campaign.yaml (JSON is YAML)."""
    folder = parameters / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "campaign.yaml").write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return folder


def write_snapshot(
    outputs: Path,
    slug: str,
    day: dt.date,
    phases: dict[str, str],
    *,
    name: str = "",
    language: str = "en",
    status: str | None = None,
    run: int = 1,
    midterm: dict[str, Any] | None = None,
    final: dict[str, Any] | None = None,
    headlines: dict[str, Summary] | None = None,
    problems: dict[str, list[dict[str, Any]]] | None = None,
    error: str | None = None,
    process: dict[str, Any] | None = None,
    index: bool = True,
) -> Path:
    """outputs/<slug>/<day>[-run]/ with the files a run of `phases` ({name: status}) leaves."""
    folder = outputs / slug / (day.isoformat() if run == 1 else f"{day.isoformat()}-{run}")
    folder.mkdir(parents=True)
    overall = status or ("ok" if all(s == "ok" for s in phases.values()) else "failed")
    entries = []
    for phase, state in sorted(phases.items(), key=lambda item: NUMBERS[item[0]]):
        stem = f"{NUMBERS[phase]:02d}_{phase}"
        entry: dict[str, Any] = {
            "name": phase,
            "number": NUMBERS[phase],
            "status": state,
            "seconds": 1.0 if state in ("ok", "failed") else None,
            "notebook": f"{stem}.ipynb",
            "html": f"{stem}.html" if state == "ok" else None,
            "error": error if state == "failed" else None,
        }
        if problems and phase in problems:
            entry["problems"] = problems[phase]
        entries.append(entry)
    manifest = {
        "campaign": slug,
        "name": name or slug,
        "language": language,
        "as_of": day.isoformat(),
        "snapshot": folder.name,
        "status": overall,
        "process": process or {"host": "synthetic", "pid": 1, "since": 0.0},
        "started": f"{day.isoformat()}T06:00:00+00:00",
        "finished": None if overall == "running" else f"{day.isoformat()}T06:01:00+00:00",
        "seconds": None,
        "phases": entries,
        "skipped": [],
        "inputs": [],
        "versions": {},
    }
    if error and overall != "ok":
        manifest["error"] = error
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    if index:
        (folder / INDEX).write_text(f"<!DOCTYPE html><title>{slug} {day}</title><h1>{slug}</h1>", encoding="utf-8")
    for phase, summary in (headlines or {}).items():
        (folder / HEADLINES).mkdir(exist_ok=True)
        (folder / HEADLINES / f"{phase}.json").write_text(json.dumps(summary.to_json()), encoding="utf-8")
    for phase, found in (problems or {}).items():
        (folder / "problems").mkdir(exist_ok=True)
        (folder / "problems" / f"{phase}.json").write_text(json.dumps(found), encoding="utf-8")
    if midterm is not None:
        (folder / MIDTERM_FILE).write_text(json.dumps(midterm, indent=2, sort_keys=True), encoding="utf-8")
    if final is not None:
        (folder / FINAL_FILE).write_text(json.dumps(final, indent=2, sort_keys=True), encoding="utf-8")
    return folder


def midterm_figures(day: dt.date, kpis: dict[str, tuple[float, str]], earned: float | None) -> dict[str, Any]:
    """midterm.json as phases/midterm/analysis.summary writes it: {KPI id: (actual, status)}."""
    return {
        "as_of": day.isoformat(),
        "kpis": {k: {"actual": a, "status": s, "forecast": a * 1.5} for k, (a, s) in kpis.items()},
        "totals": {},
        "active": 5,
        "team": 8,
        "earned": earned,
    }


def final_figures(
    day: dt.date,
    *,
    incentives: float,
    prizes: float,
    fixed: float,
    budget: float | None,
    totals: dict[str, float],
    currency: str | None = "EUR",
    provisional: bool = False,
) -> dict[str, Any]:
    """final.json as phases/final/analysis.summary writes it."""
    total = incentives + prizes + fixed
    return {
        "as_of": day.isoformat(),
        "provisional": provisional,
        "currency": currency,
        "budget": budget,
        "costs": {"incentives": incentives, "prizes": prizes, "fixed": fixed, "total": total},
        "totals": totals,
        "cost_per_outcome": {
            r: (total / totals[r] if totals.get(r) else None) for r in ("completion", "applicant", "hire", "click")
        },
        "value": None,
        "media": None,
        "roi": None,
    }


def midterm_tiles(on_course: int, of: int, active: int, team: int) -> Summary:
    return Summary(
        (
            Tile("KPIs on course", f"{on_course} / {of}", "good" if on_course == of else "warn"),
            Tile("Active ambassadors", f"{active} / {team}", "info"),
        ),
        ("Synthetic figures.",),
    )


def year_of_snapshots(outputs: Path, slug: str, first: dt.date, months: int, seed: int, name: str) -> None:
    """A campaign run on the first of every month: goals from the start, the mid-term from the second
    month (KPI actuals and rewards rising at their own pace), the final evaluation in the last."""
    rng = random.Random(seed)
    pace = {f"K{i}": rng.uniform(2, 9) * i for i in (1, 2, 3)}
    for m in range(months):
        day = dt.date(first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1, 1)
        phases = {"goals": "ok"}
        midterm = final = None
        headlines = {}
        if m >= 1:
            phases["midterm"] = "ok"
            kpis = {}
            for k, speed in pace.items():
                actual = round(speed * m + rng.uniform(0, 3), 1)
                target = 40 * int(k[1:])
                ratio = actual / (target * (m + 1) / months)
                kpis[k] = (actual, "green" if ratio >= 1 else "amber" if ratio >= 0.8 else "red")
            earned = round(35 * m * rng.uniform(0.8, 1.2), 2)
            midterm = midterm_figures(day, kpis, earned)
            good = sum(1 for _, s in kpis.values() if s == "green")
            headlines["midterm"] = midterm_tiles(good, len(kpis), rng.randint(3, 8), 8)
        if m == months - 1:
            phases["final"] = "ok"
            final = final_figures(
                day,
                incentives=35.0 * m,
                prizes=150.0,
                fixed=800.0,
                budget=5000,
                totals={"completion": float(rng.randint(20, 60)), "click": float(rng.randint(200, 900))},
            )
        write_snapshot(outputs, slug, day, phases, name=name, midterm=midterm, final=final, headlines=headlines)


def portfolio_of(root: Path, campaigns: int, months: int, first: dt.date = dt.date(2026, 1, 1)) -> None:
    """`campaigns` synthetic campaigns under root/parameters, each with `months` monthly snapshots
    under root/outputs (the benchmark's workbook)."""
    for i in range(campaigns):
        slug = f"campaign-{i + 1:03d}"
        name = f"Synthetic campaign {i + 1}"
        write_campaign(
            root / "parameters", slug, campaign_data(name, start=first, end=first + dt.timedelta(days=30 * months))
        )
        year_of_snapshots(root / "outputs", slug, first, months, seed=i, name=name)
