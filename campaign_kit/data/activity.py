"""Activity exports into the campaign's own event store (DuckDB).

The exports a campaign really has: learning-system events, advocacy-platform shares, web analytics
with UTM tags and recruitment referrals, as CSV (comma or semicolon, decimal comma), Excel or Parquet.
Each is read once: the store remembers which files (by name, size, time and content hash) it holds,
so a re-run reads only new files. Events are keyed on their content, so an export imported twice,
or two monthly exports that overlap, count each event once. A file that changed or disappeared, or a
changed column mapping, rebuilds that kind of source from the files present now: the store never
holds events the campaign folder no longer has.

A status report (one row per person and course, a date column per event, declared with `dates:`)
gives one event per filled date, keyed on the row's identity instead of its content: a repeated row
counts once and a later report updates the row.

Everything is checked before anything is stored: a bad row names the file, the row and the column,
and the whole import is rolled back.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import glob
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import duckdb
import pandas as pd

from campaign_kit.core.errors import CampaignError, Label, Problem, missing_section
from campaign_kit.core.model import DATE_FORMATS, Activity, ActivitySource, Campaign, SourceKind
from campaign_kit.core.paths import outputs_dir
from campaign_kit.core.storage import sha256_of
from campaign_kit.data.history import snapshot_of
from campaign_kit.data.readers import (
    EXCEL_SUFFIXES,
    Column,
    convert,
    find_header,
    map_columns,
    read_table,
    shown_headers,
)
from campaign_kit.data.shapes import (
    TOTALS_WORDS,
    ShapeError,
    TextShape,
    checked_text_shape,
    find_header_line,
    records_file,
)

STORE_FILE = "activity.duckdb"
# how records become events; a new version rebuilds every store once (4: post titles kept; 3: preambles,
# totals and nobody's traffic left out)
KEY_VERSION = 4
PARQUET_SUFFIXES = (".parquet", ".pq")
MAX_PROBLEMS = 20
EARLIEST_YEAR = 1990  # a date before it is a misread, never activity: refused with its row

# the headers of a post's title (shown in the report instead of its id)
TITLE_ALIASES = ("titel", "post title", "content title", "berichttitel", "titel bericht", "headline", "kop")

# The generic preset: the workbook's column names and the headers the usual exports use for them.
SOURCE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "learning": (
        Column("date", "date", True, ("datum", "timestamp", "tijdstip", "event date", "time")),
        Column("employee", "text", True, ("medewerker", "user", "gebruiker", "learner", "user id", "personeelsnummer")),
        Column("event", "text", True, ("gebeurtenis", "activity", "activiteit", "action", "status", "event type")),
        Column("ambassador", "text", False, ("ambassadeur", "via ambassadeur", "referred by", "invited by")),
        Column("id", "text", False, ("event id", "gebeurtenis id")),
    ),
    "sharing": (
        Column("date", "date", True, ("datum", "shared at", "gedeeld op", "share date")),
        Column("ambassador", "text", True, ("ambassadeur", "employee", "medewerker", "sharer", "user", "user id")),
        Column("post", "text", True, ("bericht", "post id", "content", "content id", "story")),
        Column("shares", "number", False, ("gedeeld", "aantal gedeeld", "share count")),
        Column("clicks", "number", False, ("kliks", "klikken", "click count")),
        Column("reactions", "number", False, ("reacties", "likes", "engagements", "interactions")),
        Column("impressions", "number", False, ("impressies", "weergaven", "views", "reach", "bereik")),
        Column("id", "text", False, ("share id",)),
        Column("title", "text", False, TITLE_ALIASES),
    ),
    "web": (
        Column("date", "date", True, ("datum", "day")),
        Column("ambassador", "text", True, ("utm_campaign", "session campaign", "campaign", "campagne")),
        Column("post", "text", False, ("utm_content", "session manual ad content", "content")),
        Column("medium", "text", False, ("utm_medium", "session medium")),
        Column("visits", "number", False, ("sessions", "sessies", "bezoeken", "visitors", "bezoekers")),
        Column("title", "text", False, TITLE_ALIASES),
    ),
    "recruitment": (
        Column("date", "date", True, ("datum", "application date", "sollicitatiedatum")),
        Column("candidate", "text", True, ("kandidaat", "applicant", "sollicitant", "candidate id")),
        Column("ambassador", "text", True, ("referrer", "referred by", "aangebracht door", "medewerker", "employee")),
        Column("stage", "text", True, ("fase", "status", "stap")),
    ),
}

# A status report has one row per person and course (candidate and job) with a date column per event
# (`dates:` in campaign.yaml) instead of one row per event. Its other columns:
STATUS_COLUMNS: dict[str, tuple[Column, ...]] = {
    "learning": (
        SOURCE_COLUMNS["learning"][1],  # employee
        SOURCE_COLUMNS["learning"][3],  # ambassador
        Column(
            "course", "text", False, ("cursus", "course code", "course name", "course title", "opleiding", "module")
        ),
        Column("status", "text", False, ("voortgang", "completion status", "course status", "voltooiingsstatus")),
    ),
    "recruitment": (
        SOURCE_COLUMNS["recruitment"][1],  # candidate
        SOURCE_COLUMNS["recruitment"][2],  # ambassador
        Column("job", "text", False, ("vacature", "vacancy", "job title", "position", "functie", "requisition")),
        Column("status", "text", False, ("fase", "stage", "stap")),
    ),
}
# who a row is about and what, the default `key:` of a status report
ENTITY = {"learning": ("employee", "course"), "recruitment": ("candidate", "job")}
# the event a status report dates only when its status says so (a completion date stays after a re-start)
FINAL = {"learning": "completion", "recruitment": "hire"}

# the words exports use for learning events and recruitment stages; a campaign adds its own in `values:`
VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "learning": {
        "login": ("login", "log-in", "log in", "logged in", "inlog", "ingelogd", "aangemeld", "sign-in"),
        "start": ("start", "started", "gestart", "begonnen", "enrolled", "ingeschreven", "in progress"),
        "completion": ("completion", "completed", "complete", "voltooid", "afgerond", "passed", "geslaagd"),
    },
    "recruitment": {
        "applicant": ("applicant", "applied", "application", "sollicitant", "gesolliciteerd", "sollicitatie"),
        "hire": ("hire", "hired", "aangenomen", "in dienst", "contract signed", "started work"),
    },
}

# the number columns of an aggregated export and the result each one counts
COUNT_COLUMNS = {
    "sharing": {"shares": "share", "clicks": "click", "reactions": "reaction", "impressions": "impression"},
    "web": {"visits": "visit"},
}


def store_path(campaign: Campaign) -> Path:
    """Where the campaign's events live: beside its snapshots, never inside one.

    A run works on the copy of the parameters inside the snapshot (<snapshot>/parameters/<slug>); the
    store is then the one beside that snapshot, so scheduled runs share it with the analyst's notebook.
    """
    snapshot = snapshot_of(campaign.folder)
    return snapshot.parent / STORE_FILE if snapshot is not None else outputs_dir() / campaign.slug / STORE_FILE


@dataclass
class ImportReport:
    """What a sync did, for the report: files read, events new and duplicates skipped."""

    files: list[dict] = field(default_factory=list)  # kind, file, rows, events, new, status
    rebuilt: list[str] = field(default_factory=list)  # kinds read again from scratch
    digests: _Digests | None = field(default=None, repr=False, compare=False)  # while the sync reads

    def sha256(self, path: Path) -> str:
        """The file's SHA-256, hashed beside the import when the sync started it."""
        return self.digests.of(path) if self.digests is not None else sha256_of(path)

    @property
    def new_events(self) -> int:
        return sum(f["new"] for f in self.files if f["status"] == "imported")


