"""The activity store's bookkeeping, by value: what a re-run reports for a file it already holds,
a store from an older version, problems in more than one file, a touched file, a campaign without a
folder, exports with their own event ids and the same row in two exports."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from helpers import campaign_data
from ruamel.yaml import YAML

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.storage import sha256_of
from campaign_kit.core.validation import load_campaign, validate_data
from campaign_kit.data import activity

HEADER = "Datum;Medewerker;Gebeurtenis;Via ambassadeur\n"
# two title lines above the header, as LMS report exports have: 2 lines left out as preamble
PREAMBLE = "Rapport leeractiviteit\nExport januari 2027\n"
OLDER, NEWER = 1_000_000_000, 2_000_000_000  # modification times (ns): which export came first


@pytest.fixture
def con():
    connection = duckdb.connect(":memory:")
    connection.execute(activity.SCHEMA)
    yield connection
    connection.close()


def learning_campaign(folder: Path, files: str = "lms-*.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = campaign_data(activity={"sources": [{"kind": "learning", "files": files}]})
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    return folder


def write(path: Path, body: str, header: str = HEADER, mtime: int | None = None) -> Path:
    path.write_text(header + body, encoding="utf-8")
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))
    return path


def test_an_unchanged_file_reports_nothing_new_and_what_its_import_left_out(tmp_path, con):
    folder = learning_campaign(tmp_path / "c")
    write(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n05-01-2027;E2;Afgerond;A1\n", header=PREAMBLE + HEADER)
    first = activity.sync(load_campaign(folder), con)
    # the header is the file's 3rd line: the two title lines above it are the preamble
    assert first.files == [
        {
            "kind": "learning",
            "file": "lms-01.csv",
            "rows": 2,
            "new": 2,
            "status": "imported",
            "skipped": {"preamble": 2},
        }
    ]
    again = activity.sync(load_campaign(folder), con)
    # nothing read this time (0 rows, 0 new); what was left out is the stored figure of the first import
    assert again.files == [
        {
            "kind": "learning",
            "file": "lms-01.csv",
            "rows": 0,
            "new": 0,
            "status": "unchanged",
            "skipped": {"preamble": 2},
        }
    ]
    assert again.rebuilt == [] and again.new_events == 0


def test_a_store_from_before_skipped_was_kept_reports_nothing_left_out(tmp_path, con):
    folder = learning_campaign(tmp_path / "c")
    write(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n", header=PREAMBLE + HEADER)
    activity.sync(load_campaign(folder), con)
    # an older version's store: the column was added later (ALTER TABLE ... ADD COLUMN), so it is NULL
    con.execute("UPDATE imports SET skipped = NULL")
    again = activity.sync(load_campaign(folder), con)
    assert again.files == [
        {"kind": "learning", "file": "lms-01.csv", "rows": 0, "new": 0, "status": "unchanged", "skipped": {}}
    ]


def test_a_bad_row_in_the_older_of_two_files_stops_the_whole_import(tmp_path, con):
    folder = learning_campaign(tmp_path / "c")
    # the older export (read first) has an unknown event word on its 2nd data row, i.e. file row 3
    write(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n05-01-2027;E2;gekeken;A1\n", mtime=OLDER)
    write(folder / "lms-02.csv", "06-01-2027;E3;Inlog;A2\n", mtime=NEWER)  # fine on its own
    with pytest.raises(CampaignError) as caught:
        activity.sync(load_campaign(folder), con)
    wheres = [(p.file, p.key, p.label) for p in caught.value.problems]
    assert wheres == [("lms-01.csv", "row 3, column 'Gebeurtenis'", "error.not_valid_word")], wheres
    # all or nothing: not even the newer file's good row is kept
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_a_touched_file_with_the_same_bytes_is_not_read_again(tmp_path, con):
    folder = learning_campaign(tmp_path / "c")
    path = write(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n", mtime=OLDER)
    activity.sync(load_campaign(folder), con)
    os.utime(path, ns=(NEWER, NEWER))  # copied again, or opened and saved unchanged: new time, same content
    again = activity.sync(load_campaign(folder), con)
    assert again.rebuilt == []  # the size and time differ but the content hash is the stored one
    assert [(f["file"], f["status"]) for f in again.files] == [("lms-01.csv", "unchanged")]
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_a_campaign_without_a_folder_reads_its_files_from_the_current_directory(tmp_path, monkeypatch, con):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "lms.csv", "04-01-2027;E1;Inlog;A1\n05-01-2027;E2;Afgerond;\n")
    campaign = validate_data(campaign_data(activity={"sources": [{"kind": "learning", "files": "lms.csv"}]}))
    assert campaign.folder is None  # built from data, not loaded from a campaign folder
    report = activity.sync(campaign, con)
    assert [(f["file"], f["new"]) for f in report.files] == [("lms.csv", 2)]
    events = con.execute(
        "SELECT f.file, ts::DATE::VARCHAR, person, result, ambassador "
        "FROM events e JOIN files f ON f.id = e.file ORDER BY ts"
    ).fetchall()
    # day-first dates; the completion came without an ambassador
    assert events == [
        ("lms.csv", "2027-01-04", "E1", "login", "A1"),
        ("lms.csv", "2027-01-05", "E2", "completion", None),
    ]


def test_an_event_id_given_twice_is_one_event_and_distinct_ids_are_distinct_events(tmp_path, con):
    folder = learning_campaign(tmp_path / "c")
    rows = (
        "04-01-2027;E1;Inlog;A1;1001\n"
        "04-01-2027;E1;Inlog;A1;1001\n"  # the platform exported event 1001 twice
        "05-01-2027;E2;Inlog;A1;2001\n"
        "05-01-2027;E2;Inlog;A1;2002\n"  # the same content, but two events by their ids (two log-ins)
    )
    write(folder / "lms-01.csv", rows, header="Datum;Medewerker;Gebeurtenis;Via ambassadeur;Event ID\n")
    report = activity.sync(load_campaign(folder), con)
    per_person = dict(con.execute("SELECT person, count(*) FROM events GROUP BY person").fetchall())
    assert per_person == {"E1": 1, "E2": 2}
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 3  # 4 rows, 1 repeated id
    assert report.files[0]["rows"] == 4 and report.files[0]["new"] == 3


def test_the_same_event_in_two_exports_stays_the_older_exports(tmp_path, con):
    folder = learning_campaign(tmp_path / "c")
    row = "04-01-2027;E1;Inlog;A1\n"  # no event id: keyed on its content, the same in both exports
    write(folder / "lms-01.csv", row, mtime=OLDER)
    write(folder / "lms-02.csv", row, mtime=NEWER)
    report = activity.sync(load_campaign(folder), con)
    # the older export is read first and brings the event; the newer one brings nothing new
    assert [(f["file"], f["new"]) for f in report.files] == [("lms-01.csv", 1), ("lms-02.csv", 0)]
    # an event is not a count: the first copy seen stays, it is not replaced by the newer export's
    assert con.execute("SELECT f.file FROM events e JOIN files f ON f.id = e.file").fetchall() == [("lms-01.csv",)]


@pytest.mark.parametrize("before", ["kept", "not kept (an older store)"])
def test_a_later_export_overlapping_the_stored_ones_brings_only_its_new_events(tmp_path, con, before):
    """The import looks for stored copies only where a stored file's time span meets the new file's;
    a store from before the spans were kept has none, so it always looks."""
    folder = learning_campaign(tmp_path / "c")
    write(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n06-01-2027;E2;Inlog;A1\n", mtime=OLDER)
    activity.sync(load_campaign(folder), con)
    if before != "kept":
        con.execute("UPDATE imports SET first_ts = NULL, last_ts = NULL")
    # the next export starts on the last day of the first one: that event is the same, one is new
    write(folder / "lms-02.csv", "06-01-2027;E2;Inlog;A1\n07-01-2027;E3;Inlog;A1\n", mtime=NEWER)
    report = activity.sync(load_campaign(folder), con)
    assert [(f["file"], f["new"]) for f in report.files] == [("lms-01.csv", 0), ("lms-02.csv", 1)]
    assert con.execute("SELECT f.file, person FROM events e JOIN files f ON f.id = e.file ORDER BY ts").fetchall() == [
        ("lms-01.csv", "E1"),
        ("lms-01.csv", "E2"),
        ("lms-02.csv", "E3"),
    ]
    spans = con.execute("SELECT file, first_ts::DATE::VARCHAR, last_ts::DATE::VARCHAR FROM imports ORDER BY 1")
    expected = [("lms-01.csv", "2027-01-04", "2027-01-06"), ("lms-02.csv", "2027-01-06", "2027-01-07")]
    assert spans.fetchall() == (expected if before == "kept" else [("lms-01.csv", None, None), expected[1]])
    # each file's digest (hashed in a thread beside the import) is its own
    digests = con.execute("SELECT file, sha256 FROM imports ORDER BY 1").fetchall()
    assert digests == [(name, sha256_of(folder / name)) for name in ("lms-01.csv", "lms-02.csv")]


def test_a_store_of_an_older_layout_is_read_again_from_the_exports(tmp_path):
    """Before events named their file by number, a store held the names in every row: such a store is
    emptied when opened and the next sync reads every export again, with the same figures."""
    folder = learning_campaign(tmp_path / "c")
    export = folder / "lms-01.csv"
    write(export, "04-01-2027;E1;Inlog;A1\n05-01-2027;E2;Inlog;\n", mtime=OLDER)
    store = tmp_path / "activity.duckdb"
    with duckdb.connect(str(store)) as old:  # the older layout, its import of this very file on record
        old.execute(
            "CREATE TABLE events (key UBIGINT, kind VARCHAR, file VARCHAR, ts TIMESTAMP, ambassador VARCHAR, "
            "result VARCHAR, n DOUBLE, post VARCHAR, person VARCHAR)"
        )
        old.execute("INSERT INTO events VALUES (1, 'learning', 'lms-01.csv', '2027-01-04', 'A', 'login', 9, NULL, 'E')")
        old.execute(
            "CREATE TABLE imports (kind VARCHAR, file VARCHAR, size BIGINT, mtime BIGINT, sha256 VARCHAR, rows BIGINT, "
            "events BIGINT, new BIGINT, imported_at TIMESTAMP DEFAULT current_timestamp, skipped VARCHAR)"
        )
        stat = export.stat()
        old.execute(
            "INSERT INTO imports (kind, file, size, mtime, sha256, rows, events, new) VALUES (?, ?, ?, ?, ?, 1, 1, 1)",
            ["learning", "lms-01.csv", stat.st_size, stat.st_mtime_ns, sha256_of(export)],
        )
    with activity.open_store(store) as con:
        report = activity.sync(load_campaign(folder), con)
        events = con.execute(
            "SELECT f.file, person, result, n FROM events e JOIN files f ON f.id = e.file ORDER BY person"
        ).fetchall()
        types = con.execute("SELECT DISTINCT typeof(kind), typeof(file) FROM events").fetchall()
    assert [(f["file"], f["status"], f["new"]) for f in report.files] == [("lms-01.csv", "imported", 2)]
    assert events == [("lms-01.csv", "E1", "login", 1.0), ("lms-01.csv", "E2", "login", 1.0)]
    assert types == [(activity.EVENT_KIND, "INTEGER")]
