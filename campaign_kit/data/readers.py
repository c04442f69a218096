"""Reading the tables HR and source systems export: CSV (comma or semicolon, decimal comma, UTF-8
with or without BOM, day-month-year dates) and Excel, with Dutch or English headers mapped to the
workbook's own column names. Problems name the file, the row (as a spreadsheet shows it) and the column.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from campaign_kit.core.errors import CampaignError, Label, Problem
from campaign_kit.core.model import FileFormat
from campaign_kit.data.shapes import checked_text_shape

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Column:
    """A column the workbook knows: its name, kind, whether it is required and the headers it accepts."""

    name: str
    kind: str = "text"  # text, number, integer, date, flag
    required: bool = False
    aliases: tuple[str, ...] = ()


def _normal(header: object) -> str:
    return " ".join(str(header).replace("\ufeff", "").strip().lower().replace("_", " ").split())


def read_table(path: Path, label: str | None = None, layout: FileFormat | None = None) -> pd.DataFrame:
    """The raw table as text cells (nothing converted yet), from CSV or Excel. `layout` gives what
    detection must not guess (the campaign's `employee_format:`, the import assistant's choices)."""
    label = label or path.name
    layout = layout or FileFormat()
    if not path.is_file():
        raise CampaignError(Problem.of(label, "", "error.file_not_found"))
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            frame = pd.read_excel(path, dtype=object, engine="openpyxl", header=(layout.header_row or 1) - 1)
            frame.attrs["first_row"] = (layout.header_row or 1) + 1
        elif path.suffix.lower() in (".csv", ".txt", ".tsv"):
            shape, _ = checked_text_shape(path, label, layout.header_row, layout.encoding, layout.separator)
            try:
                text = path.read_text(encoding=shape.encoding)  # people files are small: read whole
            except UnicodeDecodeError as exc:  # past the sample that was checked
                raise CampaignError(Problem.of(label, "", "error.cannot_decode", detail=str(exc))) from None
            lines = text.splitlines()[shape.header_line :]
            frame = pd.read_csv(
                io.StringIO("\n".join(lines)),
                sep=shape.delimiter,
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
                comment=None,
            )
            # semicolon files come from Dutch (and most European) Excel: decimal comma, dot for thousands
            frame.attrs["decimal"] = layout.decimal or ("," if shape.delimiter == ";" else ".")
            frame.attrs["first_row"] = shape.header_line + 2  # the file's line of the first record
        else:
            raise CampaignError(
                Problem.of(label, "", "error.file_type", suffix=repr(path.suffix), expected=".csv, .xlsx")
            )
    except CampaignError:
        raise
    except Exception as exc:  # a broken export: say which file and what the reader said
        raise CampaignError(Problem.of(label, "", "error.unreadable", detail=str(exc))) from None
    frame.columns = [str(c).replace("\ufeff", "").strip() for c in frame.columns]
    if layout.date_format:
        frame.attrs["date_format"] = layout.date_format
    return frame


def shown_headers(headers: list[object], most: int = 12, longest: int = 40) -> str:
    """The headers a file has, for a message: the first few, each cut short, so a file that is no
    export at all (a text file named by mistake) is not echoed into a log."""
    cells = [str(h) if len(str(h)) <= longest else str(h)[: longest - 1] + "…" for h in headers[:most]]
    return ", ".join(cells) + (", …" if len(headers) > most else "")


def find_header(frame: pd.DataFrame, column: Column, mapping: Mapping[str, str]) -> str | None:
    """The file's header for a workbook column: the mapped header, else the name or a known alias."""
    by_normal = {_normal(c): c for c in frame.columns}
    wanted = mapping.get(column.name)
    candidates = [wanted] if wanted else [column.name, *column.aliases]
    return next((by_normal[_normal(c)] for c in candidates if _normal(c) in by_normal), None)


