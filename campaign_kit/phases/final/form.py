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
            Field("ambassador"),
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

    def pages(self) -> list[tuple[str, w.Widget]]:
        return [
            ("session", self._fields_box(SESSION, ("evaluation",))),
            ("testimonials", self._list_page("testimonials")),
        ]


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
