"""Widget forms bound to a campaign file: edit, validate as you go, save safely.

A notebook calls one function (`goals_form(campaign)`, `new_campaign_form()`); it shows the form in
JupyterLab and, in a scheduled run (no person present), a compact read-only summary instead. Forms
never write anything except when the analyst presses Save, and Save is refused while any value is
invalid or when the file changed on disk since the form loaded it (see `editing.CampaignDocument`).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
from IPython.display import HTML, display

from .editing import CampaignDocument, ConflictError
from .errors import CampaignError, Problem
from .i18n import label_or, t
from .model import READINESS_ITEMS, RESULT_TYPES
from .paths import UNATTENDED_ENV
from .report import setup
from .scaffold import new_campaign
from .validation import format_loc


def unattended() -> bool:
    """True in scheduled runs (`campaign run` sets the variable for its kernels) and outside a kernel."""
    if os.environ.get(UNATTENDED_ENV):
        return True
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return True
    shell = get_ipython()
    return shell is None or not hasattr(shell, "kernel")


@dataclass(frozen=True)
class Field:
    """One editable value: its key (relative to the form section or list item) and widget kind."""

    key: str
    kind: str = "text"  # text, textarea, int, number, date, choice, bool, lines, ref
    choices: tuple[str, ...] = ()
    label_prefix: str = ""  # i18n prefix for choice labels, e.g. "readiness."
    optional: bool = False
    default: Any = None  # what the model assumes when the key is absent (shown, not written)
    label_key: str = ""  # an i18n key for the label when field.<key> does not fit
    empty_removes_parent: bool = False  # emptying it switches the whole optional rule off


BASICS = (
    Field("name"),
    Field("organisation"),
    Field("language", "choice", ("nl", "en"), "language."),
    Field("start", "date"),
    Field("end", "date"),
    Field("population.description"),
    Field("population.size", "int"),
    Field("team.ambassadors", "int"),
)
GOAL = (Field("goal.statement", "textarea"), Field("goal.rationale", "textarea"))
CAPACITY = (Field("team.hours_per_month", "number"),)
LISTS: dict[str, tuple[Field, ...]] = {
    "readiness": (
        Field("item", "choice", READINESS_ITEMS, "readiness."),
        Field("status", "choice", ("ready", "partial", "missing", "unknown"), "readiness.", default="unknown"),
        Field("evidence", "textarea"),
        Field("owner"),
    ),
    "obstacles": (
        Field("kind", "choice", ("fear", "time", "underestimation", "other"), "obstacle."),
        Field("description", "textarea"),
        Field("countermeasures", "lines"),
        Field("owner"),
    ),
    "kpis": (
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
    "actions": (
        Field("id"),
        Field("kpi", "ref"),
        Field("description", "textarea"),
        Field("owner"),
        Field("start", "date", optional=True),
        Field("due", "date"),
        Field("hours", "number"),
        Field("status", "choice", ("todo", "doing", "done", "cancelled"), "action.", default="todo"),
    ),
    "checkpoints": (
        Field("kind", "choice", ("ambassador_meeting", "midterm", "final", "other"), "checkpoint."),
        Field("date", "date"),
        Field("label", optional=True),
    ),
    "status": (
        Field("id", "candidate"),
        Field("status", "choice", ("asked", "interested", "declined", "confirmed"), "candidate."),
        Field("date", "date"),
        Field("note", optional=True),
    ),
}
LISTS |= {
    "reward_rules": (
        Field("result", "choice", RESULT_TYPES, "result."),
        Field("amount", "number"),
        Field("cap_per_period", "number", optional=True),
        Field("cap_per_ambassador", "number", optional=True),
    ),
    "prizes": (Field("place", "int"), Field("description"), Field("value", "number")),
    "fixed_costs": (
        Field("item"),
        Field("amount", "number", optional=True),
        Field("hours", "number", optional=True),
        Field("rate", "number", optional=True),
    ),
    "testimonials": (
        Field("ambassador"),
        Field("text", "textarea"),
        Field("date", "date"),
        Field("consent", "choice", ("none", "anonymous", "named"), "consent.", default="none"),
    ),
    "meetings": (
        Field("date", "date"),
        Field("attendees", "int", optional=True),
        Field("works", "textarea"),
        Field("does_not_work", "textarea"),
        Field("stuck", "textarea"),
        Field("actions", "textarea"),
    ),
}
# Where each list lives in campaign.yaml.
LIST_PATHS: dict[str, tuple[str, ...]] = {key: (key,) for key in LISTS} | {
    "status": ("selection", "status"),
    "reward_rules": ("rewards", "rules"),
    "prizes": ("rewards", "prizes"),
    "fixed_costs": ("rewards", "fixed_costs"),
    "meetings": ("activity", "meetings"),
    "testimonials": ("evaluation", "testimonials"),
}
SESSION = (
    Field("session_date", "date", optional=True),
    Field("worked", "textarea"),
    Field("did_not_work", "textarea"),
    Field("lessons", "lines"),
    Field("turnover", "number", optional=True),
    Field("management_support", "choice", ("strong", "moderate", "weak"), "support.", optional=True),
)
BUDGET = (
    Field("currency"),
    Field("budget", "number"),
    Field("hours_per_month", "number", label_key="field.rewards.hours_per_month"),
    Field("prize_ranking", "choice", (*RESULT_TYPES, "reward"), "result.", default="reward"),
    Field("tie_rule", "choice", ("split", "earliest"), "tie.", default="split"),
)
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


def css_key(loc: tuple[str | int, ...]) -> str:
    """A CSS class for a field, e.g. ('kpis', 3, 'deadline') -> 'ck-key-kpis-3-deadline'."""
    return "ck-key-" + re.sub(r"[^A-Za-z0-9]+", "-", "-".join(str(p) for p in loc)).strip("-")


def _number_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse_number(text: str, whole: bool) -> Any:
    """Typed text to a number; text that is not a number stays text so validation can name it."""
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", ".")) if not whole else int(text)
    except ValueError:
        return text
    return int(number) if not whole and number.is_integer() else number


def _new_item(key: str, doc: CampaignDocument) -> dict[str, Any]:
    """Sensible starting values for a new list item (ids that do not clash, dates in the campaign)."""
    start = doc.get(("start",)) if isinstance(doc.get(("start",)), dt.date) else dt.date.today()
    if key in ("kpis", "actions"):
        prefix = "K" if key == "kpis" else "A"
        taken = {str(item.get("id")) for item in doc.items(key) if isinstance(item, dict)}
        n = 1
        while f"{prefix}{n}" in taken:  # the first free number: K1, K2, K2a taken -> K3
            n += 1
        if key == "kpis":
            return {"id": f"{prefix}{n}", "name": ""}
        kpis = [str(item.get("id")) for item in doc.items("kpis") if isinstance(item, dict)]
        return {
            "id": f"{prefix}{n}",
            "kpi": kpis[0] if kpis else "",
            "description": "",
            "due": start,
            "hours": 0,
            "status": "todo",
        }
    if key == "readiness":
        listed = {item.get("item") for item in doc.items(key) if isinstance(item, dict)}
        missing = [name for name in READINESS_ITEMS if name not in listed]
        return {"item": missing[0] if missing else READINESS_ITEMS[0], "status": "unknown"}
    if key == "obstacles":
        return {"kind": "other", "countermeasures": []}
    if key == "status":
        return {"id": "", "status": "asked", "date": dt.date.today()}
    if key == "reward_rules":
        return {"result": "completion", "amount": 10}
    if key == "prizes":
        taken = [p.get("place", 0) for p in doc.items(LIST_PATHS[key]) if isinstance(p, dict)]
        return {"place": max([0, *[p for p in taken if isinstance(p, int)]]) + 1, "description": "", "value": 0}
    if key == "fixed_costs":
        return {"item": "", "amount": 0}
    if key == "meetings":
        return {"date": dt.date.today(), "works": "", "does_not_work": "", "stuck": "", "actions": ""}
    if key == "testimonials":  # nothing reaches management until consent is recorded
        return {"ambassador": "", "text": "", "date": dt.date.today(), "consent": "none"}
    return {"kind": "ambassador_meeting", "date": start}


class ParameterForm:
    """A tabbed form over one campaign file; subclasses say which pages it has (`pages`)."""

    def __init__(self, campaign: str, language: str | None = None):
        self.doc = CampaignDocument(campaign)
        self.language = language or str(self.doc.get(("language",)) or "en")
        if self.language not in ("nl", "en"):
            self.language = "en"
        self._errors: dict[str, w.HTML] = {}
        self.status = w.HTML(layout=w.Layout(margin="6px 0"))
        self.status.add_class("ck-status")
        self.save_button = w.Button(
            description=t("form.save", self.language),
            button_style="primary",
            icon="save",
            layout=w.Layout(width="auto"),
        )
        self.save_button.add_class("ck-save")
        self.reload_button = w.Button(
            description=t("form.reload", self.language), icon="refresh", layout=w.Layout(width="auto")
        )
        self.reload_button.add_class("ck-reload")
        self.save_button.on_click(lambda _b: self.save())
        self.reload_button.on_click(lambda _b: self.reload())
        self.tabs = w.Tab()
        self.widget = w.VBox([self.tabs, w.HBox([self.save_button, self.reload_button]), self.status])
        self.widget.add_class("ck-form")
        self._list_boxes: dict[str, w.VBox] = {}
        self._updating = False
        self.build()

    # building ------------------------------------------------------------------------------------
    def tr(self, key: str, **values: Any) -> str:
        return t(key, self.language, **values)

    def pages(self) -> list[tuple[str, w.Widget]]:
        raise NotImplementedError

    def build(self) -> None:
        """(Re)create every page from the document; the tab bar itself is created once."""
        self._errors = {}
        self._refs: list[tuple[w.Dropdown, Field, tuple[str | int, ...]]] = []
        pages = self.pages()
        if not self.tabs.children:
            self._containers = [w.VBox() for _ in pages]
            self.tabs.children = self._containers
            for i, (name, _) in enumerate(pages):
                self.tabs.set_title(i, self.tr(f"form.tab.{name}"))
            self.tabs.selected_index = 0
        for container, (_, page) in zip(self._containers, pages, strict=True):
            container.children = [page]  # replacing page contents keeps the analyst on the same tab
        self.refresh()

    def _fields_box(self, fields: tuple[Field, ...], base: tuple[str | int, ...]) -> w.Box:
        boxes = [self._field(field, (*base, *field.key.split("."))) for field in fields]
        grid = w.GridBox(
            boxes, layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(240px, 1fr))", grid_gap="4px 12px")
        )
        return grid

    def _field(self, field: Field, loc: tuple[str | int, ...]) -> w.Box:
        value = self.doc.get(loc)
        control = self._control(field, field.default if value is None else value)
        if field.kind == "ref":
            self._refs.append((control, field, loc))
        # a list may name a field its own way ("KPI name" rather than the campaign's "name")
        label = (
            self.tr(field.label_key)
            if field.label_key
            else label_or(f"field.{loc[0]}.{field.key}", self.language, self.tr(f"field.{field.key}"))
        )
        error = w.HTML()
        error.add_class("ck-error")
        self._errors[format_loc(loc)] = error
        control.observe(lambda change, f=field, at=loc: self._changed(f, at, change["new"]), names="value")
        box = w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), control, error], layout=w.Layout(margin="0 0 4px 0"))
        box.add_class("ck-field")
        box.add_class(css_key(loc))
        return box

    def _control(self, field: Field, value: Any) -> w.DOMWidget:
        full = w.Layout(width="98%")
        if field.kind == "textarea":
            return w.Textarea(value="" if value is None else str(value), layout=full, rows=2)
        if field.kind in ("int", "number"):
            return w.Text(value=_number_text(value), layout=full)
        if field.kind == "date":
            return w.DatePicker(value=value if isinstance(value, dt.date) else None, layout=full)
        if field.kind == "bool":
            return w.Checkbox(value=bool(value), indent=False)
        if field.kind == "lines":
            lines = "\n".join(str(v) for v in value) if isinstance(value, list) else ""
            return w.Textarea(value=lines, layout=full, rows=3)
        if field.kind in ("choice", "ref", "candidate"):
            shown = "" if value is None and field.kind != "choice" else value
            dropdown = w.Dropdown(options=self._options(field, shown), value=shown, layout=full)
            return dropdown
        return w.Text(value="" if value is None else str(value), layout=full)

    def _options(self, field: Field, value: Any) -> list[tuple[str, Any]]:
        if field.kind == "candidate":
            options = list(self.candidate_options())
        elif field.kind == "ref":
            ids = [str(k.get("id")) for k in self.doc.items("kpis") if isinstance(k, dict) and k.get("id")]
            options: list[tuple[str, Any]] = [(self.tr("form.none"), "")] + [(i, i) for i in ids]
        else:
            options = [
                (label_or(f"{field.label_prefix}{choice}", self.language, choice), choice) for choice in field.choices
            ]
        if value is not None and value not in [v for _, v in options]:
            options.append((str(value), value))  # keep what the file says, even if unknown
        return options

    def candidate_options(self) -> list[tuple[str, Any]]:
        return []

    def _list_page(self, key: str) -> w.VBox:
        box = w.VBox()
        box.add_class(f"ck-list-{key}")
        self._list_boxes[key] = box
        self._fill_list(key)
        add = w.Button(description=self.tr(f"form.add.{key}"), icon="plus", layout=w.Layout(width="auto"))
        add.add_class(f"ck-add-{key}")
        add.on_click(lambda _b: self._add(key))
        return w.VBox([box, add])

    def _fill_list(self, key: str) -> None:
        rows = []
        path = LIST_PATHS[key]
        for index, item in enumerate(self.doc.items(path)):
            title = self._item_title(key, item, index)
            up = w.Button(icon="arrow-up", tooltip=self.tr("form.up"), layout=w.Layout(width="36px"))
            down = w.Button(icon="arrow-down", tooltip=self.tr("form.down"), layout=w.Layout(width="36px"))
            remove = w.Button(icon="trash", tooltip=self.tr("form.remove"), layout=w.Layout(width="36px"))
            remove.add_class("ck-remove")
            up.on_click(lambda _b, i=index: self._move(key, i, -1))
            down.on_click(lambda _b, i=index: self._move(key, i, +1))
            remove.on_click(lambda _b, i=index: self._remove(key, i))
            header = w.HBox([w.HTML(f"<b>{html.escape(title)}</b>", layout=w.Layout(flex="1")), up, down, remove])
            fields = self._fields_box(LISTS[key], (*path, index))
            item_box = w.VBox(
                [header, fields], layout=w.Layout(border="1px solid #d5dbdb", padding="4px 8px", margin="0 0 6px 0")
            )
            item_box.add_class(f"ck-item-{key}-{index}")
            rows.append(item_box)
        self._list_boxes[key].children = rows

    def _item_title(self, key: str, item: Any, index: int) -> str:
        if not isinstance(item, dict):
            return f"{index + 1}"
        if key in ("kpis", "actions"):
            text = item.get("name") or item.get("description") or ""
            return f"{item.get('id', index + 1)} {text}".strip()
        if key == "readiness":
            return label_or(f"readiness.{item.get('item')}", self.language, str(item.get("item")))
        if key == "obstacles":
            return label_or(f"obstacle.{item.get('kind')}", self.language, str(item.get("kind")))
        if key == "meetings":
            return t("meeting.title", self.language, date=item.get("date", ""))
        if key == "testimonials":
            consent = label_or(f"consent.{item.get('consent')}", self.language, str(item.get("consent")))
            return f"{item.get('ambassador') or '…'}, {item.get('date', '')} ({consent})"
        kind = label_or(f"checkpoint.{item.get('kind')}", self.language, str(item.get("kind")))
        return f"{kind} {item.get('date', '')}"

    # editing -------------------------------------------------------------------------------------
    def _changed(self, field: Field, loc: tuple[str | int, ...], new: Any) -> None:
        if self._updating:
            return
        if field.kind in ("int", "number"):
            value: Any = _parse_number(new, whole=field.kind == "int")
        elif field.kind == "lines":
            value = [line.strip() for line in str(new).splitlines() if line.strip()]
        elif (field.kind == "text" and field.optional) or field.kind in ("ref", "candidate"):
            value = new or None  # an empty choice is "(none)": the key is left out
        else:
            value = new
        if value is None and field.empty_removes_parent:
            self.doc.delete(loc[:-1])
        else:
            list_key = next((k for k, p in LIST_PATHS.items() if loc[: len(p)] == p and len(loc) == len(p) + 2), None)
            order = [f.key for f in LISTS[list_key]] if list_key else ()
            self.doc.set(loc, value, order=order)
        if loc[0] == "kpis" and loc[-1] == "id":
            self._refresh_refs()
        self.refresh()

    def _refresh_refs(self) -> None:
        """KPI ids changed: update every 'KPI' and 'contributes to' list without touching values."""
        self._updating = True
        try:
            for dropdown, field, _loc in self._refs:
                dropdown.options = self._options(field, dropdown.value)
        finally:
            self._updating = False

    def _render_list(self, key: str) -> None:
        path = LIST_PATHS[key]
        self._errors = {k: v for k, v in self._errors.items() if not k.startswith(f"{format_loc(path)}[")}
        self._refs = [ref for ref in self._refs if ref[2][: len(path)] != path]
        self._fill_list(key)
        if key == "kpis":
            self._refresh_refs()
        self.refresh()

    def _add(self, key: str) -> None:
        self.doc.append(LIST_PATHS[key], _new_item(key, self.doc))
        self._render_list(key)

    def _remove(self, key: str, index: int) -> None:
        self.doc.remove(LIST_PATHS[key], index)
        self._render_list(key)

    def _move(self, key: str, index: int, offset: int) -> None:
        self.doc.move(LIST_PATHS[key], index, offset)
        self._render_list(key)

    # validation, save, reload --------------------------------------------------------------------
    def refresh(self, message: str = "", css: str = "") -> list[Problem]:
        problems = self.doc.problems()
        by_key: dict[str, list[str]] = {}
        for problem in problems:
            by_key.setdefault(problem.key, []).append(problem.message)
        self.save_button.disabled = bool(problems)  # first, so Save is never enabled beside an error
        for key, label in self._errors.items():
            messages = by_key.get(key, [])
            label.value = "".join(f'<span style="color:#b71c1c">{html.escape(m)}</span><br>' for m in messages)
        parts = []
        if message:
            parts.append(f'<div class="{css}">{html.escape(message)}</div>')
        if problems:
            listed = "".join(f"<li>{html.escape(_problem_text(p, self.doc))}</li>" for p in problems)
            heading = html.escape(
                self.tr("form.invalid.one" if len(problems) == 1 else "form.invalid", count=len(problems))
            )
            parts.append(f'<div class="ck-invalid" style="color:#b71c1c">{heading}<ul>{listed}</ul></div>')
        elif self.doc.dirty and not message:
            parts.append(f'<div class="ck-dirty">{html.escape(self.tr("form.unsaved"))}</div>')
        elif not message:
            parts.append(f'<div class="ck-valid">{html.escape(self.tr("form.valid"))}</div>')
        self.status.value = "".join(parts)
        return problems

    def save(self) -> bool:
        try:
            saved = self.doc.save()
        except ConflictError:
            self.refresh(self.tr("form.conflict"), "ck-conflict")
            self.status.value = self.status.value.replace(
                'class="ck-conflict"', 'class="ck-conflict" style="color:#b71c1c;font-weight:600"'
            )
            return False
        except CampaignError:
            self.refresh()
            return False
        self.refresh(self.tr("form.saved", time=saved.strftime("%H:%M:%S")), "ck-saved")
        return True

    def reload(self) -> None:
        try:
            self.doc.reload()
        except CampaignError as exc:  # e.g. someone saved malformed YAML: say so, keep the form as it is
            self.status.value = "".join(
                f'<div class="ck-conflict" style="color:#b71c1c">{html.escape(str(p))}</div>' for p in exc.problems
            )
            return
        self.build()
        self.refresh(self.tr("form.reloaded"), "ck-reloaded")


class CampaignForm(ParameterForm):
    """The phase-1 form: campaign basics, readiness, obstacles, main goal, KPIs, actions, capacity."""

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


class SelectionForm(ParameterForm):
    """The phase-2 form: criterion weights, team rules, and each candidate's status with its date."""

    def __init__(self, campaign: str, language: str | None = None):
        self._candidates: list[tuple[str, Any]] | None = None
        super().__init__(campaign, language)

    def candidate_options(self) -> list[tuple[str, Any]]:
        """The nominated candidates as 'name (id)', best score first; empty when the files cannot be read."""
        if self._candidates is None:
            from .people import load_people
            from .selection import score_candidates
            from .validation import validate_data

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


