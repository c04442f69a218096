"""Status reports: one row per person and course (candidate and job) with a date column per event,
declared with `dates:`. Each filled date is one event on its own date; a repeated row counts once; a
later report updates a row instead of adding to it; a completion counts only when the status says so."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from test_activity import store, write_campaign  # noqa: F401 (store is a fixture)

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity
from campaign_kit.phases.midterm import analysis as midterm

HEADER = "Personeelsnummer;Cursus;Status;Startdatum;Datum voltooid;Ambassadeur\n"
DATES = {"start": "Startdatum", "completion": "Datum voltooid"}


def status_source(**extra) -> dict:
    return {"kind": "learning", "files": "voortgang-*.csv", "dates": DATES, **extra}


def write_report(path: Path, body: str, mtime: int | None = None, header: str = HEADER) -> Path:
    path.write_text(header + body, encoding="utf-8")
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))
    return path


def events(store, where: str = "true") -> list[tuple]:  # noqa: F811
    with activity.open_store(store.path) as con:
        return con.execute(
            f"SELECT person, result, ts::DATE, ambassador FROM events WHERE {where} ORDER BY person, result, ts"
        ).fetchall()


@pytest.fixture
def lms(tmp_path, store):  # noqa: F811
    store.path = tmp_path / "store" / "activity.duckdb"
    return store


def test_each_filled_date_is_one_event_on_its_own_date(tmp_path, lms):
    folder = write_campaign(tmp_path / "c", [status_source()])
    write_report(
        folder / "voortgang-10.csv",
        "E1;Dementie;Voltooid;01-10-2026;09-10-2026;A1\n"  # started and completed: two events, two dates
        "E1;Tillen;Bezig;12-10-2026;;A1\n"  # in progress: a start, the empty completion date is no error
        "E2;Dementie;Niet gestart;;;\n",  # enrolled only: nothing happened yet
    )
    report = lms(folder)
    assert report.files[0]["new"] == 3
    assert events(lms) == [
        ("E1", "completion", dt.date(2026, 10, 9), "A1"),
        ("E1", "start", dt.date(2026, 10, 1), "A1"),
        ("E1", "start", dt.date(2026, 10, 12), "A1"),
    ]


def test_a_repeated_row_counts_once_and_a_later_report_updates_the_row(tmp_path, lms):
    folder = write_campaign(tmp_path / "c", [status_source()])
    october = "E1;Dementie;Bezig;01-10-2026;;A1\nE1;Dementie;Bezig;01-10-2026;;A1\nE2;Tillen;Bezig;05-10-2026;;\n"
    write_report(folder / "voortgang-10.csv", october, mtime=1_000_000_000)
    first = lms(folder)
    assert first.files[0]["skipped"]["repeated"] == 1 and first.files[0]["new"] == 2
    # November: E1 completed (the start is the same event, the completion is new), E2 restarted later
    november = "E1;Dementie;Voltooid;01-10-2026;20-10-2026;A1\nE2;Tillen;Bezig;03-11-2026;;\n"
    write_report(folder / "voortgang-11.csv", november, mtime=2_000_000_000)
    second = lms(folder)
    assert second.files[-1]["new"] == 1  # only E1's completion; E2's start was replaced, not added
    assert events(lms) == [
        ("E1", "completion", dt.date(2026, 10, 20), "A1"),
        ("E1", "start", dt.date(2026, 10, 1), "A1"),
        ("E2", "start", dt.date(2026, 11, 3), None),
    ]
    # a rebuild (the mapping changed) reads both reports again, oldest first, with the same result
    write_campaign(folder, [status_source(unattributed=["geen"])])
    assert lms(folder).rebuilt == ["learning"]
    assert len(events(lms)) == 3


def test_a_completion_date_counts_only_when_the_status_says_completed(tmp_path, lms):
    folder = write_campaign(tmp_path / "c", [status_source()])
    # restarted after an earlier completion: the old completion date is still in the export
    write_report(folder / "voortgang-10.csv", "E1;Dementie;Bezig;01-10-2026;09-10-2026;A1\n")
    report = lms(folder)
    assert report.files[0]["skipped"]["not_final"] == 1
    assert [e[1] for e in events(lms)] == ["start"]


def test_a_report_without_a_status_column_counts_every_filled_date(tmp_path, lms):
    folder = write_campaign(tmp_path / "c", [status_source()])
    header = "Personeelsnummer;Cursus;Startdatum;Datum voltooid\n"
    write_report(folder / "voortgang-10.csv", "E1;Dementie;01-10-2026;09-10-2026\n", header=header)
    lms(folder)
    assert [e[1] for e in events(lms)] == ["completion", "start"]


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        ("E1;Dementie;Voltooid;01-10-2026;;A1\n", "row 2, column 'Status'", "'Voltooid' says it is done"),
        ("E1;Dementie;Bezig;1 oktober;;A1\n", "row 2, column 'Startdatum'", "'1 oktober' is not valid"),
        ("E1;Dementie;Voltooid;01-10-2026;31-13-2026;A1\n", "row 2, column 'Datum voltooid'", "is not valid"),
        (";Dementie;Bezig;01-10-2026;;A1\n", "row 2, column 'Personeelsnummer'", "is empty"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_stored(tmp_path, lms, body, where, says):
    folder = write_campaign(tmp_path / "c", [status_source()])
    write_report(folder / "voortgang-10.csv", body)
    assert [p.key for p in activity.check_sources(load_campaign(folder))] == [where]  # validate finds it
    with pytest.raises(CampaignError) as caught:
        lms(folder)
    assert f"voortgang-10.csv {where}" in str(caught.value) and says in str(caught.value), str(caught.value)
    assert lms.count() == 0


def test_a_missing_date_or_key_column_names_what_the_file_has(tmp_path):
    folder = write_campaign(
        tmp_path / "c", [status_source(dates={"start": "Begonnen op", "completion": "Datum voltooid"}, key=["Code"])]
    )
    write_report(folder / "voortgang-10.csv", "E1;Dementie;Bezig;01-10-2026;;A1\n")
    problems = activity.check_sources(load_campaign(folder))
    assert [p.key for p in problems] == ["column 'Begonnen op'", "column 'Code'"]
    assert "Startdatum" in problems[0].message  # what the file does have


def test_an_own_key_tells_rows_apart(tmp_path, lms):
    # the same course twice (a retake in another cohort) is two rows when the key includes the cohort
    header = "Personeelsnummer;Cursus;Groep;Startdatum;Datum voltooid\n"
    body = "E1;Dementie;voorjaar;01-03-2026;20-03-2026\nE1;Dementie;najaar;01-10-2026;\n"
    folder = write_campaign(tmp_path / "c", [status_source(key=["Personeelsnummer", "Cursus", "Groep"])])
    write_report(folder / "voortgang-10.csv", body, header=header)
    lms(folder)
    assert [e[1:3] for e in events(lms)] == [
        ("completion", dt.date(2026, 3, 20)),
        ("start", dt.date(2026, 3, 1)),
        ("start", dt.date(2026, 10, 1)),
    ]
    # without it the two rows are one entity: the last row wins
    write_campaign(folder, [status_source()])
    lms(folder)
    assert [e[1:3] for e in events(lms)] == [("completion", dt.date(2026, 3, 20)), ("start", dt.date(2026, 10, 1))]


def test_a_recruitment_status_report_dates_applications_and_hires(tmp_path, lms):
    source = {
        "kind": "recruitment",
        "files": "kandidaten.csv",
        "dates": {"applicant": "Applied On", "hire": "Hired On"},
    }
    folder = write_campaign(tmp_path / "c", [source])
    (folder / "kandidaten.csv").write_text(
        "Candidate,Job,Referrer,Status,Applied On,Hired On\n"
        "C1,Nurse,A1,Hired,2026-10-01,2026-11-02\n"
        "C2,Nurse,A2,Interview,2026-10-03,\n"
        "C3,Nurse,(none),Hired,2026-10-04,2026-11-05\n",  # not referred: nobody's, left out
        encoding="utf-8",
    )
    report = lms(folder)
    assert report.files[0]["skipped"]["unattributed"] == 1
    assert events(lms) == [
        ("C1", "applicant", dt.date(2026, 10, 1), "A1"),
        ("C1", "hire", dt.date(2026, 11, 2), "A1"),
        ("C2", "applicant", dt.date(2026, 10, 3), "A2"),
    ]


@pytest.mark.parametrize(
    ("source", "key", "label"),
    [
        ({"kind": "sharing", "files": "s.csv", "dates": {"share": "Datum"}}, "dates", "error.dates_kind"),
        (
            {"kind": "learning", "files": "s.csv", "dates": {"hire": "Datum"}},
            "dates.hire",
            "error.dates_result",
        ),
        ({"kind": "learning", "files": "s.csv", "key": ["Cursus"]}, "key", "error.key_without_dates"),
    ],
)
def test_campaign_yaml_mistakes_in_a_status_source_are_named(tmp_path, source, key, label):
    folder = write_campaign(tmp_path / "c", [source])
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    found = [(p.key, p.label) for p in caught.value.problems]
    assert (f"activity.sources[0].{key}", label) in found, found


def test_the_mid_term_counts_people_who_completed_from_a_status_report(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(tmp_path / "parameters" / "c", [status_source()], ambassadors=["A1"])
    write_report(
        folder / "voortgang-01.csv",
        "E1;Dementie;Voltooid;04-01-2027;20-01-2027;A1\n"
        "E1;Tillen;Voltooid;05-01-2027;21-01-2027;A1\n"  # the same person twice: one person for K1
        "E2;Dementie;Bezig;06-01-2027;;A1\n"
        "E3;Dementie;Voltooid;02-01-2027;25-01-2027;\n",
    )
    analysis = midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    assert analysis.progress.set_index("id").loc["K1", "actual"] == 2  # E1 and E3 completed
    assert analysis.totals["completion"] == 3 and analysis.totals["start"] == 4
