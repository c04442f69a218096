"""How an export file is laid out, as the platforms really deliver them: its encoding, its separator,
the lines before the header (report titles, '#' comments, date ranges, blank lines) and the lines
after the data (totals, comments). Found from a sample of the file, so large files stay cheap."""

from __future__ import annotations

import codecs
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from campaign_kit.core.errors import CampaignError, Problem

SAMPLE_BYTES = 262_144
# A totals line names itself in its first cells; its figures must never be counted as activity.
TOTALS_WORDS = frozenset(
    {"total", "totals", "grand total", "totaal", "totalen", "eindtotaal", "gesamt", "summe", "gesamtsumme", "sum"}
)


@dataclass(frozen=True)
class TextShape:
    encoding: str  # a Python codec name: utf-8, utf-8-sig, utf-16, cp1252
    delimiter: str
    header_line: int  # 0-based line of the header in the decoded text
    end_line: int | None = None  # 0-based line where the records end (a second table or notes follow)


class ShapeError(ValueError):
    """The file cannot be decoded as text; the message names the encoding that was tried."""


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), else cp1252 (Excel's
    "CSV" on Windows). UTF-16 without a BOM shows as every other byte being zero."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 4 and head[1:200:2].count(0) > 0.8 * len(head[1:200:2]):
        return "utf-16-le"
    if len(head) >= 4 and head[0:200:2].count(0) > 0.8 * len(head[0:200:2]):
        return "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # only a character cut off at the end of the sample
            return "utf-8"
        return "cp1252"
    return "utf-8"


def read_sample(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The first part of a text file, decoded, and the encoding it was decoded with (the one given,
    else the one detected)."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    encoding = encoding or detect_encoding(head)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        text = decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:
        raise ShapeError(f"{encoding}: {exc.reason} at byte {exc.start}") from None
    return text, encoding


def sniff_delimiter(text: str) -> str:
    """The separator of a sample that starts at its header (the last line may be cut off)."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(lines) > 1 and not text.endswith("\n"):
        lines = lines[:-1]
    return best_delimiter(lines)


def best_delimiter(lines: list[str]) -> str:
    """The separator that splits the header into several fields and agrees with most of the next
    lines (a header like 'Ambassadeur (naam, id)' alone would fool a guess; a short row must not)."""
    best, best_score = ",", (0, 0)
    for candidate in (";", ",", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=candidate))) for line in lines]
        if not counts or counts[0] < 2:
            continue
        score = (sum(1 for c in counts if c == counts[0]), counts[0])  # rows like the header, then width
        if score > best_score:
            best, best_score = candidate, score
    return best


def _content(line: str) -> bool:
    stripped = line.strip().strip("\ufeff")
    return bool(stripped) and not stripped.startswith("#")


def _fields(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter))


def find_header_line(lines: list[str], header_line: int | None = None, separator: str | None = None) -> tuple[int, str]:
    """(0-based header line, separator). The separator is the one that gives most lines the same
    width; the header is the first line, after any preamble, filled as wide as the lines under it. A
    campaign can name the header's line (`header_row:`) and the separator when a file fools that."""
    if header_line is not None:
        return header_line, separator or best_delimiter([line for line in lines[header_line:][:30] if _content(line)])
    candidates = [i for i, line in enumerate(lines[:200]) if _content(line)]
    if not candidates:
        return 0, ","

    def agreement(delimiter: str) -> tuple[int, int]:
        widths = Counter(len(_fields(lines[i], delimiter)) for i in candidates[:60])
        widths.pop(1, None)
        width, count = widths.most_common(1)[0] if widths else (0, 0)
        return count, width

    delimiter = separator or max((";", ",", "\t", "|"), key=agreement)
    # filled fields, not fields: a spreadsheet's title row is as wide as the sheet but mostly empty
    filled = [sum(1 for f in _fields(lines[i], delimiter) if f.strip()) for i in candidates]
    for position, i in enumerate(candidates):
        below = filled[position + 1 : position + 30]
        if filled[position] < 2:
            continue  # a title line ("Traffic acquisition report") or a lone date range
        common = Counter(below).most_common(1)[0][0] if below else filled[position]
        if filled[position] >= common:
            return i, delimiter
    return candidates[0], delimiter


def text_shape(
    path: Path, header_row: int | None = None, encoding: str | None = None, separator: str | None = None
) -> tuple[TextShape, str]:
    """The shape of a CSV or text export, and its decoded sample (for callers that look further).
    What is given (a campaign's `header_row:`, `encoding:`, `separator:`) is used, the rest detected."""
    text, encoding = read_sample(path, encoding)
    lines = text.splitlines()
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end inside a row
    if not text.strip():
        return TextShape(encoding, ",", 0), text  # empty: the caller says so
    header, delimiter = find_header_line(lines, None if header_row is None else header_row - 1, separator)
    if header >= len(lines):
        return TextShape(encoding, delimiter, header), text
    whole = path.stat().st_size <= SAMPLE_BYTES  # only a file read whole can be judged to its end
    end = records_end(lines, header, delimiter) if whole else None
    return TextShape(encoding, delimiter, header, end), text


def checked_text_shape(
    path: Path, label: str, header_row: int | None = None, encoding: str | None = None, separator: str | None = None
) -> tuple[TextShape, str]:
    """`text_shape`, with a file that cannot be decoded or holds nothing as a problem naming it."""
    try:
        shape, text = text_shape(path, header_row, encoding, separator)
    except ShapeError as exc:
        raise CampaignError(Problem.of(label, "", "error.cannot_decode", detail=str(exc))) from None
    if not text.strip():
        raise CampaignError(Problem.of(label, "", "error.empty_table"))
    return shape, text


def records_end(lines: list[str], header: int, delimiter: str) -> int | None:
    """The empty line after the records when what follows is not more records: a second table (GA's
    'Nth day', UA's 'Dagindex'), '#' notes or a count ('Aantal: 10'). None when the records run on."""
    width = sum(1 for f in _fields(lines[header], delimiter) if f.strip())
    for i in range(header + 1, len(lines)):
        if lines[i].replace(delimiter, "").strip():
            continue
        after = [line for line in lines[i + 1 :] if line.replace(delimiter, "").strip()]
        if not after:
            return None  # trailing empty lines only: they are left out as empty lines
        following = after[0]
        filled = sum(1 for f in _fields(following, delimiter) if f.strip())
        if following.lstrip().startswith("#") or filled < width - 1 or is_totals(_fields(following, delimiter)):
            return i
    return None


def records_file(path: Path, shape: TextShape, folder: Path) -> Path:
    """The file itself when it is UTF-8 and starts with its header and ends with its records; else a
    UTF-8 copy in `folder` from the header line to the end of the records, written line by line."""
    if shape.encoding in ("utf-8", "utf-8-sig") and shape.header_line == 0 and shape.end_line is None:
        return path
    target = folder / (path.stem + ".records.csv")
    try:
        with path.open("r", encoding=shape.encoding, newline=None) as source, target.open("w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if shape.end_line is not None and number >= shape.end_line:
                    break
                if number >= shape.header_line:
                    out.write(line.lstrip("\ufeff") if number == shape.header_line else line)
    except UnicodeDecodeError as exc:
        raise ShapeError(f"{shape.encoding}: {exc.reason}") from None
    return target


def is_totals(cells: list[object]) -> bool:
    """A totals line: its first non-empty cell (of the first two) is a word like 'Total' or 'Totaal'."""
    for cell in cells[:2]:
        if cell is None or str(cell).strip() == "":
            continue
        return str(cell).strip().strip(":").lower() in TOTALS_WORDS
    return False
