"""The import assistant's form, driven from Python: what Save writes into campaign.yaml, when it must
wait and why, uploads, a changed layout, and the read-only summary of scheduled runs. The same form in
a real JupyterLab is tested in test_import_browser.py."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.validation import load_campaign
from campaign_kit.data.activity import check_sources
from campaign_kit.forms.importer import IGNORE, ImportAssistant, import_summary_html

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "fixtures" / "exports"
ACTIVITY = ("learning", "sharing", "web", "recruitment")


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    folder = tmp_path / "lp"
    shutil.copytree(ROOT / "parameters" / "leerprogramma", folder)
    return folder


def sources(folder: Path) -> list[dict]:
    return YAML(typ="safe").load((folder / "campaign.yaml").read_text(encoding="utf-8"))["activity"]["sources"]


def test_a_moodle_log_is_wired_with_its_words_and_a_run_reads_it(campaign):
    shutil.copy(CORPUS / "learning_moodle_logs.csv", campaign / "activiteit" / "moodle.csv")
    before = len(sources(campaign))
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.file.value = "activiteit/moodle.csv"
    assert form.kind.value == "learning" and form.files.value == "activiteit/moodle.csv"
    assert "15 regels" in form.facts.value  # 15 records, no preamble, no footer
    assert form.save_button.disabled
    assert form.reasons() == ["Nog niet op te slaan: kies de kolom voor Medewerker, Gebeurtenis."]
    form._maps["employee"].value = "User full name"
    form._maps["event"].value = "Event name"
    # the three sentences Moodle uses are unknown to the preset: they wait for the analyst
    assert {w: d.value for w, d in form._words.items()} == {
        "User has logged in": "",
        "User enrolled in course": "",
        "Course completed": "",
    }
    assert form.save_button.disabled and "User has logged in" in form.reason.value
    assert form.preview.value == ""  # no list of 15 unknown words: the reason says what to do
    for word, result in (("User has logged in", "login"), ("User enrolled in course", "start")):
        form._words[word].value = result
    form._words["Course completed"].value = "completion"
    assert not form.save_button.disabled
    assert form.reading is not None and form.reading.whole  # a small file: the preview read it all
    assert form.reading.counts == {"completion": 2.0, "login": 9.0, "start": 4.0}  # expected.json's totals
    assert form.reading.people == 6 and form.reading.ambassadors == 0
    assert form.save()
    wired = sources(campaign)
    assert len(wired) == before + 1
    assert wired[-1] == {
        "kind": "learning",
        "files": "activiteit/moodle.csv",
        "columns": {"employee": "User full name", "event": "Event name"},
        "values": {
            "login": ["User has logged in"],
            "start": ["User enrolled in course"],
            "completion": ["Course completed"],
        },
    }
    assert "# titels van de berichten" in (campaign / "campaign.yaml").read_text(encoding="utf-8")  # comments kept
    assert check_sources(load_campaign(str(campaign))) == []  # validate reads it as the form did


def test_a_word_marked_not_counted_is_written_as_ignore_and_its_rows_are_left_out(campaign):
    text = (CORPUS / "learning_moodle_logs.csv").read_text(encoding="utf-8-sig").splitlines()
    viewed = '"30/10/26, 09:20",Bram Visser,-,Course: Dementie,Course,Course viewed,x,web,192.0.2.1'
    (campaign / "activiteit" / "moodle.csv").write_text("\n".join([*text[:3], viewed, *text[3:]]) + "\n", "utf-8")
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.file.value = "activiteit/moodle.csv"
    form._maps["employee"].value = "User full name"
    form._maps["event"].value = "Event name"
    answers = {
        "User has logged in": "login",
        "User enrolled in course": "start",
        "Course completed": "completion",
        "Course viewed": IGNORE,
    }
    for word, result in answers.items():
        form._words[word].value = result
    assert form.reasons() == []
    assert form.reading.left_out == {"ignored": 1}
    assert form.reading.counts == {"completion": 2.0, "login": 9.0, "start": 4.0}  # the viewed row counts nowhere
    assert form.save()
    assert sources(campaign)[-1]["ignore"] == ["Course viewed"]


def test_saving_again_replaces_the_source_that_reads_the_same_files_and_keeps_its_other_keys(campaign):
    wired = sources(campaign)
    index = next(i for i, s in enumerate(wired) if s["kind"] == "sharing")
    doc = CampaignDocument(str(campaign))
    doc.set(("activity", "sources", index, "unattributed"), ["team-account"])
    doc.save()
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.kind.value = "sharing"
    form.file.value = wired[index]["files"]
    form.separator.value = ";"  # the analyst confirms the semicolon (Dutch Excel's CSV)
    assert form.reasons() == []
    assert form.save()
    again = sources(campaign)
    assert len(again) == len(wired)
    assert again[index] == {
        "kind": "sharing",
        "files": wired[index]["files"],
        "separator": ";",
        "unattributed": ["team-account"],
    }


def test_a_required_column_left_unmapped_keeps_save_disabled_and_nothing_is_written(campaign):
    shutil.copy(CORPUS / "people_hr_medewerkers_afas.csv", campaign / "afas.csv")
    before = (campaign / "campaign.yaml").read_bytes()
    form = ImportAssistant(str(campaign), ("employees", "nominations"))
    form.file.value = "afas.csv"
    assert form.reasons() == ["Nog niet op te slaan: kies de kolom voor Id, Afdeling."]
    assert form.save_button.disabled and "kies de kolom voor Id, Afdeling" in form.reason.value
    assert not form.save()
    assert (campaign / "campaign.yaml").read_bytes() == before
    assert not (campaign / ".history").exists()


def test_nominations_of_colleagues_not_on_the_employee_list_are_problems(campaign):
    shutil.copy(CORPUS / "people_voordrachten_forms.xlsx", campaign / "forms.xlsx")
    form = ImportAssistant(str(campaign), ("employees", "nominations"))
    form.kind.value = "nominations"
    form.file.value = "forms.xlsx"
    # the preset takes Forms' own response number 'Id' (1..10) for the colleague: none is an employee
    assert form._maps["id"].value == "Id"
    labels = [p.label for p in form.reading.problems]
    assert labels == ["error.not_an_employee"] * 10
    assert form.reading.problems[0].key == "row 2, column 'Id'"
    assert form.save_button.disabled
    form._maps["id"].value = "Personeelsnummer collega"
    assert form.reading.problems == []  # the nine colleagues are on leerprogramma's list of 30
    assert form.reading.people == 9 and not form.save_button.disabled


def test_an_upload_lands_beside_the_chosen_files_and_never_over_an_existing_file(campaign):
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.file.value = "activiteit/teamapp-delen.csv"
    content = (CORPUS / "learning_moodle_logs.csv").read_bytes()
    upload = {"name": "teamapp-delen.csv", "type": "text/csv", "size": len(content)}
    upload["last_modified"] = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    form.upload.value = ({**upload, "content": memoryview(content)},)
    assert (campaign / "activiteit" / "teamapp-delen-2.csv").read_bytes() == content
    assert form.file.value == "activiteit/teamapp-delen-2.csv"
    assert (campaign / "activiteit" / "teamapp-delen.csv").read_bytes() != content
    assert "Geüpload als activiteit/teamapp-delen-2.csv" in form.status.value


def test_a_header_row_the_analyst_sets_is_used_and_written(campaign):
    lines = (CORPUS / "learning_moodle_logs.csv").read_text(encoding="utf-8-sig").splitlines()
    # a title line as wide as the records (nine filled cells) is taken for the header
    title = ["Rapport,Leeractiviteit,Oktober,2026,L&D,Zorggroep,De Linde,intern,v2"]
    (campaign / "activiteit" / "log.csv").write_text("\n".join([*title, *lines]) + "\n", "utf-8")
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.file.value = "activiteit/log.csv"
    assert form.layout is not None and form.layout.header_row == 1  # fooled
    form.header_row.value = 2
    assert form.layout.header_row == 2
    assert "Event name" in form.layout.headers
    form._maps["employee"].value = "User full name"
    form._maps["event"].value = "Event name"
    for word, result in (
        ("User has logged in", "login"),
        ("User enrolled in course", "start"),
        ("Course completed", "completion"),
    ):
        form._words[word].value = result
    assert form.reading.left_out == {"preamble": 1}
    assert form.save()
    assert sources(campaign)[-1]["header_row"] == 2


def test_scheduled_runs_see_the_wired_files_read_only():
    doc = CampaignDocument("leerprogramma")
    html = import_summary_html(doc, "nl")
    assert "Bestanden die deze campagne leest" in html
    assert "medewerkers.csv" in html and "voordrachten.csv" in html
    assert "activiteit/leerplatform-*.csv" in html and "activiteit/teamapp-delen.csv" in html
    assert "<select" not in html and "<input" not in html


def test_a_status_report_is_recognised_and_saved_with_its_date_columns(campaign):
    shutil.copy(CORPUS / "status_docebo_users_courses.csv", campaign / "activiteit" / "docebo.csv")
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.file.value = "activiteit/docebo.csv"
    assert form.status_report.value  # a start and a completion date column: one row per person and course
    assert {r: d.value for r, d in form._dates.items()} == {
        "start": "First Access Date",
        "completion": "Completion Date",
    }
    assert form._maps["employee"].value == ""  # 'Username' is not among the preset's names for a colleague
    assert "Medewerker" in form.reason.value
    form._maps["employee"].value = "Username"
    form._maps["course"].value = "Course Code"
    form._maps["status"].value = "Status"
    # statuses need no answer in a status report: only a final one ('Completed') dates a completion
    assert form.reasons() == []
    # NOTES.md counts 12 entities: 10 started, 5 completed, 1 repeated row
    assert form.reading.counts == {"completion": 5.0, "start": 10.0}
    assert form.reading.left_out == {"repeated": 1}
    assert form.save()
    saved = sources(campaign)[-1]
    assert saved["dates"] == {"start": "First Access Date", "completion": "Completion Date"}
    assert saved["kind"] == "learning" and saved["files"] == "activiteit/docebo.csv"


def test_a_word_both_counted_and_ignored_is_refused_by_name():
    from campaign_kit.core.errors import CampaignError
    from campaign_kit.core.validation import validate_data

    data = YAML(typ="safe").load((ROOT / "parameters" / "leerprogramma" / "campaign.yaml").read_text(encoding="utf-8"))
    data["activity"]["sources"][0] |= {"values": {"login": ["Inlog", "Bekeken"]}, "ignore": ["bekeken"]}
    with pytest.raises(CampaignError) as caught:
        validate_data(data)
    [problem] = caught.value.problems
    assert problem.key == "activity.sources[0].ignore"
    assert problem.describe("en").endswith(
        "'Bekeken' is under values: as login and also under ignore:; keep it in one of the two"
    )


def test_the_date_format_found_is_shown_once_the_date_column_is_known(campaign):
    shutil.copy(CORPUS / "learning_moodle_logs.csv", campaign / "activiteit" / "moodle.csv")
    form = ImportAssistant(str(campaign), ACTIVITY)
    form.file.value = "activiteit/moodle.csv"
    # Moodle's "31/10/26, 16:42": day first, a two-digit year and a comma
    assert form.date_format.options[0] == ("gevonden: dd/mm/yy, hh:mm", "")
    assert form.date_format.value == "" and form.date_format.label == "gevonden: dd/mm/yy, hh:mm"
    assert form.given().date_format is None  # shown, not chosen: nothing is written for it
    shutil.copy(CORPUS / "people_hr_medewerkers_afas.csv", campaign / "afas.csv")
    people = ImportAssistant(str(campaign), ("employees", "nominations"))
    people.file.value = "afas.csv"
    assert people.date_format.options[0] == ("gevonden: dd-mm-yyyy", "")
    assert people.encoding.label == "gevonden: utf-8-sig" and people.separator.label == "gevonden: puntkomma ;"
    assert (
        people.status_report_box.layout.display == "none"
    )  # a people file is never a status report  # 'Datum in dienst' 01-02-2017
