"""The import assistant (campaign_kit.data.importing) on the export corpus (tests/fixtures/exports, counted
by hand in expected.json) and on small files written here: the layout it detects, the date format, the
columns and words it suggests, how it reads a source as a run would, the overrides a campaign may name
(encoding, separator, decimal mark, header row, date format, words to ignore) as the real import honours
them, the people files of phase 2, the campaign.yaml entries it writes and the files it offers."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from test_activity import write_campaign
from test_people_corpus import wired as wired_people

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.model import Criterion, FileFormat
from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity
from campaign_kit.data import importing as im
from campaign_kit.data.people_files import EMPLOYEE_COLUMNS
from campaign_kit.data.readers import convert, map_columns, read_table
from campaign_kit.phases.selection.people import load_people

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["files"]
BY_NAME = {e["file"]: e for e in EXPECTED}
ACTIVITY = [e for e in EXPECTED if e["kind"] != "people"]
# everything a run can date: not the period reports without a date column (Smarp, GA4's week report)
READABLE = [e for e in ACTIVITY if "date" not in e.get("missing_required", [])]
WORDED = [e for e in ACTIVITY if e["values"]]
HR, FORMS, MOODLE = "people_hr_medewerkers_afas.csv", "people_voordrachten_forms.xlsx", "learning_moodle_logs.csv"


def ids(entries: list[dict]) -> list[str]:
    return [e["file"] for e in entries]


def is_status(entry: dict) -> bool:
    return bool(entry.get("status_report"))


def kind_of(entry: dict) -> str:
    return entry["role"] if entry["kind"] == "people" else entry["kind"]


def field_columns(entry: dict) -> dict[str, str]:
    """expected.json's columns without a status report's date columns (those go to `dates:`)."""
    return {f: h for f, h in entry["columns"].items() if f not in ("start_date", "completion_date")}


def suggested(entry: dict, layout: im.Layout) -> dict[str, str]:
    """Field -> header: the preset's suggestion, with expected.json's mapping where the preset is wrong."""
    columns = im.fields(kind_of(entry), is_status(entry))
    return im.suggest_columns(layout.headers, columns, {}) | field_columns(entry)


def expected_date_format(entry: dict) -> str | None:
    """expected.json's text as a format: the leading %-format ('%d-%m-%Y without leading zeros ...' is
    '%d-%m-%Y'), importing.ISO for 'ISO 8601 ...', None for Excel date cells or no date at all."""
    text = entry.get("date_format", "")
    if text.startswith("ISO 8601"):
        return im.ISO
    if text.startswith("%"):
        return re.split(r" \(| without", text)[0]
    return None


def date_headers(entry: dict, layout: im.Layout) -> list[str]:
    """The date columns of a file: a status report's start and completion dates, an employee list's hire
    date and contract end, else the date column of the event log."""
    if is_status(entry):
        return [entry["columns"]["start_date"], entry["columns"]["completion_date"]]
    if kind_of(entry) == "employees":
        return ["Datum in dienst", "Einddatum contract"]  # the preset's hire_date and contract_end aliases
    return [suggested(entry, layout)["date"]]


# 1. layout detection ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", EXPECTED, ids=ids(EXPECTED))
def test_the_layout_of_every_export_is_detected_as_counted_by_hand(entry):
    layout = im.detect_layout(FIXTURES / entry["file"])
    if entry["encoding"] == "xlsx":
        assert (layout.type, layout.encoding, layout.separator) == ("excel", None, None)
    else:
        # expected.json names the Python codec: utf-8-sig for a BOM, utf-16 for Excel's "Unicode text"
        assert (layout.type, layout.encoding, layout.separator) == ("text", entry["encoding"], entry["separator"])
    assert layout.header_row == entry["header_line"]
    assert layout.preamble == entry["preamble_lines"]
    assert layout.footer == entry["footer_lines"]
    assert (layout.rows, layout.rows_exact) == (entry["data_rows"], True)
    assert len(layout.sample) == entry["data_rows"]  # small files: every record is in the sample
    for header in entry["columns"].values():  # every header expected.json maps is one of the file's
        assert header in layout.headers


def test_the_decimal_mark_follows_the_separator_unless_given():
    # a semicolon file comes from European Excel (decimal comma); a comma file uses the dot
    assert im.detect_layout(FIXTURES / "sharing_ambassify_custom_export.csv").decimal == ","
    assert im.detect_layout(FIXTURES / "web_ua_campagnes_nl.csv").decimal == "."
    assert im.detect_layout(FIXTURES / "web_ua_campagnes_nl.csv", FileFormat(decimal=",")).decimal == ","
    assert im.detect_layout(FIXTURES / "learning_totara_report.xlsx", FileFormat(decimal=",")).decimal == ","


# 2. date formats --------------------------------------------------------------------------------------------
DATED = [e for e in EXPECTED if expected_date_format(e)]


def test_every_text_export_with_dates_has_its_date_format_checked():
    # every event log that has a date column and is text, both status reports and the HR list
    logs = {e["file"] for e in READABLE if not is_status(e) and e["encoding"] != "xlsx"}
    assert logs | {e["file"] for e in ACTIVITY if is_status(e)} | {HR} == set(ids(DATED))
    # 20 files less Totara and Forms (Excel date cells), Smarp and GA4's week report (no date column)
    assert (len(EXPECTED), len(DATED)) == (20, 16)


@pytest.mark.parametrize("entry", DATED, ids=ids(DATED))
def test_the_date_format_of_each_export_is_the_one_counted_by_hand(entry):
    layout = im.detect_layout(FIXTURES / entry["file"])
    for header in date_headers(entry, layout):
        cells = im.read_text_cells(layout.sample, header)
        assert any(c.strip() for c in cells), header
        assert im.date_format_of(cells) == expected_date_format(entry), header


def test_a_date_format_is_day_first_unless_only_month_first_reads_the_column():
    assert im.date_format_of(["03/04/2026", "11/05/2026"]) == "%d/%m/%Y"  # Dutch and Flemish reading
    assert im.date_format_of(["03/04/2026", "12/31/2026"]) == "%m/%d/%Y"  # 31 cannot be a month
    assert im.date_format_of(["2026-09-30T22:30:00Z", "2026-10-01 08:00:00+02:00"]) == im.ISO
    assert im.date_format_of(["", "  "]) is None
    assert im.date_format_of(["gisteren"]) is None
    assert im.shown_format("%d-%m-%Y %H:%M") == "dd-mm-yyyy hh:mm"
    assert im.shown_format(None) == "?"


# 3. suggestions ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", ACTIVITY, ids=ids(ACTIVITY))
def test_the_preset_and_the_mapping_of_expected_json_find_every_required_column(entry):
    layout = im.detect_layout(FIXTURES / entry["file"])
    columns = im.fields(entry["kind"], is_status(entry))
    preset = im.suggest_columns(layout.headers, columns, {})
    mapping = preset | field_columns(entry)
    assert im.missing_fields(columns, mapping) == entry.get("missing_required", [])
    # a mapping given to suggest_columns wins over the preset
    assert im.suggest_columns(layout.headers, columns, field_columns(entry)) == mapping
    if "stage_header_found_by_preset" in entry:
        assert preset["stage"] == entry["stage_header_found_by_preset"]


def test_without_its_mapping_a_file_misses_the_fields_no_alias_finds():
    moodle = im.detect_layout(FIXTURES / MOODLE)
    columns = im.fields("learning")
    # 'Time' is an alias of date; 'User full name' and 'Event name' are no aliases
    assert im.missing_fields(columns, im.suggest_columns(moodle.headers, columns, {})) == ["employee", "event"]
    assert [c.name for c in columns if c.required] == ["date", "employee", "event"]
    assert [c.name for c in im.fields("learning", True) if c.required] == ["employee"]


@pytest.mark.parametrize("entry", WORDED, ids=ids(WORDED))
def test_the_words_the_preset_does_not_know_are_left_for_the_analyst(entry):
    layout = im.detect_layout(FIXTURES / entry["file"])
    header = suggested(entry, layout)[im.word_field(entry["kind"], is_status(entry))]
    words = [w for w, _ in im.distinct_words(layout.sample, header)]
    assert set(entry["values"]) <= set(words)
    guess = im.suggest_words(entry["kind"], words, {}, [])
    assert {w for w, r in guess.items() if r == ""} == set(entry["values"])
    assert all(r for w, r in guess.items() if w not in entry["values"])
    # with the campaign's values and ignore list every word has its result (None: no result at all)
    values: dict[str, list[str]] = {}
    for word, result in entry["values"].items():
        if result:
            values.setdefault(result, []).append(word)
    ignore = [w for w, r in entry["values"].items() if r is None]
    assigned = im.suggest_words(entry["kind"], words, values, ignore)
    assert {w: assigned[w] for w in entry["values"]} == entry["values"]
    assert "" not in assigned.values()


def test_distinct_words_come_most_frequent_first_with_their_counts():
    layout = im.detect_layout(FIXTURES / MOODLE)
    # counted in the file: 9 log-ins, 4 enrolments, 2 completions (expected.json's totals)
    assert im.distinct_words(layout.sample, "Event name") == [
        ("User has logged in", 9),
        ("User enrolled in course", 4),
        ("Course completed", 2),
    ]
    assert im.distinct_words(layout.sample, "No such column") == []
    assert im.distinct_words(layout.sample, None) == []


def test_a_status_reports_date_columns_and_word_fields_are_suggested():
    voortgang = im.detect_layout(FIXTURES / "status_leerplatform_voortgang.csv").headers
    assert im.suggest_dates("learning", voortgang) == {"start": "Startdatum", "completion": "Datum voltooid"}
    # Docebo has both 'Enrollment Date' (a sign-up, also for 'Subscribed' rows) and 'First Access
    # Date' (the start): the start is the first access, as NOTES.md counts 10 starts, not 12
    docebo = im.detect_layout(FIXTURES / "status_docebo_users_courses.csv").headers
    assert "Enrollment Date" in docebo
    assert im.suggest_dates("learning", docebo) == {"start": "First Access Date", "completion": "Completion Date"}
    assert im.suggest_dates("learning", im.detect_layout(FIXTURES / MOODLE).headers) == {}
    assert im.suggest_dates("sharing", voortgang) == {}
    assert [im.word_field(k) for k in ("learning", "recruitment", "sharing", "web", "employees")] == [
        "event",
        "stage",
        None,
        None,
        None,
    ]
    assert im.word_field("learning", True) == "status"


# 4. reading as a run reads ----------------------------------------------------------------------------------
def entry_for(entry: dict, folder: Path) -> dict:
    """The source the assistant would write: the preset's columns and words, expected.json's where it
    does not know them (None: ignore the word), a status report's date columns under `dates:`."""
    shutil.copy(FIXTURES / entry["file"], folder / entry["file"])
    layout = im.detect_layout(folder / entry["file"])
    columns = suggested(entry, layout)
    field = im.word_field(entry["kind"], is_status(entry))
    words = [w for w, _ in im.distinct_words(layout.sample, columns.get(field))]
    found = im.suggest_words(entry["kind"], words, {}, []) | entry["values"]
    dates = (
        {"start": entry["columns"]["start_date"], "completion": entry["columns"]["completion_date"]}
        if is_status(entry)
        else None
    )
    return im.source_entry(entry["kind"], entry["file"], columns, layout.headers, found, dates)


