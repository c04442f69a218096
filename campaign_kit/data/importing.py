"""What the import assistant knows about a file before it is wired into campaign.yaml: its layout
(encoding, separator, preamble, header, decimal mark, date format, rows), the columns the workbook
needs and which of the file's headers fit them, the words of its event column, and how a run would
read it: the first parsed rows, the located problems and the figures it gives.

Detection and the preview read a sample, so a file of millions of rows stays quick; the whole-file
check reads every file of the source in a database in memory, exactly as an import does, and never
touches the campaign's activity store. Nothing here writes anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from pydantic import ValidationError

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.model import DATE_FORMATS, MONTH_FIRST_FORMATS, ActivitySource, Criterion, FileFormat
from campaign_kit.core.validation import problems_from_validation_error
from campaign_kit.data import activity
from campaign_kit.data.people_files import EMPLOYEE_COLUMNS, NOMINATION_COLUMNS, duplicate_ids, signal_column
from campaign_kit.data.readers import EXCEL_SUFFIXES, Column, convert, find_header, map_columns, read_table
from campaign_kit.data.shapes import SAMPLE_BYTES, checked_text_shape, find_header_line, is_totals

ACTIVITY_KINDS = ("learning", "sharing", "web", "recruitment")
PEOPLE_KINDS = ("employees", "nominations")
KINDS = (*PEOPLE_KINDS, *ACTIVITY_KINDS)
PREVIEW_ROWS = 20
SAMPLE_RECORDS = 2_000  # records the preview parses; the whole-file check reads them all
WORDS_SHOWN = 60  # distinct event words listed for assignment
FILE_SUFFIXES = (".csv", ".txt", ".tsv", *EXCEL_SUFFIXES, *activity.PARQUET_SUFFIXES)
ISO = "ISO 8601"  # what a date column holds when DuckDB's own reading (T, Z, offsets) is needed


@dataclass(frozen=True)
class Layout:
    """How a file is laid out: detected, or as the analyst set it."""

    type: str  # text, excel, parquet
    encoding: str | None
    separator: str | None
    decimal: str
    header_row: int  # 1-based line (Excel: row) of the header
    footer: int | None  # lines after the records; None when the file is too large to look at its end
    rows: int  # records (empty lines, '#' lines and totals lines left out)
    rows_exact: bool  # False: estimated from the sample of a large file
    headers: tuple[str, ...]
    sample: pd.DataFrame = field(compare=False, repr=False)  # the first records, as text cells

    @property
    def preamble(self) -> int:
        return self.header_row - 1


def candidate_files(folder: Path) -> list[str]:
    """The tables in a campaign folder an analyst may wire, as paths relative to it (snapshots,
    history and hidden folders left out)."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() in FILE_SUFFIXES and not path.name.endswith(".records.csv"):
            found.append(relative.as_posix())
    return found


# layout -------------------------------------------------------------------------------------------
def detect_layout(path: Path, given: FileFormat | None = None) -> Layout:
    """The file's layout from a sample, with what `given` fixes (the analyst's overrides) kept."""
    given = given or FileFormat()
    suffix = path.suffix.lower()
    label = path.name
    if suffix in EXCEL_SUFFIXES:
        return _excel_layout(path, given)
    if suffix in activity.PARQUET_SUFFIXES:
        con = duckdb.connect(":memory:")
        try:
            literal = activity._literal(str(path))
            sample = con.execute(f"SELECT * FROM read_parquet({literal}) LIMIT {SAMPLE_RECORDS}").df().astype(str)
            rows = con.execute(f"SELECT count(*) FROM read_parquet({literal})").fetchone()[0]
        except duckdb.Error as exc:
            raise CampaignError(Problem.of(label, "", "error.unreadable", detail=str(exc).splitlines()[0])) from None
        finally:
            con.close()
        return Layout("parquet", None, None, ".", 1, 0, rows, True, tuple(sample.columns), sample)
    if suffix not in (".csv", ".txt", ".tsv"):
        raise CampaignError(
            Problem.of(label, "", "error.file_type", suffix=repr(path.suffix), expected=", ".join(FILE_SUFFIXES))
        )
    shape, text = checked_text_shape(path, label, given.header_row, given.encoding, given.separator)
    whole = path.stat().st_size <= SAMPLE_BYTES
    lines = text.splitlines()
    if not whole and len(lines) > 1:
        lines = lines[:-1]  # the sample ends inside a record
    end = shape.end_line if shape.end_line is not None else len(lines)
    reader = csv.reader(lines[shape.header_line : end], delimiter=shape.delimiter)
    headers = tuple(h.strip().lstrip("\ufeff").strip() for h in next(reader, []))
    body = _records((cells, shape.header_line + reader.line_num - 1) for cells in reader)
    rows, exact = len(body), whole
    if not whole:  # scale the sample's records by the share of the file it covers
        covered = len("\n".join(lines).encode("utf-16-le" if "16" in shape.encoding else shape.encoding))
        rows = round(len(body) * path.stat().st_size / max(covered, 1))
    width = len(headers)
    frame = pd.DataFrame([(r + [""] * width)[:width] for r, _ in body[:SAMPLE_RECORDS]], columns=_unique(headers))
    last = body[-1][1] if body else shape.header_line
    footer = len(lines) - last - 1 if whole else None
    decimal = given.decimal or ("," if shape.delimiter == ";" else ".")
    return Layout(
        "text", shape.encoding, shape.delimiter, decimal, shape.header_line + 1, footer, rows, exact, headers, frame
    )


