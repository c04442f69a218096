"""The people behind phase 2: the employee list from HR and the team leads' nominations (long list).

Both files are read as exported (see tabular.py), mapped to the workbook's column names, validated
(duplicate employee ids, nominations of unknown employees, missing required columns are errors;
missing optional signals are allowed and stay unknown) and joined into one candidates table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from campaign_kit.core.errors import CampaignError, Label, Problem, missing_section
from campaign_kit.core.model import Campaign, Selection
from campaign_kit.data.people_files import (
    EMPLOYEE_COLUMNS,
    NOMINATION_COLUMNS,
    duplicate_ids,
    signal_column,
)
from campaign_kit.data.readers import Column, convert, find_header, map_columns, read_table

GENDERS = {
    "female": ("v", "vrouw", "f", "female", "woman", "w"),
    "male": ("m", "man", "male"),
    "other": ("x", "other", "anders", "non-binary", "nonbinary"),
}
PERMANENT = ("vast", "permanent", "onbepaalde tijd", "onbepaald", "indefinite")
TEMPORARY = ("tijdelijk", "temporary", "bepaalde tijd", "fixed term", "fixed-term", "jaarcontract")


@dataclass
class People:
    employees: pd.DataFrame  # one row per employee: id, name, department, gender, ...
    candidates: pd.DataFrame  # one row per nominated employee, with the employee columns and the signals
    warnings: list[Problem] = field(default_factory=list)  # odd values that were read, but should be looked at


def normal_gender(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip().lower()
    for gender, words in GENDERS.items():
        if text in words:
            return gender
    return None


def future_category(contract: object, contract_end: object, campaign_end: dt.date) -> str | None:
    """A future at the organisation: permanent, temporary beyond the campaign, temporary, or ending."""
    text = str(contract).strip().lower() if isinstance(contract, str) else ""
    if any(word in text for word in PERMANENT):
        return "permanent"
    if any(word in text for word in TEMPORARY) or isinstance(contract_end, dt.date):
        if isinstance(contract_end, dt.date):
            return "beyond_campaign" if contract_end > campaign_end else "ending"
        return "temporary"
    return None


def _outside_scales(frame: pd.DataFrame, selection: Selection, label: str) -> list[Problem]:
    """Values outside a rating scale (5.5 on a 1-5 scale) or below any scale's minimum: scored at the
    scale's end, and said, with their row and column. A count scale (minimum 0) caps at its maximum
    without a word: 500 contacts or more is simply a large network."""
    warnings = []
    spelled = frame.attrs.get("headers", {})
    for name, criterion in selection.criteria.items():
        column = criterion.column or name
        scale = criterion.scale
        if scale.kind != "linear" or column not in frame.columns:
            continue
        rating = scale.min >= 1
        for position, value in enumerate(frame[column].tolist()):
            inside = scale.min <= value <= scale.max if value is not None and not pd.isna(value) else True
            if inside or (value > scale.max and not rating):
                continue
            warnings.append(
                Problem.of(
                    label,
                    f"row {position + frame.attrs.get('first_row', 2)}, column {spelled.get(column, column)!r}",
                    "warning.outside_scale",
                    value=float(value),
                    low=float(scale.min),
                    high=float(scale.max),
                    criterion=Label(f"criterion.{name}"),
                )
            )
    return warnings


def load_people(campaign: Campaign, folder: Path | None = None) -> People:
    """Read, validate and join the employee list and nominations named in `selection:`."""
    selection: Selection | None = campaign.selection
    if selection is None:
        raise missing_section("selection", 2, "section.contents.selection")
    folder = folder or campaign.folder or Path(".")
    signals = [signal_column(name, c) for name, c in selection.criteria.items() if name != "future"]
    problems: list[Problem] = []

    employees_raw = read_table(folder / selection.employees, selection.employees, selection.employee_format)
    nominations_raw = read_table(folder / selection.nominations, selection.nominations, selection.nomination_format)
    # a signal comes from the employee list when HR exports it there, else from the nominations
    employee_mapping = selection.columns | selection.employee_columns
    nomination_mapping = selection.columns | selection.nomination_columns
    employee_signals = [c for c in signals if find_header(employees_raw, c, employee_mapping) is not None]
    nomination_signals = [c for c in signals if c not in employee_signals]
    extra = [Column(d, "text") for d in selection.dimensions]

    employees, found = map_columns(
        employees_raw, (*EMPLOYEE_COLUMNS, *employee_signals, *extra), employee_mapping, selection.employees
    )
    problems += found
    nominations, found = map_columns(
        nominations_raw, (*NOMINATION_COLUMNS, *nomination_signals), nomination_mapping, selection.nominations
    )
    problems += found
    if problems:  # without the required columns the rows cannot be checked
        raise CampaignError(problems)

    employees, found = convert(employees, (*EMPLOYEE_COLUMNS, *employee_signals, *extra), selection.employees)
    problems += found + duplicate_ids(employees, selection.employees, "employee")
    nominations, found = convert(nominations, (*NOMINATION_COLUMNS, *nomination_signals), selection.nominations)
    problems += found
    known = set(employees["id"].dropna())
    id_header = nominations.attrs.get("headers", {}).get("id", "id")
    for position, value in enumerate(nominations["id"].tolist()):
        if value is not None and value not in known:
            problems.append(
                Problem.of(
                    selection.nominations,
                    f"row {position + nominations.attrs.get('first_row', 2)}, column {id_header!r}",
                    "error.not_an_employee",
                    id=repr(value),
                    file=selection.employees,
                )
            )
    if problems:
        raise CampaignError(problems)
    warnings = _outside_scales(employees, selection, selection.employees) + _outside_scales(
        nominations, selection, selection.nominations
    )

    employees = employees.assign(gender=[normal_gender(g) for g in employees.get("gender", [None] * len(employees))])
    contract = employees["contract"] if "contract" in employees else pd.Series([None] * len(employees))
    contract_end = employees["contract_end"] if "contract_end" in employees else pd.Series([None] * len(employees))
    employees["future"] = [future_category(c, e, campaign.end) for c, e in zip(contract, contract_end, strict=True)]

    # a person nominated by two team leads is one candidate: first non-empty value per column wins
    nominations = nominations.groupby("id", sort=False, as_index=False).first()
    candidates = nominations.merge(employees, on="id", how="left", suffixes=("", "_employee"))
    return People(
        employees=employees.reset_index(drop=True), candidates=candidates.reset_index(drop=True), warnings=warnings
    )
