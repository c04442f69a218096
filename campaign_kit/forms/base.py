"""The machinery every phase's form shares: a tabbed form over campaign.yaml that validates as the
analyst types, saves safely and refuses to overwrite a file changed on disk, and a read-only summary
in scheduled runs.

A notebook calls one function of its phase (`goals_form(campaign)`); it shows the form in JupyterLab
and, in a scheduled run (no person present), a compact read-only summary instead. Forms never write
anything except when the analyst presses Save, and Save is refused while any value is invalid or when
the file changed on disk since the form loaded it (see `core.editing.CampaignDocument`).
"""

from __future__ import annotations

import html
import re
from typing import Any, ClassVar

import ipywidgets as w
from IPython.display import HTML, display

from campaign_kit.core.editing import CampaignDocument, ConflictError
from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.i18n import LANGUAGES, SOURCE_LANGUAGE, label_or, t
from campaign_kit.core.validation import format_loc
from campaign_kit.display import setup
from campaign_kit.forms.fields import (
    Field,
    ListSpec,
    css_key,
    date_expected,
    date_text,
    number_text,
    parse_date_text,
    parse_number,
    unattended,
)


class ParameterForm:
    """A tabbed form over one campaign file; subclasses say which pages it has (`pages`) and which
    lists of items they edit (`lists`)."""

    lists: ClassVar[dict[str, ListSpec]] = {}

    def __init__(self, campaign: str, language: str | None = None):
        self.doc = CampaignDocument(campaign)
        self.language = language or str(self.doc.get(("language",)) or "en")
        if self.language not in LANGUAGES:
            self.language = SOURCE_LANGUAGE
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
        # JupyterLab cuts tab titles at 144 px ("Beloning per resultaa"): show them whole
        tab_style = w.HTML("<style>.ck-form { --jp-widgets-horizontal-tab-width: auto; }</style>")
        self.widget = w.VBox([tab_style, self.tabs, w.HBox([self.save_button, self.reload_button]), self.status])
        self.widget.add_class("ck-form")
        self._list_boxes: dict[str, w.VBox] = {}
        self._headings: dict[tuple[str, int], w.HTML] = {}  # each list item's title, kept up to date
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
        self._dates: dict[str, tuple[str | int, ...]] = {}  # date fields: typed text the form must explain
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
        if field.kind == "date":
            self._dates[format_loc(loc)] = loc
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
            return w.Text(value=number_text(value), layout=full)
        if field.kind == "date":
            placeholder = self.tr("form.date_placeholder")
            return w.Text(value=date_text(value, self.language), placeholder=placeholder, layout=full)
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
        self._headings = {at: heading for at, heading in self._headings.items() if at[0] != key}
        rows = []
        spec = self.lists[key]
        path = spec.path
        for index, item in enumerate(self.doc.items(path)):
            title = self._item_title(key, item, index)
            up = w.Button(icon="arrow-up", tooltip=self.tr("form.up"), layout=w.Layout(width="36px"))
            down = w.Button(icon="arrow-down", tooltip=self.tr("form.down"), layout=w.Layout(width="36px"))
            remove = w.Button(icon="trash", tooltip=self.tr("form.remove"), layout=w.Layout(width="36px"))
            remove.add_class("ck-remove")
            up.on_click(lambda _b, i=index: self._move(key, i, -1))
            down.on_click(lambda _b, i=index: self._move(key, i, +1))
            remove.on_click(lambda _b, i=index: self._remove(key, i))
            heading = w.HTML(f"<b>{html.escape(title)}</b>", layout=w.Layout(flex="1"))
            self._headings[(key, index)] = heading
            header = w.HBox([heading, up, down, remove])
            fields = self._fields_box(spec.fields, (*path, index))
            item_box = w.VBox(
                [header, fields], layout=w.Layout(border="1px solid #d5dbdb", padding="4px 8px", margin="0 0 6px 0")
            )
            item_box.add_class(f"ck-item-{key}-{index}")
            rows.append(item_box)
        self._list_boxes[key].children = rows

    def _item_title(self, key: str, item: Any, index: int) -> str:
        title = self.lists[key].title
        if not isinstance(item, dict) or title is None:
            return f"{index + 1}"
        return title(item, index, self.language)

    # editing -------------------------------------------------------------------------------------
    def _changed(self, field: Field, loc: tuple[str | int, ...], new: Any) -> None:
        if self._updating:
            return
        if field.kind in ("int", "number"):
            value: Any = parse_number(new, whole=field.kind == "int")
        elif field.kind == "date":
            value = parse_date_text(new, self.language)
        elif field.kind == "lines":
            value = [line.strip() for line in str(new).splitlines() if line.strip()]
        elif (field.kind == "text" and field.optional) or field.kind in ("ref", "candidate"):
            value = new or None  # an empty choice is "(none)": the key is left out
        else:
            value = new
        if value is None and field.empty_removes_parent:
            self.doc.delete(loc[:-1])
        else:
            spec = next(
                (s for s in self.lists.values() if loc[: len(s.path)] == s.path and len(loc) == len(s.path) + 2), None
            )
            order = [f.key for f in spec.fields] if spec else ()
            self.doc.set(loc, value, order=order)
        if loc[0] == "kpis" and loc[-1] == "id":
            self._refresh_refs()
        self._retitle(loc)
        self.refresh()

    def _retitle(self, loc: tuple[str | int, ...]) -> None:
        """An item's title follows its fields as the analyst types (a prize's description, a KPI's id)."""
        for key, spec in self.lists.items():
            at = len(spec.path)
            if loc[:at] == spec.path and len(loc) > at and isinstance(loc[at], int):
                heading = self._headings.get((key, loc[at]))
                if heading is not None:
                    item = self.doc.get((*spec.path, loc[at]))
                    heading.value = f"<b>{html.escape(self._item_title(key, item, loc[at]))}</b>"

    def _refresh_refs(self) -> None:
        """KPI ids changed: update every 'KPI' and 'contributes to' list without touching values."""
        self._updating = True
        try:
            for dropdown, field, _loc in self._refs:
                dropdown.options = self._options(field, dropdown.value)
        finally:
            self._updating = False

    def _render_list(self, key: str) -> None:
        path = self.lists[key].path
        self._errors = {k: v for k, v in self._errors.items() if not k.startswith(f"{format_loc(path)}[")}
        self._refs = [ref for ref in self._refs if ref[2][: len(path)] != path]
        self._fill_list(key)
        if key == "kpis":
            self._refresh_refs()
        self.refresh()

    def _add(self, key: str) -> None:
        spec = self.lists[key]
        self.doc.append(spec.path, spec.new_item(self.doc))
        self._render_list(key)

    def _remove(self, key: str, index: int) -> None:
        self.doc.remove(self.lists[key].path, index)
        self._render_list(key)

    def _move(self, key: str, index: int, offset: int) -> None:
        self.doc.move(self.lists[key].path, index, offset)
        self._render_list(key)

    # validation, save, reload --------------------------------------------------------------------
    def refresh(self, message: str = "", css: str = "") -> list[Problem]:
        # a date typed in another pattern is one problem in the form's own words, in place of what
        # validation says of it (which may be nothing: '0' reads as a number of seconds)
        typed = {key for key, at in self._dates.items() if isinstance(self.doc.get(at), str)}
        said = date_expected(self.language)
        problems = [p for p in self.doc.problems() if p.key not in typed]
        problems += [Problem("campaign.yaml", key, said) for key in sorted(typed)]
        by_key: dict[str, list[str]] = {}
        for problem in problems:
            by_key.setdefault(problem.key, []).append(problem.text(self.language))
        self.save_button.disabled = bool(problems)  # first, so Save is never enabled beside an error
        for key, label in self._errors.items():
            messages = by_key.get(key, [])
            label.value = "".join(f'<span style="color:#b71c1c">{html.escape(m)}</span><br>' for m in messages)
        parts = []
        if message:
            parts.append(f'<div class="{css}">{html.escape(message)}</div>')
        if problems:
            listed = "".join(f"<li>{html.escape(problem_text(p, self.doc, self.language))}</li>" for p in problems)
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
                f'<div class="ck-conflict" style="color:#b71c1c">{html.escape(p.describe(self.language))}</div>'
                for p in exc.problems
            )
            return
        self.build()
        self.refresh(self.tr("form.reloaded"), "ck-reloaded")