class RewardsForm(ParameterForm):
    """The phase-3 form: budget, reward rules, prizes, fixed costs and the expected performance."""

    def pages(self) -> list[tuple[str, w.Widget]]:
        performance = self.doc.get(("rewards", "performance")) or {}
        rules = [r.get("result") for r in self.doc.items(("rewards", "rules")) if isinstance(r, dict)]
        # every rewarded result needs its figures, so a new rule gets empty fields to fill in
        results = list(dict.fromkeys([*(performance if isinstance(performance, dict) else {}), *rules]))
        figures = tuple(
            Field(
                f"{result}.{level}",
                "number",
                label_key=f"result.{result}" if level == "expected" else f"scenario.{level}",
            )
            for result in results
            if isinstance(result, str)
            for level in ("pessimistic", "expected", "optimistic")
        )
        return [
            ("budget", self._fields_box(BUDGET, ("rewards",))),
            ("reward_rules", self._list_page("reward_rules")),
            ("prizes", self._list_page("prizes")),
            ("fixed_costs", self._list_page("fixed_costs")),
            ("performance", self._fields_box(figures, ("rewards", "performance"))),
        ]

    def _render_list(self, key: str) -> None:
        if key == "reward_rules":  # rules decide which results need performance figures
            self.build()
        else:
            super()._render_list(key)

    def _changed(self, field: Field, loc: tuple[str | int, ...], new: Any) -> None:
        super()._changed(field, loc, new)
        if loc[:2] == ("rewards", "rules") and loc[-1] == "result" and not self._updating:
            self.build()


