"""The import assistant: wire a new export or people file into campaign.yaml without writing YAML.

The analyst picks (or uploads) a file and says what it is; the assistant shows what it detects
(encoding, separator, preamble, header, decimal mark, date format, rows), each changeable; maps the
workbook's fields to the file's columns with dropdowns filled from the Dutch and English presets;
lists the words of the event column to assign to results; shows the first rows as a run reads them,
the problems `campaign validate` would give and the figures the KPIs would get; and saves the source
with the forms' safe save. Save stays disabled, with the reason beside it, while anything required is
missing. In a scheduled run it shows a read-only list of the wired files.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from campaign_kit.core.editing import CampaignDocument, ConflictError
from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.formats import date as fmt_date
from campaign_kit.core.formats import number
from campaign_kit.core.i18n import label_or, t
from campaign_kit.core.model import DATE_FORMATS, MONTH_FIRST_FORMATS, RESULT_TYPES, Criterion, FileFormat
from campaign_kit.core.storage import atomic_write_bytes
from campaign_kit.data import importing as im
from campaign_kit.display import setup
from campaign_kit.forms.base import document_language, show_widget
from campaign_kit.forms.fields import unattended

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}  # import.sep.<name>
GROUPS = {"activity": im.ACTIVITY_KINDS, "people": im.PEOPLE_KINDS, "all": im.KINDS}
TABLE_STYLE = (
    "<style>.ck-import-rows td,.ck-import-rows th,.ck-import-figures td,.ck-import-figures th"
    "{padding:2px 12px 2px 0;text-align:left;vertical-align:top}</style>"
)
IGNORE = "\u2205"  # the dropdown value of "not counted" (None cannot be told from "nothing chosen")


class ImportAssistant:
    """The assistant over one campaign; `kinds` limits what it offers (people files in phase 2,
    activity exports in phase 4)."""

    def __init__(self, campaign: str, kinds: Sequence[str] = im.KINDS, language: str | None = None):
        self.doc = CampaignDocument(campaign)
        self.folder = self.doc.folder
        self.language = language or document_language(self.doc)
        self.kinds = tuple(kinds)
        self.layout: im.Layout | None = None
        self.reading: im.Reading | None = None
        self._quiet = False
        tr = self.tr

        self.file = w.Dropdown(options=self._file_options(), layout=w.Layout(width="98%"))
        self.file.add_class("ck-import-file")
        self.upload = w.FileUpload(accept=",".join(im.FILE_SUFFIXES), multiple=False, description=tr("import.upload"))
        self.upload.add_class("ck-import-upload")
        self.kind = w.Dropdown(
            options=[(self._kind_label(k), k) for k in self.kinds], value=self.kinds[0], layout=w.Layout(width="98%")
        )
        self.kind.add_class("ck-import-kind")
        self.files = w.Text(layout=w.Layout(width="98%"))
        self.files.add_class("ck-import-files")

        self.encoding = self._choice("encoding", [(e, e) for e in ENCODINGS])
        self.separator = self._choice("separator", [(self._separator(k), k) for k in SEPARATORS])
        self.decimal = self._choice("decimal", [(", (1.234,5)", ","), (". (1,234.5)", ".")])
        self.date_format = self._choice(
            "date_format", [(im.shown_format(f), f) for f in (*DATE_FORMATS, *MONTH_FIRST_FORMATS)]
        )
        self.header_row = w.BoundedIntText(value=1, min=1, max=10_000, layout=w.Layout(width="120px"))
        self.header_row.add_class("ck-import-header-row")
        self._header_given = False
        self.facts = w.HTML()
        self.facts.add_class("ck-import-layout")
        self.status_report = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.status_report.add_class("ck-import-status-report")
        self.status_report_box = w.HBox([self.status_report, w.HTML(html.escape(tr("import.status_report")))])
        self.columns_box = w.GridBox(
            layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))", grid_gap="4px 12px")
        )
        self.words_box = w.VBox()
        self.preview = w.HTML()
        self.preview.add_class("ck-import-preview")
        self.check_button = w.Button(description=tr("import.check"), icon="search", layout=w.Layout(width="auto"))
        self.check_button.add_class("ck-import-check")
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="240px", visibility="hidden"))
        self.progress_text = w.HTML()
        self.progress_text.add_class("ck-import-progress")
        self.save_button = w.Button(
            description=tr("import.save"), button_style="primary", icon="save", layout=w.Layout(width="auto")
        )
        self.save_button.add_class("ck-import-save")
        self.reason = w.HTML()
        self.reason.add_class("ck-import-reason")
        self.status = w.HTML()
        self.status.add_class("ck-import-status")
        self._maps: dict[str, w.Dropdown] = {}
        self._dates: dict[str, w.Dropdown] = {}
        self._words: dict[str, w.Dropdown] = {}

        def labelled(key: str, control: w.Widget) -> w.VBox:
            return w.VBox([w.HTML(f"<b>{html.escape(tr(key))}</b>"), control])

        step = lambda key: w.HTML(f"<h4 style='margin:10px 0 4px'>{html.escape(tr(key))}</h4>")  # noqa: E731
        grid = w.Layout(grid_template_columns="repeat(auto-fill, minmax(200px, 1fr))", grid_gap="4px 12px")
        self.widget = w.VBox(
            [
                step("import.step.file"),
                w.GridBox(
                    [labelled("import.file", self.file), labelled("import.kind", self.kind), self.upload],
                    layout=grid,
                ),
                labelled("import.files", self.files),
                step("import.step.layout"),
                w.GridBox(
                    [
                        labelled("import.encoding", self.encoding),
                        labelled("import.separator", self.separator),
                        labelled("import.header_row", self.header_row),
                        labelled("import.decimal", self.decimal),
                        labelled("import.date_format", self.date_format),
                    ],
                    layout=grid,
                ),
                self.facts,
                step("import.step.columns"),
                self.status_report_box,
                self.columns_box,
                self.words_box,
                step("import.step.preview"),
                self.preview,
                w.HBox([self.check_button, self.progress, self.progress_text]),
                w.HBox([self.save_button, self.reason]),
                self.status,
            ]
        )
        self.widget.add_class("ck-import")

        self.file.observe(lambda _c: self._file_chosen(), names="value")
        self.kind.observe(lambda _c: self._file_chosen(), names="value")
        self.upload.observe(lambda _c: self._uploaded(), names="value")
        for control in (self.encoding, self.separator, self.decimal, self.date_format):
            control.observe(lambda _c: self._layout_changed(), names="value")
        self.header_row.observe(lambda _c: self._header_changed(), names="value")
        self.status_report.observe(lambda _c: self._mapping_changed(rebuild=True), names="value")
        self.files.observe(lambda _c: self._update(), names="value")
        self.check_button.on_click(lambda _b: self.check_whole_file())
        self.save_button.on_click(lambda _b: self.save())
        self._file_chosen()

    # labels ----------------------------------------------------------------------------------------
    def tr(self, key: str, **values: Any) -> str:
        return t(key, self.language, **values)

    def _kind_label(self, kind: str) -> str:
        return (
            self.tr(f"import.kind.{kind}") if kind in im.PEOPLE_KINDS else label_or(f"kind.{kind}", self.language, kind)
        )

    def _field_label(self, name: str) -> str:
        fallback = label_or(f"result.{name}", self.language, label_or(f"criterion.{name}", self.language, name))
        return label_or(f"import.field.{name}", self.language, fallback)

    def _separator(self, mark: str) -> str:
        name = self.tr(f"import.sep.{SEPARATORS[mark]}") if mark in SEPARATORS else repr(mark)
        return f"{name} {mark}" if mark != "\t" else name

    def _choice(self, key: str, options: list[tuple[str, str]]) -> w.Dropdown:
        # the first choice, "" (ipywidgets shows no selection for None), is what detection found
        control = w.Dropdown(options=[("", ""), *options], value="", layout=w.Layout(width="98%"))
        control.add_class(f"ck-import-{key.replace('_', '-')}")
        return control

    def _file_options(self) -> list[tuple[str, str]]:
        return [("", ""), *((f, f) for f in im.candidate_files(self.folder))]

    # state -----------------------------------------------------------------------------------------
    @property
    def people(self) -> bool:
        return self.kind.value in im.PEOPLE_KINDS

    def given(self) -> FileFormat:
        """What the analyst set instead of what was detected."""
        return FileFormat(
            header_row=self.header_row.value if self._header_given else None,
            encoding=self.encoding.value or None,
            separator=self.separator.value or None,
            decimal=self.decimal.value or None,
            date_format=self.date_format.value or None,
        )

    def criteria(self) -> dict[str, Criterion]:
        raw = self.doc.get(("selection", "criteria")) or {}
        out = {}
        for name, spec in raw.items() if isinstance(raw, dict) else ():
            try:
                out[name] = Criterion.model_validate(dict(spec))
            except (ValueError, TypeError):
                continue  # a broken criterion is the selection form's to report
        return out

    def fields(self) -> list:
        return im.fields(self.kind.value, self.status_report.value, self.criteria())

    def existing(self) -> tuple[int | None, dict[str, Any]]:
        """The source (index, entry) in campaign.yaml that reads the chosen files, if any."""
        if self.people:
            return None, {}
        for index, entry in enumerate(self.doc.get(("activity", "sources")) or []):
            if isinstance(entry, dict) and entry.get("files") in (self.files.value, self.file.value):
                return index, dict(entry)
        return None, {}

    def mapping(self) -> dict[str, str]:
        return {name: d.value for name, d in self._maps.items() if d.value}

    def dates(self) -> dict[str, str]:
        return {result: d.value for result, d in self._dates.items() if d.value}

    def words(self) -> dict[str, str | None]:
        return {word: (None if d.value == IGNORE else d.value) for word, d in self._words.items()}

    # reacting --------------------------------------------------------------------------------------
    def _file_chosen(self) -> None:
        """A new file or kind: detect afresh, with nothing overridden."""
        self._quiet = True
        self.status.value = ""
        try:
            for control in (self.encoding, self.separator, self.decimal, self.date_format):
                control.value = ""
            self._header_given = False
            self.files.value = self.file.value
            _, entry = self.existing()
            self.status_report.value = bool(entry.get("dates"))
        finally:
            self._quiet = False
        # only learning and recruitment exports come as status reports
        self.status_report_box.layout.display = "" if self.kind.value in ("learning", "recruitment") else "none"
        self._detect()
        if self.layout is not None and not self.people and not self.status_report.value:
            self._quiet = True
            self.status_report.value = bool(im.suggest_dates(self.kind.value, self.layout.headers))
            self._quiet = False
        self._mapping_changed(rebuild=True)

    def _layout_changed(self) -> None:
        if self._quiet:
            return
        self._detect()
        self._mapping_changed(rebuild=True)

    def _header_changed(self) -> None:
        if self._quiet:
            return
        self._header_given = True
        self._layout_changed()

    def _detect(self) -> None:
        self.layout = None
        if not self.file.value:
            self.facts.value = f"<i>{html.escape(self.tr('import.pick'))}</i>"
            return
        try:
            self.layout = im.detect_layout(self.folder / self.file.value, self.given())
        except CampaignError as exc:
            self.facts.value = _problems_html(exc.problems, self.language)
            return
        layout = self.layout
        self._quiet = True
        try:
            self.header_row.value = layout.header_row
        finally:
            self._quiet = False
        found = {
            self.encoding: layout.encoding,
            self.separator: self._separator(layout.separator) if layout.separator else None,
            self.decimal: layout.decimal,
        }
        for control, value in found.items():  # the empty choice says what detection found
            if value is not None:
                options = list(control.options)
                options[0] = (self.tr("import.detected", value=value), "")
                self._quiet = True
                try:
                    control.options = options
                    control.value = control.value
                finally:
                    self._quiet = False
        rows = number(layout.rows, self.language)
        parts = [self.tr("import.rows" if layout.rows_exact else "import.rows_estimated", rows=rows)]
        if layout.preamble:
            parts.append(self.tr("import.preamble", n=number(layout.preamble, self.language)))
        if layout.footer:
            parts.append(self.tr("import.footer", n=number(layout.footer, self.language)))
        kind = {"excel": "Excel", "parquet": "Parquet"}.get(layout.type)
        if kind:
            parts.insert(0, kind)
        self.facts.value = f"<div>{html.escape('; '.join(parts))}</div>"

    def _uploaded(self) -> None:
        """Keep an uploaded file in the campaign folder (beside the source files of its kind), never
        over an existing file, and pick it."""
        for item in self.upload.value or ():
            name = Path(str(item["name"])).name
            folder = self.folder / (Path(self.files.value).parent if self.files.value else Path("."))
            target = folder / name
            stem, suffix, n = target.stem, target.suffix, 2
            while target.exists():
                target = folder / f"{stem}-{n}{suffix}"
                n += 1
            atomic_write_bytes(target, bytes(item["content"]))
            relative = target.relative_to(self.folder).as_posix()
            self.file.options = self._file_options()
            self.file.value = relative
            self.status.value = (
                f"<div class='ck-uploaded'>{html.escape(self.tr('import.uploaded', file=relative))}</div>"
            )

    def _mapping_changed(self, rebuild: bool = False) -> None:
        if self._quiet:
            return
        if rebuild:
            self._build_mapping()
        self._update()

    def _column_changed(self, name: str) -> None:
        if name == im.word_field(self.kind.value, self.status_report.value):
            self._build_words()  # another column holds the words: list its words
        self._update()

    def _build_mapping(self) -> None:
        """One dropdown per field (pre-filled from campaign.yaml and the presets), the date column per
        event of a status report, and the event words with their results."""
        self._maps, self._dates, self._words = {}, {}, {}
        layout = self.layout
        if layout is None:
            self.columns_box.children, self.words_box.children = (), ()
            return
        _, entry = self.existing()
        known = dict(entry.get("columns") or {})
        if self.people:
            section = self.doc.get(("selection",)) or {}
            role = "employee" if self.kind.value == "employees" else "nomination"
            known = dict(section.get("columns") or {}) | dict(section.get(f"{role}_columns") or {})
        needed = self.fields()
        suggested = im.suggest_columns(layout.headers, needed, known)
        options = [(self.tr("import.not_in_file"), ""), *((h, h) for h in layout.headers)]
        boxes = []
        for column in needed:
            dropdown = w.Dropdown(options=options, value=suggested.get(column.name, ""), layout=w.Layout(width="98%"))
            dropdown.add_class(f"ck-map-{column.name}")
            dropdown.observe(lambda _c, name=column.name: self._column_changed(name), names="value")
            self._maps[column.name] = dropdown
            mark = (
                f" <span style='color:#b71c1c'>* {html.escape(self.tr('import.required'))}</span>"
                if column.required
                else ""
            )
            boxes.append(w.VBox([w.HTML(f"<b>{html.escape(self._field_label(column.name))}</b>{mark}"), dropdown]))
        if self.status_report.value:
            dates = dict(entry.get("dates") or {}) or im.suggest_dates(self.kind.value, layout.headers)
            for result in im.results_of(self.kind.value):
                if result == "login":
                    continue
                dropdown = w.Dropdown(options=options, value=dates.get(result, ""), layout=w.Layout(width="98%"))
                dropdown.add_class(f"ck-map-date-{result}")
                dropdown.observe(lambda _c: self._mapping_changed(), names="value")
                self._dates[result] = dropdown
                label = self.tr("import.date_of", result=label_or(f"result.{result}", self.language, result))
                boxes.append(w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), dropdown]))
        self.columns_box.children = boxes
        self._build_words(entry)

    def _build_words(self, entry: dict[str, Any] | None = None) -> None:
        self._words = {}
        field = im.word_field(self.kind.value, self.status_report.value)
        header = self._maps[field].value if field and field in self._maps else None
        if self.layout is None or not header:
            self.words_box.children = ()
            return
        entry = entry if entry is not None else self.existing()[1]
        counted = im.distinct_words(self.layout.sample, header)
        suggested = im.suggest_words(
            self.kind.value, [word for word, _ in counted], entry.get("values") or {}, entry.get("ignore") or []
        )
        results = [(label_or(f"result.{r}", self.language, r), r) for r in im.results_of(self.kind.value)]
        # in a status report a status nobody assigns is simply not final; in a log every word needs an answer
        empty = self.tr("import.word.none" if self.status_report.value else "import.word.choose")
        options = [(empty, ""), *results, (self.tr("import.word.ignore"), IGNORE)]
        rows = [w.HTML(f"<b>{html.escape(self.tr('import.step.words', column=header))}</b>")]
        for index, (word, count) in enumerate(counted):
            value = suggested[word]
            dropdown = w.Dropdown(
                options=options, value=IGNORE if value is None else value, layout=w.Layout(width="220px")
            )
            dropdown.add_class(f"ck-word-{index}")
            dropdown.observe(lambda _c: self._update(), names="value")
            self._words[word] = dropdown
            shown = f"{html.escape(word)} <span style='color:#5f6b6d'>({number(count, self.language)}×)</span>"
            row = w.HBox([w.HTML(shown, layout=w.Layout(width="320px")), dropdown])
            row.add_class("ck-word-row")
            rows.append(row)
        self.words_box.children = rows

    # the entry, its reading, the reasons Save waits ------------------------------------------------
    def entry(self) -> dict[str, Any]:
        """What Save writes: the activity source, or the people file with its columns and layout."""
        layout = {k: v for k, v in self.given().model_dump().items() if v is not None}
        headers = self.layout.headers if self.layout else ()
        if self.people:
            shared = dict((self.doc.get(("selection",)) or {}).get("columns") or {})
            out = im.people_entry(self.kind.value, self.files.value, self.mapping(), headers, self.criteria(), shared)
            return out | {"format": layout}
        _, existing = self.existing()
        words = self.words() if self._words else None
        if self.status_report.value and words:
            words = {word: result for word, result in words.items() if result != ""}  # other statuses are fine
        return im.source_entry(
            self.kind.value, self.files.value, self.mapping(), headers, words, self.dates(), layout, existing
        )

    def reasons(self) -> list[str]:
        """Why Save must wait, in words; empty when it may save."""
        if not self.file.value or self.layout is None:
            return [self.tr("import.pick")]
        reasons = []
        missing = im.missing_fields(self.fields(), self.mapping())
        if missing:
            reasons.append(self.tr("import.missing", fields=", ".join(self._field_label(m) for m in missing)))
        if self.status_report.value and not self.dates():
            reasons.append(self.tr("import.no_dates"))
        if not self.status_report.value:
            open_words = [word for word, d in self._words.items() if d.value == ""]
            if open_words:
                reasons.append(self.tr("import.unassigned", words=", ".join(open_words[:5])))
        if not self.files.value.strip():
            reasons.append(self.tr("import.no_files"))
        if self.reading is not None and self.reading.problems:
            reasons.append(self.tr("import.has_problems", n=number(len(self.reading.problems), self.language)))
        return reasons

    def _read(self, whole: bool = False, progress: im.Progress | None = None) -> im.Reading:
        if self.people:
            employees = None
            if self.kind.value == "nominations":  # the colleagues must be on the employee list
                employees = im.employee_ids(self.folder, self.doc.get(("selection",)) or {})
            return im.read_people(
                self.folder, self.kind.value, self.files.value, self.mapping(), self.given(), self.criteria(), employees
            )
        return im.read_source(self.folder, self.entry(), whole=whole, progress=progress)

    def _date_found(self) -> None:
        """Say in the date format's empty choice which format the mapped date column has."""
        if self.layout is None:
            return
        columns = (
            [self._maps[c].value for c in ("hire_date", "contract_end") if c in self._maps]
            if self.people
            else [d.value for d in self._dates.values()] or [self._maps["date"].value if "date" in self._maps else ""]
        )
        header = next((c for c in columns if c), "")
        if self.layout.type != "text":
            found = "Excel" if header and self.layout.type == "excel" else None
        else:
            cells = [c for c in im.read_text_cells(self.layout.sample, header) if c.strip()]
            found = im.shown_format(im.date_format_of(cells)) if cells else None
        options = list(self.date_format.options)
        options[0] = (self.tr("import.detected", value=found) if found else "", "")
        self._quiet = True
        try:
            value = self.date_format.value
            self.date_format.options = options
            self.date_format.value = value
        finally:
            self._quiet = False

    def _update(self) -> None:
        """Read the sample as a run would and show it; enable Save only when nothing is in the way."""
        if self._quiet:
            return
        self._date_found()
        self.reading = None
        unassigned = not self.status_report.value and any(d.value == "" for d in self._words.values())
        if (
            self.layout is not None
            and self.files.value
            and not unassigned  # every row would be a problem: the reason beside Save says what to do
            and not im.missing_fields(self.fields(), self.mapping())
        ):
            self.reading = self._read()
        self.preview.value = self._reading_html()
        self._show_reasons()

    def _show_reasons(self) -> None:
        reasons = self.reasons()
        self.save_button.disabled = bool(reasons)
        self.reason.value = "".join(f"<div style='color:#b71c1c'>{html.escape(reason)}</div>" for reason in reasons)

    def _reading_html(self) -> str:
        reading = self.reading
        if reading is None:
            return ""
        parts = []
        if reading.problems:
            heading = self.tr("import.problems", n=number(len(reading.problems), self.language))
            parts.append(f"<div class='ck-import-problems'><b>{html.escape(heading)}</b>")
            parts.append(_problems_html(reading.problems, self.language) + "</div>")
        else:
            parts.append(f"<div class='ck-import-ok'>{html.escape(self.tr('import.no_problems'))}</div>")
        if not reading.preview.empty:
            title = self.tr("import.preview", n=number(len(reading.preview), self.language))
            parts.append(f"<p><b>{html.escape(title)}</b></p>" + self._table(reading.preview))
        parts.append(self._figures_html(reading))
        for warning in reading.warnings:
            parts.append(f"<div class='ck-import-warning'>{html.escape(warning.describe(self.language))}</div>")
        return "".join(parts)

    def _table(self, frame: pd.DataFrame) -> str:
        head = "".join(f"<th>{html.escape(self._field_label(str(c)))}</th>" for c in frame.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(self._cell(v))}</td>" for v in row) + "</tr>"
            for row in frame.itertuples(index=False)
        )
        table = f"<table class='ck-import-rows'><tr>{head}</tr>{body}</table>"
        return f"{TABLE_STYLE}<div style='overflow-x:auto'>{table}</div>"

    def _cell(self, value: Any) -> str:
        if value is None or (not isinstance(value, str | bool) and pd.isna(value)):  # NaN, NaT: an empty cell
            return ""
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if hasattr(value, "date") and hasattr(value, "hour"):
            return fmt_date(value.date(), self.language) + (
                value.strftime(" %H:%M") if value.hour or value.minute else ""
            )
        if hasattr(value, "isoformat"):
            return fmt_date(value, self.language)
        if isinstance(value, bool):
            return t("yes" if value else "no", self.language)
        if isinstance(value, int | float):
            return number(value, self.language)
        if isinstance(value, str) and value in RESULT_TYPES:
            return label_or(f"result.{value}", self.language, value)
        return str(value)

    def _figures_html(self, reading: im.Reading) -> str:
        """What the KPIs would read: counts per result, people, ambassadors, period, rows left out."""
        lang = self.language
        rows: list[tuple[str, str]] = [(self.tr("import.fig.rows"), number(reading.rows, lang))]
        for result, n in reading.counts.items():
            rows.append((label_or(f"result.{result}", lang, result), number(n, lang)))
        if self.people or self.kind.value in ("learning", "recruitment"):
            rows.append((self.tr("import.fig.people"), number(reading.people, lang)))
        if not self.people:
            rows.append((self.tr("import.fig.ambassadors"), number(reading.ambassadors, lang)))
        if reading.first and reading.last:
            rows.append(
                (self.tr("import.fig.period"), f"{fmt_date(reading.first, lang)} – {fmt_date(reading.last, lang)}")
            )
        for name, counts in reading.facts.items():
            shown = ", ".join(f"{k} {number(v, lang)}" for k, v in sorted(counts.items()))
            rows.append((self.tr(f"import.fig.{name}"), shown))
        left = ", ".join(
            label_or(f"skip.{reason}", lang, reason).format(n=number(n, lang)) for reason, n in reading.left_out.items()
        )
        if left:
            rows.append((self.tr("import.fig.left_out"), left))
        scope = self.tr("import.fig.whole" if reading.whole else "import.fig.sample")
        body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
        title = f"<p><b>{html.escape(self.tr('import.fig.title'))}</b> <i>{html.escape(scope)}</i></p>"
        return f"<div class='ck-import-figures'>{title}<table>{body}</table></div>"

    # actions ---------------------------------------------------------------------------------------
    def check_whole_file(self) -> im.Reading | None:
        """Read every record of every file of the source, with progress, as an import would."""
        if self.layout is None or im.missing_fields(self.fields(), self.mapping()):
            self._show_reasons()
            return None
        started = time.monotonic()
        self.progress.layout.visibility = "visible"

        def progress(done: int, total: int, name: str) -> None:
            self.progress.max, self.progress.value = total, done - 1
            seconds = number(round(time.monotonic() - started), self.language)
            self.progress_text.value = html.escape(
                self.tr("import.checking", i=done, n=total, file=name, seconds=seconds)
            )

        self.reading = self._read(whole=True, progress=progress)
        self.progress.value = self.progress.max
        seconds = number(round(time.monotonic() - started, 1), self.language)
        self.progress_text.value = html.escape(
            self.tr("import.checked", rows=number(self.reading.rows, self.language), seconds=seconds)
        )
        self.preview.value = self._reading_html()
        self._show_reasons()
        return self.reading

    def save(self) -> bool:
        """Write the source into campaign.yaml with the forms' safe save (validated, history kept,
        atomic, a change on disk refused)."""
        self._update()
        if self.reasons():
            return False
        entry = self.entry()
        if self.people:
            role = "employee" if self.kind.value == "employees" else "nomination"
            key = "employees" if role == "employee" else "nominations"
            self.doc.set(("selection", key), entry["files"])
            for name, value in ((f"{role}_columns", entry["columns"]), (f"{role}_format", entry["format"])):
                if value:
                    self.doc.set(("selection", name), CommentedMap(value))
                else:
                    self.doc.delete(("selection", name))
        else:
            index, _ = self.existing()
            item = _yaml(entry)
            if index is None:
                self.doc.append(("activity", "sources"), item)
            else:
                self.doc.items(("activity", "sources"))[index] = item
                self.doc.dirty = True
        try:
            saved = self.doc.save()
        except ConflictError:
            self.doc.reload()
            self.status.value = (
                f"<div class='ck-conflict' style='color:#b71c1c'>{html.escape(self.tr('form.conflict'))}</div>"
            )
            return False
        except CampaignError as exc:
            self.doc.reload()
            self.status.value = _problems_html(exc.problems, self.language)
            return False
        message = self.tr("import.saved", time=saved.strftime("%H:%M:%S"), file=entry["files"])
        self.status.value = f"<div class='ck-saved'>{html.escape(message)}</div>"
        return True


