"""The import reads an event log or an export of counts in one pass (several files of one layout in one
statement); Excel, status reports and files with a bad cell go the staged route. Both must store
exactly the same: every event with its key, every import's counts and lines left out, every title.
Compared here on every export the tests have and on sequences of exports made to hit each counting
rule (repeats, overlaps, revised and zeroed counts, event ids, lines left out, later imports)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from test_activity import write_campaign
from test_export_corpus import IMPORTED, wired

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity


def stored(folder: Path, store: Path, one_pass: bool, monkeypatch) -> dict:
    """Sync the campaign into `store` by one route; everything the store holds, in a stable order."""
    monkeypatch.setattr(activity, "ONE_PASS", one_pass)
    with activity.open_store(store) as con:
        report = activity.sync(load_campaign(folder), con)
        events = con.execute(
            # each event with its file's name (a number in the store): a number no file has reads as None
            "SELECT key, e.kind::VARCHAR, f.file, ts, ambassador, result, n, post, person "
            "FROM events e LEFT JOIN files f ON f.id = e.file ORDER BY ALL"
        ).fetchall()
        imports = [
            (kind, file, rows, count, new, json.loads(skipped or "{}"))
            for kind, file, rows, count, new, skipped in con.execute(
                "SELECT kind, file, rows, events, new, skipped FROM imports ORDER BY kind, file"
            ).fetchall()
        ]
        titles = con.execute("SELECT kind, post, title FROM titles ORDER BY ALL").fetchall()
    files = sorted(report.files, key=lambda f: (f["kind"], f["file"]))
    return {"events": events, "imports": imports, "titles": titles, "report": files}


def both(folder: Path, tmp_path: Path, monkeypatch) -> tuple[dict, dict]:
    return (
        stored(folder, tmp_path / "one-pass.duckdb", True, monkeypatch),
        stored(folder, tmp_path / "staged.duckdb", False, monkeypatch),
    )


@pytest.mark.parametrize("entry", IMPORTED, ids=[e["file"] for e in IMPORTED])
def test_every_export_of_the_corpus_is_stored_alike_by_both_routes(entry, tmp_path, monkeypatch):
    one_pass, staged = both(wired(tmp_path, entry), tmp_path, monkeypatch)
    assert one_pass == staged
    assert one_pass["events"]  # the comparison is not between two empty stores


@pytest.mark.parametrize("name", ["leerprogramma", "employer-branding-pilot"])
def test_the_examples_are_stored_alike_by_both_routes(name, campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    one_pass, staged = both(campaign_copy(name), tmp_path, monkeypatch)
    assert one_pass == staged and len(one_pass["events"]) > 100


LEARNING = "date;employee;event;ambassador\n"
SHARING = "date,ambassador,post,shares,clicks,title\n"


def write(path: Path, text: str, order: int) -> None:
    """An export, made `order` minutes after the first: the files are read oldest first."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, (1_800_000_000 + 60 * order, 1_800_000_000 + 60 * order))