def _problem_text(problem: Problem, doc: CampaignDocument) -> str:
    """A problem as the form lists it: the key, with the item's own id where it has one
    (kpis[3] (K3).name), and its message. Lines are left out: a new item is not in the file yet."""
    key = problem.key
    match = re.match(r"^([a-z_.]+)\[(\d+)\]", key)
    if match:
        path = tuple(match.group(1).split("."))
        items = doc.get(path) or []
        index = int(match.group(2))
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict) and items[index].get("id"):
            key = f"{match.group(0)} ({items[index]['id']}){key[match.end() :]}"
    return f"{key}: {problem.message}" if key else problem.message


def show_widget(widget: w.Widget, summary: str) -> None:
    """Display a form with a static summary beside it in one output: JupyterLab renders the live
    widget; anything without a widget manager (papermill run directly, nbconvert, a notebook viewer)
    renders the read-only summary instead of a widget's Python repr."""
    bundle = widget._repr_mimebundle_() or {}
    bundle = {**bundle, "text/html": summary, "text/plain": "form (open the notebook in JupyterLab to edit)"}
    display(bundle, raw=True)


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
    return _summary_table(rows, language)


def _summary_table(rows: list[tuple[str, object]], language: str) -> str:
    body = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    title = html.escape(t("form.summary", language))
    return f'<div class="ck-form-summary"><p><b>{title}</b></p><table class="ck-facts">{body}</table></div>'