def map_columns(
    frame: pd.DataFrame, columns: Sequence[Column], mapping: Mapping[str, str], label: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Rename the file's headers to the workbook's names: explicit mapping first, then known aliases.

    Returns the renamed frame (unknown columns kept as they are) and problems for missing required ones.
    """
    renames: dict[str, str] = {}
    problems = []
    for column in columns:
        wanted = mapping.get(column.name)
        found = find_header(frame, column, mapping)
        if found is not None:
            renames[found] = column.name
        elif wanted:
            problems.append(
                Problem.of(
                    label,
                    f"column {wanted!r}",
                    "error.mapped_column_missing",
                    name=repr(column.name),
                    headers=shown_headers(list(frame.columns)),
                )
            )
        elif column.required:
            accepted = ", ".join(repr(c) for c in (column.name, *column.aliases))
            problems.append(Problem.of(label, f"column {column.name!r}", "error.required_column", accepted=accepted))
    renamed = frame.rename(columns=renames)
    renamed.attrs = {**frame.attrs, "headers": {new: old for old, new in renames.items()}}  # as the file spells it
    return renamed, problems


THOUSANDS = {",": re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$"), ".": re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")}


def _parse_number(text: str, decimal: str | None = None) -> float:
    """'1.234,5', '1,234.5', '250,5' or '3.5'. A mark is a thousands separator only where it groups
    digits in threes before the file's decimal mark; otherwise a lone comma or dot is the decimal mark."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"-?[\d.,]+", cleaned):
        raise ValueError(text)  # words, 'nan', 'inf'
    if decimal in THOUSANDS and THOUSANDS[decimal].match(cleaned):
        thousands = "." if decimal == "," else ","
        return float(cleaned.replace(thousands, "").replace(",", "."))
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            return float(cleaned.replace(".", "").replace(",", "."))
        return float(cleaned.replace(",", ""))
    if cleaned.count(",") > 1 or cleaned.count(".") > 1:
        raise ValueError(text)
    return float(cleaned.replace(",", "."))


PEOPLE_DATES = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M")


def _parse_date(value: object, only: str | None = None) -> dt.date:
    """A date cell; with `only` (the campaign's date_format) in that format alone."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    formats = (only,) if only else PEOPLE_DATES
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


FLAG_TRUE = {"1", "true", "yes", "ja", "j", "y", "x", "waar", "wahr"}
FLAG_FALSE = {"0", "false", "no", "nee", "n", "onwaar", ""}
EXPECTED = {
    "number": Label("expected.number_any_mark"),
    "integer": Label("expected.int"),
    "date": Label("expected.date_dmy"),
    "flag": Label("expected.flag"),
}


def convert(
    frame: pd.DataFrame, columns: Sequence[Column], label: str, max_problems: int = 50
) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert known columns to their kinds. Empty optional cells become missing (unknown), never 0.

    Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
    """
    problems: list[Problem] = []
    out = frame.copy()
    spelled = frame.attrs.get("headers", {})
    decimal = frame.attrs.get("decimal")
    for column in columns:
        if column.name not in out.columns:
            continue
        header = spelled.get(column.name, column.name)  # as the file spells it
        values = []
        for position, value in enumerate(out[column.name].tolist()):
            row = position + frame.attrs.get("first_row", 2)
            empty = value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""
            if empty:
                if column.required:
                    problems.append(
                        Problem.of(
                            label, f"row {row}, column {header!r}", "error.empty", expected=Label("expected.value")
                        )
                    )
                values.append(None)
                continue
            try:
                if column.kind == "number":
                    values.append(
                        float(value) if isinstance(value, int | float) else _parse_number(str(value), decimal)
                    )
                elif column.kind == "integer":
                    number = float(value) if isinstance(value, int | float) else _parse_number(str(value), decimal)
                    if not number.is_integer():
                        raise ValueError(value)
                    values.append(int(number))
                elif column.kind == "date":
                    values.append(_parse_date(value, frame.attrs.get("date_format")))
                elif column.kind == "flag":
                    text = str(value).strip().lower()
                    if text in FLAG_TRUE:
                        values.append(True)
                    elif text in FLAG_FALSE:
                        values.append(False)
                    else:
                        raise ValueError(value)
                else:
                    values.append(str(value).strip())
            except (ValueError, TypeError):
                problems.append(
                    Problem.of(
                        label,
                        f"row {row}, column {header!r}",
                        "error.not_valid",
                        value=repr(str(value)),
                        expected=EXPECTED[column.kind],
                    )
                )
                values.append(None)
        out[column.name] = pd.Series(values, index=out.index, dtype=object)
    return out, problems[:max_problems]