class _Digests:
    """SHA-256 of the files to read, hashed one after the other in a thread while DuckDB reads them
    (hashlib lets go of the GIL; a core is often idle between statements)."""

    def __init__(self, paths: list[Path]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
        self._futures: dict[Path, Future[str]] = {}
        for path in paths:
            if path not in self._futures:
                self._futures[path] = self._pool.submit(sha256_of, path)

    def of(self, path: Path) -> str:
        future = self._futures.get(path)
        return future.result() if future is not None else sha256_of(path)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# An event names its kind and file by number: a name in every row of ten million is a second of
# writing (see `_migrate` for stores from before). The person is stored as it is: nearly every one in
# a row group differs, and compressing them cost 1.2 of the 9 CPU seconds of writing 8.5 million
# events (the store is a quarter larger)
EVENT_KIND = "ENUM(" + ", ".join(f"'{kind}'" for kind in get_args(SourceKind)) + ")"
SCHEMA = f"""
CREATE TYPE IF NOT EXISTS event_kind AS {EVENT_KIND};
CREATE TABLE IF NOT EXISTS events (
    key UBIGINT, kind event_kind, file INTEGER, ts TIMESTAMP, ambassador VARCHAR,
    result VARCHAR, n DOUBLE, post VARCHAR, person VARCHAR USING COMPRESSION uncompressed
);
-- the files the events came from, by number
CREATE TABLE IF NOT EXISTS files (id INTEGER, kind VARCHAR, file VARCHAR);
CREATE TABLE IF NOT EXISTS imports (
    kind VARCHAR, file VARCHAR, size BIGINT, mtime BIGINT, sha256 VARCHAR,
    rows BIGINT, events BIGINT, new BIGINT, imported_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS sources (kind VARCHAR PRIMARY KEY, config VARCHAR);
-- a post's title as the latest export that has one gives it
CREATE TABLE IF NOT EXISTS titles (kind VARCHAR, post VARCHAR, title VARCHAR);
-- lines of each file not counted, by reason (preamble, blank, comments, totals, unattributed), as JSON
ALTER TABLE imports ADD COLUMN IF NOT EXISTS skipped VARCHAR;
-- the time span of a file's events as read (NULL: not known, as for files read before it was kept)
ALTER TABLE imports ADD COLUMN IF NOT EXISTS first_ts TIMESTAMP;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS last_ts TIMESTAMP;
"""


LOW_DISK = 64 * 2**20  # bytes free below which a store that cannot write is on a full disk


@contextmanager
def open_store(path: Path, memory_limit: str = "700MB") -> Iterator[duckdb.DuckDBPyConnection]:
    """The store, locked for this process: two scheduled runs wait for each other instead of failing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        spill = path.with_name(f"{path.name}.tmp")  # DuckDB's spill folder, left empty by a killed import
        _remove_if_empty(spill)  # we hold the lock: nobody else is using it
        con = duckdb.connect(str(path), config={"memory_limit": memory_limit})
        try:
            _migrate(con)
            con.execute(SCHEMA)
            yield con
        except (duckdb.OutOfMemoryException, duckdb.IOException) as exc:
            # DuckDB says "Out of Memory" when its spill folder cannot grow: on a full disk, say that
            if shutil.disk_usage(path.parent).free < LOW_DISK:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path.parent)) from exc
            raise
        finally:
            con.close()
            _remove_if_empty(spill)


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """A store written by an older version, whose events are laid out otherwise, is emptied: everything
    in it comes from the exports beside campaign.yaml, so the next sync reads them all again."""
    found = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'events' ORDER BY column_index"
    ).fetchall()
    if found and [t for _, t in found[1:3]] != [EVENT_KIND, "INTEGER"]:
        for table in ("events", "imports", "sources", "titles", "files"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("DROP TYPE IF EXISTS event_kind")


def _file_id(con: duckdb.DuckDBPyConnection, kind: str, name: str) -> int:
    """The number events of this file carry in the store (`files`), given on first use."""
    known = con.execute("SELECT id FROM files WHERE kind = ? AND file = ?", [kind, name]).fetchone()
    if known is not None:
        return known[0]
    number = con.execute("SELECT coalesce(max(id), 0) + 1 FROM files").fetchone()[0]
    con.execute("INSERT INTO files VALUES (?, ?, ?)", [number, kind, name])
    return number


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not there, or holds spilled data
        pass


def source_files(folder: Path, source: ActivitySource, index: int) -> list[Path]:
    """The files a source names (a name or a pattern), oldest first (by modification time, then name):
    where two exports give a different figure for the same day, the newer one wins, also when the
    store is rebuilt. None found is a mistake to report."""
    pattern = str(folder / source.files)
    found = sorted(
        (Path(p) for p in glob.glob(pattern) if Path(p).is_file()), key=lambda p: (p.stat().st_mtime_ns, p.name)
    )
    if not found:
        raise CampaignError(
            Problem.of(
                "campaign.yaml",
                f"activity.sources[{index}].files",
                "error.no_export",
                pattern=repr(source.files),
                kind=Label(f"kind.{source.kind}"),
            )
        )
    return found


def _config(source: ActivitySource) -> str:
    """What decides how a file's rows become events: a change means reading the kind again. The engine's
    version is part of it because event keys are its hashes, which a new version may compute differently."""
    settings = {"files": source.files, "columns": source.columns, "values": source.values}
    settings |= {"header_row": source.header_row, "unattributed": sorted(source.unattributed)}
    if source.dates:  # only when set: adding the fields must not rebuild every store
        settings |= {"dates": source.dates, "key": source.key}
    layout = {k: getattr(source, k) for k in ("encoding", "separator", "decimal", "date_format") if getattr(source, k)}
    settings |= layout | ({"ignore": sorted(source.ignore)} if source.ignore else {})
    return json.dumps(settings | {"engine": duckdb.__version__, "keys": KEY_VERSION}, sort_keys=True)


@dataclass(frozen=True)
class SyncStep:
    """Where an import stands, for a progress line: `done` of `files` files read (those new or
    changed; unchanged ones are not read), `rows` read so far, and the file about to be read."""

    done: int
    files: int
    rows: int
    seconds: float
    file: str | None  # None once every file is read


def sync(
    campaign: Campaign, con: duckdb.DuckDBPyConnection, progress: Callable[[SyncStep], None] | None = None
) -> ImportReport:
    """Bring the store up to date with the campaign's export files. All or nothing: a problem in any
    file raises CampaignError listing every problem found, and the store is left as it was.
    `progress` hears before each file read and once at the end (a long import on a terminal)."""
    activity = _activity(campaign)
    folder = campaign.folder or Path(".")
    report = ImportReport()
    began = time.perf_counter()
    pending: list[tuple[str, ActivitySource, Path, str]] = []  # (kind, source, path, name) to read
    by_kind: dict[str, list[tuple[int, ActivitySource]]] = {}
    for index, source in enumerate(activity.sources):
        by_kind.setdefault(source.kind, []).append((index, source))
    problems: list[Problem] = []
    con.execute("BEGIN TRANSACTION")
    try:
        known = set(kind for (kind,) in con.execute("SELECT kind FROM sources").fetchall())
        for kind in sorted(known - set(by_kind)):  # a source taken out of campaign.yaml
            _forget(con, kind)
            report.rebuilt.append(kind)
        for kind, sources in by_kind.items():
            files = [(i, s, p) for i, s in sources for p in source_files(folder, s, i)]
            names = [p.relative_to(folder).as_posix() for _, _, p in files]
            config = ";".join(_config(s) for _, s in sources)
            stored = con.execute("SELECT config FROM sources WHERE kind = ?", [kind]).fetchall()
            imported = {
                row[0]: row[1:]
                for row in con.execute(
                    "SELECT file, size, mtime, sha256, skipped FROM imports WHERE kind = ?", [kind]
                ).fetchall()
            }
            changed = bool(stored) and stored[0][0] != config
            for name, path in zip(names, (p for _, _, p in files), strict=True):
                if name in imported:
                    size, mtime, digest, _ = imported[name]
                    stat = path.stat()
                    if (stat.st_size, stat.st_mtime_ns) != (size, mtime) and sha256_of(path) != digest:
                        changed = True  # the export was replaced: read this kind again from its files
            gone = set(imported) - set(names)
            if changed or gone:
                _forget(con, kind)
                imported = {}
                report.rebuilt.append(kind)
            con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", [kind, config])
            for (_, source, path), name in zip(files, names, strict=True):
                if name in imported:
                    skipped = json.loads(imported[name][3] or "{}")
                    report.files.append(
                        {"kind": kind, "file": name, "rows": 0, "new": 0, "status": "unchanged", "skipped": skipped}
                    )
                    continue
                pending.append((kind, source, path, name))
        # the files to read are known before the first is read: progress can say "3 of 13"
        report.digests = _Digests([path for _, _, path, _ in pending])
        done = 0
        while done < len(pending):
            if progress is not None:
                rows = sum(f["rows"] for f in report.files if f["status"] == "imported")
                progress(SyncStep(done, len(pending), rows, time.perf_counter() - began, pending[done][3]))
            read, found = _import_next(con, pending[done:], report)
            problems += found
            done += read
        if progress is not None and pending:
            rows = sum(f["rows"] for f in report.files if f["status"] == "imported")
            progress(SyncStep(len(pending), len(pending), rows, time.perf_counter() - began, None))
        if problems:
            raise CampaignError(problems)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        if report.digests is not None:
            report.digests.close()
            report.digests = None
    return report


def _forget(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    con.execute("DELETE FROM events WHERE kind = ?", [kind])
    con.execute("DELETE FROM imports WHERE kind = ?", [kind])
    con.execute("DELETE FROM sources WHERE kind = ?", [kind])
    con.execute("DELETE FROM titles WHERE kind = ?", [kind])
    con.execute("DELETE FROM files WHERE kind = ?", [kind])


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


LINE = "__line"  # the file's own line (spreadsheet row) of each record, for messages
# Campaign values that mean "nobody": traffic and shares no ambassador brought (GA's own words for
# direct visits and untagged links). A source adds its own under `unattributed:`.
UNATTRIBUTED = ("", "(direct)", "(not set)", "(none)", "(organic)", "(referral)", "(other)", "not set")
# kinds whose records without an ambassador are no one's doing: left out and counted apart; a learning
# event without one still counts (a completion is a completion), only not for an ambassador
NOBODY_LEFT_OUT = ("sharing", "web", "recruitment")


@dataclass(frozen=True)
class _Records:
    """An export's records as a query of text cells in file order (preamble and footer lines left
    out), with what a record is called in messages, the decimal mark its numbers use, the line of
    its first record minus one, and the lines left out by reason."""

    sql: str
    offset: int
    decimal: str
    record: str
    skipped: dict[str, int]
    direct: bool = False  # the query reads the file itself (a CSV in UTF-8 with its header first)


@contextmanager
def _records(con: duckdb.DuckDBPyConnection, path: Path, name: str, source: ActivitySource) -> Iterator[_Records]:
    """The records of a CSV, text or Parquet export as a query (a UTF-8 copy of a text file lives as
    long as the context). Excel is read by `_stage_raw` itself."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        shape, _ = checked_text_shape(path, name, source.header_row, source.encoding, source.separator)
        skip = shape.header_line
        with tempfile.TemporaryDirectory() as scratch:
            try:
                readable = records_file(path, shape, Path(scratch))
            except ShapeError as exc:
                raise CampaignError(Problem.of(name, "", "error.cannot_decode", detail=str(exc))) from None
            sql = (
                f"SELECT * FROM read_csv({_literal(str(readable))}, all_varchar = true, header = true, "
                f"delim = {_literal(shape.delimiter)}, quote = '\"', null_padding = true)"
            )
            skipped = {"preamble": skip}
            if shape.end_line is not None:  # a second table or notes under the records
                skipped["footer"] = _lines_after(path, shape)
            decimal = source.decimal or ("," if shape.delimiter == ";" else ".")
            yield _Records(sql, skip + 1, decimal, "row", skipped, readable == path)
    elif suffix in PARQUET_SUFFIXES:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_literal(str(path))})").fetchall()

        def text(column: str, kind: str) -> str:
            name = _quote(column)
            if kind in ("DOUBLE", "FLOAT"):  # an id stored as 269.0 must read as 269
                whole = f"CAST(CAST({name} AS BIGINT) AS VARCHAR)"
                return f"CASE WHEN {name} = floor({name}) THEN {whole} ELSE CAST({name} AS VARCHAR) END"
            return f"CAST({name} AS VARCHAR)"

        casts = ", ".join(f"{text(c, k)} AS {_quote(c)}" for c, k, *_ in described)
        yield _Records(f"SELECT {casts} FROM read_parquet({_literal(str(path))})", 0, ".", "record", {"preamble": 0})
    else:
        raise CampaignError(
            Problem.of(name, "", "error.file_type", suffix=repr(path.suffix), expected=".csv, .xlsx, .parquet")
        )


