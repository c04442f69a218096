"""Phase 1's form: campaign basics, readiness, obstacles, main goal, KPIs, actions and capacity;
and the form that creates a new campaign."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.errors import CampaignError
from campaign_kit.core.i18n import LANGUAGES, SOURCE_LANGUAGE, label_or, t
from campaign_kit.core.model import READINESS_ITEMS
from campaign_kit.forms.base import ParameterForm, open_form, show_widget, summary_table
from campaign_kit.forms.fields import Field, ListSpec, date_expected, parse_date_text, parse_number, unattended
from campaign_kit.run.scaffold import new_campaign

BASICS = (
    Field("name"),
    Field("organisation"),
    Field("language", "choice", LANGUAGES, "language."),
    Field("start", "date"),
    Field("end", "date"),
    Field("population.description"),
    Field("population.size", "int"),
    Field("team.ambassadors", "int"),
)
GOAL = (Field("goal.statement", "textarea"), Field("goal.rationale", "textarea"))
CAPACITY = (Field("team.hours_per_month", "number"),)


def _free_id(doc: CampaignDocument, key: str, prefix: str) -> str:
    """The first free number: K1, K2, K2a taken -> K3."""
    taken = {str(item.get("id")) for item in doc.items(key) if isinstance(item, dict)}
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _campaign_start(doc: CampaignDocument) -> dt.date:
    start = doc.get(("start",))
    return start if isinstance(start, dt.date) else dt.date.today()


def _new_readiness(doc: CampaignDocument) -> dict[str, Any]:
    listed = {item.get("item") for item in doc.items("readiness") if isinstance(item, dict)}
    missing = [name for name in READINESS_ITEMS if name not in listed]
    return {"item": missing[0] if missing else READINESS_ITEMS[0], "status": "unknown"}


def _new_action(doc: CampaignDocument) -> dict[str, Any]:
    kpis = [str(item.get("id")) for item in doc.items("kpis") if isinstance(item, dict)]
    return {
        "id": _free_id(doc, "actions", "A"),
        "kpi": kpis[0] if kpis else "",
        "description": "",
        "due": _campaign_start(doc),
        "hours": 0,
        "status": "todo",
    }


def _numbered_title(item: dict[str, Any], index: int, language: str) -> str:
    text = item.get("name") or item.get("description") or ""
    return f"{item.get('id', index + 1)} {text}".strip()


def _checkpoint_title(item: dict[str, Any], index: int, language: str) -> str:
    kind = label_or(f"checkpoint.{item.get('kind')}", language, str(item.get("kind")))
    return f"{kind} {item.get('date', '')}"


LISTS = {
    "readiness": ListSpec(
        ("readiness",),
        (
            Field("item", "choice", READINESS_ITEMS, "readiness."),
            Field("status", "choice", ("ready", "partial", "missing", "unknown"), "readiness.", default="unknown"),
            Field("evidence", "textarea"),
            Field("owner"),
        ),
        _new_readiness,
        lambda item, _i, language: label_or(f"readiness.{item.get('item')}", language, str(item.get("item"))),
    ),
    "obstacles": ListSpec(
        ("obstacles",),
        (
            Field("kind", "choice", ("fear", "time", "underestimation", "other"), "obstacle."),
            Field("description", "textarea"),
            Field("countermeasures", "lines"),
            Field("owner"),
        ),
        lambda _doc: {"kind": "other", "countermeasures": []},
        lambda item, _i, language: label_or(f"obstacle.{item.get('kind')}", language, str(item.get("kind"))),
    ),
    "kpis": ListSpec(
        ("kpis",),
        (
            Field("id"),
            Field("name"),
            Field("metric"),
            Field("target", "number", optional=True),
            Field("unit"),
            Field("scope", "choice", ("total", "per_ambassador"), "scope.", default="total"),
            Field("baseline", "number", optional=True),
            Field("deadline", "date", optional=True),
            Field("owner"),
            Field("parent", "ref", optional=True),
            Field("counts_people", "bool"),
        ),
        lambda doc: {"id": _free_id(doc, "kpis", "K"), "name": ""},
        _numbered_title,
    ),
    "actions": ListSpec(
        ("actions",),
        (
            Field("id"),
            Field("kpi", "ref"),
            Field("description", "textarea"),
            Field("owner"),
            Field("start", "date", optional=True),
            Field("due", "date"),
            Field("hours", "number"),
            Field("status", "choice", ("todo", "doing", "done", "cancelled"), "action.", default="todo"),
        ),
        _new_action,
        _numbered_title,
    ),
    "checkpoints": ListSpec(
        ("checkpoints",),
        (
            Field("kind", "choice", ("ambassador_meeting", "midterm", "final", "other"), "checkpoint."),
            Field("date", "date"),
            Field("label", optional=True),
        ),
        lambda doc: {"kind": "ambassador_meeting", "date": _campaign_start(doc)},
        _checkpoint_title,
    ),
}


class CampaignForm(ParameterForm):
    """The phase-1 form: campaign basics, readiness, obstacles, main goal, KPIs, actions, capacity."""

    lists = LISTS

    def pages(self) -> list[tuple[str, w.Widget]]:
        return [
            ("basics", self._fields_box(BASICS, ())),
            ("readiness", self._list_page("readiness")),
            ("obstacles", self._list_page("obstacles")),
            ("goal", self._fields_box(GOAL, ())),
            ("kpis", self._list_page("kpis")),
            ("actions", self._list_page("actions")),
            ("capacity", w.VBox([self._fields_box(CAPACITY, ()), self._list_page("checkpoints")])),
        ]


def goals_form(campaign: str) -> CampaignForm | None:
    """Phase 1's form in JupyterLab; a read-only summary in scheduled runs. Returns the form, or None."""
    return open_form(campaign, CampaignForm, summary_html)


