"""Exports as the platforms deliver them: report preambles and totals lines, traffic that is nobody's,
UTF-16 and Windows encodings, Excel title rows. Figures are counted by hand from the files below."""

from __future__ import annotations

import codecs

import openpyxl
import pytest
from test_activity import store, write_campaign  # noqa: F401 - the store fixture

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity, shapes

# GA4's "Download file > CSV": '#' lines with the report and the date range, a blank comment, the
# header, a totals row right under it, and rows for direct and untagged traffic.
GA4 = """# ----------------------------------------
# Traffic acquisition: Session campaign
# Account: Northwind Logistics
# Property: careers.example.com
# ----------------------------------------
#
# Start date: 20270101
# End date: 20270131
Session campaign,Date,Session manual ad content,Sessions,Engaged sessions
,Grand total,,118,70
amb_A1,20270104,P1,12,8
amb_A2,20270104,P1,7,5
(direct),20270104,(not set),60,30
(not set),20270105,(not set),9,2
amb_A1,20270105,P2,5,4
(organic),20270105,(not set),20,18
amb_A3,20270106,P2,3,3
"""


def test_ga4_download_with_preamble_totals_and_direct_traffic(tmp_path, store):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "web", "files": "ga4-*.csv"}])
    (folder / "ga4-2027-01.csv").write_text(GA4, encoding="utf-8")
    report = store(folder)
    entry = report.files[0]
    assert entry["rows"] == 7  # the totals row is not a record
    assert entry["skipped"] == {"preamble": 8, "totals": 1, "unattributed": 3}
    # visits via colleagues: 12 + 7 + 5 + 3, never the 60 direct, 9 untagged or 20 organic ones
    assert store.count("SELECT sum(n) FROM events WHERE result = 'visit'") == 27
    assert store.count("SELECT string_agg(DISTINCT ambassador, ',' ORDER BY ambassador) FROM events") == (
        "amb_A1,amb_A2,amb_A3"
    )


def test_a_campaigns_own_words_for_nobody_are_left_out_too(tmp_path, store):  # noqa: F811
    source = {"kind": "web", "files": "web.csv", "unattributed": ["intranet-banner"]}
    folder = write_campaign(tmp_path / "c", [source])
    (folder / "web.csv").write_text(
        "utm_campaign;datum;sessies\nA1;04-01-2027;4\nintranet-banner;04-01-2027;50\n;05-01-2027;7\n", encoding="utf-8"
    )
    report = store(folder)
    assert report.files[0]["skipped"] == {"unattributed": 2}
    assert store.count("SELECT sum(n) FROM events") == 4


def test_learning_events_without_an_ambassador_still_count(tmp_path, store):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "learning", "files": "lms.csv"}])
    (folder / "lms.csv").write_text(
        "Datum;Medewerker;Gebeurtenis;Via ambassadeur\n04-01-2027;E1;Afgerond;(none)\n05-01-2027;E2;Afgerond;A1\n",
        encoding="utf-8",
    )
    store(folder)
    assert store.count("SELECT count(*) FROM events WHERE result = 'completion'") == 2
    assert store.count("SELECT count(*) FROM events WHERE ambassador IS NULL") == 1


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE], ids=["utf-16-le", "utf-16-be"])
def test_excel_unicode_text_is_utf16_with_tabs(tmp_path, store, bom):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "learning", "files": "lms.txt"}])
    text = (
        "Datum\tMedewerker\tGebeurtenis\tVia ambassadeur\r\n"
        "04-01-2027\tZoë\tAfgerond\tA1\r\n"
        "05-01-2027\tE2\tInlog\tA1\r\n"
    )
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    (folder / "lms.txt").write_bytes(bom + text.encode(codec))
    report = store(folder)
    assert report.files[0]["rows"] == 2
    assert store.count("SELECT string_agg(person, ',' ORDER BY person) FROM events") == "E2,Zoë"


def test_windows_csv_in_cp1252(tmp_path, store):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "learning", "files": "lms.csv"}])
    text = "Datum;Medewerker;Gebeurtenis;Via ambassadeur\n04-01-2027;Müller;Afgerond;Señora Ibáñez\n"
    (folder / "lms.csv").write_bytes(text.encode("cp1252"))
    store(folder)
    assert store.count("SELECT person || '/' || ambassador FROM events") == "Müller/Señora Ibáñez"