def _excel_layout(path: Path, given: FileFormat) -> Layout:
    try:
        grid = pd.read_excel(path, dtype=object, engine="openpyxl", header=None)
    except Exception as exc:  # a broken workbook: say what the reader said
        raise CampaignError(Problem.of(path.name, "", "error.unreadable", detail=str(exc))) from None
    cells = [["" if pd.isna(v) else str(v) for v in row] for row in grid.to_numpy()]
    lines = [";".join(c.replace(";", ",") for c in row) for row in cells]
    header = given.header_row - 1 if given.header_row else find_header_line(lines)[0]
    if header >= len(cells):
        raise CampaignError(Problem.of(path.name, "", "error.empty_table"))
    headers = tuple(c.strip() or f"column {i + 1}" for i, c in enumerate(cells[header]))
    body = _records((row, i) for i, row in enumerate(cells) if i > header)
    frame = pd.DataFrame([r for r, _ in body[:SAMPLE_RECORDS]], columns=_unique(headers))
    footer = len(cells) - (body[-1][1] if body else header) - 1
    return Layout("excel", None, None, given.decimal or ".", header + 1, footer, len(body), True, headers, frame)


def _records(lines: Iterable[tuple[list[str], int]]) -> list[tuple[list[str], int]]:
    """The records among (cells, line) as an import counts them: no empty, '#' or totals lines, no
    count line ('Aantal: 11' alone in its first cell) and no unlabelled totals line at the end (UA's
    ',,,,2.697')."""
    body = []
    last_content = -1
    for cells, line in lines:
        filled = [c for c in cells if c.strip()]
        last_content = line if filled else last_content
        if not filled or filled[0].lstrip().startswith("#") or is_totals(cells):
            continue
        if len(filled) == 1 and cells[0].strip() and ":" in cells[0]:
            continue
        body.append((cells, line))
    if body and body[-1][1] == last_content and not any(c.strip() for c in body[-1][0][:2]):
        body.pop()  # a labelled 'Total' line after it would make it a record (Smarp's nobody row)
    return body


