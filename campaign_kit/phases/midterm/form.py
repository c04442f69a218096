"""Phase 4's form: notes of each ambassador meeting (what works, what does not, where they get stuck)."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.i18n import t
from campaign_kit.forms.base import ParameterForm, open_form, summary_table
from campaign_kit.forms.fields import Field, ListSpec
from campaign_kit.forms.importer import ImportAssistant, import_assistant

LISTS = {
    "meetings": ListSpec(
        ("activity", "meetings"),
        (
            Field("date", "date"),
            Field("attendees", "int", optional=True),
            Field("works", "textarea"),
            Field("does_not_work", "textarea"),
            Field("stuck", "textarea"),
            Field("actions", "textarea"),
        ),
        lambda _doc: {"date": dt.date.today(), "works": "", "does_not_work": "", "stuck": "", "actions": ""},
        lambda item, _i, language: t("meeting.title", language, date=item.get("date", "")),
    ),
}


class MeetingsForm(ParameterForm):
    """The phase-4 form: notes of each ambassador meeting (what works, what does not, where they get stuck)."""

    lists = LISTS

    def pages(self) -> list[tuple[str, w.Widget]]:
        return [("meetings", self._list_page("meetings"))]


def meetings_form(campaign: str) -> MeetingsForm | None:
    """Phase 4's form for meeting notes; a read-only summary in scheduled runs."""
    return open_form(campaign, MeetingsForm, meetings_summary_html)


def meetings_summary_html(doc: CampaignDocument, language: str) -> str:
    meetings = [m for m in doc.items(("activity", "meetings")) if isinstance(m, dict)]
    dates = ", ".join(str(m.get("date")) for m in meetings)
    rows = [
        (
            t("form.tab.meetings", language),
            t("form.items", language, count=len(meetings)) + (f": {dates}" if dates else ""),
        )
    ]
    return summary_table(rows, language)


def import_form(campaign: str) -> ImportAssistant | None:
    """The import assistant for the platforms' exports; a read-only list of the wired files in scheduled runs."""
    return import_assistant(campaign, "activity")