def sequence(folder: Path) -> list[tuple[str, str]]:
    """Exports of two sources that hit every counting rule, as (file, text) in the order made."""
    return [
        # a learning log with a repeated row, a comment, a blank line, an ignored word and a totals line
        (
            "lms-01.csv",
            LEARNING
            + "04-01-2027 09:00;E1;Inlog;A1\n04-01-2027 09:00;E1;Inlog;A1\n05-01-2027;E1;gestart;A1\n"
            + "# exported by the LMS\n;;;\n05-01-2027;E2;Course viewed;A2\n06-01-2027;E3;afgerond;(direct)\n"
            + "Totaal;3;;\n",
        ),
        # the same layout, overlapping the first (one row again, its repeat twice), a new day
        (
            "lms-02.csv",
            LEARNING
            + "04-01-2027 09:00;E1;Inlog;A1\n04-01-2027 09:00;E1;Inlog;A1\n04-01-2027 09:00;E1;Inlog;A1\n"
            + "07-01-2027; E4 ;Afgerond; A2 \n07-01-2027;E5;start;\n",
        ),
        # ISO dates: the same headers, another date format (read by a statement of its own)
        ("lms-03.csv", LEARNING + "2027-01-08 10:00:00;E6;completed;A1\n2027-01-04 09:00:00;E1;login;A1\n"),
        # shares per post and day with titles; a day without an ambassador
        (
            "shares-01.csv",
            SHARING
            + "2027-01-04,A1,P1,2,10,First title\n2027-01-05,A2,P2,1,0,Second\n"
            + "2027-01-05,(not set),P2,4,4,Second\n2027-01-06,A1,P1,,3,\n2027-01-06,A1,P1,,3,\n",
        ),
        # the next export revises a day (clicks 10 -> 12, shares 1 -> 0) and renames a post
        (
            "shares-02.csv",
            SHARING
            + '2027-01-04,A1,P1,2,12,"First title, edited"\n2027-01-05,A2,P2,0,0,Second\n2027-01-07,A2,P3,1,1,\n',
        ),
        ("shares-03.csv", SHARING + "2027-01-07,A2,P3,1,5,Third\n2027-01-08,A1,P3,3,3,Third\n"),
    ]


def sources() -> list[dict]:
    return [
        {"kind": "learning", "files": "lms-*.csv", "ignore": ["Course viewed"]},
        {"kind": "sharing", "files": "shares-*.csv"},
    ]


@pytest.mark.parametrize("at_once", [True, False], ids=["all-at-once", "one-export-at-a-time"])
def test_a_sequence_of_overlapping_exports_is_stored_alike(at_once, tmp_path, monkeypatch):
    """All exports imported together (read in batches), or each in a sync of its own (every later
    file meeting stored events: replaced counts, dropped duplicates)."""
    results = {}
    for one_pass in (True, False):
        folder = write_campaign(tmp_path / f"campaign-{one_pass}", sources())
        store = tmp_path / f"store-{one_pass}.duckdb"
        made = sequence(folder)
        steps = [made] if at_once else [made[: i + 1] for i in (0, 1, 2, 3, 4, 5)]
        for step in steps:
            for order, (name, text) in enumerate(step):
                if not (folder / name).exists():
                    write(folder / name, text, order)
            if not at_once and len(step) < 4:  # the sharing source needs a file before its first sync
                write(folder / "shares-01.csv", made[3][1], 3)
            results[one_pass] = stored(folder, store, one_pass, monkeypatch)
    one_pass, staged = results[True], results[False]
    assert one_pass == staged
    # and the rules did apply: a repeated row twice, the overlap once, revised clicks, a renamed post
    logins = [e for e in one_pass["events"] if e[5] == "login" and e[8] == "E1"]
    assert len(logins) == 3  # the first export's two, the second's third copy; the ISO export's is one of them
    clicks: dict[tuple[int, str], float] = {}
    for e in one_pass["events"]:
        if e[5] == "click":
            clicks[(e[3].day, e[7])] = clicks.get((e[3].day, e[7]), 0) + e[6]
    assert clicks[(4, "P1")] == 12 and clicks[(7, "P3")] == 5  # the newer export's figures win
    assert clicks[(6, "P1")] == 3 + 3  # a row repeated in one export counts twice
    assert not any(e[5] == "share" and e[3].day == 5 and e[7] == "P2" for e in one_pass["events"])  # revised to 0
    assert ("sharing", "P1", "First title, edited") in one_pass["titles"]
    lms = {i[1]: i[5] for i in one_pass["imports"] if i[0] == "learning"}
    # (DuckDB itself passes over the '#' line: it finds the comment mark when it reads the layout)
    assert lms["lms-01.csv"] == {"blank": 1, "totals": 1, "ignored": 1}, lms