def expected_counts(entry: dict) -> dict[str, float]:
    if is_status(entry):
        return {"start": entry["starts"], "completion": entry["completions"]}
    nobody = entry.get("unattributed_totals", {})  # sharing: nobody's shares are left out
    return {result: total - nobody.get(result, 0) for result, total in entry["totals"].items()}


# read off the files: Moodle's '06/10/26' is 2026 (a two-digit year), the oldest row is the last one
FIRST_LAST = {
    MOODLE: (dt.date(2026, 10, 6), dt.date(2026, 10, 31)),
    "learning_leerplatform_oktober_cp1252.csv": (dt.date(2026, 10, 1), dt.date(2026, 10, 30)),
    "web_ua_campagnes_nl.csv": (dt.date(2023, 6, 5), dt.date(2023, 6, 11)),  # 20230605-20230611 in its preamble
    "status_docebo_users_courses.csv": (dt.date(2026, 9, 2), dt.date(2026, 10, 5)),  # first access, completion
}
# counted in the files: the rows of the statuses expected.json says are no result (null), left out
IGNORED = {"status_docebo_users_courses.csv": 2, "status_leerplatform_voortgang.csv": 2}  # Subscribed, Niet gestart


@pytest.mark.parametrize("entry", READABLE, ids=ids(READABLE))
def test_reading_a_source_gives_the_figures_counted_by_hand(entry, tmp_path):
    calls = []
    reading = im.read_source(tmp_path, entry_for(entry, tmp_path), whole=True, progress=lambda *a: calls.append(a))
    assert [p.describe() for p in reading.problems] == []
    assert calls == [(1, 1, entry["file"])]
    ignored = IGNORED.get(entry["file"], 0)
    assert (reading.whole, reading.files, reading.rows) == (True, 1, entry["data_rows"] - ignored)
    assert reading.left_out.get("ignored", 0) == ignored
    assert reading.counts == expected_counts(entry)
    assert reading.ambassadors == len(entry.get("ambassadors", []))
    assert reading.left_out.get("preamble", 0) == entry["preamble_lines"]
    assert reading.left_out.get("unattributed", 0) == entry.get("unattributed_rows", 0)
    assert reading.left_out.get("repeated", 0) == entry.get("repeated_rows", 0)
    said = [
        ("warning.unattributed", entry.get("unattributed_rows", 0)),
        ("warning.repeated", entry.get("repeated_rows", 0)),
    ]
    assert [(w.label, w.values["n"]) for w in reading.warnings] == [(label, n) for label, n in said if n]
    if entry["file"] in FIRST_LAST:
        assert (reading.first, reading.last) == FIRST_LAST[entry["file"]]
    assert len(reading.preview) == min(im.PREVIEW_ROWS, entry["data_rows"] - ignored)