def problem_text(problem: Problem, doc: CampaignDocument, language: str) -> str:
    """A problem as the form lists it: where, in the form's own words (KPI's › K3 › Naam KPI: the tab,
    the item by its id or number, the field's label), and its message. Lines are left out: a new item
    is not in the file yet."""
    said = problem.text(language)
    where = readable_key(problem.key, doc, language)
    return f"{where}: {said}" if where else said


def readable_key(key: str, doc: CampaignDocument, language: str) -> str:
    """A key path (kpis[3].name, evaluation.session_date) as the form labels it: the tab, the item by
    its id or number, and the field's label looked up as the form does (field.<section>.<key>, else
    field.<key>); a part without a label keeps its name, so nothing is lost."""
    match = re.match(r"^([a-z_.]+)\[(\d+)\]\.?(.*)$", key)
    if not match:
        first, _, rest = key.partition(".")
        return field_label(first, rest, language) if rest else label_or(f"field.{key}", language, key)
    path, index, rest = match.group(1), int(match.group(2)), match.group(3)
    section = path.split(".")[-1]
    tab = label_or(f"form.tab.{section}", language, path)
    if path == "rewards.rules":
        tab = t("form.tab.reward_rules", language)
    items = doc.get(tuple(path.split("."))) or []
    item = items[index] if isinstance(items, list) and index < len(items) else None
    name = str(item["id"]) if isinstance(item, dict) and item.get("id") else str(index + 1)
    parts = [tab, name]
    if rest:
        parts.append(field_label(path.split(".")[0], rest, language))
    return " › ".join(parts)


