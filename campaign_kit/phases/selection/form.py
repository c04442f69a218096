"""Phase 2's form: criterion weights, team rules, and each candidate's status with its date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.errors import CampaignError
from campaign_kit.core.i18n import label_or, t
from campaign_kit.forms.base import ParameterForm, open_form, summary_table
from campaign_kit.forms.fields import Field, ListSpec
from campaign_kit.forms.importer import ImportAssistant, import_assistant

TEAM_RULES = (
    Field("ratio", "int", optional=True),
    Field("minimum", "int", default=5),
    Field("maximum", "int", optional=True),
    Field("cover_departments", "bool", default=True),
    Field("min_department_size", "int", default=1),
    Field("max_per_department", "int", optional=True),
    Field("gender_balance.tolerance", "number", optional=True, empty_removes_parent=True),
    Field("gender_balance.target", "choice", ("population", "equal"), "balance.", default="population"),
)
SELECTION_OPTIONS = (Field("shortlist_size", "int", default=10), Field("show_names", "bool"))


LISTS = {
    "status": ListSpec(
        ("selection", "status"),
        (
            Field("id", "candidate"),
            Field("status", "choice", ("asked", "interested", "declined", "confirmed"), "candidate."),
            Field("date", "date"),
            Field("note", optional=True),
        ),
        lambda _doc: {"id": "", "status": "asked", "date": dt.date.today()},
        lambda item, _i, language: " ".join(
            str(part)
            for part in (
                item.get("id") or "…",
                label_or(f"candidate.{item.get('status')}", language, str(item.get("status"))),
                item.get("date", ""),
            )
        ),
    ),
}


class SelectionForm(ParameterForm):
    """The phase-2 form: criterion weights, team rules, and each candidate's status with its date."""

    lists = LISTS

    def __init__(self, campaign: str, language: str | None = None):
        self._candidates: list[tuple[str, Any]] | None = None
        super().__init__(campaign, language)

    def candidate_options(self) -> list[tuple[str, Any]]:
        """The nominated candidates as 'name (id)', best score first; empty when the files cannot be read."""
        if self._candidates is None:
            from campaign_kit.core.validation import validate_data
            from campaign_kit.phases.selection.analysis import score_candidates
            from campaign_kit.phases.selection.people import load_people

            try:
                campaign = validate_data(self.doc.data, self.doc.label)
                campaign._folder = self.doc.folder
                scored = score_candidates(load_people(campaign).candidates, campaign.selection.criteria)
                self._candidates = [(f"{n} ({i})", i) for i, n in zip(scored["id"], scored["name"], strict=True)]
            except (CampaignError, AttributeError):
                self._candidates = []
        return [("", "")] + self._candidates

    def pages(self) -> list[tuple[str, w.Widget]]:
        criteria = self.doc.get(("selection", "criteria")) or {}
        weights = tuple(
            Field(f"criteria.{name}.weight", "number", label_key=f"criterion.{name}")
            for name in criteria
            if isinstance(criteria, dict)
        )
        return [
            ("weights", self._fields_box(weights, ("selection",))),
            (
                "rules",
                w.VBox(
                    [
                        self._fields_box(TEAM_RULES, ("selection", "team")),
                        self._fields_box(SELECTION_OPTIONS, ("selection",)),
                    ]
                ),
            ),
            ("status", self._list_page("status")),
        ]


def selection_form(campaign: str) -> SelectionForm | None:
    """Phase 2's form (weights, team rules, candidate status); a read-only summary in scheduled runs."""
    return open_form(campaign, SelectionForm, selection_summary_html)


def selection_summary_html(doc: CampaignDocument, language: str) -> str:
    """Weights, team rules and the number of status updates, read-only."""
    criteria = doc.get(("selection", "criteria")) or {}
    weights = ", ".join(
        f"{label_or(f'criterion.{name}', language, name)} {spec.get('weight')}"
        for name, spec in criteria.items()
        if isinstance(spec, dict)
    )
    team = doc.get(("selection", "team")) or {}
    rules = ", ".join(f"{k}: {v}" for k, v in team.items()) if isinstance(team, dict) else ""
    rows = [
        (t("form.tab.weights", language), weights),
        (t("form.tab.rules", language), rules),
        (t("form.tab.status", language), t("form.items", language, count=len(doc.items(("selection", "status"))))),
    ]
    return summary_table(rows, language)


def import_form(campaign: str) -> ImportAssistant | None:
    """The import assistant for the employee list and the nominations; in scheduled runs a read-only
    list of the wired files."""
    return import_assistant(campaign, "people")