def _unique(headers: Iterable[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for h in headers:
        seen[h] += 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def date_format_of(cells: Iterable[object]) -> str | None:
    """The one format that reads a sample of a date column: a known day-first format, else a
    month-first one (only when day-first cannot read it, as 12/31/2026), else ISO 8601, else None."""
    texts = [str(c).strip() for c in cells if str(c).strip()][:500]
    if not texts:
        return None
    for formats in (DATE_FORMATS, MONTH_FIRST_FORMATS):
        best = max(formats, key=lambda f: sum(_reads(t, f) for t in texts))
        if all(_reads(t, best) for t in texts):
            return best
    if all(re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", t) for t in texts):
        return ISO
    return None


def _reads(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def shown_format(fmt: str | None) -> str:
    """A date format as an analyst reads it: %d-%m-%Y -> dd-mm-yyyy."""
    if not fmt:
        return "?"
    if fmt == ISO:
        return "ISO 8601 (2026-10-31T16:42:00Z)"
    for code, shown in (
        ("%d", "dd"),
        ("%m", "mm"),
        ("%Y", "yyyy"),
        ("%y", "yy"),
        ("%H", "hh"),
        ("%M", "mm"),
        ("%S", "ss"),
    ):
        fmt = fmt.replace(code, shown)
    return fmt


# fields and suggestions ---------------------------------------------------------------------------
def fields(kind: str, status_report: bool = False, criteria: Mapping[str, Criterion] | None = None) -> list[Column]:
    """The columns the workbook reads from a file of this kind (required ones marked)."""
    if kind in PEOPLE_KINDS:
        base = EMPLOYEE_COLUMNS if kind == "employees" else NOMINATION_COLUMNS
        signals = [signal_column(n, c) for n, c in (criteria or {}).items() if n != "future"]
        return [*base, *signals]
    return list(activity.STATUS_COLUMNS[kind] if status_report else activity.SOURCE_COLUMNS[kind])


def suggest_columns(headers: Iterable[str], columns: Iterable[Column], mapping: Mapping[str, str]) -> dict[str, str]:
    """Field -> the file's header for it: what campaign.yaml maps, else the preset's name or alias."""
    probe = pd.DataFrame(columns=list(headers))
    suggested = {}
    for column in columns:
        header = find_header(probe, column, mapping)
        if header is not None:
            suggested[column.name] = header
    return suggested


def suggest_dates(kind: str, headers: Iterable[str]) -> dict[str, str]:
    """A status report's date column per result (start, completion), when the headers say so."""
    if kind != "learning":
        return {}
    dated = activity._status_report(list(headers))
    return {"start": dated[0], "completion": dated[1]} if dated else {}


def word_field(kind: str, status_report: bool = False) -> str | None:
    """The field whose words say what happened: a log's event or stage, a status report's status."""
    if kind in PEOPLE_KINDS or kind in ("sharing", "web"):
        return None
    return "status" if status_report else {"learning": "event", "recruitment": "stage"}[kind]


def results_of(kind: str) -> tuple[str, ...]:
    return tuple(activity.VOCABULARY.get(kind, {}))


def distinct_words(sample: pd.DataFrame, header: str | None) -> list[tuple[str, int]]:
    """The words of a column in the sample, most frequent first (case and spaces as in the file)."""
    if not header or header not in sample.columns:
        return []
    words = Counter(str(v).strip() for v in sample[header] if str(v).strip())
    return words.most_common(WORDS_SHOWN)


def suggest_words(kind: str, words: Iterable[str], values: Mapping[str, list[str]], ignore: Iterable[str]) -> dict:
    """Word -> result as a run reads it (the preset's words and the campaign's `values:`), None for a
    word the campaign ignores, '' for a word nobody has assigned yet."""
    known = activity.vocabulary(ActivitySource(kind=kind, files="-", values=dict(values)))
    ignored = {w.strip().lower() for w in ignore}
    return {w: (None if w.lower() in ignored else known.get(w.lower(), "")) for w in words}


def source_entry(
    kind: str,
    files: str,
    columns: Mapping[str, str],
    headers: Iterable[str],
    words: Mapping[str, str | None] | None = None,
    dates: Mapping[str, str] | None = None,
    layout: Mapping[str, Any] | None = None,
    existing: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The activity source as campaign.yaml holds it, with only what a run cannot find itself: the
    columns the preset would not pick, the words it does not know, the layout the analyst changed.
    Keys of an existing source the assistant does not edit (unattributed, key) are kept."""
    status_report = bool(dates)
    preset = suggest_columns(headers, fields(kind, status_report), {})
    entry: dict[str, Any] = {"kind": kind, "files": files}
    mapped = {f: h for f, h in columns.items() if h and preset.get(f) != h}
    if mapped:
        entry["columns"] = mapped
    if dates:
        entry["dates"] = dict(dates)
    preset_words = activity.vocabulary(ActivitySource(kind=kind, files="-"))
    values: dict[str, list[str]] = {}
    ignore = []
    for word, result in (words or {}).items():
        if result is None:
            ignore.append(word)
        elif result and preset_words.get(word.lower()) != result:
            values.setdefault(result, []).append(word)
    if values:
        entry["values"] = values
    if ignore:
        entry["ignore"] = ignore
    entry |= {k: v for k, v in (layout or {}).items() if v is not None}
    for key in ("unattributed", "key"):
        if existing and existing.get(key):
            entry[key] = existing[key]
    return entry


def people_entry(
    kind: str,
    files: str,
    columns: Mapping[str, str],
    headers: Iterable[str],
    criteria: Mapping[str, Criterion] | None = None,
    shared: Mapping[str, str] | None = None,
) -> dict:
    """selection.employees (or nominations) and its own column mapping: only what the preset and the
    campaign's shared `selection.columns` would not find."""
    preset = suggest_columns(headers, fields(kind, criteria=criteria), shared or {})
    return {"files": files, "columns": {f: h for f, h in columns.items() if h and preset.get(f) != h}}


def missing_fields(columns_needed: Iterable[Column], mapping: Mapping[str, str]) -> list[str]:
    return [c.name for c in columns_needed if c.required and not mapping.get(c.name)]


# reading as a run reads -----------------------------------------------------------------------------
@dataclass
class Reading:
    """How a run would read the file: its problems, the first parsed rows and what the KPIs get."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    rows: int = 0
    counts: dict[str, float] = field(default_factory=dict)  # result -> events (sum of counts)
    people: int = 0
    ambassadors: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> lines
    files: int = 0
    whole: bool = False  # every record of every file, or only the sample
    facts: dict[str, Any] = field(default_factory=dict)  # people files: departments, nominators
    ids: list[str] = field(default_factory=list)  # people files: the ids read


Progress = Callable[[int, int, str], None]


def read_source(
    folder: Path, entry: Mapping[str, Any], whole: bool = False, progress: Progress | None = None
) -> Reading:
    """Read an activity source (as `source_entry` gives it) the way an import does, in a database in
    memory: a sample of its first file for the preview, or every file for the whole-file check."""
    try:
        source = ActivitySource.model_validate(dict(entry))
    except ValidationError as exc:
        return Reading(problems=problems_from_validation_error(exc, dict(entry), "campaign.yaml"))
    try:
        paths = activity.source_files(folder, source, 0)
    except CampaignError as exc:
        return Reading(problems=exc.problems)
    # a source of one small file is read whole by the preview too: its figures are the file's
    complete = whole or (len(paths) == 1 and not _sampled(paths[0]))
    if not whole:
        paths = paths[:1]
    reading = Reading(whole=complete, files=len(paths))
    con = duckdb.connect(":memory:")
    report = activity.ImportReport()
    try:
        con.execute(activity.SCHEMA)
        with tempfile.TemporaryDirectory() as scratch:
            for number, path in enumerate(paths, start=1):
                if progress:
                    progress(number, len(paths), path.relative_to(folder).as_posix())
                name = path.relative_to(folder).as_posix()
                readable = path if whole else _sample_copy(path, Path(scratch))
                try:
                    found, seen, counts, skipped = activity._stage_and_check(con, source, readable, name)
                except CampaignError as exc:
                    reading.problems += exc.problems
                    continue
                if found:
                    reading.problems += found
                    continue
                if number == 1:
                    reading.preview = _preview(con)
                reading.rows += con.execute("SELECT count(*) FROM raw").fetchone()[0]
                for reason, n in skipped.items():
                    if n and not (reason == "footer" and not whole):
                        reading.left_out[reason] = reading.left_out.get(reason, 0) + n
                activity._store_file(con, source, readable, name, report, seen, counts, skipped)
        totals = con.execute("SELECT result, sum(n) FROM events GROUP BY result ORDER BY result").fetchall()
        reading.counts = {r: float(n) for r, n in totals}
        people, ambassadors, first, last = con.execute(
            "SELECT count(DISTINCT person), count(DISTINCT ambassador), min(ts), max(ts) FROM events"
        ).fetchone()
        reading.people, reading.ambassadors = people, ambassadors
        reading.first, reading.last = (first.date() if first else None), (last.date() if last else None)
    finally:
        con.close()
    for reason in ("unattributed", "repeated", "not_final"):
        if reading.left_out.get(reason):
            reading.warnings.append(Problem.of(paths[0].name, "", f"warning.{reason}", n=reading.left_out[reason]))
    return reading


def _sampled(path: Path) -> bool:
    """Whether the preview reads only the first part of this file (a large text export)."""
    return path.suffix.lower() in (".csv", ".txt", ".tsv") and path.stat().st_size > SAMPLE_BYTES


def _sample_copy(path: Path, scratch: Path) -> Path:
    """The first records of a large text export, byte for byte (preamble and encoding kept), so the
    preview runs the import's own code on a few thousand rows."""
    if not _sampled(path):
        return path
    target = scratch / path.name
    with path.open("rb") as source, target.open("wb") as out:
        for number, line in enumerate(source):
            if number > SAMPLE_RECORDS + 200:
                break
            out.write(line)
    return target


def _preview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The first parsed rows of `staged`: the line, and each field as the import read it."""
    frame = con.execute(f"SELECT * FROM staged ORDER BY record LIMIT {PREVIEW_ROWS}").df()
    keep = {c: c.split("_", 1)[1] for c in frame.columns if c.startswith(("p_", "t_"))}
    out = frame[["record", *keep]].rename(columns={"record": "line", **keep})
    out = out.loc[:, [c for c in out.columns if out[c].notna().any() or c == "line"]]
    return out


def employee_ids(folder: Path, selection: Mapping[str, Any]) -> tuple[str, set[str]] | None:
    """The employee list campaign.yaml wires and its ids; None when it cannot be read."""
    files = selection.get("employees")
    if not isinstance(files, str):
        return None
    columns = dict(selection.get("columns") or {}) | dict(selection.get("employee_columns") or {})
    try:
        layout = FileFormat.model_validate(dict(selection.get("employee_format") or {}))
        reading = read_people(folder, "employees", files, columns, layout)
    except (ValidationError, TypeError, ValueError):
        return None
    if reading.problems:
        return None
    return files, set(reading.ids)


def read_people(
    folder: Path,
    kind: str,
    files: str,
    columns: Mapping[str, str],
    layout: FileFormat | None = None,
    criteria: Mapping[str, Criterion] | None = None,
    employees: tuple[str, set[str]] | None = None,
) -> Reading:
    """Read an employee list or nominations file as phase 2 does: mapped, converted, checked for
    missing columns, cells that do not read, (employees) repeated ids and (nominations, given the
    employee list and its ids) colleagues who are not on it."""
    try:
        raw = read_table(folder / files, files, layout)
    except CampaignError as exc:
        return Reading(problems=exc.problems)
    wanted = [c for c in fields(kind, criteria=criteria) if c.required or columns.get(c.name)]
    mapped, problems = map_columns(raw, wanted, dict(columns), files)
    reading = Reading(problems=problems, rows=len(raw), files=1, whole=True)
    if problems:
        return reading
    converted, problems = convert(mapped, wanted, files)
    if kind == "employees":
        problems += duplicate_ids(converted, files, "employee")
    if kind == "nominations" and employees is not None:
        header = converted.attrs.get("headers", {}).get("id", "id")
        first = raw.attrs.get("first_row", 2)
        for position, value in enumerate(converted["id"].tolist()):
            if value is not None and value not in employees[1]:
                where = f"row {position + first}, column {header!r}"
                problems.append(Problem.of(files, where, "error.not_an_employee", id=repr(value), file=employees[0]))
    reading.problems = problems
    reading.ids = [str(i) for i in converted["id"].dropna()]
    shown = ["id", *[c.name for c in wanted if c.name != "id"]]
    reading.preview = converted[shown].head(PREVIEW_ROWS).assign(line=lambda f: f.index + raw.attrs.get("first_row", 2))
    reading.preview = reading.preview[["line", *shown]]
    reading.people = int(converted["id"].nunique())
    if kind == "employees" and "department" in converted:
        reading.facts["departments"] = dict(Counter(d for d in converted["department"] if d))
    if kind == "nominations" and "nominated_by" in converted:
        reading.facts["nominated_by"] = dict(Counter(d for d in converted["nominated_by"] if d))
    return reading


def read_text_cells(sample: pd.DataFrame, header: str | None) -> list[str]:
    """A column of the sample as text, for the date format and the word list."""
    if not header or header not in sample.columns:
        return []
    return [str(v) for v in sample[header].tolist()]
