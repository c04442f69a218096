"""Reading HR exports and nominations as they really come: CSV flavours, Excel, Dutch headers, bad rows."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest
from conftest import PARAMETERS

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.selection.analysis import analyse
from campaign_kit.phases.selection.people import load_people

EMPLOYEES = "Personeelsnummer;Naam;Afdeling;Geslacht;Datum in dienst;Contract;Einde contract\n"
NOMINATIONS = (
    "Personeelsnummer;Voorgedragen door;Activiteit LinkedIn;Netwerkgrootte;Sociale activiteiten;"
    "Trainingen afgerond;Aanzien in vakgebied;Aanbeveling teamleider;Betrokken criticus\n"
)


@pytest.fixture
def campaign_with(campaign_copy):
    """The Dutch example with its people files replaced by the given text."""

    def make(employees: str | None = None, nominations: str | None = None, encoding: str = "utf-8"):
        folder = campaign_copy()
        if employees is not None:
            (folder / "medewerkers.csv").write_bytes(employees.encode(encoding))
        if nominations is not None:
            (folder / "voordrachten.csv").write_bytes(nominations.encode(encoding))
        return load_campaign(folder)

    return make


def problems(campaign):
    with pytest.raises(CampaignError) as caught:
        load_people(campaign)
    return [str(p) for p in caught.value.problems]


GOOD_EMPLOYEE = "E1;Anna Jansen;Team Oost;V;01-02-2020;vast;\n"
GOOD_NOMINATION = "E1;Teamleider;hoog;1.234;3;2;4;5;ja\n"


def test_dutch_semicolon_csv_with_bom_decimal_comma_and_day_month_year(campaign_with):
    campaign = campaign_with(
        "\ufeff" + EMPLOYEES + GOOD_EMPLOYEE + "E2;Bram Smit;Team West;M;31-12-2019;tijdelijk;30-06-2026\n",
        "\ufeff" + NOMINATIONS + GOOD_NOMINATION + "E2;Teamleider;;250,5;;;3;4;\n",
    )
    people = load_people(campaign)
    candidates = people.candidates.set_index("id")
    assert candidates.at["E1", "network_size"] == 1234.0  # Dutch thousands separator
    assert candidates.at["E2", "network_size"] == 250.5  # decimal comma
    assert candidates.at["E2", "hire_date"] == dt.date(2019, 12, 31)
    assert candidates.at["E1", "gender"] == "female" and candidates.at["E2", "gender"] == "male"
    assert candidates.at["E1", "future"] == "permanent" and candidates.at["E2", "future"] == "ending"
    assert candidates.at["E2", "social_media"] is None  # optional signal missing: unknown, not an error
    assert candidates.at["E1", "engaged_critic"] is True


def test_comma_csv_in_windows_encoding_is_read(campaign_with):
    employees = EMPLOYEES.replace(";", ",") + "E1,Anna Müller,Team Oost,V,01-02-2020,vast,\n"
    nominations = NOMINATIONS.replace(";", ",") + 'E1,Teamleider,hoog,"1,300.5",3,2,4,5,ja\n'
    people = load_people(campaign_with(employees, nominations, encoding="cp1252"))
    assert people.employees.iloc[0]["name"] == "Anna Müller"
    assert people.candidates.iloc[0]["network_size"] == 1300.5  # comma files use a decimal point


def test_excel_with_english_headers(campaign_copy):
    folder = campaign_copy("employer-branding-pilot")
    people = load_people(load_campaign(folder))
    assert len(people.employees) == 420 and len(people.candidates) == 42
    assert set(people.employees["gender"].dropna()) == {"female", "male", "other"}


BAD = [
    (
        "missing-required-column",
        EMPLOYEES.replace(";Afdeling", ";Team"),
        None,
        "medewerkers.csv column 'department': required column is missing",
    ),
    (
        "duplicate-employee",
        EMPLOYEES + GOOD_EMPLOYEE + GOOD_EMPLOYEE,
        None,
        "medewerkers.csv row 3, column 'Personeelsnummer': duplicate employee id 'E1'; row 2 has it too",
    ),
    (
        "unknown-nominee",
        None,
        NOMINATIONS + GOOD_NOMINATION.replace("E1", "E9"),
        "voordrachten.csv row 2, column 'Personeelsnummer': employee 'E9' is not in medewerkers.csv",
    ),
    (
        "bad-number",
        None,
        NOMINATIONS + GOOD_NOMINATION.replace("1.234", "veel"),
        "voordrachten.csv row 2, column 'Netwerkgrootte': 'veel' is not valid; expected a number",
    ),
    (
        "bad-date",
        EMPLOYEES + GOOD_EMPLOYEE.replace("01-02-2020", "31-02-2020"),
        None,
        "medewerkers.csv row 2, column 'Datum in dienst': '31-02-2020' is not valid; expected a date",
    ),
    (
        "bad-flag",
        None,
        NOMINATIONS + GOOD_NOMINATION.replace(";ja", ";misschien"),
        "voordrachten.csv row 2, column 'Betrokken criticus': 'misschien' is not valid; expected yes/no",
    ),
    (
        "empty-required-cell",
        EMPLOYEES + GOOD_EMPLOYEE.replace("Anna Jansen", ""),
        None,
        "medewerkers.csv row 2, column 'Naam': is empty; expected a value",
    ),
    ("empty-file", "", None, "medewerkers.csv: the file is empty"),
    (
        "mapped-header-missing",
        None,
        NOMINATIONS.replace("Netwerkgrootte", "Connecties") + GOOD_NOMINATION,
        "voordrachten.csv column 'Netwerkgrootte': not found (mapped to 'network_size'",
    ),
    (
        "missing-id-column",
        None,
        NOMINATIONS.replace("Personeelsnummer", "Wie") + GOOD_NOMINATION,
        "voordrachten.csv column 'id': required column is missing",
    ),
]


@pytest.mark.parametrize(("case", "employees", "nominations", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_name_file_row_and_column(case, employees, nominations, expected, campaign_with):
    employees = EMPLOYEES + GOOD_EMPLOYEE if employees is None else employees
    nominations = NOMINATIONS + GOOD_NOMINATION if nominations is None else nominations
    found = problems(campaign_with(employees, nominations))
    assert any(expected in p for p in found), found


def test_missing_file_and_unsupported_type(campaign_copy):
    folder = campaign_copy()
    (folder / "medewerkers.csv").unlink()
    assert any("medewerkers.csv: file not found" in p for p in problems(load_campaign(folder)))
    shutil.copy(PARAMETERS / "leerprogramma" / "medewerkers.csv", folder / "medewerkers.ods")
    text = (folder / "campaign.yaml").read_text(encoding="utf-8").replace("medewerkers.csv", "medewerkers.ods")
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    assert any("unsupported file type '.ods'" in p for p in problems(load_campaign(folder)))


def test_every_bad_row_is_reported_together(campaign_with):
    employees = EMPLOYEES + GOOD_EMPLOYEE + GOOD_EMPLOYEE + GOOD_EMPLOYEE.replace("01-02-2020", "morgen")
    found = problems(campaign_with(employees, NOMINATIONS + GOOD_NOMINATION))
    assert len(found) == 3  # two duplicates and a bad date


def test_status_for_someone_not_on_the_long_list_is_an_error(campaign_copy):
    folder = campaign_copy()
    text = (folder / "campaign.yaml").read_text(encoding="utf-8").replace("{id: E000019,", "{id: E000003,")
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        analyse(load_campaign(folder))
    assert caught.value.problems[0].key == "selection.status[4].id"
    assert "'E000003' is not on the long list" in caught.value.problems[0].message


def test_a_team_lead_nominating_someone_twice_gives_one_candidate(campaign_with):
    nominations = NOMINATIONS + GOOD_NOMINATION + "E1;Andere teamleider;;;;;;3;\n"
    people = load_people(campaign_with(EMPLOYEES + GOOD_EMPLOYEE, nominations))
    assert len(people.candidates) == 1
    assert pd.notna(people.candidates.iloc[0]["network_size"])


@pytest.mark.parametrize(
    ("separator", "cell", "expected"),
    [
        (";", "3.5", 3.5),
        (";", "1.234", 1234.0),
        (";", "1.234,5", 1234.5),
        (";", "250,5", 250.5),
        (",", '"7,5"', 7.5),
        (",", '"1,234"', 1234.0),
        (",", "3.5", 3.5),
        ("\t", "2,5", 2.5),
    ],
)
def test_decimal_marks_are_read_as_the_file_means_them(separator, cell, expected, campaign_with):
    header = NOMINATIONS.replace(";", separator)
    row = GOOD_NOMINATION.replace(";", separator).replace("1.234", cell)
    employees = EMPLOYEES.replace(";", separator) + GOOD_EMPLOYEE.replace(";", separator)
    people = load_people(campaign_with(employees, header + row))
    assert people.candidates.iloc[0]["network_size"] == expected


@pytest.mark.parametrize("cell", ["nan", "inf", "1.2.3", "12,5,0"])
def test_numbers_that_are_not_numbers_are_errors(cell, campaign_with):
    found = problems(campaign_with(EMPLOYEES + GOOD_EMPLOYEE, NOMINATIONS + GOOD_NOMINATION.replace("1.234", cell)))
    assert any("column 'Netwerkgrootte'" in p for p in found)
