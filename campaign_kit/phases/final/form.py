"""Phase 5's form: the evaluation session, lessons, what the next campaign depends on, and the
ambassadors' testimonials with their consent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.i18n import label_or, t
from campaign_kit.forms.base import ParameterForm, open_form, summary_table
from campaign_kit.forms.fields import Field, ListSpec

SESSION = (
    Field("session_date", "date", optional=True),
    Field("worked", "textarea"),
    Field("did_not_work", "textarea"),
    Field("lessons", "lines"),
    Field("turnover", "number", optional=True),
    Field("management_support", "choice", ("strong", "moderate", "weak"), "support.", optional=True),
)


def _testimonial_title(item: dict[str, Any], index: int, language: str) -> str:
    consent = label_or(f"consent.{item.get('consent')}", language, str(item.get("consent")))
    return f"{item.get('ambassador') or '…'}, {item.get('date', '')} ({consent})"


LISTS = {
    "testimonials": ListSpec(
        ("evaluation", "testimonials"),
        (
            Field("ambassador", "candidate"),
            Field("text", "textarea"),
            Field("date", "date"),
            Field("consent", "choice", ("none", "anonymous", "named"), "consent.", default="none"),
        ),
        # nothing reaches management until consent is recorded
        lambda _doc: {"ambassador": "", "text": "", "date": dt.date.today(), "consent": "none"},
        _testimonial_title,
    ),
}


class FinalForm(ParameterForm):
    """The phase-5 form: the evaluation session, lessons, what the next campaign depends on, and the
    ambassadors' testimonials with their consent."""

    lists = LISTS

    def __init__(self, campaign: str, language: str | None = None):
        self._team: list[tuple[str, Any]] | None = None
        super().__init__(campaign, language)

    def candidate_options(self) -> list[tuple[str, Any]]:
        """The team as 'name (id)', so a testimonial is given to a person, not to a typed id: the
        ambassadors campaign.yaml lists, else the selection's team and everyone who confirmed."""
        if self._team is None:
            self._team = team_options(self.doc)
        return [("", "")] + self._team

    def _control(self, field: Field, value: Any) -> w.DOMWidget:
        if field.kind == "candidate" and not self.candidate_options()[1:]:  # no team known: type the id
            return w.Text(value="" if value is None else str(value), layout=w.Layout(width="98%"))
        return super()._control(field, value)

    def pages(self) -> list[tuple[str, w.Widget]]:
        return [
            ("session", self._fields_box(SESSION, ("evaluation",))),
            ("testimonials", self._list_page("testimonials")),
        ]


def team_options(doc: CampaignDocument) -> list[tuple[str, str]]:
    """The campaign's ambassadors as (label, id), named from the employee list where it has them;
    empty when the campaign or its people files cannot be read yet."""
    from campaign_kit.core.errors import CampaignError
    from campaign_kit.core.validation import validate_data
    from campaign_kit.phases.final.analysis import real_names
    from campaign_kit.phases.midterm.analysis import selected_team

    try:
        campaign = validate_data(doc.data, doc.label)
        campaign._folder = doc.folder
        if campaign.activity is not None and campaign.activity.ambassadors:
            ids = list(dict.fromkeys(campaign.activity.ambassadors))
        elif campaign.selection is not None:  # everyone who served, as the mid-term counts them
            ids, _ = selected_team(campaign, dt.date.max)
        else:
            return []
        names = real_names(campaign, None)
    except (CampaignError, AttributeError, OSError):
        return []
    return [(f"{names[i]} ({i})" if names.get(i) else i, i) for i in ids]


def final_form(campaign: str) -> FinalForm | None:
    """Phase 5's form; a read-only summary in scheduled runs."""
    return open_form(campaign, FinalForm, final_summary_html)


def final_summary_html(doc: CampaignDocument, language: str) -> str:
    testimonials = [x for x in doc.items(("evaluation", "testimonials")) if isinstance(x, dict)]
    consented = sum(1 for x in testimonials if x.get("consent") in ("anonymous", "named"))
    rows = [
        (t("field.session_date", language), doc.get(("evaluation", "session_date")) or "–"),
        (
            t("form.tab.testimonials", language),
            f"{len(testimonials)} ({consented} {t('field.consent', language).lower()})",
        ),
    ]
    return summary_table(rows, language)