def test_an_export_with_its_own_event_ids_keeps_one_of_each(tmp_path, monkeypatch):
    text = "id;date;employee;event\nX1;04-01-2027;E1;Inlog\nX1;04-01-2027;E1;Inlog\nX2;04-01-2027;E1;Inlog\n"
    results = {}
    for one_pass in (True, False):
        folder = write_campaign(tmp_path / f"campaign-{one_pass}", [{"kind": "learning", "files": "lms-*.csv"}])
        write(folder / "lms-01.csv", text, 0)
        write(folder / "lms-02.csv", text.replace("X2", "X3"), 1)
        results[one_pass] = stored(folder, tmp_path / f"store-{one_pass}.duckdb", one_pass, monkeypatch)
    assert results[True] == results[False]
    assert len(results[True]["events"]) == 3  # X1, X2, X3


def test_a_bad_cell_in_a_batch_is_named_by_its_row_and_nothing_is_stored(tmp_path, monkeypatch):
    folder = write_campaign(tmp_path / "campaign", [{"kind": "learning", "files": "lms-*.csv"}])
    write(folder / "lms-01.csv", LEARNING + "04-01-2027;E1;Inlog;A1\n", 0)
    write(folder / "lms-02.csv", LEARNING + "04-01-2027;E1;Inlog;A1\n31-02-2027;E2;Inlog;A1\n", 1)
    write(folder / "lms-03.csv", LEARNING + "05-01-2027;E1;Uitgelogd;A1\n", 2)
    said = {}
    for one_pass in (True, False):
        monkeypatch.setattr(activity, "ONE_PASS", one_pass)
        store = tmp_path / f"store-{one_pass}.duckdb"
        with activity.open_store(store) as con, pytest.raises(CampaignError) as caught:
            activity.sync(load_campaign(folder), con)
        said[one_pass] = [(p.file, p.key, p.label) for p in caught.value.problems]
        with activity.open_store(store) as con:
            assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert said[True] == said[False]
    assert [(f, k) for f, k, _ in said[True]] == [
        ("lms-02.csv", "row 3, column 'date'"),
        ("lms-03.csv", "row 2, column 'event'"),
    ]


def test_validate_finds_the_same_by_both_routes(tmp_path, monkeypatch):
    folder = write_campaign(tmp_path / "campaign", sources())
    for order, (name, text) in enumerate(sequence(folder)):
        write(folder / name, text, order)
    found = {}
    for one_pass in (True, False):
        monkeypatch.setattr(activity, "ONE_PASS", one_pass)
        warnings: list = []
        problems = activity.check_sources(load_campaign(folder), warnings)
        found[one_pass] = (problems, [(w.file, w.label, w.values) for w in warnings])
    assert found[True] == found[False]
    assert ("shares-01.csv", "warning.unattributed", {"n": 1}) in found[True][1]


def test_the_same_file_named_by_two_sources_goes_the_staged_route(tmp_path, monkeypatch):
    folder = write_campaign(
        tmp_path / "campaign",
        [{"kind": "learning", "files": "lms-01.csv"}, {"kind": "learning", "files": "lms-*.csv"}],
    )
    write(folder / "lms-01.csv", LEARNING + "04-01-2027;E1;Inlog;A1\n", 0)
    shutil.copy(folder / "lms-01.csv", folder / "lms-02.csv")
    one_pass, staged = both(folder, tmp_path, monkeypatch)
    assert one_pass == staged


def test_a_parquet_export_is_stored_alike_by_both_routes(tmp_path, monkeypatch):
    """Parquet cells arrive typed: timestamps, and ids stored as floats (269.0 must read as 269)."""
    import pandas as pd

    from campaign_kit.data.synthetic import write_parquet

    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2027-01-04 09:00", "2027-01-04 09:00", "2027-01-05 10:30", "2027-01-06 00:00"]),
            "employee": [269.0, 269.0, 270.0, 271.0],
            "event": ["Inlog", "Inlog", "gestart", "afgerond"],
            "ambassador": ["A1", "A1", None, "A2"],
        }
    )
    results = {}
    for one_pass in (True, False):
        folder = write_campaign(tmp_path / f"campaign-{one_pass}", [{"kind": "learning", "files": "lms.parquet"}])
        write_parquet(frame, folder / "lms.parquet")
        results[one_pass] = stored(folder, tmp_path / f"store-{one_pass}.duckdb", one_pass, monkeypatch)
    assert results[True] == results[False]
    assert sorted({e[8] for e in results[True]["events"]}) == ["269", "270", "271"]
    assert len(results[True]["events"]) == 4  # the repeated log-in twice