def _unreadable(exc: Exception, path: Path, name: str) -> CampaignError:
    """A file DuckDB or pandas cannot read, as a problem naming the file (never its absolute path)."""
    said = str(exc).splitlines()[0].replace(str(path), name) if isinstance(exc, duckdb.Error) else str(exc)
    return CampaignError(Problem.of(name, "", "error.unreadable", detail=said))


def _stage_raw(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, source: ActivitySource
) -> tuple[str, str, dict[str, int]]:
    """Load the export as text cells into the temporary table `raw`, in file order, each record with
    its line in the file (`__line`), preamble and footer lines left out. Returns the decimal mark its
    numbers use, what a record is called in messages, and the lines left out by reason."""
    con.execute("DROP TABLE IF EXISTS raw")
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            grid = pd.read_excel(path, dtype=object, engine="openpyxl", header=None)
            lines = [";".join("" if pd.isna(v) else str(v).replace(";", ",") for v in row) for row in grid.to_numpy()]
            header = source.header_row - 1 if source.header_row else find_header_line(lines)[0]
            frame = grid.iloc[header + 1 :].copy()
            frame.columns = [str(c) if not pd.isna(c) else f"column {i + 1}" for i, c in enumerate(grid.iloc[header])]
            frame = frame.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
            frame.insert(0, LINE, [i + 1 for i in frame.index])  # Excel rows count from 1
            con.register("excel_frame", frame)
            con.execute("CREATE TEMP TABLE raw AS SELECT * FROM excel_frame")
            con.unregister("excel_frame")
            skipped = {"preamble": header}
            decimal, record = ".", "row"
        else:
            with _records(con, path, name, source) as records:
                con.execute(
                    f"CREATE TEMP TABLE raw AS SELECT row_number() OVER () + {records.offset} AS {LINE}, * "
                    f"FROM ({records.sql})"
                )
            skipped, decimal, record = dict(records.skipped), records.decimal, records.record
    except CampaignError:
        raise
    except Exception as exc:
        raise _unreadable(exc, path, name) from None
    left_out = skipped | _drop_footer_lines(con)
    return decimal, record, {reason: n for reason, n in left_out.items() if n}


def _lines_after(path: Path, shape: TextShape) -> int:
    """Lines from the end of the records to the end of the file (the file is small: it was read whole)."""
    with path.open("r", encoding=shape.encoding, newline=None) as source:
        return max(0, sum(1 for _ in source) - shape.end_line)


def _footer_conditions(columns: list[str]) -> dict[str, str]:
    """SQL conditions, one per reason, for what is not a record: empty lines, '#' comments and totals
    lines (a report's 'Total' or 'Totaal', wherever it stands). A line has the first reason that
    fits (blank, comments, totals). Cheap tests only (they run on every record of every export); an
    empty field reads as NULL."""
    if not columns:
        return {}
    first = _quote(columns[0])
    second = _quote(columns[1]) if len(columns) > 1 else "NULL"
    words = ", ".join(_literal(v) for w in sorted(TOTALS_WORDS) for v in (w, w + ":"))
    totals = f"(lower({first}) IN ({words}) OR ({first} IS NULL AND lower({second}) IN ({words})))"
    if len(columns) > 1:  # a count line right under the records: 'Aantal cursusinschrijvingen: 11;;;;'
        alone = " AND ".join(f"{_quote(c)} IS NULL" for c in columns[1:])
        totals += f" OR ({alone} AND contains({first}, ':'))"
    return {
        "blank": " AND ".join(f"{_quote(c)} IS NULL" for c in columns),
        "comments": f"coalesce(starts_with({first}, '#'), false)",
        "totals": f"coalesce({totals}, false)",
    }


def _ordinary_record(columns: list[str]) -> str:
    """True only for a line none of `_footer_conditions` fits, tested cheaply: its first cell longer
    than any totals word and no comment, its second filled. Most records of a large export are."""
    if len(columns) < 2:
        return "false"
    first, second = _quote(columns[0]), _quote(columns[1])
    longest = max(len(w) + 1 for w in TOTALS_WORDS)
    return f"coalesce(length({first}) > {longest} AND NOT starts_with({first}, '#') AND {second} IS NOT NULL, false)"


