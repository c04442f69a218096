"""The import assistant in a real JupyterLab, driven in headless Chromium as an analyst wires files:
a Dutch semicolon employee list (uploaded) and a Forms download in phase 2; a web-analytics export
with a preamble and a learning log whose event words are assigned in phase 4. Each is saved, the
notebook is run again, and the report shows what the new files hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).parent / "fixtures" / "exports"


def choose(page, css: str, label: str) -> None:
    """Pick an option of a form dropdown by its text, and let the kernel answer."""
    page.locator(f"{css} select").select_option(label=label)
    page.wait_for_timeout(300)


def save(page) -> None:
    """Press Save and wait for the kernel to say it saved this file."""
    name = page.locator(".ck-import-files input").input_value()
    page.locator(".ck-import-save").click()
    page.locator(".ck-import-status .ck-saved").filter(has_text=name).wait_for(timeout=20_000)


def save_enabled(page) -> None:
    page.wait_for_function("!document.querySelector('.ck-import-save').disabled", timeout=20_000)


def save_disabled(page) -> None:
    page.wait_for_function("document.querySelector('.ck-import-save').disabled", timeout=20_000)


def test_wire_people_files_from_scratch_save_and_see_the_new_departments(lab, browser):
    folder = lab.add_campaign("imp-people", notebook="02_selection")
    path = folder / "campaign.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    del data["selection"]["status"]  # a new campaign: nobody asked yet
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    shutil.copy(CORPUS / "people_voordrachten_forms.xlsx", folder / "voordrachten-forms.xlsx")
    page = lab.open_and_run(browser, "imp-people")
    try:
        page.locator(".ck-import").wait_for(timeout=30_000)
        # 1. upload HR's list into the campaign folder
        with page.expect_file_chooser() as chooser:
            page.locator(".ck-import-upload").click()
        chooser.value.set_files(str(CORPUS / "people_hr_medewerkers_afas.csv"))
        page.wait_for_function(
            "document.querySelector('.ck-import-file select').value !== ''"
            " && document.querySelector('.ck-import-layout').innerText.includes('24 regels')",
            timeout=20_000,
        )
        assert (folder / "people_hr_medewerkers_afas.csv").read_bytes() == (
            CORPUS / "people_hr_medewerkers_afas.csv"
        ).read_bytes()
        # 2. AFAS calls the id 'Medewerker' and the department 'Organisatorische eenheid': the
        # preset cannot know, so Save waits and says why
        save_disabled(page)
        reason = page.locator(".ck-import-reason")
        reason.filter(has_text="kies de kolom voor Id, Afdeling").wait_for(timeout=20_000)
        choose(page, ".ck-map-id", "Medewerker")
        reason.filter(has_text="kies de kolom voor Afdeling").wait_for(timeout=20_000)
        save_disabled(page)
        choose(page, ".ck-map-department", "Organisatorische eenheid")
        choose(page, ".ck-map-contract", "Soort arbeidsovereenkomst")
        save_enabled(page)
        preview = page.locator(".ck-import-preview")
        preview.filter(has_text="Wijkteam Noord 6").wait_for(timeout=20_000)  # employees per department
        save(page)

        # 3. the Forms download: its own 'Id' (response 1..10) looks like the colleague's id
        choose(page, ".ck-import-kind", "Voordrachten (teamleiders)")
        choose(page, ".ck-import-file", "voordrachten-forms.xlsx")
        preview.filter(has_text="staat niet in people_hr_medewerkers_afas.csv").first.wait_for(timeout=20_000)
        reason.filter(has_text="problemen in het bestand").wait_for(timeout=20_000)
        save_disabled(page)
        choose(page, ".ck-map-id", "Personeelsnummer collega")
        choose(page, ".ck-map-nominated_by", "Naam")
        save_enabled(page)
        preview.filter(has_text="Geen problemen").wait_for(timeout=20_000)
        save(page)

        selection = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["selection"]
        assert selection["employees"] == "people_hr_medewerkers_afas.csv"
        assert selection["employee_columns"] == {
            "id": "Medewerker",
            "department": "Organisatorische eenheid",
            "contract": "Soort arbeidsovereenkomst",
        }
        assert selection["nominations"] == "voordrachten-forms.xlsx"
        assert selection["nomination_columns"] == {"id": "Personeelsnummer collega", "nominated_by": "Naam"}
        assert len(list((folder / ".history").glob("campaign-*.yaml"))) == 2  # one version kept per save

        # 4. run again: the report's composition is now AFAS's departments
        lab.run_all_again(page)
        page.wait_for_function(
            "[...document.querySelectorAll('table.ck-table')].some(t => t.textContent.includes('Wijkteam Noord'))",
            timeout=60_000,
        )
    finally:
        page.close()


def test_wire_a_web_export_and_a_learning_log_assign_words_save_and_see_the_imports(lab, browser):
    folder = lab.add_campaign("imp-activity", notebook="04_midterm")
    path = folder / "campaign.yaml"
    shutil.copy(CORPUS / "web_ga4_exploration_daily.csv", folder / "activiteit" / "ga4-oktober.csv")
    shutil.copy(CORPUS / "learning_moodle_logs.csv", folder / "activiteit" / "moodle-logs.csv")
    page = lab.open_and_run(browser, "imp-activity")
    try:
        page.locator(".ck-import").wait_for(timeout=30_000)
        # GA4's download: 8 lines of '#' notes above the header, a grand total under it
        choose(page, ".ck-import-kind", "webstatistieken")
        choose(page, ".ck-import-file", "activiteit/ga4-oktober.csv")
        layout = page.locator(".ck-import-layout")
        layout.filter(has_text="20 regels; 8 regels boven de kopregel overgeslagen").wait_for(timeout=20_000)
        assert page.locator(".ck-map-ambassador select").input_value() == "Session campaign"
        save_enabled(page)
        preview = page.locator(".ck-import-preview")
        # the sample is the whole file here: 92 visits by ambassadors, 8 rows of nobody's traffic
        preview.filter(has_text="websitebezoek").filter(has_text="92").wait_for(timeout=20_000)
        preview.filter(has_text="8 zonder ambassadeur").wait_for(timeout=20_000)
        save(page)

        # Moodle's log: names for people, English sentences for events
        choose(page, ".ck-import-kind", "leerplatform")
        choose(page, ".ck-import-file", "activiteit/moodle-logs.csv")
        reason = page.locator(".ck-import-reason")
        reason.filter(has_text="Medewerker, Gebeurtenis").wait_for(timeout=20_000)
        choose(page, ".ck-map-employee", "User full name")
        choose(page, ".ck-map-event", "Event name")
        reason.filter(has_text="User has logged in").wait_for(timeout=20_000)
        save_disabled(page)
        for word, result in (
            ("User has logged in", "collega logt in"),
            ("User enrolled in course", "collega start een training"),
            ("Course completed", "collega rondt een training af"),
        ):
            row = page.locator(".ck-word-row", has_text=word)
            row.locator("select").select_option(label=result)
            page.wait_for_timeout(300)
        save_enabled(page)
        preview.filter(has_text="Geen problemen").wait_for(timeout=20_000)
        page.locator(".ck-import-check").click()
        page.locator(".ck-import-progress").filter(has_text="Hele bestand gelezen: 15 regels").wait_for(timeout=20_000)
        save(page)

        sources = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["activity"]["sources"]
        assert sources[-2] == {"kind": "web", "files": "activiteit/ga4-oktober.csv"}
        assert sources[-1] == {
            "kind": "learning",
            "files": "activiteit/moodle-logs.csv",
            "columns": {"employee": "User full name", "event": "Event name"},
            "values": {
                "login": ["User has logged in"],
                "start": ["User enrolled in course"],
                "completion": ["Course completed"],
            },
        }

        # run again: the report's import table lists both files with their records
        lab.run_all_again(page)
        for name, records in (("activiteit/ga4-oktober.csv", "20"), ("activiteit/moodle-logs.csv", "15")):
            page.wait_for_function(
                """([name, records]) => [...document.querySelectorAll('table.ck-table tr')].some(
                    r => r.textContent.includes(name) && [...r.cells].some(c => c.textContent.trim() === records))""",
                arg=[name, records],
                timeout=60_000,
            )
    finally:
        page.close()