def summary_html(doc: CampaignDocument, language: str) -> str:
    """A compact read-only view of what the form holds, for scheduled runs."""

    def count(key: str) -> str:
        return t("form.items", language, count=len(doc.items(key)))

    kpis = ", ".join(str(k.get("id")) for k in doc.items("kpis") if isinstance(k, dict))
    rows = [
        (t("field.name", language), doc.get(("name",))),
        (t("field.start", language) + " – " + t("field.end", language), f"{doc.get(('start',))} – {doc.get(('end',))}"),
        (t("field.population.size", language), doc.get(("population", "size"))),
        (t("field.team.ambassadors", language), doc.get(("team", "ambassadors"))),
        (t("field.team.hours_per_month", language), doc.get(("team", "hours_per_month"))),
        (t("form.tab.readiness", language), count("readiness")),
        (t("form.tab.obstacles", language), count("obstacles")),
        (t("form.tab.kpis", language), kpis or count("kpis")),
        (t("form.tab.actions", language), count("actions")),
        (t("checkpoint.other", language), count("checkpoints")),
    ]
    return summary_table(rows, language)


class NewCampaignForm:
    """What `campaign new` does, as a form: a folder name and the basics, then Create."""

    def __init__(self, language: str = "en"):
        self.language = language
        tr = lambda key: t(key, language)  # noqa: E731
        self.slug = w.Text(description="", placeholder="vacatures-2027")
        self.name = w.Text()
        self.organisation = w.Text()
        self.campaign_language = w.Dropdown(
            options=[(tr(f"language.{code}"), code) for code in LANGUAGES], value=language
        )
        # typed in the campaign language's own pattern, not the browser's (a date picker shows mm/dd/yyyy
        # in an American browser)
        self.start = w.Text(placeholder=tr("form.date_placeholder"))
        self.end = w.Text(placeholder=tr("form.date_placeholder"))
        self.population = w.Text()
        self.create = w.Button(
            description=tr("new.create"), button_style="primary", icon="plus", layout=w.Layout(width="auto")
        )
        self.create.add_class("ck-create")
        self.status = w.HTML()
        self.status.add_class("ck-new-status")
        self.create.on_click(lambda _b: self.submit())
        fields = [
            ("field.slug", self.slug, "slug"),
            ("field.name", self.name, "name"),
            ("field.organisation", self.organisation, "organisation"),
            ("field.language", self.campaign_language, "language"),
            ("field.start", self.start, "start"),
            ("field.end", self.end, "end"),
            ("field.population.size", self.population, "population"),
        ]
        boxes = []
        for label, control, key in fields:
            box = w.VBox([w.HTML(f"<b>{html.escape(tr(label))}</b>"), control])
            box.add_class(f"ck-new-{key}")
            boxes.append(box)
        grid = w.GridBox(boxes, layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(240px, 1fr))"))
        self.widget = w.Accordion(children=[w.VBox([grid, self.create, self.status])])
        self.widget.set_title(0, tr("new.title"))
        self.widget.selected_index = None
        self.widget.add_class("ck-new-form")

    def submit(self) -> str | None:
        population = parse_number(self.population.value, whole=True)
        days = {
            key: parse_date_text(box.value, self.language) for key, box in (("start", self.start), ("end", self.end))
        }
        typed = [key for key, day in days.items() if isinstance(day, str)]
        if typed:  # not a date in the form's pattern: say which field and what it expects
            self.status.value = "".join(
                f'<div style="color:#b71c1c">{html.escape(t(f"field.{key}", self.language))}: '
                f"{html.escape(date_expected(self.language))}</div>"
                for key in typed
            )
            return None
        try:
            path, todo = new_campaign(
                self.slug.value.strip(),
                name=self.name.value.strip() or None,
                organisation=self.organisation.value.strip() or None,
                language=self.campaign_language.value,
                start=days["start"],
                end=days["end"],
                population_size=population if isinstance(population, int) else None,
            )
        except CampaignError as exc:
            self.status.value = "".join(
                f'<div style="color:#b71c1c">{html.escape(p.text(self.language))}</div>' for p in exc.problems
            )
            return None
        slug = path.parent.name
        parts = [html.escape(t("new.created", self.language, path=f"parameters/{slug}/campaign.yaml", slug=slug))]
        if todo:
            parts.append(html.escape(t("new.todo", self.language)))
            parts.append(
                "<ul>"
                + "".join(f"<li>{html.escape(p.key)}: {html.escape(p.text(self.language))}</li>" for p in todo)
                + "</ul>"
            )
        self.status.value = '<div class="ck-created">' + "<br>".join(parts) + "</div>"
        return slug


def new_campaign_form(campaign: str | None = None) -> NewCampaignForm | None:
    """The 'new campaign' form (collapsed), labelled in the current campaign's language; nothing in
    scheduled runs."""
    if unattended():
        return None
    language = "en"
    if campaign:
        try:
            language = str(CampaignDocument(campaign).get(("language",)) or "en")
        except CampaignError:
            pass
    form = NewCampaignForm(language if language in LANGUAGES else SOURCE_LANGUAGE)
    show_widget(form.widget, "")
    return form