def field_label(first: str, key: str, language: str) -> str:
    """A field's label as the form shows it: field.<first part of its path>.<key>, else field.<key>,
    else field.<its last part>, else the key itself."""
    last = key.rsplit(".", 1)[-1]
    return label_or(
        f"field.{first}.{key}",
        language,
        label_or(f"field.{key}", language, label_or(f"field.{last}", language, key)),
    )


def show_widget(widget: w.Widget, summary: str) -> None:
    """Display a form with a static summary beside it in one output: JupyterLab renders the live
    widget; anything without a widget manager (papermill run directly, nbconvert, a notebook viewer)
    renders the read-only summary instead of a widget's Python repr."""
    bundle = widget._repr_mimebundle_() or {}
    bundle = {**bundle, "text/html": summary, "text/plain": "form (open the notebook in JupyterLab to edit)"}
    display(bundle, raw=True)


def summary_table(rows: list[tuple[str, object]], language: str) -> str:
    body = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    title = html.escape(t("form.summary", language))
    return f'<div class="ck-form-summary"><p><b>{title}</b></p><table class="ck-facts">{body}</table></div>'


def open_form(campaign: str, form_class: type[ParameterForm], summary) -> ParameterForm | None:  # noqa: ANN001
    """A phase's form in JupyterLab (with its summary for viewers without widgets), or only the
    read-only summary in scheduled runs. A mistyped campaign or malformed YAML shows as a problem
    list, not a traceback."""
    setup()
    if unattended():
        doc = CampaignDocument(campaign)
        display(HTML(summary(doc, document_language(doc))))
        return None
    form = form_class(campaign)
    show_widget(form.widget, summary(form.doc, form.language))
    return form


def document_language(doc: CampaignDocument) -> str:
    language = str(doc.get(("language",)) or "en")
    return language if language in LANGUAGES else SOURCE_LANGUAGE