def _drop_footer_lines(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Leave out what is not a record (`_footer_conditions`). Returns how many of each were left out.
    One counting pass; the delete only runs when there is something to leave out (large exports
    rarely have)."""
    reasons = _footer_conditions([c for (c, *_) in con.execute("DESCRIBE raw").fetchall() if c != LINE])
    if not reasons:
        return {}
    # each line counted once, for the first reason that fits
    exclusive, before = {}, []
    for reason, condition in reasons.items():
        exclusive[reason] = " AND ".join([*(f"NOT ({c})" for c in before), condition])
        before.append(condition)
    counts = ", ".join(f"count(*) FILTER (WHERE {condition})" for condition in exclusive.values())
    found = dict(zip(reasons, con.execute(f"SELECT {counts} FROM raw").fetchone(), strict=True))
    if any(found.values()):
        con.execute("DELETE FROM raw WHERE " + " OR ".join(f"coalesce({c}, false)" for c in reasons.values()))
    return found


def _number_sql(cell: str, decimal: str) -> str:
    # a plain count ('12') is cast as it is: most cells are, and a replace or a regex on each costs
    if decimal == ",":
        marks = f"contains({cell}, ' ') OR contains({cell}, '.') OR contains({cell}, ',')"
        dutch = f"replace(replace(replace({cell}, ' ', ''), '.', ''), ',', '.')"
        return f"TRY_CAST(CASE WHEN {marks} THEN {dutch} ELSE {cell} END AS DOUBLE)"
    # a count like '1.204' in a comma file is Dutch thousands (a count has no decimals)
    thousands = f"contains({cell}, '.') AND regexp_matches({cell}, '^\\s*\\d{{1,3}}(\\.\\d{{3}})+\\s*$')"
    plain = f"replace(replace({cell}, ' ', ''), ',', '')"
    marks = f"contains({cell}, ' ') OR contains({cell}, ',')"
    parsed = f"CASE WHEN {thousands} THEN replace({cell}, '.', '') WHEN {marks} THEN {plain} ELSE {cell} END"
    return f"TRY_CAST({parsed} AS DOUBLE)"


def _date_sql(cell: str, likely: str | None = None) -> str:
    """Parse with the file's own format first (found from a sample), then any known one. Trying every
    format on every row costs seconds per million day-first dates."""
    formats = ", ".join(_literal(f) for f in DATE_FORMATS)
    # and last DuckDB's own ISO 8601 reading (T, Z, fractions of a second, offsets kept as wall time)
    every = f"coalesce(try_strptime({cell}, [{formats}]), TRY_CAST({cell} AS TIMESTAMP))"
    return f"coalesce(try_strptime({cell}, {_literal(likely)}), {every})" if likely else every


def _source_date_sql(cell: str, source: ActivitySource, likely: str | None) -> str:
    """A format the campaign names is the only one: a month-first 03/04 must not fall back to day-first."""
    if source.date_format:
        return f"try_strptime({cell}, {_literal(source.date_format)})"
    return _date_sql(cell, likely)


def _shape_of(fmt: str) -> re.Pattern[str]:
    """What every text `strptime(text, fmt)` reads looks like (digits where a field is, the format's
    own characters between): a text that does not is passed over without the dear failed strptime."""
    literal = (re.sub(r"\\\s+|\s+", r"\\s+", re.escape(part)) for part in re.split(r"%.", fmt))
    fields = [r"\s*\d+" for _ in re.findall(r"%.", fmt)] + [""]
    return re.compile("".join(a + b for a, b in zip(literal, fields, strict=True)), re.IGNORECASE)  # as strptime


DATE_SHAPES = {fmt: _shape_of(fmt) for fmt in DATE_FORMATS}


def likely_date_format(samples: list[str]) -> str | None:
    """The known format that reads the most of a sample of a file's date cells."""
    best, best_count = None, 0
    for fmt in DATE_FORMATS:
        count, shape = 0, DATE_SHAPES[fmt]
        for text in samples:
            if shape.fullmatch(text) is None:
                continue
            try:
                dt.datetime.strptime(text, fmt)
                count += 1
            except ValueError:
                pass
        if count > best_count:
            best, best_count = fmt, count
        if count == len(samples):  # no later format can read more (the first of equals wins)
            break
    return best


def vocabulary(source: ActivitySource) -> dict[str, str]:
    """Lower-case word in the export -> result, the preset's words plus the campaign's own."""
    words = {w.lower(): result for result, ws in VOCABULARY.get(source.kind, {}).items() for w in (result, *ws)}
    words |= {w.strip().lower(): result for result, ws in source.values.items() for w in ws}
    return words


def check_sources(
    campaign: Campaign, warnings: list[Problem] | None = None, progress: Callable[[SyncStep], None] | None = None
) -> list[Problem]:
    """Every problem in the campaign's activity exports, as an import would find them, without
    touching the store: each file is staged and checked in a database of its own, in memory. Files
    that are read but hold nothing (a header only) are added to `warnings`. `progress` hears before
    each file and once at the end, as in `sync`."""
    folder = campaign.folder or Path(".")
    problems: list[Problem] = []
    files: list[tuple[ActivitySource, Path]] = []
    for index, source in enumerate(_activity(campaign).sources):
        try:
            files += [(source, path) for path in source_files(folder, source, index)]
        except CampaignError as exc:
            problems += exc.problems
    began, rows = time.perf_counter(), 0
    con = duckdb.connect(":memory:")
    try:
        for done, (source, path) in enumerate(files):
            name = path.relative_to(folder).as_posix()
            if progress is not None:
                progress(SyncStep(done, len(files), rows, time.perf_counter() - began, name))
            try:
                checked = _check_in_one_pass(con, source, path, name)
                if checked is None:
                    found, _, _, skipped = _stage_and_check(con, source, path, name)
                    read = 0 if found else con.execute("SELECT count(*) FROM raw").fetchone()[0]
                else:
                    found, skipped, read = [], *checked
            except CampaignError as exc:  # the file cannot be read at all: say so, check the others
                found, skipped = exc.problems, {}
            problems += found
            if not found:
                rows += read
                if warnings is not None:
                    if read == 0:
                        warnings.append(Problem.of(name, "", "warning.header_only"))
                    # rows read but not counted: worth a look, never a failure
                    for reason in ("unattributed", "repeated", "not_final"):
                        if skipped.get(reason):
                            warnings.append(Problem.of(name, "", f"warning.{reason}", n=skipped[reason]))
            for table in ("raw", "staged"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
        if progress is not None and files:
            progress(SyncStep(len(files), len(files), rows, time.perf_counter() - began, None))
    finally:
        con.close()
    return problems


def _find_columns(
    headers: list[str], source: ActivitySource, name: str
) -> tuple[tuple[Column, ...], dict[str, str | None], list[Problem]]:
    """The workbook's columns for this source, the header found for each, and a problem for each
    required (or mapped) column the file does not have."""
    probe = pd.DataFrame(columns=headers)
    columns = STATUS_COLUMNS[source.kind] if source.dates else SOURCE_COLUMNS[source.kind]
    found = {c.name: find_header(probe, c, source.columns) for c in columns}
    problems = []
    for column in columns:
        wanted = source.columns.get(column.name)
        if found[column.name] is None and (wanted or column.required):
            label, header = (
                ("error.column_missing.mapped", repr(wanted))
                if wanted
                else ("error.column_missing", ", ".join(repr(c) for c in (column.name, *column.aliases[:4])))
            )
            problems.append(
                Problem.of(
                    name, f"column {wanted or column.name!r}", label, header=header, headers=shown_headers(headers)
                )
            )
    return columns, found, problems


def _who(found: dict[str, str | None]) -> list[str]:
    """The headers of the columns that say when and who: a record empty in all is a totals line."""
    return [found[c] for c in ("date", "ambassador", "employee", "candidate", "post", "event", "stage") if found.get(c)]


@dataclass(frozen=True)
class _EventChecks:
    """How the cells of an event log or an export of counts are parsed and checked, as SQL over the
    text cells: each check is (column, raw cell, parsed value, what was expected)."""

    checks: list[tuple[str, str, str, str]]
    texts: str  # the text columns, t_<name>
    required_text: list[str]
    words: dict[str, str]
    counts: dict[str, str]

    def columns(self) -> str:
        """The parsed (p_), text (t_) and original (r_) columns of `staged`."""
        parsed = ", ".join(f"{sql} AS {_quote('p_' + col)}" for col, _, sql, _ in self.checks)
        originals = ", ".join(f"{raw_cell} AS {_quote('r_' + col)}" for col, raw_cell, _, _ in self.checks)
        return f"{parsed}, {self.texts}, {originals}"

    def bad(self) -> list[tuple[str, str, str, str]]:
        """(column, condition on `staged` true for a bad record, its value, what was expected)."""
        found = []
        for col, _, _, expected in self.checks:
            p, original = _quote("p_" + col), _quote("r_" + col)
            valid = f"{p} IS NOT NULL" + (f" AND {p} >= 0 AND {p} = floor({p})" if col in self.counts else "")
            if col == "date":
                valid += f" AND {p} >= TIMESTAMP '{EARLIEST_YEAR}-01-01'"
            # an empty count cell means nothing happened; an empty date or event is a mistake
            where = f"NOT ({valid}) AND {original} IS NOT NULL" if col in self.counts else f"NOT ({valid})"
            found.append((col, where, original, expected))
        for col in self.required_text:
            found.append((col, f"{_quote('t_' + col)} IS NULL", "NULL", "expected.value"))
        return found


def _event_checks(
    source: ActivitySource,
    columns: tuple[Column, ...],
    found: dict[str, str | None],
    decimal: str,
    samples: list[str],
) -> _EventChecks:
    """The checks of an event log or export of counts; `samples` are date cells that decide which
    date format is tried first."""

    def cell(column: str) -> str:
        return _text_cell(found.get(column))

    counts = {c: r for c, r in COUNT_COLUMNS.get(source.kind, {}).items() if found.get(c)}
    likely = likely_date_format(samples)
    checks: list[tuple[str, str, str, str]] = [  # (column, raw cell, parsed sql, expectation)
        ("date", cell("date"), _source_date_sql(cell("date"), source, likely), "expected.date_dmy")
    ]
    for column in counts:
        checks.append((column, cell(column), _number_sql(cell(column), decimal), "expected.count"))
    words = vocabulary(source)
    word_column = {"learning": "event", "recruitment": "stage"}.get(source.kind)
    if word_column:
        checks.append((word_column, cell(word_column), _word_sql(cell(word_column), words), "expected.word"))
    required_text = [
        c.name
        for c in columns
        if c.required
        and c.kind == "text"
        and c.name != word_column
        and not (c.name == "ambassador" and source.kind in NOBODY_LEFT_OUT)
    ]
    texts = ", ".join(
        f"{cell(c)} AS {_quote('t_' + c)}"
        for c in ("ambassador", "employee", "post", "candidate", "medium", "id", "title")
    )
    return _EventChecks(checks, texts, required_text, words, counts)


def _word_sql(cell: str, words: dict[str, str]) -> str:
    """The result a cell's word stands for (`vocabulary`, any case), NULL for another word. The
    results' own words are first compared as they are: in most exports they are most of the cells,
    and lower() on every cell of ten million costs more than the comparisons (an ASCII lower-case
    word matches as it is only where lower() would match it)."""
    ordered = sorted(words.items(), key=lambda wr: wr[0] != wr[1])
    cases = " ".join(f"WHEN {_literal(w)} THEN {_literal(r)}" for w, r in ordered)
    every = f"CASE lower({cell}) {cases} END"
    own = [w for w, r in ordered if w == r and w.isascii()]  # `vocabulary` words are lower-case
    if not own:
        return every
    return f"CASE {cell} " + " ".join(f"WHEN {_literal(w)} THEN {_literal(w)}" for w in own) + f" ELSE {every} END"


# An event log or an export of counts in CSV or Parquet is read in one pass (`_import_one_pass`):
# parsed, checked, keyed and stored by one INSERT, the lines left out marked and counted after. The
# staged route stays for Excel, status reports and any file with a bad cell (its messages name the
# row). The same counting rules either way; the tests compare the two routes on every export they have.
ONE_PASS = True
REASON, RESULT, AMOUNT = "__reason", "__result", "__n"
# Exports of one source with the same layout are read together by one statement, up to this many
# files and bytes: 12 monthly exports of 10M events read at once take 0.5 s less than four at a time,
# and a progress line still moves every few seconds.
BATCH = 12
BATCH_BYTES = 2**30
HEAD_ROWS = 2000  # the first records, read once for the headers and the dates' likely format


@dataclass(frozen=True)
class _OnePass:
    """How an export's records become one query: the columns of `staged` plus `__reason`, why a record
    is left out (blank, comments, totals, ignored, unlabelled, bad, unattributed) or NULL for one
    that counts. Two files with equal plans can be read by one statement."""

    columns: str  # parsed, text and original cells, as in `staged`
    line: str  # why a line is no record, or NULL
    reason: str  # why a record is left out, given the line's reason as __pre
    found: dict[str, str | None]
    checks: _EventChecks
    ignores: bool  # the source leaves out words: its count is reported, also when nothing was
    headers: tuple[str, ...] = ()  # as DuckDB names the columns

    def rows(self, records: str, file: str = "NULL") -> str:
        """One row per record of `records` (a query), with `__reason` and the file it came from."""
        return (
            f"SELECT * EXCLUDE (__pre), {self.reason} AS {REASON} "
            f"FROM (SELECT {self.columns}, {self.line} AS __pre, {file} AS __file FROM ({records}))"
        )

    def kept(self, records: str) -> str:
        """The records the staged route keeps in `raw` (not left out as lines), in file order."""
        return f"SELECT * FROM (SELECT *, {self.line} AS __pre FROM ({records})) WHERE __pre IS NULL"

    def same(self, other: _OnePass) -> bool:
        return (self.columns, self.line, self.reason) == (other.columns, other.line, other.reason)


def _one_pass(
    con: duckdb.DuckDBPyConnection,
    records: _Records,
    source: ActivitySource,
    name: str,
    headers: tuple[str, ...] = (),
) -> _OnePass | None:
    """The one-pass plan of an event log or export of counts; None for what the staged route must
    read (a status report, or a file missing a column: its messages come from there). `headers` are
    DuckDB's names of the columns when known (a file whose header line is another's): its first
    records are then read without DuckDB's sniffing, two thirds of this plan's time."""
    if source.dates:
        return None
    # the first records, read once: the headers as DuckDB names them, and a sample of dates
    first = f"SELECT * FROM ({records.sql}) LIMIT {HEAD_ROWS}"
    if headers:
        named = "{" + ", ".join(f"{_literal(h)}: 'VARCHAR'" for h in headers) + "}"
        # and a buffer of 1 MiB instead of DuckDB's 32 for 2000 records: a third of the time (a longer
        # line makes the read fail, and DuckDB's own reading follows)
        given = first.replace(
            "all_varchar = true, ", f"auto_detect = false, columns = {named}, buffer_size = {2**20}, ", 1
        )
        try:  # tried apart: an error inside the import's transaction would end it
            with con.cursor() as trial:
                trial.execute(given).fetchall()
            first = given
        except duckdb.Error:  # the records do not read so: as DuckDB finds them
            pass
    con.execute(f"CREATE OR REPLACE TEMP TABLE __head AS {first}")
    headers = [r[0] for r in con.execute("DESCRIBE __head").fetchall()]
    columns, found, problems = _find_columns(headers, source, name)
    if problems or (source.kind == "learning" and _status_report(headers)):
        return None
    # in the staged route's order: lines that are no record, ignored words, totals without a word
    ignored = _ignored_sql(source, found)
    after = {"ignored": ignored, "unlabelled": _unlabelled_sql(_who(found))}
    cases = " ".join(f"WHEN {c} THEN {_literal(r)}" for r, c in (_footer_conditions(headers) | after).items() if c)
    rest = " ".join(f"WHEN {c} THEN {_literal(r)}" for r, c in after.items() if c)
    # an ordinary record skips the footer tests (a tenth of the whole import's time)
    ordinary = f"WHEN {_ordinary_record(headers)} THEN " + (f"CASE {rest} END " if rest else "NULL ")
    line = f"CASE {ordinary}{cases} END" if cases else "NULL::VARCHAR"
    date = _text_cell(found.get("date"))
    sample_sql = "SELECT {date} FROM (SELECT * FROM (SELECT *, {line} AS __pre FROM ({records})) WHERE __pre IS NULL) "
    sample_sql += "WHERE {date} IS NOT NULL LIMIT 500"
    head = con.execute(sample_sql.format(date=date, line=line, records="SELECT * FROM __head")).fetchall()
    rows_in_head = con.execute("SELECT count(*) FROM __head").fetchone()[0]
    con.execute("DROP TABLE __head")
    if len(head) < 500 and rows_in_head == HEAD_ROWS:  # the first 500 dates lie further down
        head = con.execute(sample_sql.format(date=date, line=line, records=records.sql)).fetchall()
    checks = _event_checks(source, columns, found, records.decimal, [r[0] for r in head])
    bad = " OR ".join(f"({where})" for _, where, _, _ in checks.bad())
    nobody = f"WHEN {_nobody_sql(source)} THEN 'unattributed' " if source.kind in NOBODY_LEFT_OUT else ""
    reason = f"CASE WHEN __pre IS NOT NULL THEN __pre WHEN coalesce({bad}, false) THEN 'bad' {nobody}END"
    return _OnePass(checks.columns(), line, reason, found, checks, ignored is not None, tuple(headers))


def _one_pass_skipped(records: _Records, plan: _OnePass, kind: str, left: dict[str, int]) -> dict[str, int]:
    """The lines left out by reason, as the staged route reports them."""
    skipped = dict(records.skipped) | {r: left.get(r, 0) for r in ("blank", "comments", "totals")}
    skipped = {reason: n for reason, n in skipped.items() if n}
    if plan.ignores:
        skipped["ignored"] = left.get("ignored", 0)
    if left.get("unlabelled"):
        skipped["totals"] = skipped.get("totals", 0) + left["unlabelled"]
    if kind in NOBODY_LEFT_OUT:
        skipped["unattributed"] = left.get("unattributed", 0)
    return skipped


def _check_in_one_pass(
    con: duckdb.DuckDBPyConnection, source: ActivitySource, path: Path, name: str
) -> tuple[dict[str, int], int] | None:
    """Check an export in one pass without storing it: the lines left out by reason and the records
    read. None when the staged route must read it (see `_one_pass`) or a cell is bad (for the messages)."""
    if not ONE_PASS or path.suffix.lower() in EXCEL_SUFFIXES:
        return None
    try:
        with _records(con, path, name, source) as records:
            plan = _one_pass(con, records, source, name)
            if plan is None:
                return None
            left = dict(
                con.execute(f"SELECT {REASON}, count(*) FROM ({plan.rows(records.sql)}) GROUP BY ALL").fetchall()
            )
    except CampaignError:
        raise
    except Exception as exc:
        raise _unreadable(exc, path, name) from None
    if "bad" in left:
        return None
    read = sum(n for reason, n in left.items() if reason in (None, "unattributed"))
    return _one_pass_skipped(records, plan, source.kind, {r: n for r, n in left.items() if r}), read


def _import_next(
    con: duckdb.DuckDBPyConnection, pending: list[tuple[str, ActivitySource, Path, str]], report: ImportReport
) -> tuple[int, list[Problem]]:
    """Import the next pending file: in one pass where it can, together with the files after it of the
    same source and layout (up to BATCH), else by the staged route. Returns how many files were read
    and their problems."""
    _, source, path, name = pending[0]
    again = {(f["kind"], f["file"]) for f in report.files}  # the same file named twice: told apart by file
    if ONE_PASS and path.suffix.lower() not in EXCEL_SUFFIXES and not source.dates and (source.kind, name) not in again:
        try:
            with _records(con, path, name, source) as records:
                plan = _one_pass(con, records, source, name)
                if plan is not None:
                    batch = [(path, name, records)]
                    if records.direct:
                        batch += _batch_after(con, pending, records, plan, again)
                    return len(batch), _import_one_pass(con, source, plan, batch, report)
        except CampaignError:
            raise
        except duckdb.Error as exc:
            raise _unreadable(exc, path, name) from None
    problems, found, counts, skipped = _stage_and_check(con, source, path, name)
    if problems:
        return 1, problems
    return 1, _store_file(con, source, path, name, report, found, counts, skipped)


def _header_line(path: Path) -> bytes | None:
    """A file's first line as it is, if it has no quote (a quoted header may go on for lines)."""
    with path.open("rb") as handle:
        line = handle.readline(2**16)
    return line if line.endswith(b"\n") and b'"' not in line else None


def _batch_after(
    con: duckdb.DuckDBPyConnection,
    pending: list[tuple[str, ActivitySource, Path, str]],
    first: _Records,
    plan: _OnePass,
    again: set[tuple[str, str]],
) -> list[tuple[Path, str, _Records]]:
    """The files after the first pending one that can be read in the same statement: the same source,
    read as they are (UTF-8, header on the first line), the same separator, headers and date format."""
    _, source, path, _ = pending[0]
    batch = []
    size = path.stat().st_size
    header = _header_line(path)
    for _, other, more, name in pending[1:BATCH]:
        if other is not source or (other.kind, name) in again or more.suffix.lower() != path.suffix.lower():
            break
        size += more.stat().st_size
        if size > BATCH_BYTES:
            break
        with _records(con, more, name, other) as records:
            if not records.direct or records.sql.replace(_literal(str(more)), _literal(str(path))) != first.sql:
                break
            if records.decimal != first.decimal or records.skipped != first.skipped:
                break
            same_header = header is not None and _header_line(more) == header
            theirs = _one_pass(con, records, other, name, plan.headers if same_header else ())
        if theirs is None or not theirs.same(plan):
            break
        batch.append((more, name, records))
    return batch


def _import_one_pass(
    con: duckdb.DuckDBPyConnection,
    source: ActivitySource,
    plan: _OnePass,
    batch: list[tuple[Path, str, _Records]],
    report: ImportReport,
) -> list[Problem]:
    """Import files of one source and layout in one pass: every record parsed, checked, keyed and
    inserted by one statement, a record left out inserted as a marker (no key, its reason as result)
    that is counted and deleted after (rare, and a delete inside the transaction is dear). Then, file
    by file in the order read, the store's counting rules on its own rows (`_settle`). Its problems
    when a cell is bad (the staged route names them)."""
    kind, counted = source.kind, source.kind in COUNT_COLUMNS
    names = [name for _, name, _ in batch]
    ids = [_file_id(con, kind, name) for name in names]
    if len(batch) == 1:
        records, file = batch[0][2].sql, str(ids[0])
    else:  # one read of every file, each record with its file
        paths = [str(path) for path, _, _ in batch]
        listed = "[" + ", ".join(_literal(p) for p in paths) + "]"
        records = batch[0][2].sql.replace(
            f"read_csv({_literal(paths[0])}, ", f"read_csv({listed}, filename = true, ", 1
        )
        file = (
            "CASE filename "
            + " ".join(f"WHEN {_literal(p)} THEN {i}" for p, i in zip(paths, ids, strict=True))
            + " END"
        )
    select, ambassador, person = _event_parts(source, plan.checks.counts)
    # a zero only serves to replace an earlier export's figure: stored only when there is one
    zeros = counted and (
        len(batch) > 1 or con.execute("SELECT count(*) FROM events WHERE kind = ?", [kind]).fetchone()[0] > 0
    )
    if len(select) == 1:
        unpivot = f"SELECT *, {select[0][0]} AS {RESULT}, {select[0][1]} AS {AMOUNT} FROM ({plan.rows(records, file)})"
    else:  # one row per result, one only for a record left out
        values = ", ".join(f"({i}, {result}, {amount})" for i, (result, amount) in enumerate(select))
        unpivot = (
            f"SELECT * FROM ({plan.rows(records, file)}) s, LATERAL (VALUES {values}) v(__i, {RESULT}, {AMOUNT}) "
            f"WHERE s.{REASON} IS NULL OR v.__i = 0"
        )
    events = (
        f"SELECT p_date AS ts, {ambassador} AS ambassador, {RESULT} AS result, {AMOUNT} AS n, t_post AS post, "
        f"{person} AS person, t_medium AS medium, t_id AS event_id, {REASON}, __file FROM ({unpivot})"
    )
    # keyed as the staged route keys them (see _store_events)
    content = "ts, ambassador, result, post, person, medium, event_id" + ("" if counted else ", n")
    con.execute(
        f"INSERT INTO events SELECT CASE WHEN {REASON} IS NULL THEN hash({_literal(kind)}, {content}) END, "
        f"{_literal(kind)}, __file, ts, ambassador, "
        f"CASE WHEN {REASON} IS NULL THEN result ELSE '~' || {REASON} END, n, post, person FROM ({events}) "
        f"WHERE {REASON} IS NOT NULL OR n > 0" + (" OR n = 0" if zeros else "")
    )
    where = f"kind = ? AND file IN ({', '.join('?' for _ in names)})"
    stats: dict[str, dict] = {name: {"left": {}, "rows": 0, "events": 0, "first": None, "last": None} for name in names}
    name_of = dict(zip(ids, names, strict=True))
    for number, marker, n, positive, first, last in con.execute(
        "SELECT file, CASE WHEN key IS NULL THEN result END, count(*), count(*) FILTER (n > 0), min(ts), max(ts) "
        f"FROM events WHERE {where} GROUP BY ALL",
        [kind, *ids],
    ).fetchall():
        name = name_of[number]
        if marker is None:
            stats[name] |= {"rows": n, "events": positive, "first": first, "last": last}
        else:
            stats[name]["left"][marker[1:]] = n
    bad = [(path, name) for path, name, _ in batch if "bad" in stats[name]["left"]]
    if bad:  # the staged route finds the same cells and names their rows; the import is rolled back
        problems = []
        for path, name in bad:
            found = _stage_and_check(con, source, path, name)[0]
            assert found, f"{name}: a bad cell the staged check does not find"
            problems += found
        for table in ("raw", "staged"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        return problems
    if any(s["left"] for s in stats.values()):
        con.execute(f"DELETE FROM events WHERE {where} AND key IS NULL", [kind, *ids])
    # the keys a file holds more than once, file by file (one grouping of the batch's keys is slower),
    # looked for only in a file with fewer keys than rows (counting them is cheaper than grouping)
    con.execute("CREATE OR REPLACE TEMP TABLE twice (file INTEGER, key UBIGINT)")
    for number, name in zip(ids, names, strict=True):
        own = [kind, number, stats[name]["first"], stats[name]["last"]]
        keys = "FROM events WHERE kind = ? AND file = ? AND ts BETWEEN ? AND ?"
        if con.execute(f"SELECT count(DISTINCT key) {keys}", own).fetchone()[0] < stats[name]["rows"]:
            con.execute(f"INSERT INTO twice SELECT ?, key {keys} GROUP BY key HAVING count(*) > 1", [number, *own])
    repeats = {name_of[number] for (number,) in con.execute("SELECT DISTINCT file FROM twice").fetchall()}
    # the spans of the events stored before: a file whose span meets none of them has no event stored
    spans = con.execute("SELECT first_ts, last_ts FROM imports WHERE kind = ?", [kind]).fetchall()
    for position, (path, name, records) in enumerate(batch):
        facts = stats[name]
        skipped = _one_pass_skipped(records, plan, kind, facts["left"])
        later = ids[position + 1 :]  # read in the same statement, counted after this one
        meets = facts["first"] is not None and any(
            first is None or last is None or (first <= facts["last"] and facts["first"] <= last)
            for first, last in spans
        )
        new = _settle(
            con, kind, ids[position], later, counted, bool(plan.found.get("id")), facts, name in repeats, meets
        )
        spans.append((facts["first"], facts["last"]))
        if plan.found.get("title"):  # each post's title, in file order: the last one wins
            post, title = _text_cell(plan.found.get("post")), _text_cell(plan.found["title"])
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE staged AS SELECT row_number() OVER () AS record, {post} AS t_post, "
                f"{title} AS t_title FROM ({plan.kept(records.sql)})"
            )
            _store_titles(con, kind)
            con.execute("DROP TABLE staged")
        if counted and not zeros:  # each record gave its events; the zeros were not stored, so count them
            read = con.execute(f"SELECT count(*) FROM ({plan.kept(records.sql)})").fetchone()[0]
        else:
            read = facts["rows"] // len(select) + skipped.get("unattributed", 0)
        stat = path.stat()
        con.execute(
            "INSERT INTO imports (kind, file, size, mtime, sha256, rows, events, new, skipped, first_ts, last_ts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                kind,
                name,
                stat.st_size,
                stat.st_mtime_ns,
                report.sha256(path),
                read,
                facts["events"],
                new,
                json.dumps(skipped),
                facts["first"],
                facts["last"],
            ],
        )
        report.files.append(
            {"kind": kind, "file": name, "rows": read, "new": new, "status": "imported", "skipped": skipped}
        )
    con.execute("DROP TABLE twice")
    return []


def _settle(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    file: int,
    later: list[int],
    counted: bool,
    has_id: bool,
    facts: dict,
    repeated: bool,
    meets: bool = True,
) -> int:
    """Apply the store's counting rules to a file's rows just inserted (see `_store_events`): the 2nd,
    3rd, ... copy of a repeated row numbered (or, with the export's own event id, one kept); an event
    stored before from another file dropped, or for counts the earlier figure replaced; zeros, which
    only served to replace, dropped. `file` is the file's number; files read in the same statement
    after it (`later`) are not yet stored; `meets` is False when no event stored before lies in the
    file's time span.
    Returns the events new to the store."""
    # the file's own rows; its time span lets DuckDB skip the row groups of every other file (a
    # store of 100 million events holds many)
    own = "kind = ? AND file = ? AND ts BETWEEN ? AND ?"
    mine = [kind, file, facts["first"], facts["last"]]
    copies = (  # the copies of each repeated row (`twice` holds the batch's keys seen more than once)
        "SELECT rowid AS rid, row_number() OVER (PARTITION BY key) AS occurrence FROM events "
        f"WHERE {own} AND key IN (SELECT key FROM twice WHERE file = ?)"
    )
    if repeated and not has_id:
        con.execute(
            f"UPDATE events SET key = hash(events.key, c.occurrence) FROM ({copies}) c "
            "WHERE events.rowid = c.rid AND c.occurrence > 1",
            [*mine, file],
        )
        repeated = False
    inserted = facts["rows"]
    # only stored events of this kind inside the file's time span can share a key (it includes the time)
    others = "kind = ? AND file NOT IN (" + ", ".join("?" for _ in [file, *later]) + ") AND ts BETWEEN ? AND ?"
    span = [kind, file, *later, facts["first"], facts["last"]]
    stored = f"SELECT key FROM events WHERE {others}"
    seen = (
        meets
        and con.execute(f"SELECT count(*) FROM events WHERE {own} AND key IN ({stored})", mine + span).fetchone()[0]
    )
    replaced = 0
    if seen and counted:  # the newer export's figures win
        replaced = con.execute(
            f"DELETE FROM events WHERE {others} AND key IN (SELECT key FROM events WHERE {own})",
            span + mine,
        ).fetchone()[0]
    elif seen:
        inserted -= con.execute(f"DELETE FROM events WHERE {own} AND key IN ({stored})", mine + span).fetchone()[0]
    if counted and facts["rows"] > facts["events"]:
        inserted -= con.execute(f"DELETE FROM events WHERE {own} AND n = 0", mine).fetchone()[0]
    if repeated:  # an event id given twice is one event
        inserted -= con.execute(
            f"DELETE FROM events WHERE rowid IN (SELECT rid FROM ({copies}) WHERE occurrence > 1)", [*mine, file]
        ).fetchone()[0]
    return inserted - replaced


def _stage_and_check(
    con: duckdb.DuckDBPyConnection, source: ActivitySource, path: Path, name: str
) -> tuple[list[Problem], dict[str, str | None], dict[str, str], dict[str, int]]:
    """Stage one export as text and parse its cells into `staged`. Returns the problems (missing
    columns, cells that do not parse), the headers found per column and the count columns."""
    decimal, record, skipped = _stage_raw(con, path, name, source)
    headers = [r[0] for r in con.execute("DESCRIBE raw").fetchall() if r[0] != LINE]
    columns, found, problems = _find_columns(headers, source, name)
    counts = {c: r for c, r in COUNT_COLUMNS.get(source.kind, {}).items() if found.get(c)}
    _drop_ignored(con, source, found, skipped)
    if source.dates:
        problems += _find_status_columns(pd.DataFrame(columns=headers), source, name, found, headers)
        if problems:
            return problems, found, counts, skipped
        return _check_status_report(con, source, name, record, found, skipped), found, counts, skipped
    dated = _status_report(headers) if source.kind == "learning" else []
    if dated:
        # one row per person and course with a start and a completion date: read as events, every
        # completion would get one date for both; refused with how to wire it rather than counted wrong
        problems = [Problem.of(name, "", "error.status_report", start=repr(dated[0]), completion=repr(dated[1]))]
    if problems:
        return problems, found, counts, skipped
    # a record with no date and nobody in it is a totals line without its word (UA's last line)
    _drop_unlabelled_totals(con, _who(found), skipped)
    date = _text_cell(found.get("date"))
    sample = [r[0] for r in con.execute(f"SELECT {date} FROM raw WHERE {date} IS NOT NULL LIMIT 500").fetchall()]
    checks = _event_checks(source, columns, found, decimal, sample)
    con.execute(
        # each record keeps its line in the file: messages point at the spreadsheet row
        f"CREATE OR REPLACE TEMP TABLE staged AS SELECT {LINE} AS record, {checks.columns()} FROM raw"
    )
    # what is wrong, row by row (the first few), before anything is stored
    bad = [
        f"SELECT record, {_literal(col)} AS col, {value} AS value, {_literal(expected)} AS expected "
        f"FROM staged WHERE {where}"
        for col, where, value, expected in checks.bad()
    ]
    rows = con.execute(
        f"SELECT * FROM ({' UNION ALL '.join(bad)}) ORDER BY record, col LIMIT {MAX_PROBLEMS}"
    ).fetchall()
    for number, col, value, expected in rows:
        header = found.get(col) or col
        where = f"{record} {number}, column {header!r}"
        if expected == "expected.word":  # the words this source knows, and where to add one
            options = ", ".join(sorted(set(checks.words.values())))
            label = "error.empty_word" if value is None else "error.not_valid_word"
            problems.append(Problem.of(name, where, label, value=repr(value), options=options))
        elif value is None:
            problems.append(Problem.of(name, where, "error.empty", expected=Label(expected)))
        else:
            problems.append(Problem.of(name, where, "error.not_valid", value=repr(value), expected=Label(expected)))
    if problems:
        return problems, found, counts, skipped
    if source.kind in NOBODY_LEFT_OUT:
        skipped["unattributed"] = con.execute(f"SELECT count(*) FROM staged WHERE {_nobody_sql(source)}").fetchone()[0]
    return problems, found, counts, skipped


# the date columns of an LMS status report (Docebo's 'First Access Date' / 'Completion Date', a Dutch
# 'Startdatum' / 'Datum voltooid'); an event log has one date per row
STARTED_WORDS = ("start", "begin", "first access", "gestart", "aangemeld", "enrollment", "inschrijving")
COMPLETED_WORDS = ("complet", "voltooid", "afgerond", "finished", "passed", "abgeschlossen")


def _status_report(headers: list[str]) -> list[str]:
    """The start and completion date columns when the export is a status report, else []."""
    dated = [h for h in headers if re.search(r"\b(date|datum|op|on|at)\b|datum", h.lower())]
    # by the words' order: Docebo's 'First Access Date' is the start, its 'Enrollment Date' only a sign-up
    started = [h for w in STARTED_WORDS for h in dated if w in h.lower()]
    completed = [h for w in COMPLETED_WORDS for h in dated if w in h.lower()]
    return [started[0], completed[0]] if started and completed else []


def _find_status_columns(
    probe: pd.DataFrame, source: ActivitySource, name: str, found: dict[str, str | None], headers: list[str]
) -> list[Problem]:
    """Find each date column ('date:<result>') and key column ('key:<n>') of a status report as the
    file spells it, into `found`; a missing one is a problem naming what the file has."""
    person, item = ENTITY[source.kind]
    wanted = {f"date:{result}": header for result, header in source.dates.items()}
    wanted |= {f"key:{i}": header for i, header in enumerate(source.key)}
    problems = []
    for slot, header in wanted.items():
        found[slot] = find_header(probe, Column(slot), {slot: header})
        if found[slot] is None:
            problems.append(
                Problem.of(
                    name,
                    f"column {header!r}",
                    "error.column_missing.mapped",
                    header=repr(header),
                    headers=shown_headers(headers),
                )
            )
    if not source.key:  # the person and, when the file has one, the course or job
        found |= {f"key:{i}": h for i, h in enumerate(h for h in (found[person], found[item]) if h)}
    return problems


def _ignored_sql(source: ActivitySource, found: dict[str, str | None]) -> str | None:
    """True for a row whose event, stage or status is a word the campaign says is no result
    (`ignore:`, e.g. Moodle's 'Course viewed'); None when the source ignores nothing."""
    column = found.get("status") if source.dates else found.get({"learning": "event"}.get(source.kind, "stage"))
    if not source.ignore or not column:
        return None
    words = ", ".join(_literal(w.strip().lower()) for w in source.ignore)
    return f"coalesce(lower(trim({_text_cell(column)})) IN ({words}), false)"


def _drop_ignored(
    con: duckdb.DuckDBPyConnection, source: ActivitySource, found: dict[str, str | None], skipped: dict[str, int]
) -> None:
    """Leave out the rows the campaign ignores (`_ignored_sql`), counted as left out."""
    where = _ignored_sql(source, found)
    if where is None:
        return
    skipped["ignored"] = con.execute(f"SELECT count(*) FROM raw WHERE {where}").fetchone()[0]
    if skipped["ignored"]:
        con.execute(f"DELETE FROM raw WHERE {where}")


def _text_cell(header: str | None) -> str:
    """A text cell as SQL: trimmed, empty as NULL; NULL for a column the file does not have."""
    if not header:
        return "NULL"
    cell = _quote(header)
    # trim only a cell that needs it: as trim() everywhere, and the import's largest cost halved
    return f"NULLIF(CASE WHEN {cell} LIKE ' %' OR {cell} LIKE '% ' THEN trim({cell}) ELSE {cell} END, '')"


def _unlabelled_sql(headers: list[str]) -> str | None:
    """True for a record empty in every one of `headers` (no date, nobody): a totals line without its
    word, such as UA's last line or an LMS report's count line."""
    return " AND ".join(f"{_quote(h)} IS NULL" for h in headers if h) or None  # an empty field reads as NULL


def _drop_unlabelled_totals(con: duckdb.DuckDBPyConnection, headers: list[str], skipped: dict[str, int]) -> None:
    """Leave out the totals lines without a word (`_unlabelled_sql`). The delete runs only when one exists."""
    empty = _unlabelled_sql(headers)
    if empty and con.execute(f"SELECT count(*) FROM raw WHERE {empty}").fetchone()[0]:
        skipped["totals"] = skipped.get("totals", 0) + con.execute(f"DELETE FROM raw WHERE {empty}").fetchone()[0]


def _check_status_report(
    con: duckdb.DuckDBPyConnection, source: ActivitySource, name: str, record: str, found: dict, skipped: dict
) -> list[Problem]:
    """Parse a status report's rows into `staged`: per row its entity (the key columns), the person,
    the ambassador, each event's date and whether the status says the final event (completed, hired)
    happened. Problems: a filled date that does not read, no person, a final status without its date."""
    person, _ = ENTITY[source.kind]
    dated = {result: found[f"date:{result}"] for result in source.dates}
    keys = [h for slot, h in found.items() if slot.startswith("key:")]
    _drop_unlabelled_totals(con, [found[person], *dated.values()], skipped)
    final = FINAL[source.kind]
    status = found.get("status")
    done_words = ", ".join(_literal(w) for w, r in vocabulary(source).items() if r == final)
    says_final = f"coalesce(lower({_text_cell(status)}) IN ({done_words}), false)" if status else "true"
    parsed = []
    for result, header in dated.items():
        samples = con.execute(
            f"SELECT {_text_cell(header)} FROM raw WHERE {_quote(header)} IS NOT NULL LIMIT 500"
        ).fetchall()
        likely = likely_date_format([r[0] for r in samples if r[0]])
        parsed += [f"{_source_date_sql(_text_cell(header), source, likely)} AS {_quote('p_' + result)}"]
        parsed += [f"{_text_cell(header)} AS {_quote('r_' + result)}"]
    entity = "hash(" + ", ".join(_text_cell(h) for h in keys) + ")"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE staged AS SELECT {LINE} AS record, {', '.join(parsed)}, "
        f"{_text_cell(found[person])} AS t_person, {_text_cell(found.get('ambassador'))} AS t_ambassador, "
        f"{_text_cell(status)} AS t_status, {says_final} AS says_final, {entity} AS entity FROM raw"
    )
    bad = [
        f"SELECT record, {_literal(header)} AS header, r_{result} AS value, 'date' AS what FROM staged "
        f"WHERE r_{result} IS NOT NULL AND NOT coalesce(year(p_{result}) >= {EARLIEST_YEAR}, false)"
        for result, header in dated.items()
    ]
    bad.append(f"SELECT record, {_literal(found[person])}, NULL, 'person' FROM staged WHERE t_person IS NULL")
    if status and final in dated:
        bad.append(
            f"SELECT record, {_literal(status)}, t_status, 'final' FROM staged WHERE says_final AND r_{final} IS NULL"
        )
    problems = []
    rows = con.execute(f"SELECT * FROM ({' UNION ALL '.join(bad)}) ORDER BY 1, 2 LIMIT {MAX_PROBLEMS}").fetchall()
    for number, header, value, what in rows:
        where = f"{record} {number}, column {header!r}"
        if what == "date":
            problems.append(
                Problem.of(name, where, "error.not_valid", value=repr(value), expected=Label("expected.date_dmy"))
            )
        elif what == "person":
            problems.append(Problem.of(name, where, "error.empty", expected=Label("expected.value")))
        else:
            problems.append(
                Problem.of(name, where, "error.final_without_date", value=repr(value), date=repr(dated[final]))
            )
    if problems:
        return problems
    rows, entities, not_final = con.execute(
        "SELECT count(*), count(DISTINCT entity), "
        + (f"count(*) FILTER (WHERE p_{final} IS NOT NULL AND NOT says_final) " if final in dated else "0 ")
        + "FROM staged"
    ).fetchone()
    skipped["repeated"] = rows - entities
    skipped["not_final"] = not_final
    if source.kind in NOBODY_LEFT_OUT:
        skipped["unattributed"] = con.execute(f"SELECT count(*) FROM staged WHERE {_nobody_sql(source)}").fetchone()[0]
    return []


