"""The people files of the corpus (tests/fixtures/exports, origins in NOTES.md): an AFAS-style HR list
(semicolon, BOM, Dutch headers no preset knows) and a Microsoft Forms download of the team leads'
nominations (Excel, the form's own 'Id' column beside the colleague's personnel number). Wired as an
analyst would, they must give the figures counted by hand in expected.json."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from ruamel.yaml import YAML

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.selection.people import load_people

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
EXPECTED = {e["file"]: e for e in json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["files"]}
HR, FORMS = "people_hr_medewerkers_afas.csv", "people_voordrachten_forms.xlsx"
EXAMPLE = Path(__file__).parents[1] / "parameters" / "leerprogramma" / "campaign.yaml"


def wired(tmp_path: Path, **selection_changes) -> Path:
    """The Dutch example's selection, reading the corpus files with each file's own headers mapped."""
    yaml = YAML()
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"))
    hr, forms = EXPECTED[HR]["columns"], dict(EXPECTED[FORMS]["columns"])
    selection = data["selection"]
    selection["employees"], selection["nominations"] = HR, FORMS
    selection["employee_columns"] = {k: hr[k] for k in ("id", "department", "contract")}
    selection["nomination_columns"] = {k: forms.pop(k) for k in ("id", "nominated_by")}
    selection["columns"] = forms  # the signals: only the nominations have them
    selection["status"] = []
    selection.update(selection_changes)
    folder = tmp_path / "campaign"
    folder.mkdir()
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    for name in (HR, FORMS):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_the_hr_list_and_the_forms_nominations_give_the_figures_counted_by_hand(tmp_path):
    people = load_people(load_campaign(wired(tmp_path)))
    hr, forms = EXPECTED[HR], EXPECTED[FORMS]
    employees = people.employees
    assert len(employees) == hr["data_rows"] == employees["id"].nunique() == hr["distinct_ids"]
    assert dict(Counter(employees["department"])) == hr["departments"]
    spelled = {"Man": "male", "Vrouw": "female", "X": "other"}
    assert dict(Counter(employees["gender"])) == {spelled[g]: n for g, n in hr["genders"].items()}
    futures = Counter(employees["future"])
    # 'Onbepaalde tijd' is permanent; every 'Bepaalde tijd' contract has an end date in this file
    assert futures["permanent"] == hr["contracts"]["Onbepaalde tijd"]
    assert futures["beyond_campaign"] + futures["ending"] == hr["contracts"]["Bepaalde tijd"]

    candidates = people.candidates.set_index("id")
    assert len(candidates) == forms["distinct_ids"]  # nominated twice is one candidate
    assert list(forms["repeated_ids"]) == ["E000005"] and "E000005" in candidates.index
    assert candidates.loc["E000005", "nominated_by"] == "Hans Vermeulen"  # the first nomination's values
    by = Counter(candidates["nominated_by"])
    assert sum(by.values()) == forms["distinct_ids"] and set(by) == set(forms["nominations_by"])
    assert candidates["network_size"].isna().sum() == forms["empty_signal_cells"]["Netwerkgrootte"]
    assert candidates.loc["E000019", "network_size"] == 1210
    assert people.warnings == []  # 1342 contacts on a 0-500 count scale is simply a large network


def test_the_forms_own_id_column_is_not_taken_for_the_colleague(tmp_path):
    # without the mapping the preset finds the form's 'Id' (1, 2, 3 ...): named, not silently joined
    folder = wired(tmp_path, nomination_columns={"nominated_by": "Naam"})
    with pytest.raises(CampaignError) as caught:
        load_people(load_campaign(folder))
    first = caught.value.problems[0]
    assert first.file == FORMS and first.key == "row 2, column 'Id'" and first.label == "error.not_an_employee"


def test_a_rating_above_its_scale_is_a_warning_with_row_and_column(tmp_path):
    folder = wired(tmp_path)
    frame = pd.read_excel(folder / FORMS)
    frame["Aanbeveling teamleider"] = frame["Aanbeveling teamleider"].astype(float)
    frame.loc[3, "Aanbeveling teamleider"] = 5.5  # on the 1-5 scale
    frame.to_excel(folder / FORMS, index=False, sheet_name="Form1")
    people = load_people(load_campaign(folder))
    assert [(w.file, w.key, w.label) for w in people.warnings] == [
        (FORMS, "row 5, column 'Aanbeveling teamleider'", "warning.outside_scale")
    ]
