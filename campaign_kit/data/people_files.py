"""The people files of phase 2 as HR systems and forms export them: the columns the workbook reads
from the employee list and the nominations (with the Dutch and English headers it accepts), the column
each selection criterion reads, and the check for a repeated id. Used by phase 2 and by the import
assistant, which must know the same columns."""

from __future__ import annotations

import pandas as pd

from campaign_kit.core.errors import Problem
from campaign_kit.core.model import Criterion
from campaign_kit.data.readers import Column

ID_ALIASES = (
    "employee id",
    "employee_id",
    "personnel number",
    "personeelsnummer",
    "medewerkernummer",
    "medewerker id",
    "personeelsnr",
)
EMPLOYEE_COLUMNS = (
    Column("id", "text", True, ID_ALIASES),
    Column("name", "text", True, ("naam", "full name", "volledige naam", "employee name")),
    Column("department", "text", True, ("afdeling", "dept", "department name", "organisatieonderdeel")),
    Column("gender", "text", False, ("geslacht", "sex")),
    Column("hire_date", "date", False, ("datum in dienst", "in dienst sinds", "start date", "hire date")),
    Column("contract", "text", False, ("contractsoort", "soort contract", "contract type")),
    Column("contract_end", "date", False, ("einde contract", "einddatum contract", "contract end date")),
)
NOMINATION_COLUMNS = (
    Column("id", "text", True, ID_ALIASES),
    Column("nominated_by", "text", False, ("voorgedragen door", "team lead", "teamleider", "nominated by")),
)


def signal_column(name: str, criterion: Criterion) -> Column:
    """The data column a criterion reads, typed by its scale."""
    kind = {"linear": "number", "levels": "text", "flag": "flag"}[criterion.scale.kind]
    return Column(criterion.column or name, kind, False)


def duplicate_ids(frame: pd.DataFrame, label: str, what: str) -> list[Problem]:
    """A repeated id (employee list): each later row, with the row where it first appears."""
    problems = []
    first: dict[str, int] = {}
    header = frame.attrs.get("headers", {}).get("id", "id")  # as the file spells it
    for position, value in enumerate(frame["id"].tolist()):
        if value is None:
            continue
        row = position + frame.attrs.get("first_row", 2)
        if value in first:
            problems.append(
                Problem.of(
                    label,
                    f"row {row}, column {header!r}",
                    f"error.duplicate_person.{what}",
                    id=repr(value),
                    row=first[value],
                )
            )
        else:
            first[value] = row
    return problems