def _open_form(campaign: str, form_class: type[ParameterForm], summary) -> ParameterForm | None:  # noqa: ANN001
    """A phase's form in JupyterLab (with its summary for viewers without widgets), or only the
    read-only summary in scheduled runs. A mistyped campaign or malformed YAML shows as a problem
    list, not a traceback."""
    setup()
    if unattended():
        doc = CampaignDocument(campaign)
        display(HTML(summary(doc, _language(doc))))
        return None
    form = form_class(campaign)
    show_widget(form.widget, summary(form.doc, form.language))
    return form


def rewards_form(campaign: str) -> RewardsForm | None:
    """Phase 3's form (budget, rules, prizes, fixed costs, performance); a summary in scheduled runs."""
    return _open_form(campaign, RewardsForm, rewards_summary_html)


def rewards_summary_html(doc: CampaignDocument, language: str) -> str:
    rows = [
        (t("field.budget", language), f"{doc.get(('rewards', 'budget'))} {doc.get(('rewards', 'currency'))}"),
        (t("form.tab.reward_rules", language), t("form.items", language, count=len(doc.items(("rewards", "rules"))))),
        (t("form.tab.prizes", language), t("form.items", language, count=len(doc.items(("rewards", "prizes"))))),
        (
            t("form.tab.fixed_costs", language),
            t("form.items", language, count=len(doc.items(("rewards", "fixed_costs")))),
        ),
    ]
    return _summary_table(rows, language)