def _store_status_report(con: duckdb.DuckDBPyConnection, source: ActivitySource, name: str) -> tuple[int, int]:
    """Events from the rows of a status report in `staged`: one per filled date. An event's key is its
    entity and result, not its date or file: a row repeated in the report counts once (its last copy
    wins), and a later report's row replaces the earlier report's instead of adding to it.
    Returns (events in the file, events new to the store)."""
    nobody = _nobody_sql(source)
    ambassador = f"CASE WHEN {nobody} THEN NULL ELSE t_ambassador END"
    where = f"NOT ({nobody})" if source.kind in NOBODY_LEFT_OUT else "true"
    kind, file = _literal(source.kind), _file_id(con, source.kind, name)
    parts = [
        f"SELECT hash({kind}, 'entity', entity, {_literal(result)}) AS key, {kind} AS kind, {file} AS file, "
        f"p_{result} AS ts, {ambassador} AS ambassador, {_literal(result)} AS result, 1.0 AS n, NULL AS post, "
        f"t_person AS person, record FROM staged WHERE p_{result} IS NOT NULL AND {where}"
        + (" AND says_final" if result == FINAL[source.kind] else "")
        for result in source.dates
    ]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fresh AS SELECT DISTINCT ON (key) * EXCLUDE (record) "
        f"FROM ({' UNION ALL '.join(parts)}) ORDER BY key, record DESC"
    )
    replaced = con.execute(
        "DELETE FROM events WHERE kind = ? AND key IN (SELECT key FROM fresh)", [source.kind]
    ).fetchone()[0]
    inserted = con.execute("INSERT INTO events SELECT * FROM fresh").fetchone()[0]
    return inserted, inserted - replaced


