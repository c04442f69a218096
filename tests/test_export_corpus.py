"""The corpus of real-shaped exports (tests/fixtures/exports, origins in NOTES.md): each is wired as
an analyst would (a column mapping and words only where the presets do not know them) and must give
the figures counted by hand in expected.json, or fail with a located message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_activity import write_campaign

from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
EXPECTED = [e for e in json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["files"]]
# reports of a whole period, one row per campaign or user and no date: not activity the store can date
PERIOD_REPORTS = {"sharing_smarp_advocacy_users.csv", "web_ga4_traffic_acquisition_week.csv"}
IMPORTED = [
    e for e in EXPECTED if e["kind"] != "people" and not e.get("status_report") and e["file"] not in PERIOD_REPORTS
]


def wired(tmp_path: Path, entry: dict) -> Path:
    values: dict[str, list[str]] = {}
    for word, result in entry.get("values", {}).items():
        if result:
            values.setdefault(result, []).append(word)
    source = {"kind": entry["kind"], "files": entry["file"], "columns": entry.get("columns", {}), "values": values}
    folder = write_campaign(tmp_path / "campaign", [source])
    shutil.copy(FIXTURES / entry["file"], folder / entry["file"])
    return folder


def test_the_corpus_covers_every_kind_and_its_shapes():
    kinds = [e["kind"] for e in IMPORTED]
    assert all(kinds.count(k) >= 3 for k in ("learning", "sharing", "web", "recruitment")), kinds
    encodings = {e["encoding"] for e in IMPORTED}
    assert {"utf-8", "utf-8-sig", "utf-16", "cp1252", "xlsx"} <= encodings
    assert sum(1 for e in IMPORTED if e["preamble_lines"]) >= 4 and sum(1 for e in IMPORTED if e["footer_lines"]) >= 4


@pytest.mark.parametrize("entry", IMPORTED, ids=[e["file"] for e in IMPORTED])
def test_each_export_gives_the_figures_counted_by_hand(entry, tmp_path):
    folder = wired(tmp_path, entry)
    warnings: list = []
    assert activity.check_sources(load_campaign(folder), warnings) == []  # validate finds nothing wrong either
    # ... and says how many rows belong to no one, as a warning
    nobody_rows = [w.values["n"] for w in warnings if w.label == "warning.unattributed"]
    assert nobody_rows == ([entry["unattributed_rows"]] if entry.get("unattributed_rows") else [])
    with activity.open_store(tmp_path / "store.duckdb") as con:
        report = activity.sync(load_campaign(folder), con)
        got = dict(con.execute("SELECT result, sum(n) FROM events GROUP BY result").fetchall())
        ambassadors = sorted(a for (a,) in con.execute("SELECT DISTINCT ambassador FROM events").fetchall() if a)
    nobody = entry.get("unattributed_totals", {})
    want = {result: total - nobody.get(result, 0) for result, total in entry["totals"].items()}
    assert {r: got.get(r, 0) for r in want} == want
    if "visit" in want:
        assert got["visit"] == entry["totals"]["visit"]  # visits via colleagues: nobody's are not in it
    skipped = report.files[0]["skipped"]
    assert skipped.get("unattributed", 0) == entry.get("unattributed_rows", 0)
    assert skipped.get("preamble", 0) == entry["preamble_lines"]
    if "footer" in skipped:  # notes or a second table under the records, with the totals line above them
        assert skipped["footer"] + skipped.get("totals", 0) == entry["footer_lines"]
    if "ambassadors" in entry:
        assert ambassadors == sorted(entry["ambassadors"])


@pytest.mark.parametrize("name", sorted(PERIOD_REPORTS))
def test_a_period_report_without_dates_is_refused_with_what_it_lacks(name, tmp_path):
    entry = next(e for e in EXPECTED if e["file"] == name)
    problems = activity.check_sources(load_campaign(wired(tmp_path, entry)))
    assert problems and problems[0].file == name
    assert problems[0].key == "column 'date'" and "the file has:" in problems[0].message
    header_words = {
        "web_ga4_traffic_acquisition_week.csv": "Session campaign",
        "sharing_smarp_advocacy_users.csv": "User",
    }
    assert header_words[name] in problems[0].message  # the real header, not a line of the preamble


STATUS_REPORTS = [e for e in EXPECTED if e.get("status_report")]


def wired_status_report(tmp_path: Path, entry: dict, **extra) -> Path:
    """A status report wired as the README says: its date column per event, the person column mapped."""
    columns = entry["columns"]
    source = {
        "kind": "learning",
        "files": entry["file"],
        "columns": {"employee": columns["employee"]},
        "dates": {"start": columns["start_date"], "completion": columns["completion_date"]},
        **extra,
    }
    folder = write_campaign(tmp_path / "campaign", [source])
    shutil.copy(FIXTURES / entry["file"], folder / entry["file"])
    return folder


@pytest.mark.parametrize("entry", STATUS_REPORTS, ids=[e["file"] for e in STATUS_REPORTS])
def test_an_undeclared_status_report_is_refused_with_how_to_declare_it(entry, tmp_path):
    # one row per person and course: read as events, a completion would get one date for start and end
    problems = activity.check_sources(load_campaign(wired(tmp_path, entry)))
    assert [p.label for p in problems] == ["error.status_report"]
    assert entry["columns"]["completion_date"] in problems[0].message and "dates:" in problems[0].message


@pytest.mark.parametrize("entry", STATUS_REPORTS, ids=[e["file"] for e in STATUS_REPORTS])
def test_a_declared_status_report_gives_one_event_per_filled_date(entry, tmp_path):
    folder = wired_status_report(tmp_path, entry)
    warnings: list = []
    assert activity.check_sources(load_campaign(folder), warnings) == []
    assert [(w.label, w.values["n"]) for w in warnings] == [("warning.repeated", 1)]
    with activity.open_store(tmp_path / "store.duckdb") as con:
        report = activity.sync(load_campaign(folder), con)
        got = dict(con.execute("SELECT result, count(*) FROM events GROUP BY result").fetchall())
    # counted by hand in expected.json: the repeated row once, 'Subscribed' / 'Niet gestart' no start
    assert got == {"start": entry["starts"], "completion": entry["completions"]}
    skipped = report.files[0]["skipped"]
    assert skipped.get("repeated") == entry["repeated_rows"] == 1
    assert report.files[0]["rows"] - skipped["repeated"] == entry["entities"]
    assert skipped.get("preamble", 0) == entry["preamble_lines"]