class MeetingsForm(ParameterForm):
    """The phase-4 form: notes of each ambassador meeting (what works, what does not, where they get stuck)."""

    def pages(self) -> list[tuple[str, w.Widget]]:
        return [("meetings", self._list_page("meetings"))]


class FinalForm(ParameterForm):
    """The phase-5 form: the evaluation session, lessons, what the next campaign depends on, and the
    ambassadors' testimonials with their consent."""

    def pages(self) -> list[tuple[str, w.Widget]]:
        return [
            ("session", self._fields_box(SESSION, ("evaluation",))),
            ("testimonials", self._list_page("testimonials")),
        ]


def final_form(campaign: str) -> FinalForm | None:
    """Phase 5's form; a read-only summary in scheduled runs."""
    return _open_form(campaign, FinalForm, final_summary_html)


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
    return _summary_table(rows, language)


def meetings_form(campaign: str) -> MeetingsForm | None:
    """Phase 4's form for meeting notes; a read-only summary in scheduled runs."""
    return _open_form(campaign, MeetingsForm, meetings_summary_html)


def meetings_summary_html(doc: CampaignDocument, language: str) -> str:
    meetings = [m for m in doc.items(("activity", "meetings")) if isinstance(m, dict)]
    dates = ", ".join(str(m.get("date")) for m in meetings)
    rows = [
        (
            t("form.tab.meetings", language),
            t("form.items", language, count=len(meetings)) + (f": {dates}" if dates else ""),
        )
    ]
    return _summary_table(rows, language)