def test_the_preview_reads_only_the_first_file_and_the_check_reads_them_all(tmp_path):
    header = "Datum;Medewerker;Gebeurtenis\n"
    (tmp_path / "lms-09.csv").write_text(header + "01-09-2026;E1;inlog\n02-09-2026;E2;afgerond\n", encoding="utf-8")
    (tmp_path / "lms-10.csv").write_text(header + "01-10-2026;E1;gestart\n", encoding="utf-8")
    source = {"kind": "learning", "files": "lms-*.csv"}
    calls: list[tuple] = []
    reading = im.read_source(tmp_path, source, whole=True, progress=lambda *a: calls.append(a))
    assert calls == [(1, 2, "lms-09.csv"), (2, 2, "lms-10.csv")]
    assert (reading.files, reading.rows, reading.people) == (2, 3, 2)
    assert reading.counts == {"login": 1, "completion": 1, "start": 1}
    assert (reading.first, reading.last) == (dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    assert list(reading.preview["line"]) == [2, 3]  # the first file's records, by their line

    calls.clear()
    sample = im.read_source(tmp_path, source, progress=lambda *a: calls.append(a))
    assert calls == [(1, 1, "lms-09.csv")]
    assert (sample.whole, sample.files, sample.rows) == (False, 1, 2)
    assert sample.counts == {"login": 1, "completion": 1}


def test_a_source_that_does_not_validate_or_finds_no_file_is_a_problem(tmp_path):
    wrong = im.read_source(tmp_path, {"kind": "learning", "files": "x.csv", "separator": ":"})
    assert wrong.problems and "separator" in wrong.problems[0].key
    nothing = im.read_source(tmp_path, {"kind": "learning", "files": "lms-*.csv"})
    assert [(p.key, p.label) for p in nothing.problems] == [("activity.sources[0].files", "error.no_export")]


# 5. overrides, honoured by the real import ------------------------------------------------------------------
def imported(tmp_path: Path, source: dict, name: str, content: bytes) -> list[tuple]:
    """Import through a campaign as a run does (activity.sync, a store in memory): (day, person, result)."""
    folder = write_campaign(tmp_path / "campaign", [source])
    (folder / name).write_bytes(content)
    con = duckdb.connect(":memory:")
    try:
        con.execute(activity.SCHEMA)
        activity.sync(load_campaign(folder), con)
        return con.execute("SELECT ts::DATE, person, result FROM events ORDER BY ts").fetchall()
    finally:
        con.close()


MONTH_FIRST = b"date,employee,event\n03/04/2026,E1,login\n12/31/2026,E2,completion\n"


def test_a_named_month_first_date_format_is_the_only_one_used(tmp_path):
    (tmp_path / "us.csv").write_bytes(MONTH_FIRST)
    source = {"kind": "learning", "files": "us.csv"}
    # detected: day-first reads 03/04 as 3 April, so 12/31 (month 31) is a located error
    guessed = im.read_source(tmp_path, source, whole=True)
    assert [(p.file, p.key, p.label) for p in guessed.problems] == [
        ("us.csv", "row 3, column 'date'", "error.not_valid")
    ]
    assert "'12/31/2026'" in guessed.problems[0].message
    named = im.read_source(tmp_path, source | {"date_format": "%m/%d/%Y"}, whole=True)
    assert named.problems == []
    assert (named.first, named.last) == (dt.date(2026, 3, 4), dt.date(2026, 12, 31))  # March 4, not 3 April
    assert imported(tmp_path, source | {"date_format": "%m/%d/%Y"}, "us.csv", MONTH_FIRST) == [
        (dt.date(2026, 3, 4), "E1", "login"),
        (dt.date(2026, 12, 31), "E2", "completion"),
    ]
    with pytest.raises(CampaignError) as caught:
        imported(tmp_path / "guessed", source, "us.csv", MONTH_FIRST)
    assert [p.key for p in caught.value.problems] == ["row 3, column 'date'"]


def test_a_day_first_cell_under_a_month_first_format_is_a_located_error(tmp_path):
    # no fall-back to day-first: 31/12/2026 under %m/%d/%Y is month 31
    (tmp_path / "us.csv").write_bytes(b"date,employee,event\n03/04/2026,E1,login\n31/12/2026,E2,login\n")
    reading = im.read_source(tmp_path, {"kind": "learning", "files": "us.csv", "date_format": "%m/%d/%Y"}, whole=True)
    assert [(p.key, p.label) for p in reading.problems] == [("row 3, column 'date'", "error.not_valid")]
    assert "'31/12/2026'" in reading.problems[0].message
    assert reading.counts == {}  # nothing is counted from a file with a problem


def test_an_encoding_override_is_used_for_the_whole_file(tmp_path):
    body = "datum;medewerker;gebeurtenis\n01-10-2026;René;inlog\n"
    (tmp_path / "cp.csv").write_bytes(body.encode("cp1252"))  # é is byte E9 in cp1252 and latin-1
    (tmp_path / "u8.csv").write_bytes(body.encode("utf-8"))  # é is bytes C3 A9, read in cp1252 as 'Ã' '©'
    latin = im.read_source(tmp_path, {"kind": "learning", "files": "cp.csv", "encoding": "latin-1"}, whole=True)
    assert latin.problems == [] and list(latin.preview["employee"]) == ["René"]
    assert im.detect_layout(tmp_path / "cp.csv", FileFormat(encoding="latin-1")).encoding == "latin-1"
    assert im.detect_layout(tmp_path / "cp.csv").encoding == "cp1252"  # detected: not UTF-8
    wrong = im.read_source(tmp_path, {"kind": "learning", "files": "u8.csv", "encoding": "cp1252"}, whole=True)
    assert wrong.problems == [] and list(wrong.preview["employee"]) == ["RenÃ©"]
    assert im.detect_layout(tmp_path / "u8.csv", FileFormat(encoding="cp1252")).sample["medewerker"][0] == "RenÃ©"
    assert imported(
        tmp_path, {"kind": "learning", "files": "cp.csv", "encoding": "latin-1"}, "cp.csv", body.encode("cp1252")
    ) == [(dt.date(2026, 10, 1), "René", "login")]


# ';' is the separator, but four commas in the last column of every line give ',' one more field on
# every line (5 against 4), so detection takes ','
COMMAS = (
    "Datum;Medewerker;Gebeurtenis;Cursus (code, naam, niveau, duur, plaats)\n"
    "01-10-2026;E1;inlog;LLO-01, Dementie, basis, 4 uur, Zwolle\n"
    "02-10-2026;E2;afgerond;LLO-02, Tillen, basis, 2 uur, Deventer\n"
)


def test_a_separator_override_fixes_a_file_that_fools_detection(tmp_path):
    (tmp_path / "lms.csv").write_text(COMMAS, encoding="utf-8")
    fooled = im.detect_layout(tmp_path / "lms.csv")
    assert fooled.separator == "," and fooled.headers[0] == "Datum;Medewerker;Gebeurtenis;Cursus (code"
    given = im.detect_layout(tmp_path / "lms.csv", FileFormat(separator=";"))
    assert given.separator == ";"
    assert given.headers == ("Datum", "Medewerker", "Gebeurtenis", "Cursus (code, naam, niveau, duur, plaats)")
    source = {"kind": "learning", "files": "lms.csv"}
    assert {p.key for p in im.read_source(tmp_path, source, whole=True).problems} == {
        "column 'date'",
        "column 'employee'",
        "column 'event'",
    }
    reading = im.read_source(tmp_path, source | {"separator": ";"}, whole=True)
    assert reading.problems == [] and reading.counts == {"login": 1, "completion": 1}
    assert imported(tmp_path, source | {"separator": ";"}, "lms.csv", COMMAS.encode()) == [
        (dt.date(2026, 10, 1), "E1", "login"),
        (dt.date(2026, 10, 2), "E2", "completion"),
    ]


def test_a_decimal_override_decides_how_a_count_is_read(tmp_path):
    dotted = "date,ambassador,post,clicks\n2026-10-01,A1,P1,1.204\n2026-10-02,A2,P2,35\n"
    (tmp_path / "dotted.csv").write_text(dotted, encoding="utf-8")
    source = {"kind": "sharing", "files": "dotted.csv"}
    # decimal ',': the dot groups thousands, 1.204 = 1204, and 1204 + 35 = 1239 clicks
    comma = im.read_source(tmp_path, source | {"decimal": ","}, whole=True)
    assert comma.problems == [] and comma.counts == {"share": 2, "click": 1239}  # no shares column: 1 a row
    # decimal '.' (a comma file's default): a count has no decimals, so 1.204 in threes is Dutch
    # thousands as well: 1204 + 35 = 1239
    for given in ({"decimal": "."}, {}):
        assert im.read_source(tmp_path, source | given, whole=True).counts == {"share": 2, "click": 1239}
    quoted = 'date,ambassador,post,clicks\n2026-10-01,A1,P1,"1,204"\n2026-10-02,A2,P2,35\n'
    (tmp_path / "quoted.csv").write_text(quoted, encoding="utf-8")
    source = {"kind": "sharing", "files": "quoted.csv"}
    # decimal '.': the comma groups thousands, 1,204 = 1204
    assert im.read_source(tmp_path, source, whole=True).counts == {"share": 2, "click": 1239}
    # decimal ',': 1,204 is 1.204 clicks, not a whole number: a located error
    decimal = im.read_source(tmp_path, source | {"decimal": ","}, whole=True)
    assert [(p.key, p.label) for p in decimal.problems] == [("row 2, column 'clicks'", "error.not_valid")]
    with pytest.raises(CampaignError) as caught:
        imported(tmp_path, source | {"decimal": ","}, "quoted.csv", quoted.encode())
    assert [p.key for p in caught.value.problems] == ["row 2, column 'clicks'"]


VIEWED = (
    '"{day}/10/26, 16:30",Chloé Janssen,Chloé Janssen,"Course: Dementie, de basis",Core,Course viewed,'
    "The user with id '11' viewed the course with id '7'.,web,192.0.2.14"
)


def moodle_with_views() -> str:
    """The Moodle log with the 'Course viewed' rows a real log has, on lines 3, 8 and 19."""
    lines = (FIXTURES / MOODLE).read_text(encoding="utf-8-sig").splitlines()  # header and 15 records
    lines.insert(2, VIEWED.format(day=31))  # line 3
    lines.insert(7, VIEWED.format(day=29))  # line 8: after the original lines 2-6
    lines.append(VIEWED.format(day=6))  # line 19: 16 lines + 3 inserted
    return "\n".join(lines) + "\n"


def test_ignored_words_leave_their_rows_out_and_count_them(tmp_path):
    moodle = BY_NAME[MOODLE]
    (tmp_path / "log.csv").write_text(moodle_with_views(), encoding="utf-8")
    values = {r: [w] for w, r in moodle["values"].items()}
    source = {"kind": "learning", "files": "log.csv", "columns": moodle["columns"], "values": values}
    unknown = im.read_source(tmp_path, source, whole=True)
    assert [(p.key, p.label) for p in unknown.problems] == [
        (f"row {n}, column 'Event name'", "error.not_valid_word") for n in (3, 8, 19)
    ]
    assert "'Course viewed'" in unknown.problems[0].message
    reading = im.read_source(tmp_path, source | {"ignore": ["Course viewed"]}, whole=True)
    assert reading.problems == []
    assert reading.counts == moodle["totals"]  # 9 log-ins, 4 enrolments, 2 completions as without the views
    assert reading.left_out == {"ignored": 3} and reading.rows == moodle["data_rows"]
    # case and spaces in the list do not matter, as for `values:`
    assert im.read_source(tmp_path, source | {"ignore": [" course VIEWED "]}, whole=True).left_out == {"ignored": 3}
    folder = write_campaign(tmp_path / "campaign", [source | {"ignore": ["Course viewed"]}])
    (folder / "log.csv").write_text(moodle_with_views(), encoding="utf-8")
    assert activity.check_sources(load_campaign(folder)) == []


# a report title of four filled cells is as wide as the records, so it is taken for the header
TITLED = (
    "Rapport;Leeractiviteit;oktober;2026\n"
    "Datum;Medewerker;Gebeurtenis;Ambassadeur\n"
    "01-10-2026;E1;inlog;A1\n"
    "02-10-2026;E2;afgerond;\n"
)


def test_a_header_row_override_fixes_a_preamble_that_fools_detection(tmp_path):
    (tmp_path / "lms.csv").write_text(TITLED, encoding="utf-8")
    fooled = im.detect_layout(tmp_path / "lms.csv")
    assert (fooled.header_row, fooled.headers[0], fooled.rows) == (1, "Rapport", 3)
    given = im.detect_layout(tmp_path / "lms.csv", FileFormat(header_row=2))
    assert (given.header_row, given.preamble, given.rows, given.footer) == (2, 1, 2, 0)
    assert given.headers == ("Datum", "Medewerker", "Gebeurtenis", "Ambassadeur")
    source = {"kind": "learning", "files": "lms.csv"}
    assert [p.key for p in im.read_source(tmp_path, source, whole=True).problems] == [
        "column 'date'",
        "column 'employee'",
        "column 'event'",
    ]
    reading = im.read_source(tmp_path, source | {"header_row": 2}, whole=True)
    assert reading.problems == [] and reading.counts == {"login": 1, "completion": 1}
    assert (reading.left_out, reading.ambassadors) == ({"preamble": 1}, 1)
    assert list(reading.preview["line"]) == [3, 4]
    assert imported(tmp_path, source | {"header_row": 2}, "lms.csv", TITLED.encode()) == [
        (dt.date(2026, 10, 1), "E1", "login"),
        (dt.date(2026, 10, 2), "E2", "completion"),
    ]


# 6. people files --------------------------------------------------------------------------------------------
def test_the_hr_list_is_read_with_its_mapping():
    hr = BY_NAME[HR]
    reading = im.read_people(FIXTURES, "employees", HR, hr["columns"])
    assert reading.problems == []
    assert (reading.people, reading.rows) == (hr["distinct_ids"], hr["data_rows"])
    assert reading.facts["departments"] == hr["departments"]
    assert list(reading.preview.columns) == ["line", "id", "name", "department", "contract"]
    assert list(reading.preview["line"][:2]) == [2, 3]  # the header is line 1
    assert list(reading.preview["id"][:2]) == ["E000001", "E000002"]


def test_the_forms_nominations_are_read_with_their_mapping():
    forms = BY_NAME[FORMS]
    reading = im.read_people(FIXTURES, "nominations", FORMS, forms["columns"])
    assert reading.problems == []
    assert (reading.people, reading.rows) == (forms["distinct_ids"], forms["data_rows"])  # E000005 twice
    assert reading.facts["nominated_by"] == forms["nominations_by"]
    # the signals are read when the campaign's criteria name them: one network size is empty
    scale = {"weight": 1, "scale": {"kind": "linear", "min": 0, "max": 500}}
    criteria = {"network_size": Criterion.model_validate(scale)}
    signals = im.read_people(FIXTURES, "nominations", FORMS, forms["columns"], criteria=criteria)
    assert signals.problems == []
    assert signals.preview["network_size"].isna().sum() == forms["empty_signal_cells"]["Netwerkgrootte"]


def test_an_unmapped_required_people_column_is_a_located_problem():
    # 'Medewerker' is no id alias and 'Organisatorische eenheid' no department alias
    reading = im.read_people(FIXTURES, "employees", HR, {})
    assert [(p.file, p.key, p.label) for p in reading.problems] == [
        (HR, "column 'id'", "error.required_column"),
        (HR, "column 'department'", "error.required_column"),
    ]
    wrong = im.read_people(FIXTURES, "nominations", FORMS, {"id": "Personeelsnummer"})
    assert [(p.key, p.label) for p in wrong.problems] == [("column 'Personeelsnummer'", "error.mapped_column_missing")]
    assert "Personeelsnummer collega" in wrong.problems[0].message  # what the file has instead


def hire_dates(layout: FileFormat, path: Path = FIXTURES / HR) -> tuple[list, list]:
    raw = read_table(path, HR, layout)
    mapping = {f: h for f, h in BY_NAME[HR]["columns"].items() if h in raw.columns}
    mapped, problems = map_columns(raw, EMPLOYEE_COLUMNS, mapping, HR)
    assert problems == []
    converted, problems = convert(mapped, EMPLOYEE_COLUMNS, HR)
    return list(converted["hire_date"]), problems


def test_an_employee_format_is_honoured_by_read_table(tmp_path):
    dates, problems = hire_dates(FileFormat(date_format="%d-%m-%Y", separator=";"))
    assert problems == [] and len(dates) == 24 and None not in dates
    assert dates[:2] == [dt.date(2017, 2, 1), dt.date(2020, 3, 4)]  # 01-02-2017 and 04-03-2020, day first
    # a format the file does not use: every hire date (24) and every contract end (9 fixed-term contracts)
    _, problems = hire_dates(FileFormat(date_format="%Y-%m-%d"))
    assert len(problems) == 24 + 9
    assert (problems[0].key, problems[0].label) == ("row 2, column 'Datum in dienst'", "error.not_valid")
    # month first only when named: 03/04/2020 is 3 April by default and March 4 with %m/%d/%Y
    us = tmp_path / "us.csv"
    us.write_text("Medewerker;Naam;Organisatorische eenheid;Datum in dienst\nE1;An;Noord;03/04/2020\n", "utf-8")
    assert hire_dates(FileFormat(), us)[0] == [dt.date(2020, 4, 3)]
    assert hire_dates(FileFormat(date_format="%m/%d/%Y"), us)[0] == [dt.date(2020, 3, 4)]


def test_a_campaigns_employee_format_reaches_phase_2(tmp_path):
    people = load_people(load_campaign(wired_people(tmp_path, employee_format={"date_format": "%d-%m-%Y"})))
    assert len(people.employees) == BY_NAME[HR]["data_rows"]
    (tmp_path / "wrong").mkdir()
    with pytest.raises(CampaignError) as caught:
        load_people(load_campaign(wired_people(tmp_path / "wrong", employee_format={"date_format": "%Y-%m-%d"})))
    first = caught.value.problems[0]
    assert (first.file, first.key, first.label) == (HR, "row 2, column 'Datum in dienst'", "error.not_valid")


# 7. what the assistant writes into campaign.yaml ------------------------------------------------------------
def test_a_source_entry_holds_only_what_a_run_cannot_find_itself(tmp_path):
    moodle = BY_NAME[MOODLE]
    layout = im.detect_layout(FIXTURES / MOODLE)
    columns = suggested(moodle, layout)
    assert columns["date"] == "Time"  # found by the preset: not written
    entry = im.source_entry("learning", MOODLE, columns, layout.headers, moodle["values"])
    assert entry == {
        "kind": "learning",
        "files": MOODLE,
        "columns": {"employee": "User full name", "event": "Event name"},
        "values": {
            "login": ["User has logged in"],
            "start": ["User enrolled in course"],
            "completion": ["Course completed"],
        },
    }
    # words the preset knows for the same result are not written; ignored words and a changed layout are;
    # keys the assistant does not edit are kept from the existing source
    leer = "learning_leerplatform_oktober_cp1252.csv"
    headers = im.detect_layout(FIXTURES / leer).headers
    words = {"Ingelogd": "login", "Inschrijving": "start", "Module afgerond": "completion", "Bekeken": None}
    preset = im.suggest_columns(headers, im.fields("learning"), {})
    written = im.source_entry(
        "learning",
        leer,
        preset,
        headers,
        words,
        layout={"encoding": "cp1252", "separator": None, "date_format": "%d-%m-%Y"},
        existing={"unattributed": ["(intern)"], "key": [], "columns": {"employee": "Naam"}},
    )
    assert written == {
        "kind": "learning",
        "files": leer,
        "values": {"start": ["Inschrijving"], "completion": ["Module afgerond"]},
        "ignore": ["Bekeken"],
        "encoding": "cp1252",
        "date_format": "%d-%m-%Y",
        "unattributed": ["(intern)"],
    }
    docebo = BY_NAME["status_docebo_users_courses.csv"]
    docebo_headers = im.detect_layout(FIXTURES / docebo["file"]).headers
    dates = {"start": "First Access Date", "completion": "Completion Date"}
    status_columns = im.suggest_columns(docebo_headers, im.fields("learning", True), field_columns(docebo))
    assert im.source_entry("learning", docebo["file"], status_columns, docebo_headers, {}, dates) == {
        "kind": "learning",
        "files": docebo["file"],
        "columns": {"employee": "Username"},  # course and status are preset aliases
        "dates": dates,
    }
    # what it writes reads as the source it describes
    shutil.copy(FIXTURES / MOODLE, tmp_path / MOODLE)
    assert im.read_source(tmp_path, entry, whole=True).counts == moodle["totals"]


def test_a_people_entry_holds_only_the_columns_the_preset_misses():
    hr, forms = BY_NAME[HR], BY_NAME[FORMS]
    hr_headers = im.detect_layout(FIXTURES / HR).headers
    hr_columns = im.suggest_columns(hr_headers, im.fields("employees"), hr["columns"])
    assert hr_columns["name"] == "Naam" and hr_columns["hire_date"] == "Datum in dienst"  # preset aliases
    assert im.people_entry("employees", HR, hr_columns, hr_headers) == {"files": HR, "columns": hr["columns"]}
    forms_headers = im.detect_layout(FIXTURES / FORMS).headers
    assert im.people_entry("nominations", FORMS, forms["columns"], forms_headers) == {
        "files": FORMS,
        "columns": forms["columns"],
    }
    # the preset alone finds the form's response 'Id': nothing to write for it
    preset = im.suggest_columns(forms_headers, im.fields("nominations"), {})
    assert preset == {"id": "Id"}
    assert im.people_entry("nominations", FORMS, preset, forms_headers) == {"files": FORMS, "columns": {}}


# 8. the files offered -------------------------------------------------------------------------------------
def test_candidate_files_are_the_tables_outside_hidden_history_and_underscore_folders(tmp_path):
    for name in (
        "medewerkers.csv",
        "voordrachten.xlsx",
        "activity/lms-10.csv",
        "activity/SHARES.TSV",
        "activity/sprout.txt",
        "activity/old/lms-09.csv",
        "activity/events.parquet",
        "activity/lms-10.records.csv",  # the import's own UTF-8 copy
        "campaign.yaml",
        "notes.md",
        "logo.png",
        ".hidden/x.csv",
        "activity/.cache/y.csv",
        ".history/2026-10-01/lms.csv",
        "_archive/lms-08.csv",
        "activity/_old/z.xlsx",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()  # a folder named like a table is no file
    assert im.candidate_files(tmp_path) == [
        "activity/SHARES.TSV",
        "activity/events.parquet",
        "activity/lms-10.csv",
        "activity/old/lms-09.csv",
        "activity/sprout.txt",
        "medewerkers.csv",
        "voordrachten.xlsx",
    ]