def test_exports_with_the_same_header_keep_their_own_date_format(tmp_path, monkeypatch):
    """Later exports whose header line is the first's are sampled without DuckDB's sniffing: each still
    gets its own date format ('18-09-24' is 18 Sep 2024, not the year 24 DuckDB's %Y would read)."""
    results = {}
    for one_pass in (True, False):
        folder = write_campaign(tmp_path / f"campaign-{one_pass}", [{"kind": "learning", "files": "lms-*.csv"}])
        write(folder / "lms-01.csv", LEARNING + "16-09-2024;E1;Inlog;A1\n17-09-2024;E2;Inlog;A1\n", 0)
        write(folder / "lms-02.csv", LEARNING + "18-09-24;E3;Inlog;A1\n19-09-24;E4;afgerond;A2\n", 1)
        write(folder / "lms-03.csv", LEARNING + "20-09-2024;E5;Inlog;A1\n", 2)
        results[one_pass] = stored(folder, tmp_path / f"store-{one_pass}.duckdb", one_pass, monkeypatch)
    assert results[True] == results[False]
    days = sorted((e[2], e[3].date().isoformat()) for e in results[True]["events"])
    assert days == [
        ("lms-01.csv", "2024-09-16"),
        ("lms-01.csv", "2024-09-17"),
        ("lms-02.csv", "2024-09-18"),
        ("lms-02.csv", "2024-09-19"),
        ("lms-03.csv", "2024-09-20"),
    ]


def test_a_file_that_does_not_read_as_the_columns_given_is_sampled_as_duckdb_finds_it(tmp_path):
    folder = write_campaign(tmp_path / "campaign", [{"kind": "learning", "files": "lms-*.csv"}])
    write(folder / "lms-01.csv", LEARNING + "16-09-2024;E1;Inlog;A1\n", 0)
    source = load_campaign(folder).activity.sources[0]
    con = duckdb.connect()
    con.execute("BEGIN TRANSACTION")  # as the import reads: an error here would end the transaction
    with activity._records(con, folder / "lms-01.csv", "lms-01.csv", source) as records:
        found = activity._one_pass(con, records, source, "lms-01.csv")
        # three columns given for a file of four: DuckDB cannot read it so, and looks at the file itself
        given = activity._one_pass(con, records, source, "lms-01.csv", ("date", "employee", "event"))
    assert con.execute("SELECT 1").fetchall() == [(1,)]  # the transaction goes on
    con.execute("COMMIT")
    assert found is not None and given is not None
    assert given.headers == found.headers == ("date", "employee", "event", "ambassador")
    assert given.same(found)


def test_a_record_longer_than_the_small_buffer_of_the_first_records_is_read_whole(tmp_path, monkeypatch):
    """The first records of a later export are read with a 1 MiB buffer: a longer line (here a 1.5 MB
    ambassador cell) fails that read, and the file is sampled and imported as DuckDB finds it."""
    results = {}
    for one_pass in (True, False):
        folder = write_campaign(tmp_path / f"campaign-{one_pass}", [{"kind": "learning", "files": "lms-*.csv"}])
        write(folder / "lms-01.csv", LEARNING + "16-09-2024;E1;Inlog;A1\n", 0)
        write(folder / "lms-02.csv", LEARNING + f"18-09-2024;E2;Inlog;{'A' * 1_500_000}\n19-09-2024;E3;Inlog;A2\n", 1)
        results[one_pass] = stored(folder, tmp_path / f"store-{one_pass}.duckdb", one_pass, monkeypatch)
    assert results[True] == results[False]
    assert sorted(len(e[4]) for e in results[True]["events"]) == [2, 2, 1_500_000]
