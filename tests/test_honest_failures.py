"""A mistake in a campaign's data files is found by `campaign validate` before any run, and when a
run meets one anyway the command line, the manifest and the index page say what it is and where."""

from __future__ import annotations

import json
import re

import pytest

from campaign_kit.run.cli import main
from campaign_kit.run.snapshots import read_problems


def test_validate_reads_the_people_files(campaign_copy, capsys):
    folder = campaign_copy("leerprogramma")
    (folder / "medewerkers.csv").unlink()
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "1 probleem" in err and "medewerkers.csv: bestand niet gevonden" in err


def test_validate_reads_every_activity_export_without_touching_the_store(campaign_copy, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))  # where a store would be made
    folder = campaign_copy("leerprogramma")
    export = folder / "activiteit" / "leerplatform-2026-10.csv"
    lines = export.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = "31-13-2026;" + lines[2].split(";", 1)[1]  # spreadsheet row 3: no 13th month
    lines[4] = lines[4].rsplit(";", 2)[0] + ";Bekeken;" + lines[4].rsplit(";", 1)[1]  # a word nobody mapped
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "2 problemen" in err
    assert "activiteit/leerplatform-2026-10.csv row 3, column 'Datum': '31-13-2026' is niet geldig" in err
    assert re.search(r"leerplatform-2026-10\.csv row 5, column 'Gebeurtenis': 'Bekeken' is niet geldig", err)
    assert not list(tmp_path.rglob("*.duckdb")), "validate must not create or touch the activity store"


def test_validate_says_which_pattern_found_no_export(campaign_copy, capsys):
    folder = campaign_copy("leerprogramma")
    for path in (folder / "activiteit").glob("leerplatform-*.csv"):
        path.unlink()
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "activity.sources[0].files: geen bestand naast campaign.yaml past bij" in err


def test_the_examples_validate_with_their_data(capsys):
    for name in ("leerprogramma", "employer-branding-pilot"):
        assert main(["validate", name]) == 0
        assert "data files read" in capsys.readouterr().out


@pytest.mark.notebook
def test_a_failed_phase_says_why_on_the_command_line_in_the_manifest_and_on_the_index(campaign_copy, tmp_path, capsys):
    folder = campaign_copy("leerprogramma")
    nominations = folder / "voordrachten.csv"
    text = nominations.read_text(encoding="utf-8-sig").replace("\nE000002;", "\nE999999;", 1)
    nominations.write_text(text, encoding="utf-8")
    outputs = tmp_path / "outputs"
    code = main(["run", str(folder), "--phase", "selection", "--as-of", "2026-11-26", "--outputs", str(outputs)])
    assert code == 1
    err = capsys.readouterr().err
    # the command line names the phase and the problem itself, not an exception class
    assert "phase selection failed: een probleem in de bestanden van de campagne:" in err
    assert "voordrachten.csv row 3, column 'Personeelsnummer': medewerker 'E999999'" in err
    assert "CellExecutionError" not in err
    snapshot = next(outputs.glob("leerprogramma/2026-11-26*"))
    entry = json.loads((snapshot / "manifest.json").read_text())["phases"][0]
    assert entry["status"] == "failed" and "'E999999'" in entry["error"]
    assert entry["problems"][0]["key"] == "row 3, column 'Personeelsnummer'"
    assert read_problems(snapshot, "selection") == entry["problems"]
    assert (snapshot / "02_selection.ipynb").is_file()  # kept for diagnosis
    index = (snapshot / "index.html").read_text(encoding="utf-8")
    assert "Gestopt door een probleem in de bestanden van de campagne" in index
    said = "voordrachten.csv row 3, column &#x27;Personeelsnummer&#x27;: medewerker … staat niet in medewerkers.csv"
    assert said in index
    assert "E999999" not in index  # management sees what is wrong and where, not the person's id


def test_odd_values_are_warnings_that_do_not_fail(campaign_copy, capsys):
    folder = campaign_copy("leerprogramma")
    nominations = folder / "voordrachten.csv"
    lines = nominations.read_text(encoding="utf-8-sig").splitlines()
    fields = lines[1].split(";")
    fields[6] = "5,5"  # esteem on the team lead's 1-5 scale
    fields[3] = "1342"  # a network of 1,342 on a 0-500 count scale simply counts as large: no warning
    lines[1] = ";".join(fields)
    nominations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    export = folder / "activiteit" / "leerplatform-2026-12.csv"  # next month's export, not filled yet
    export.write_text("Datum;Medewerker;Gebeurtenis;Via ambassadeur\n", encoding="utf-8")
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  testimonials:\n",
        "  testimonials:\n"
        "    - ambassador: E999999\n      text: Prima.\n      date: 2027-03-15\n      consent: named\n",
    )
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "4 waarschuwingen" in out
    assert (
        "voordrachten.csv row 2, column 'Aanzien in vakgebied': "
        "5,5 valt buiten de schaal van Aanzien en vakmanschap, 1 tot 5" in out
    )
    assert "Netwerkgrootte" not in out
    assert "activiteit/leerplatform-2026-12.csv: heeft een kopregel maar geen records" in out
    after = "evaluation.testimonials[0].date: 2027-03-15 ligt na het einde van de campagne (2027-02-26)"
    assert after in out
    assert "evaluation.testimonials[0].ambassador: toestemming is 'named', maar 'E999999'" in out