def _yaml(value: Any) -> Any:
    """Plain dicts and lists as the round-trip YAML keeps them (short lists on one line)."""
    if isinstance(value, dict):
        return CommentedMap((k, _yaml(v)) for k, v in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(_yaml(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    return value


PROBLEMS_SHOWN = 8


def _problems_html(problems: list[Problem], language: str) -> str:
    items = "".join(f"<li>{html.escape(p.describe(language))}</li>" for p in problems[:PROBLEMS_SHOWN])
    if len(problems) > PROBLEMS_SHOWN:
        more = t("import.more", language, n=number(len(problems) - PROBLEMS_SHOWN, language))
        items += f"<li>{html.escape(more)}</li>"
    return f"<ul class='ck-import-problem-list' style='color:#b71c1c'>{items}</ul>"


def import_summary_html(doc: CampaignDocument, language: str) -> str:
    """The files the campaign reads, read-only: what a scheduled run shows instead of the assistant."""
    rows = []
    selection = doc.get(("selection",)) or {}
    for key, role in (("employees", "employee"), ("nominations", "nomination")):
        if isinstance(selection, dict) and selection.get(key):
            columns = dict(selection.get(f"{role}_columns") or {}) | {}
            rows.append((t(f"import.kind.{key}", language), str(selection[key]), _mapped(columns)))
    for entry in doc.get(("activity", "sources")) or []:
        if isinstance(entry, dict):
            kind = label_or(f"kind.{entry.get('kind')}", language, str(entry.get("kind")))
            rows.append((kind, str(entry.get("files", "")), _mapped(dict(entry.get("columns") or {}))))
    title = html.escape(t("import.summary", language))
    if not rows:
        return (
            f"<div class='ck-form-summary'><p><b>{title}</b></p><p>{html.escape(t('import.none', language))}</p></div>"
        )
    head = "".join(
        f"<th>{html.escape(t(k, language))}</th>" for k in ("import.kind", "import.file", "import.step.columns")
    )
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<div class='ck-form-summary'><p><b>{title}</b></p><table class='ck-facts'><tr>{head}</tr>{body}</table></div>"
    )


def _mapped(columns: dict[str, Any]) -> str:
    return ", ".join(f"{k} ← {v}" for k, v in columns.items())


def import_assistant(campaign: str, kinds: str | Sequence[str] = "all") -> ImportAssistant | None:
    """The import assistant in JupyterLab (`kinds`: "people", "activity", "all" or a list of kinds);
    a read-only list of the wired files in scheduled runs and viewers without widgets."""
    setup()
    wanted = GROUPS[kinds] if isinstance(kinds, str) else tuple(kinds)
    if unattended():
        doc = CampaignDocument(campaign)
        display(HTML(import_summary_html(doc, document_language(doc))))
        return None
    assistant = ImportAssistant(campaign, wanted)
    show_widget(assistant.widget, import_summary_html(assistant.doc, assistant.language))
    return assistant
