"""Dated report snapshots under outputs/<campaign>/: allocation, manifest, listing, index page.

A snapshot folder is claimed with an exclusive mkdir, so two runs on the same day (two cron jobs, or
cron and an analyst) always get different folders, and an existing snapshot is never written again.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from babel.dates import format_time

from campaign_kit.core.errors import CampaignError, Problem, public_line
from campaign_kit.core.formats import date
from campaign_kit.core.i18n import locale, t
from campaign_kit.core.paths import PACKAGE_DIR
from campaign_kit.core.storage import atomic_write_json, atomic_write_text, sha256_of
from campaign_kit.core.summary import CSS_FILE, Summary, summary_html
from campaign_kit.data.history import MANIFEST

INDEX = "index.html"
VERSIONED = (
    "campaign_kit",
    "papermill",
    "nbconvert",
    "nbformat",
    "pandas",
    "matplotlib",
    "pydantic",
    "ruamel.yaml",
    "ipywidgets",
    "ipykernel",
    "jupyter_client",
)


def allocate_snapshot(campaign_outputs: Path, as_of: dt.date) -> Path:
    """Create and return a new, empty snapshot folder: <date>, else <date>-2, <date>-3, ..."""
    campaign_outputs.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        name = as_of.isoformat() if n == 1 else f"{as_of.isoformat()}-{n}"
        folder = campaign_outputs / name
        try:
            folder.mkdir()  # atomic: exactly one concurrent run wins each name
            return folder
        except FileExistsError:
            n += 1


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    atomic_write_json(folder / MANIFEST, manifest)


def input_hashes(folder: Path, relative_to: Path) -> list[dict[str, str]]:
    """Every file of a copied campaign folder with its sha256, paths relative to the snapshot."""
    return [
        {"path": path.relative_to(relative_to).as_posix(), "sha256": sha256_of(path)}
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]


def package_versions() -> dict[str, str]:
    import platform

    versions = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@dataclass(frozen=True)
class IndexPhase:
    name: str
    status: str
    html: str | None
    summary: Summary | None = None  # the phase's headline tiles, already in the campaign's language
    problems: tuple[dict[str, Any], ...] = ()  # what stopped a failed phase (file, key, public message)


HEADLINES = "headlines"


PROBLEMS = "problems"
MAX_SHOWN = 5  # problems listed per failed phase on the index page


def write_problems(snapshot: Path, phase: str, problems: list[dict[str, Any]]) -> None:
    """The campaign problems that stopped a phase, written by its notebook for the runner and the index."""
    atomic_write_json(snapshot / PROBLEMS / f"{phase}.json", problems)


def read_problems(snapshot: Path, phase: str) -> list[dict[str, Any]]:
    try:
        return json.loads((snapshot / PROBLEMS / f"{phase}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def write_summary(snapshot: Path, phase: str, summary: Summary) -> None:
    """A phase's executive summary for the index page, written by its notebook during a run."""
    atomic_write_json(snapshot / HEADLINES / f"{phase}.json", summary.to_json())