def test_a_file_that_is_not_text_says_which_encoding_was_tried(tmp_path):
    folder = write_campaign(tmp_path / "c", [{"kind": "learning", "files": "lms.csv"}])
    (folder / "lms.csv").write_bytes(codecs.BOM_UTF16_LE + "Datum;Medewerker\n".encode("utf-16-le") + b"\x00\xd8")
    problems = activity.check_sources(load_campaign(folder))
    assert problems and problems[0].file == "lms.csv"
    assert "utf-16" in problems[0].message and "save it as CSV UTF-8" in problems[0].message


def test_excel_with_a_title_row_and_a_blank_row_above_the_header(tmp_path, store):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "recruitment", "files": "referrals.xlsx"}])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Referral report – January 2027"])
    sheet.append([])
    sheet.append(["Application date", "Candidate ID", "Referred by", "Stage"])
    sheet.append(["2027-01-04", "C1", "A1", "Applied"])
    sheet.append(["2027-01-09", "C1", "A1", "Hired"])
    sheet.append(["2027-01-12", "C2", "", "Applied"])  # not referred: not an applicant via an employee
    sheet.append(["Total", None, None, None])
    book.save(folder / "referrals.xlsx")
    report = store(folder)
    assert report.files[0]["skipped"] == {"preamble": 2, "totals": 1, "unattributed": 1}
    assert store.count("SELECT string_agg(result, ',' ORDER BY ts) FROM events") == "applicant,hire"


def test_a_bad_cell_is_named_by_its_line_in_the_file_under_a_preamble(tmp_path):
    folder = write_campaign(tmp_path / "c", [{"kind": "web", "files": "ga4.csv"}])
    (folder / "ga4.csv").write_text(GA4.replace("amb_A2,20270104", "amb_A2,20271399"), encoding="utf-8")
    problems = activity.check_sources(load_campaign(folder))
    assert [p.key for p in problems] == ["row 12, column 'Date'"]  # line 12 of the file, as an editor shows it


def test_the_header_row_can_be_named_when_a_preamble_fools_the_guess(tmp_path, store):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "learning", "files": "lms.csv", "header_row": 3}])
    (folder / "lms.csv").write_text(
        "Report;Leerplatform;export\nPeriode;januari;2027\nDatum;Medewerker;Gebeurtenis\n04-01-2027;E1;Afgerond\n",
        encoding="utf-8",
    )
    report = store(folder)
    assert report.files[0]["skipped"] == {"preamble": 2}
    assert store.count() == 1


@pytest.mark.parametrize(
    ("lines", "header"),
    [
        (["# title", "", "a,b,c", "1,2,3", "4,5,6"], 2),
        (["Report title", "a;b;c", "1;2;3"], 1),
        (["a,b", "1,2"], 0),
        (["Start date: 20270101", "End date: 20270131", "x,y,z", "1,2,3", "Total,,3"], 2),
    ],
)
def test_the_header_is_the_first_line_as_wide_as_the_rows_under_it(lines, header):
    assert shapes.find_header_line(lines)[0] == header


def test_an_hr_list_saved_as_unicode_text_with_a_title_line_reads_like_the_original(campaign_copy):
    from campaign_kit.phases.selection.people import load_people

    folder = campaign_copy("leerprogramma")
    before = load_people(load_campaign(folder)).employees
    path = folder / "medewerkers.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_bytes(codecs.BOM_UTF16_LE + ("Export HR-systeem, 30-11-2026\r\n\r\n" + text).encode("utf-16-le"))
    after = load_people(load_campaign(folder)).employees
    assert after.equals(before)
    # a mistake below the title is named by the file's own line
    lines = text.splitlines()
    lines[3] = ";".join(lines[3].split(";")[:4] + ["31-13-2017"] + lines[3].split(";")[5:])  # E000003 started when?
    path.write_text("Export HR-systeem, 30-11-2026\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_people(load_campaign(folder))
    assert [p.key for p in caught.value.problems] == ["row 6, column 'Datum in dienst'"]  # as the file says


def test_two_digit_years_read_as_this_century_and_a_misread_year_is_refused(tmp_path, store):  # noqa: F811
    folder = write_campaign(tmp_path / "c", [{"kind": "learning", "files": "moodle.csv"}])
    (folder / "moodle.csv").write_text(
        'Time,User,Event\n"31/10/26, 16:42",E1,Completed\n"01/11/26, 09:05",E2,Completed\n', encoding="utf-8"
    )
    store(folder)
    assert store.count("SELECT min(ts)::VARCHAR FROM events") == "2026-10-31 16:42:00"
    (folder / "moodle.csv").write_text("Time,User,Event\n31-10-0026,E1,Completed\n", encoding="utf-8")
    problems = activity.check_sources(load_campaign(folder))
    assert [p.key for p in problems] == ["row 2, column 'Time'"]
    assert "'31-10-0026' is not valid" in problems[0].message
