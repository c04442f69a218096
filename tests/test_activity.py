"""The activity importer: every export format, malformed files named by file, row and column, nothing
stored when anything is wrong, duplicates counted once, and re-runs reading only what is new."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from helpers import campaign_data, kpi
from ruamel.yaml import YAML

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity, shapes
from campaign_kit.data.synthetic import write_parquet
from campaign_kit.phases.midterm import analysis as midterm

LEARNING_HEADER = "Datum;Medewerker;Gebeurtenis;Via ambassadeur\n"


def write_campaign(folder: Path, sources: list[dict], **activity_extra) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = campaign_data(
        kpis=[
            kpi("K1", target=10, measure={"result": "completion", "count": "people"}, deadline=dt.date(2027, 3, 26)),
            kpi("K2", target=8, measure={"result": "share"}, deadline=dt.date(2027, 3, 26)),
        ],
        activity={"sources": sources, **activity_extra},
    )
    yaml = YAML()
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return folder


def learning_source(files: str = "lms-*.csv") -> dict:
    return {"kind": "learning", "files": files}


def write_lines(path: Path, body: str, header: str = LEARNING_HEADER) -> Path:
    path.write_text(header + body, encoding="utf-8-sig")
    return path


GOOD = "04-01-2027;E1;Inlog;A1\n05-01-2027;E1;Afgerond;A1\n06-01-2027;E2;afgerond;\n"


@pytest.fixture
def store(tmp_path: Path):
    path = tmp_path / "store" / "activity.duckdb"

    def sync(folder: Path) -> activity.ImportReport:
        with activity.open_store(path) as con:
            return activity.sync(load_campaign(folder), con)

    def count(sql: str = "SELECT count(*) FROM events") -> object:
        with activity.open_store(path) as con:
            return con.execute(sql).fetchone()[0]

    sync.count = count
    return sync


def test_semicolon_csv_with_dutch_headers_and_words_is_read(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    write_lines(folder / "lms-01.csv", GOOD)
    report = store(folder)
    assert report.files == [
        {"kind": "learning", "file": "lms-01.csv", "rows": 3, "new": 3, "status": "imported", "skipped": {}}
    ]
    assert store.count("SELECT count(*) FROM events WHERE result = 'completion'") == 2
    assert store.count("SELECT count(*) FROM events WHERE ambassador IS NULL") == 1  # came on their own


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        (
            "04-01-2027;E1;Inlog;A1\n31-13-2027;E2;Inlog;A1\n",
            "lms-01.csv row 3, column 'Datum'",
            "'31-13-2027' is not valid",
        ),
        (
            "04-01-2027;E1;gekeken;A1\n",
            "lms-01.csv row 2, column 'Gebeurtenis'",
            "expected one of: completion, login, start",
        ),
        ("04-01-2027;;Inlog;A1\n", "lms-01.csv row 2, column 'Medewerker'", "is empty"),
        (";E1;Inlog;A1\n", "lms-01.csv row 2, column 'Datum'", "is empty"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_stored(tmp_path, store, body, where, says):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    write_lines(folder / "lms-00.csv", GOOD)
    store(folder)
    write_lines(folder / "lms-01.csv", body)
    with pytest.raises(CampaignError) as caught:
        store(folder)
    text = str(caught.value)
    assert where in text and says in text, text
    assert store.count() == 3  # the good file's events only: the failed import was rolled back
    (folder / "lms-01.csv").unlink()
    assert [f["status"] for f in store(folder).files] == ["unchanged"]


def test_missing_column_names_what_the_file_has(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    write_lines(folder / "lms-01.csv", "04-01-2027;E1;A1\n", header="Datum;Medewerker;Via ambassadeur\n")
    with pytest.raises(CampaignError, match=r"lms-01.csv column 'event': is missing; .*the file has: Datum"):
        store(folder)


def test_mapped_column_that_is_absent_is_named(tmp_path, store):
    source = learning_source() | {"columns": {"employee": "Persnr"}}
    folder = write_campaign(tmp_path / "c", [source])
    write_lines(folder / "lms-01.csv", GOOD)
    with pytest.raises(CampaignError, match=r"column 'Persnr': is missing; expected the header 'Persnr'"):
        store(folder)


@pytest.mark.parametrize(("cell", "says"), [("abc", "'abc' is not valid"), ("-1", "'-1'"), ("1,5", "'1,5'")])
def test_bad_counts_in_a_sharing_export(tmp_path, store, cell, says):
    folder = write_campaign(tmp_path / "c", [{"kind": "sharing", "files": "shares.csv"}])
    (folder / "shares.csv").write_text(
        f"Gedeeld op;Ambassadeur;Bericht;Kliks\n04-01-2027;A1;P1;3\n05-01-2027;A1;P2;{cell}\n", encoding="utf-8"
    )
    with pytest.raises(CampaignError) as caught:
        store(folder)
    assert "shares.csv row 3, column 'Kliks'" in str(caught.value) and says in str(caught.value)
    assert "a whole number of 0 or more" in str(caught.value)


def test_empty_unsupported_and_missing_files(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source("lms.csv")])
    with pytest.raises(CampaignError, match=r"activity.sources\[0\].files: no file matches 'lms.csv'"):
        store(folder)
    (folder / "lms.csv").write_text("", encoding="utf-8")
    with pytest.raises(CampaignError, match="lms.csv: the file is empty"):
        store(folder)
    folder = write_campaign(tmp_path / "d", [learning_source("lms.json")])
    (folder / "lms.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CampaignError, match="unsupported file type '.json'"):
        store(folder)


def test_parquet_rows_are_called_records(tmp_path, store):
    import pandas as pd

    folder = write_campaign(tmp_path / "c", [{"kind": "recruitment", "files": "ats.parquet"}])
    frame = pd.DataFrame(
        {
            "Application date": pd.to_datetime(["2027-01-04", "2027-01-05"]),
            "Candidate ID": ["C1", "C2"],
            "Referrer": ["A1", "A2"],
            "Stage": ["Applied", "Interview"],
        }
    )
    write_parquet(frame, folder / "ats.parquet")
    with pytest.raises(CampaignError, match=r"ats.parquet record 2, column 'Stage': 'Interview' is not valid"):
        store(folder)
    folder2 = write_campaign(
        tmp_path / "d", [{"kind": "recruitment", "files": "ats.parquet", "values": {"applicant": ["interview"]}}]
    )
    write_parquet(frame, folder2 / "ats.parquet")
    store(folder2)
    assert store.count("SELECT count(*) FROM events WHERE result = 'applicant'") == 2


def test_the_same_export_twice_and_overlapping_exports_count_each_event_once(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    write_lines(folder / "lms-01.csv", GOOD)
    shutil.copy2(folder / "lms-01.csv", folder / "lms-01 (1).csv")  # downloaded twice
    write_lines(folder / "lms-02.csv", "06-01-2027;E2;afgerond;\n07-01-2027;E3;Inlog;A2\n")  # overlaps by one
    report = store(folder)
    assert [f["new"] for f in report.files] == [3, 0, 1]
    assert store.count() == 4


def test_reruns_read_only_new_files_and_rebuild_what_changed(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    write_lines(folder / "lms-01.csv", GOOD)
    store(folder)
    write_lines(folder / "lms-02.csv", "07-01-2027;E3;Inlog;A2\n")
    report = store(folder)
    assert [(f["file"], f["status"]) for f in report.files] == [
        ("lms-01.csv", "unchanged"),
        ("lms-02.csv", "imported"),
    ] and report.rebuilt == []
    write_lines(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n")  # the export was replaced
    report = store(folder)
    assert report.rebuilt == ["learning"] and store.count() == 2
    (folder / "lms-02.csv").unlink()
    assert store(folder).rebuilt == ["learning"] and store.count() == 1  # nothing the folder no longer has


def test_a_source_taken_out_is_forgotten(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source(), {"kind": "sharing", "files": "s.csv"}])
    write_lines(folder / "lms-01.csv", GOOD)
    (folder / "s.csv").write_text("date,ambassador,post\n2027-01-04,A1,P1\n", encoding="utf-8")
    store(folder)
    assert store.count("SELECT count(*) FROM events WHERE result = 'share'") == 1
    write_campaign(folder, [learning_source()])
    assert store(folder).rebuilt == ["sharing"]
    assert store.count("SELECT count(*) FROM events WHERE kind = 'sharing'") == 0


def test_unknown_ambassadors_are_reported_and_kept_out_of_the_scoreboard(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(
        tmp_path / "parameters" / "c",
        [{"kind": "sharing", "files": "s.csv"}],
        ambassadors=["A1", "A2"],
    )
    (folder / "s.csv").write_text(
        "date,ambassador,post,clicks\n2027-01-04,A1,P1,4\n2027-01-05,A9,P1,2\n2027-01-06,A9,P2,1\n", encoding="utf-8"
    )
    analysis = midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    assert analysis.unknown[["ambassador", "events"]].values.tolist() == [["A9", 4]]  # 2 shares + 2 click rows
    assert list(analysis.per_ambassador.index) == ["A1", "A2"]
    assert analysis.totals["share"] == 3  # their results still count for the KPIs
    assert analysis.active == 1 and analysis.activation == 0.5
    k2 = analysis.progress.set_index("id").loc["K2"]
    assert k2["actual"] == 3
    assert (tmp_path / "outputs" / "c" / "activity.duckdb").is_file()


def test_repeats_within_one_export_are_separate_events_but_not_across_exports(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    twice = "04-01-2027;E1;Inlog;A1\n04-01-2027;E1;Inlog;A1\n"  # two log-ins on one day
    write_lines(folder / "lms-01.csv", twice)
    write_lines(folder / "lms-01 (1).csv", twice)  # the same export downloaded again
    assert [f["new"] for f in store(folder).files] == [2, 0]
    assert store.count() == 2


def test_a_revised_daily_count_replaces_the_earlier_figure(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [{"kind": "web", "files": "ga4-*.csv"}])
    header = "Date,Session campaign,Session manual ad content,Session medium,Sessions\n"
    (folder / "ga4-2026-10.csv").write_text(header + "20261030,A1,P1,linkedin,5\n20261031,A1,P1,linkedin,12\n")
    store(folder)
    (folder / "ga4-2026-11.csv").write_text(
        header + "20261031,A1,P1,linkedin,19\n20261031,A1,P1,email,3\n20261101,A1,P1,linkedin,4\n"
    )
    report = store(folder)
    assert report.files[-1]["new"] == 2  # 31 Oct by e-mail and 1 Nov; 31 Oct by LinkedIn was revised
    assert store.count("SELECT sum(n) FROM events") == 5 + 19 + 3 + 4


def test_exports_with_their_own_event_ids(tmp_path, store):
    folder = write_campaign(tmp_path / "c", [learning_source()])
    header = "Datum;Medewerker;Gebeurtenis;Via ambassadeur;Event ID\n"
    write_lines(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1;1001\n04-01-2027;E1;Inlog;A1;1002\n", header)
    write_lines(folder / "lms-02.csv", "04-01-2027;E1;Inlog;A1;1002\n05-01-2027;E2;Inlog;A1;1003\n", header)
    store(folder)
    assert store.count() == 3


@pytest.mark.parametrize(
    "stamp", ["2026-10-01T10:00:00Z", "2026-10-01T10:00:00+02:00", "2026-10-01 10:00:00.123", "01/10/2026 10:00:05"]
)
def test_common_timestamp_forms_are_read(tmp_path, store, stamp):
    folder = write_campaign(tmp_path / "c", [{"kind": "sharing", "files": "s.csv"}])
    (folder / "s.csv").write_text(f"date,ambassador,post\n{stamp},A1,P1\n", encoding="utf-8")
    store(folder)
    assert store.count("SELECT min(ts)::DATE FROM events") == dt.date(2026, 10, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ambassadeur (naam, id);Datum\nA1;01-01-2027\n", ";"),
        ("a,b\n1,2\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("date\n2027-01-01\n", ","),
    ],
)
def test_the_separator_is_found_from_the_rows_not_only_the_header(text, expected):
    assert shapes.sniff_delimiter(text) == expected


def test_the_newer_export_wins_by_time_not_by_name_and_a_revision_to_zero_counts(tmp_path, store):
    import os

    folder = write_campaign(tmp_path / "c", [{"kind": "sharing", "files": "sh-*.csv"}])
    header = "date,ambassador,post,shares,clicks\n"
    monthly = folder / "sh-2027-01.csv"
    monthly.write_text(header + "2027-01-04,A1,P1,1,3\n2027-01-05,A2,P1,1,4\n")
    os.utime(monthly, ns=(1_000_000_000, 1_000_000_000))
    cumulative = folder / "sh-2027-01-02.csv"  # sorts before the monthly file, but was exported later
    cumulative.write_text(header + "2027-01-04,A1,P1,1,5\n2027-01-05,A2,P1,1,0\n2027-02-01,A1,P2,1,2\n")
    os.utime(cumulative, ns=(2_000_000_000, 2_000_000_000))
    store(folder)
    assert store.count("SELECT sum(n) FROM events WHERE result = 'click'") == 5 + 0 + 2
    assert store.count("SELECT sum(n) FROM events WHERE result = 'share'") == 3


def test_a_short_row_does_not_change_the_separator():
    text = "datum;ambassadeur;bericht;gedeeld;kliks\n04-01-2027;A1;P1;1;3\n05-01-2027;A2;P1;1\n"
    assert shapes.sniff_delimiter(text) == ";"


def test_posts_are_shown_by_title_from_the_export_or_the_posts_file(tmp_path, monkeypatch):
    from campaign_kit.phases.midterm import report as midterm_report

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(
        tmp_path / "parameters" / "c", [{"kind": "sharing", "files": "s-*.csv"}], ambassadors=["A1"]
    )
    header = "date,ambassador,post,post title,clicks\n"
    (folder / "s-1.csv").write_text(header + "2027-01-04,A1,P1,Old title,4\n2027-01-05,A1,P2,,2\n", encoding="utf-8")
    (folder / "s-2.csv").write_text(header + "2027-01-06,A1,P1,Open dag 12 maart,1\n", encoding="utf-8")
    os.utime(folder / "s-1.csv", ns=(1_000_000_000, 1_000_000_000))
    os.utime(folder / "s-2.csv", ns=(2_000_000_000, 2_000_000_000))
    analysis = midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    assert analysis.titles == {"P1": "Open dag 12 maart"}  # the newer export's title; P2 has none
    shown = midterm_report.top_posts(load_campaign(folder), analysis)
    assert list(shown.iloc[:, 0]) == ["Open dag 12 maart", "P2"]  # 2 shares and 5 clicks, then 1 and 2

    # the analyst's posts file gives titles the export lacks, and wins over the export's
    (folder / "posts.csv").write_text("Bericht;Titel\nP2;Vacature verpleegkundige\nP1;Open dag\n", encoding="utf-8")
    write_campaign(folder, [{"kind": "sharing", "files": "s-*.csv"}], ambassadors=["A1"], posts="posts.csv")
    analysis = midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    assert analysis.titles == {"P1": "Open dag", "P2": "Vacature verpleegkundige"}

    (folder / "posts.csv").write_text("Bericht;Titel\nP2;\n", encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    assert "posts.csv row 2, column 'Titel'" in str(caught.value)


def test_a_web_export_without_a_sessions_column_counts_each_row_as_one_visit(tmp_path, store):
    """A hit-level export (one row per landing): each row an ambassador brought is one visit; a row
    without a campaign tag came from elsewhere and is left out."""
    folder = write_campaign(tmp_path / "c", [{"kind": "web", "files": "hits.csv"}])
    rows = "2027-01-04,A1,P1\n2027-01-04,A1,P1\n2027-01-05,A2,P2\n2027-01-05,,P2\n"
    (folder / "hits.csv").write_text("Date,Session campaign,Session manual ad content\n" + rows, encoding="utf-8")
    report = store(folder)
    assert report.files[0]["new"] == 3 and report.files[0]["skipped"] == {"unattributed": 1}
    assert store.count("SELECT string_agg(DISTINCT result, ',') FROM events") == "visit"
    assert store.count("SELECT sum(n) FROM events") == 3.0  # A1 twice on 4 January, A2 once
    assert store.count("SELECT count(*) FROM events WHERE ambassador = 'A1' AND post = 'P1'") == 2


def test_an_empty_spill_folder_left_by_a_killed_import_is_cleared(tmp_path):
    """DuckDB spills to <store>.tmp/; a killed import left it behind, empty, in the campaign's outputs."""
    path = tmp_path / "store" / "activity.duckdb"
    leftover = path.with_name("activity.duckdb.tmp")
    leftover.mkdir(parents=True)
    with activity.open_store(path) as con:
        assert not leftover.exists()
        con.execute("SELECT 1").fetchall()
    assert sorted(p.name for p in path.parent.iterdir()) == [".activity.duckdb.lock", "activity.duckdb"]


def test_a_store_that_runs_out_of_disk_says_the_disk_is_full(tmp_path, monkeypatch):
    """DuckDB reports a spill folder that cannot grow as 'Out of Memory'; on a full disk it is called
    what it is."""
    import errno
    import shutil

    path = tmp_path / "store" / "activity.duckdb"
    full = shutil.disk_usage(tmp_path)._replace(free=10 * 2**20)
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: full)
    with pytest.raises(OSError) as caught:
        with activity.open_store(path):
            raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(path.parent)
    # with room on the disk it is what DuckDB said
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: full._replace(free=10 * 2**30))
    with pytest.raises(duckdb.OutOfMemoryException):
        with activity.open_store(path):
            raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