def _nobody_sql(source: ActivitySource) -> str:
    """True for a staged record whose ambassador is nobody: empty, (direct), (not set), ..."""
    nobody = sorted({w.strip().lower() for w in (*UNATTRIBUTED, *source.unattributed)})
    words = ", ".join(_literal(w) for w in nobody)
    # t_ambassador is trimmed, empty as NULL (`_text_cell`): no trim again on every record. lower() is
    # only paid for a name whose first character can start one of the words (lower() of an ASCII
    # character is ASCII; a name starting otherwise is always looked up)
    firsts = sorted({ord(c) for w in nobody if w and w[0].isascii() for c in (w[0], w[0].upper())})
    could = f"(ord(t_ambassador) IN ({', '.join(map(str, firsts))}) OR ord(t_ambassador) > 127) AND " if firsts else ""
    return f"(t_ambassador IS NULL OR ({could}lower(t_ambassador) IN ({words})))"


def _store_file(
    con: duckdb.DuckDBPyConnection,
    source: ActivitySource,
    path: Path,
    name: str,
    report: ImportReport,
    found: dict[str, str | None],
    counts: dict[str, str],
    skipped: dict[str, int],
) -> list[Problem]:
    """Turn the checked rows in `staged` into events and add the new ones to the store."""
    if source.dates:
        events, new = _store_status_report(con, source, name)
    else:
        events, new = _store_events(con, source, name, found, counts)
    records = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    stat = path.stat()
    con.execute(
        "INSERT INTO imports (kind, file, size, mtime, sha256, rows, events, new, skipped) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source.kind, name, stat.st_size, stat.st_mtime_ns, report.sha256(path), records, events, new]
        + [json.dumps(skipped)],
    )
    for table in ("raw", "staged", "fresh"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    report.files.append(
        {"kind": source.kind, "file": name, "rows": records, "new": new, "status": "imported", "skipped": skipped}
    )
    return []


def _event_parts(source: ActivitySource, counts: dict[str, str]) -> tuple[list[tuple[str, str]], str, str]:
    """How a checked record becomes events: (result, amount) per event it gives, its ambassador and
    its person, as SQL over `staged`'s columns. Records no ambassador brought are left out (web,
    sharing, recruitment) or kept without an ambassador (learning)."""
    if source.kind == "learning":
        nobody = _nobody_sql(source)
        return [("p_event", "1.0")], f"CASE WHEN {nobody} THEN NULL ELSE t_ambassador END", _quote("t_employee")
    if source.kind == "recruitment":
        return [("p_stage", "1.0")], "t_ambassador", _quote("t_candidate")
    select = [(_literal(result), f"coalesce({_quote('p_' + col)}, 0)") for col, result in counts.items()]
    # without a count column every row is one share or one visit, as some platforms export them
    if source.kind == "sharing" and "shares" not in counts:
        select.append(("'share'", "1.0"))
    if source.kind == "web" and "visits" not in counts:
        select = [("'visit'", "1.0")]
    return select, "t_ambassador", "NULL"


def _store_events(
    con: duckdb.DuckDBPyConnection,
    source: ActivitySource,
    name: str,
    found: dict[str, str | None],
    counts: dict[str, str],
) -> tuple[int, int]:
    """Events from the checked rows of an event log or an export of counts in `staged`, added to the
    store. Returns (events in the file, events new to the store)."""
    nobody = _nobody_sql(source)
    where = f"NOT ({nobody})" if source.kind in NOBODY_LEFT_OUT else "true"
    counted = source.kind in COUNT_COLUMNS
    select, ambassador, person = _event_parts(source, counts)
    parts = []
    for result_sql, amount in select:
        result_expr = _quote(result_sql) if result_sql.startswith("p_") else result_sql
        parts.append(
            f"SELECT {_quote('p_date')} AS ts, {ambassador} AS ambassador, {result_expr} AS result, {amount} AS n, "
            f"t_post AS post, {person} AS person, "
            f"t_medium AS medium, t_id AS event_id FROM staged WHERE {where}"
        )
    union = " UNION ALL ".join(parts)
    kind = _literal(source.kind)
    # An event's key is its content: the same row in two exports is one event. Rows repeated within
    # one export are separate events (two log-ins on a day), so each gets its occurrence number, unless
    # the export has its own event id. Exports of counts (shares, clicks, visits per day) are keyed
    # without the count: a later export that revised a day's figure replaces it instead of adding to it.
    content = "ts, ambassador, result, post, person, medium, event_id" + ("" if counted else ", n")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE fresh AS SELECT hash({kind}, {content}) AS key, "
        f"{kind} AS kind, {_file_id(con, source.kind, name)} AS file, ts, ambassador, result, n, post, person "
        # a count revised to 0 must still replace the earlier figure, so counted kinds keep their zeros here
        f"FROM ({union}) WHERE n > 0" + (" OR n = 0" if counted else "")
    )
    repeated = con.execute("SELECT count(*) - count(DISTINCT key) FROM fresh").fetchone()[0]
    if repeated and not found.get("id"):
        # the 2nd, 3rd, ... copy of a row gets its own key; the first keeps the plain one, so the same
        # row alone in another export is still the same event (numbering only the repeats is cheap)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE fresh AS "
            "WITH twice AS (SELECT key FROM fresh GROUP BY key HAVING count(*) > 1) "
            "SELECT * FROM fresh WHERE key NOT IN (SELECT key FROM twice) UNION ALL "
            "SELECT * EXCLUDE (occurrence) REPLACE (CASE WHEN occurrence = 1 THEN key ELSE hash(key, occurrence) END "
            "AS key) FROM (SELECT *, row_number() OVER (PARTITION BY key) AS occurrence FROM fresh "
            "WHERE key IN (SELECT key FROM twice))"
        )
        repeated = 0
    events, first, last = con.execute("SELECT count(*) FILTER (n > 0), min(ts), max(ts) FROM fresh").fetchone()
    # only stored events of this kind inside the file's time span can share a key (it includes the
    # time); checking on the keys alone keeps the common case, nothing seen before, a plain insert
    span = [source.kind, first, last]
    stored = "SELECT key FROM events WHERE kind = ? AND ts BETWEEN ? AND ?"
    # an event id given twice is one event; zeros only served to replace earlier figures
    rows = "(SELECT DISTINCT ON (key) * FROM fresh WHERE n > 0)" if repeated else "(SELECT * FROM fresh WHERE n > 0)"
    seen = con.execute(f"SELECT count(*) FROM fresh WHERE key IN ({stored})", span).fetchone()[0]
    replaced = 0
    if seen and counted:  # the newer export's figures win
        replaced = con.execute(
            "DELETE FROM events WHERE kind = ? AND ts BETWEEN ? AND ? AND key IN (SELECT key FROM fresh)", span
        ).fetchone()[0]
        inserted = con.execute(f"INSERT INTO events SELECT * FROM {rows}").fetchone()[0]
    elif seen:
        insert = f"INSERT INTO events SELECT * FROM {rows} f WHERE f.key NOT IN ({stored})"
        inserted = con.execute(insert, span).fetchone()[0]
    else:
        inserted = con.execute(f"INSERT INTO events SELECT * FROM {rows}").fetchone()[0]
    if found.get("title"):
        _store_titles(con, source.kind)
    return events, inserted - replaced