def selection_form(campaign: str) -> SelectionForm | None:
    """Phase 2's form (weights, team rules, candidate status); a read-only summary in scheduled runs."""
    return _open_form(campaign, SelectionForm, selection_summary_html)


def _language(doc: CampaignDocument) -> str:
    language = str(doc.get(("language",)) or "en")
    return language if language in ("nl", "en") else "en"


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
    return _summary_table(rows, language)


def goals_form(campaign: str) -> CampaignForm | None:
    """Phase 1's form in JupyterLab; a read-only summary in scheduled runs. Returns the form, or None."""
    return _open_form(campaign, CampaignForm, summary_html)


class NewCampaignForm:
    """What `campaign new` does, as a form: a folder name and the basics, then Create."""

    def __init__(self, language: str = "en"):
        self.language = language
        tr = lambda key: t(key, language)  # noqa: E731
        self.slug = w.Text(description="", placeholder="vacatures-2027")
        self.name = w.Text()
        self.organisation = w.Text()
        self.campaign_language = w.Dropdown(
            options=[(tr("language.nl"), "nl"), (tr("language.en"), "en")], value=language
        )
        self.start = w.DatePicker()
        self.end = w.DatePicker()
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
        population = _parse_number(self.population.value, whole=True)
        try:
            path, todo = new_campaign(
                self.slug.value.strip(),
                name=self.name.value.strip() or None,
                organisation=self.organisation.value.strip() or None,
                language=self.campaign_language.value,
                start=self.start.value,
                end=self.end.value,
                population_size=population if isinstance(population, int) else None,
            )
        except CampaignError as exc:
            self.status.value = "".join(
                f'<div style="color:#b71c1c">{html.escape(p.message)}</div>' for p in exc.problems
            )
            return None
        slug = path.parent.name
        parts = [html.escape(t("new.created", self.language, path=f"parameters/{slug}/campaign.yaml", slug=slug))]
        if todo:
            parts.append(html.escape(t("new.todo", self.language)))
            parts.append(
                "<ul>" + "".join(f"<li>{html.escape(p.key)}: {html.escape(p.message)}</li>" for p in todo) + "</ul>"
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
    form = NewCampaignForm(language if language in ("nl", "en") else "en")
    show_widget(form.widget, "")
    return form