def read_summary(snapshot: Path, phase: str) -> Summary | None:
    try:
        data = json.loads((snapshot / HEADLINES / f"{phase}.json").read_text(encoding="utf-8"))
        return Summary.from_json(data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def index_html(
    title: str,
    campaign_name: str,
    as_of: str,
    status: str,
    phases: list[IndexPhase],
    language: str,
    generated: str,
) -> str:
    """The snapshot's front page for management: campaign, as-of date, each phase with status and link."""
    esc = html.escape
    rows = []
    for phase in phases:
        label = esc(t(f"phase.{phase.name}", language))
        state = esc(t(f"status.{phase.status}", language))
        if phase.html:
            link = f'<a href="{esc(phase.html)}">{esc(t("report.open", language))}</a>'
        elif phase.status in ("notrun", "skipped"):
            link = ""
        elif phase.problems:  # the campaign's own mistakes, in plain words and without quoted values
            said = "".join(f"<li>{esc(public_line(p))}</li>" for p in phase.problems[:MAX_SHOWN])
            more = len(phase.problems) - MAX_SHOWN
            if more > 0:
                said += f"<li>{esc(t('report.more_problems', language, count=more))}</li>"
            heading = esc(t("report.failed_because", language))
            link = f'<div class="ck-problems"><p>{heading}</p><ul>{said}</ul></div>'
        else:
            link = f'<span class="ck-empty">{esc(t("report.no_report", language))}</span>'
        css = {"ok": "good", "notrun": "muted", "skipped": "muted"}.get(phase.status, "bad")
        figures = summary_html(phase.summary, compact=True) if phase.summary and phase.summary.tiles else ""
        rows.append(f'<tr><td>{label}</td><td class="{css}">{state}</td><td>{figures}</td><td>{link}</td></tr>')
    css_text = (PACKAGE_DIR / "run" / "templates" / "report" / "report.css").read_text(encoding="utf-8")
    css_text += CSS_FILE.read_text(encoding="utf-8")
    overall = "good" if status == "ok" else "bad"
    return f"""{page_start(language, title, css_text)}
<main>
<p class="ck-kicker">{esc(t("report.snapshot", language))}</p>
<h1>{esc(campaign_name)}</h1>
<p class="ck-asof">{esc(t("report.as_of", language))} {esc(as_of)} ·
<span class="{overall}">{esc(t(f"status.{status}", language))}</span> ·
{esc(t("report.generated", language))} {esc(generated)}</p>
<table class="ck-table ck-index">
<thead><tr><th>{esc(t("report.phase", language))}</th><th>{esc(t("report.status", language))}</th>
<th>{esc(t("report.headlines", language))}</th><th>{esc(t("report.report", language))}</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
</main>
</body>
</html>
"""


def _readable_time(stamp: str, language: str) -> str:
    """2026-11-26T12:43:17+00:00 -> 26 Nov 2026 12:43 (UTC+00:00), in the reader's locale."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    zone = moment.strftime("%z")
    shown = f"{date(moment.date(), language)} {format_time(moment, 'HH:mm', locale=locale(language))}"
    return shown + (f" (UTC{zone[:3]}:{zone[3:]})" if zone else "")


def page_start(language: str, title: str, css: str) -> str:
    """The start of a page for management, up to its body: offline (its CSS inline), phone-wide."""
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="{esc(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(title)}</title>
<style>{css}</style>
</head>
<body>"""


def write_index(folder: Path, manifest: dict[str, Any]) -> None:
    from campaign_kit.core.phases import PHASES

    ran = {
        p["name"]: IndexPhase(
            p["name"],
            p["status"],
            p.get("html"),
            read_summary(folder, p["name"]) if p["status"] == "ok" else None,
            tuple(p.get("problems") or ()),
        )
        for p in manifest["phases"]
    }
    ran |= {p["name"]: IndexPhase(p["name"], "skipped", None) for p in manifest.get("skipped", [])}
    # every phase of the method is listed, so management sees what this snapshot does not cover
    phases = [ran.get(phase.name, IndexPhase(phase.name, "notrun", None)) for phase in PHASES]
    language = manifest.get("language", "en")
    as_of = date(dt.date.fromisoformat(manifest["as_of"]), language)
    title = f"{manifest.get('name', manifest['campaign'])} – {as_of}"
    atomic_write_text(
        folder / INDEX,
        index_html(
            title,
            manifest.get("name", manifest["campaign"]),
            as_of,
            manifest["status"],
            phases,
            language,
            _readable_time(manifest.get("finished") or manifest.get("started") or "", language),
        ),
    )


def end_unfinished(manifest: dict[str, Any], status: str, reason: str) -> None:
    """A run that ended early: the snapshot and every phase still pending get `status`; finished
    phases keep theirs."""
    manifest.update(status=status, error=reason)
    for entry in manifest.get("phases", []):
        if entry.get("status") == "pending":
            entry.update(status=status, error=reason)


def mark_interrupted(campaign_outputs: Path) -> list[Path]:
    """Snapshots still marked running whose process is gone: marked interrupted, with their index."""
    from campaign_kit.data.history import gone, list_snapshots, read_manifest

    marked = []
    for folder in list_snapshots(campaign_outputs):
        manifest = read_manifest(folder)
        if manifest is None or not gone(manifest):
            continue
        end_unfinished(manifest, "interrupted", "interrupted")
        write_index(folder, manifest)
        write_manifest(folder, manifest)
        marked.append(folder)
    return marked


OWNER = ".campaign"  # in outputs/<name>/: the campaign folder whose snapshots and store these are


def claim_outputs(campaign_outputs: Path, source: Path) -> None:
    """outputs/<name>/ belongs to one campaign folder: a second folder of the same name (run
    ../other/leerprogramma) would mix its snapshots and activity store in. Refused, before anything
    is written; the first run of a campaign claims its folder."""
    owner = campaign_outputs / OWNER
    this = str(source.resolve())
    try:
        other = owner.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        campaign_outputs.mkdir(parents=True, exist_ok=True)
        atomic_write_text(owner, this + "\n")
        return
    if other != this:
        raise CampaignError(Problem.of(str(campaign_outputs), "", "error.outputs_taken", other=other, this=this))