def _store_titles(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Each post's title from `staged` (t_post, t_title, record): the newer export's title of a post
    wins (a title edited on the platform), and within one export its last row's."""
    con.execute(
        "DELETE FROM titles WHERE kind = ? AND post IN (SELECT t_post FROM staged WHERE t_title IS NOT NULL)", [kind]
    )
    con.execute(
        f"INSERT INTO titles SELECT DISTINCT ON (t_post) {_literal(kind)}, t_post, t_title FROM staged "
        "WHERE t_post IS NOT NULL AND t_title IS NOT NULL ORDER BY t_post, record DESC"
    )


# the analyst's own list of posts (`activity.posts`): the id the exports use and the title to show
POST_COLUMNS = (
    Column("post", "text", True, ("bericht", "post id", "content id", "id", "utm_content", "campagne")),
    Column("title", "text", True, TITLE_ALIASES),
)


def read_posts_file(campaign: Campaign) -> dict[str, str]:
    """Post id -> title from `activity.posts`; {} when the campaign names none. A missing file,
    column or title is a CampaignError naming the file, row and column."""
    activity = _activity(campaign)
    if not activity.posts:
        return {}
    name = activity.posts
    frame, problems = map_columns(read_table((campaign.folder or Path(".")) / name, name), POST_COLUMNS, {}, name)
    if not problems:
        frame, problems = convert(frame, POST_COLUMNS, name)
    if problems:
        raise CampaignError(problems)
    return dict(zip(frame["post"], frame["title"], strict=True))


def post_titles(campaign: Campaign, con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each post's title: from exports with a title column, and from the campaign's posts file, which
    wins (someone wrote it for this report)."""
    titles = dict(con.execute("SELECT post, max(title) FROM titles GROUP BY post").fetchall())
    return titles | read_posts_file(campaign)


def _activity(campaign: Campaign) -> Activity:
    if campaign.activity is None:
        raise missing_section("activity", 4, "section.contents.activity")
    return campaign.activity
