"""Phase 4 at scale: 10,000,000 activity events of a year (5,000 ambassadors bringing in 100,000
employees) as CSV exports, read into the campaign's event store and analysed at the mid-term.

    .venv/bin/python benchmarks/midterm.py [--events N] [--years Y] [--dates iso|dutch] [--repeat R]
                                           [--parts baseline,duckdb,import,rerun,validate] [--workdir DIR]

Scale (issue 15): `--events 100000000 --years 10 --parts duckdb,import,rerun` is ten years of a
100,000-person organisation (the pandas baseline would need about 18 GiB; leave it out).

The exports: twelve monthly learning-platform files (login, start, completion; one event a row) and
the advocacy app's export (one row a share, with clicks and reactions: three events a row), their
times as 2027-03-31 14:05:09 or, with --dates dutch, as 31-03-2027 14:05:09. Measured,
each in a fresh process so that each has its own peak memory:

  import    the first import of every file into an empty store (activity.sync)
  re-run    midterm.analyse on the filled store: the files are unchanged, so this is the aggregations
            (KPI progress with forecasts, the scoreboard, posts, weekly and monthly trend)
  baseline  a naive pandas version of the same figures: read_csv of the same files, then groupby
  validate  what `campaign validate` does with the exports: every file read and every row checked, in
            memory, without the store (target: no slower than the first import)

Prints a table, then last the ratios and the peak memories. Targets on a 2-core machine: the re-run at
least 5x faster than the baseline, the first import no slower than it, the import's and the re-run's
peak memory under 1 GiB (the baseline's is shown for comparison).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# numpy, pandas and campaign_kit are imported inside the parts: this process only starts the others,
# and a child's peak memory (ru_maxrss) starts from its parent's, so the parent stays small.

SLUG = "midterm-benchmark"
START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
AS_OF = END  # the whole span: every event is in range


def set_years(years: int) -> None:
    """The campaign spans `years` calendar years from START (monthly learning exports throughout)."""
    global END, AS_OF
    END = dt.date(START.year + years - 1, 12, 31)
    AS_OF = END


AMBASSADORS, EMPLOYEES = 5_000, 100_000
SHARING_SHARE = 0.15  # of the events; the rest are learning events
LEARNING_EVENTS = {"login": 0.8, "start": 0.12, "completion": 0.08}
POSTS_PER_WEEK = 3
SEED = 4
LIMIT_MIB = 1024
DATE_FORMATS = {"iso": "%Y-%m-%d %H:%M:%S", "dutch": "%d-%m-%Y %H:%M:%S"}


def campaign_data(ambassadors: list[str], learning: str, sharing: str) -> dict:
    return {
        "name": "Midterm benchmark",
        "organisation": "Benchmark",
        "language": "en",
        "start": START,
        "end": END,
        "population": {"description": "everyone", "size": EMPLOYEES},
        "team": {"ambassadors": len(ambassadors), "hours_per_month": 100},
        "goal": {"statement": "benchmark"},
        "kpis": [
            {
                "id": "K1",
                "name": "Colleagues who completed a module",
                "target": 90_000,
                "unit": "people",
                "counts_people": True,
                "measure": {"result": "completion", "count": "people"},
            },
            {"id": "K2", "name": "Logins", "target": 7_000_000, "unit": "logins", "measure": {"result": "login"}},
            {"id": "K3", "name": "Shares", "target": 500_000, "unit": "shares", "measure": {"result": "share"}},
            {
                "id": "K4",
                "name": "Active sharers",
                "target": 5_000,
                "unit": "ambassadors",
                "measure": {"result": "share", "count": "ambassadors", "window_days": 30},
            },
            {
                "id": "K5",
                "name": "Clicks per ambassador",
                "target": 2_000,
                "unit": "clicks",
                "scope": "per_ambassador",
                "measure": {"result": "click"},
            },
        ],
        "activity": {
            "sources": [{"kind": "learning", "files": learning}, {"kind": "sharing", "files": sharing}],
            "ambassadors": ambassadors,
            "active_days": 30,
        },
    }


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# the data (a child process of its own) --------------------------------------------------------------
def generate(workdir: Path, events: int, dates: str) -> None:
    """The campaign folder with its exports, deterministic for a number of events."""
    import numpy as np
    import pandas as pd
    import yaml

    folder = workdir / "parameters" / SLUG
    (folder / "activity").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    share_rows = round(events * SHARING_SHARE / 3)  # a share row is three events: share, click, reaction
    learning_rows = events - 3 * share_rows
    first = np.datetime64(START, "s")
    seconds = int((np.datetime64(END + dt.timedelta(days=1), "s") - first).astype(int))

    def times(n: int) -> np.ndarray:
        # sorted, one second apart at least (so every event is distinct), jittered within its slot
        step = seconds / n
        if step < 1:
            raise SystemExit(f"{n:,} rows do not fit a year one second apart; ask for fewer events")
        slot = np.floor(np.arange(n) * step).astype(np.int64)
        return first + slot + rng.integers(0, max(1, int(step)), n)

    def written(ts: np.ndarray) -> np.ndarray:
        """The times as the export writes them: ISO with a space, or day-month-year."""
        chars = np.char.encode(np.datetime_as_string(ts, unit="s")).view(np.uint8).reshape(-1, 19).copy()
        chars[:, 10] = ord(" ")
        if dates == "dutch":  # YYYY-MM-DD hh:mm:ss -> DD-MM-YYYY hh:mm:ss
            chars[:, :10] = chars[:, [8, 9, 4, 5, 6, 7, 0, 1, 2, 3]]
        return chars.view("S19").ravel().astype(str)

    ambassadors = [f"A{i:04d}" for i in range(1, AMBASSADORS + 1)]
    employees = np.array([f"E{i:06d}" for i in range(1, EMPLOYEES + 1)], dtype=object)
    zeal = rng.beta(2, 2, AMBASSADORS)  # how active each ambassador is
    # every colleague was brought in by one ambassador, 15% came on their own (an empty cell)
    brought_by = rng.choice(AMBASSADORS + 1, EMPLOYEES, p=np.append(0.85 * zeal / zeal.sum(), 0.15))
    names = pd.Index([*ambassadors, ""])

    ts = times(learning_rows)
    months = np.datetime64(START, "M") + np.arange(12 * (END.year - START.year + 1) + 1)
    bounds = np.searchsorted(ts, months.astype("datetime64[s]"))
    results = list(LEARNING_EVENTS)
    for month, lo, hi in zip(months[:-1], bounds[:-1], bounds[1:], strict=True):
        who = rng.integers(0, EMPLOYEES, hi - lo)
        frame = pd.DataFrame(
            {
                "date": written(ts[lo:hi]),
                "employee": employees[who],
                "event": pd.Categorical.from_codes(
                    rng.choice(len(results), hi - lo, p=list(LEARNING_EVENTS.values())), results
                ),
                "ambassador": names[brought_by[who]],
            }
        )
        frame.to_csv(folder / "activity" / f"lms-{month}.csv", index=False)

    ts = times(share_rows)
    week = ((ts - first).astype(np.int64) // (7 * 86_400)).astype(np.int64)
    posts = week * POSTS_PER_WEEK + rng.integers(0, POSTS_PER_WEEK, share_rows)  # a post of this week
    sharer = rng.choice(AMBASSADORS, share_rows, p=zeal / zeal.sum())
    pd.DataFrame(
        {
            "date": written(ts),
            "ambassador": np.array(ambassadors, dtype=object)[sharer],
            "post": [f"P{p + 1:03d}" for p in posts],
            "shares": 1,
            "clicks": 1 + rng.poisson(6 + 20 * zeal[sharer]),
            "reactions": 1 + rng.poisson(4 + 10 * zeal[sharer]),
        }
    ).to_csv(folder / "activity" / "advocacy-shares.csv", index=False)

    data = campaign_data(ambassadors, "activity/lms-*.csv", "activity/advocacy-shares.csv")
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    print(json.dumps({"learning_rows": learning_rows, "share_rows": share_rows, "peak_mib": peak_mib()}))


# the parts measured ---------------------------------------------------------------------------------
def run_import(workdir: Path, dates: str) -> dict:
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.data import activity

    campaign = load_campaign(workdir / "parameters" / SLUG)
    path = activity.store_path(campaign)
    for old in path.parent.glob(f"{path.name}*"):  # an empty store: no events, no imports
        old.unlink()
    start = time.perf_counter()
    with activity.open_store(path) as con:
        report = activity.sync(campaign, con)
    seconds = time.perf_counter() - start
    with activity.open_store(path) as con:
        stored = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {
        "seconds": seconds,
        "peak_mib": peak_mib(),
        "files": len(report.files),
        "new": report.new_events,
        "stored": stored,
        "store_mib": path.stat().st_size / 2**20,
    }


def run_rerun(workdir: Path, dates: str) -> dict:
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.phases.midterm.analysis import analyse

    start = time.perf_counter()
    campaign = load_campaign(workdir / "parameters" / SLUG)
    analysis = analyse(campaign, AS_OF)
    seconds = time.perf_counter() - start
    assert all(f["status"] == "unchanged" for f in analysis.imports.files), "the re-run imported files again"
    progress = analysis.progress.set_index("id")
    top = analysis.per_ambassador["share"].sort_values(ascending=False, kind="stable").head(5)
    return {
        "seconds": seconds,
        "peak_mib": peak_mib(),
        "totals": analysis.totals,
        "kpis": {k: float(v) for k, v in progress["actual"].items()},
        "top": {a: float(n) for a, n in top.items()},
        "active": analysis.active,
        "weeks": len(analysis.weekly["week"].unique()),
    }


def run_baseline(workdir: Path, dates: str) -> dict:
    """The figures as someone would compute them with pandas straight from the exports."""
    import numpy as np
    import pandas as pd

    folder = workdir / "parameters" / SLUG / "activity"
    start = time.perf_counter()
    read = {"parse_dates": ["date"], "date_format": DATE_FORMATS[dates]}
    learning = pd.concat([pd.read_csv(f, **read) for f in sorted(folder.glob("lms-*.csv"))])
    sharing = pd.read_csv(folder / "advocacy-shares.csv", **read)
    counts = {"shares": "share", "clicks": "click", "reactions": "reaction"}
    # long format: one row per result, like the store
    events = pd.concat(
        [
            learning.rename(columns={"event": "result", "employee": "person"}).assign(n=1.0),
            *(
                sharing[["date", "ambassador", "post", c]].rename(columns={c: "n"}).assign(result=r)
                for c, r in counts.items()
            ),
        ],
        ignore_index=True,
    )
    totals = events.groupby("result")["n"].sum()
    by_ambassador = events.groupby(["ambassador", "result"])["n"].sum().unstack(fill_value=0)
    events.groupby(["post", "result"])["n"].sum().unstack(fill_value=0)
    weekly = events.groupby([events["date"].dt.to_period("W").dt.start_time, "result"])["n"].sum()
    events.groupby([events["date"].dt.to_period("M"), "result"])["n"].sum().unstack(fill_value=0)
    recent = events[events["date"] >= pd.Timestamp(AS_OF - dt.timedelta(days=29))]  # the last 30 days
    active = recent["ambassador"].dropna().nunique()

    # the KPIs at the end of every week
    points = pd.date_range(pd.Timestamp(START) + pd.Timedelta(days=7), pd.Timestamp(AS_OF), freq="7D")
    ends = points + pd.Timedelta(days=1)
    first_completion = events[events["result"] == "completion"].groupby("person")["date"].min()
    kpis = {"K1": np.array([(first_completion < e).sum() for e in ends], dtype=float)}
    for kpi, result in (("K2", "login"), ("K3", "share"), ("K5", "click")):
        dated = events.loc[events["result"] == result, ["date", "n"]]
        kpis[kpi] = np.array([dated.loc[dated["date"] < e, "n"].sum() for e in ends], dtype=float)
    kpis["K5"] /= AMBASSADORS
    shares = events.loc[events["result"] == "share", ["date", "ambassador"]]
    kpis["K4"] = np.array(
        [
            shares.loc[(shares["date"] >= e - pd.Timedelta(days=30)) & (shares["date"] < e), "ambassador"].nunique()
            for e in ends
        ],
        dtype=float,
    )
    top = by_ambassador["share"].sort_values(ascending=False, kind="stable").head(5)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mib": peak_mib(),
        "totals": {str(r): float(n) for r, n in totals.items()},
        "kpis": {k: float(v[-1]) for k, v in kpis.items()},
        "top": {a: float(n) for a, n in top.items()},
        "active": int(active),
        "weeks": int(weekly.index.get_level_values(0).nunique()),
    }


def run_validate(workdir: Path, dates: str) -> dict:
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.run.checks import check_data

    start = time.perf_counter()
    checked = check_data(load_campaign(workdir / "parameters" / SLUG))
    seconds = time.perf_counter() - start
    assert not checked.problems, [p.describe("en") for p in checked.problems]
    return {"seconds": seconds, "peak_mib": peak_mib(), "files": checked.files}


def run_duckdb(workdir: Path, dates: str) -> dict:
    """The yardstick of the import: DuckDB alone loading the same files into a table of events, with
    the same date parsing and a hash key per row, then grouping them. What an analyst who knows
    DuckDB would write, without any of the store's counting rules."""
    import duckdb

    folder = workdir / "parameters" / SLUG / "activity"
    path = workdir / "yardstick.duckdb"
    path.unlink(missing_ok=True)
    fmt = DATE_FORMATS[dates]
    learning = [str(f) for f in sorted(folder.glob("lms-*.csv"))]
    sharing = str(folder / "advocacy-shares.csv")
    start = time.perf_counter()
    con = duckdb.connect(str(path))
    con.execute("SET memory_limit = '700MB'")  # as the store
    con.execute(
        "CREATE TABLE events AS SELECT hash(date, employee, event, ambassador) AS key, "
        f"strptime(date, '{fmt}') AS ts, employee AS person, nullif(ambassador, '') AS ambassador, "
        f"event AS result, 1.0::DOUBLE AS n FROM read_csv({learning!r}, header = true, all_varchar = true)"
    )
    con.execute(
        "INSERT INTO events SELECT hash(s.date, s.ambassador, s.post, r.result), "
        f"strptime(s.date, '{fmt}'), NULL, s.ambassador, r.result, r.n "
        f"FROM read_csv('{sharing}', header = true, all_varchar = true) s, "
        "LATERAL (VALUES ('share', s.shares::DOUBLE), ('click', s.clicks::DOUBLE), "
        "('reaction', s.reactions::DOUBLE)) r(result, n)"
    )
    totals = dict(con.execute("SELECT result, sum(n) FROM events GROUP BY ALL").fetchall())
    stored = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    seconds = time.perf_counter() - start
    path.unlink(missing_ok=True)
    return {"seconds": seconds, "peak_mib": peak_mib(), "stored": stored, "totals": totals}


PARTS = {
    "import": run_import,
    "rerun": run_rerun,
    "baseline": run_baseline,
    "validate": run_validate,
    "duckdb": run_duckdb,
}


def child(part: str, args: argparse.Namespace, workdir: Path) -> dict:
    """Run one part in a fresh Python process; its result is the last line it prints."""
    env = os.environ | {"CAMPAIGN_ROOT": str(workdir)}
    command = [sys.executable, __file__, "--part", part, "--workdir", str(workdir), "--events", str(args.events)]
    command += ["--dates", args.dates, "--years", str(args.years)]
    done = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--dates", choices=list(DATE_FORMATS), default="iso", help="how the exports write times")
    parser.add_argument("--repeat", type=int, default=1, help="fresh processes per part; the median time counts")
    parser.add_argument("--workdir", type=Path, help="keep the generated data here (default: a temp folder)")
    parser.add_argument("--years", type=int, default=1, help="calendar years the campaign spans")
    parser.add_argument(
        "--parts", default="baseline,duckdb,import,rerun,validate", help="which parts to measure (comma-separated)"
    )
    parser.add_argument("--part", choices=["generate", *PARTS], help=argparse.SUPPRESS)
    args = parser.parse_args()
    set_years(args.years)
    chosen = [part for part in ("baseline", "duckdb", "import", "rerun", "validate") if part in args.parts.split(",")]
    if "rerun" in chosen and "import" not in chosen:
        parser.error("the re-run needs the import: --parts ...,import,rerun")
    if args.part == "generate":
        generate(args.workdir, args.events, args.dates)
        return
    if args.part:
        print(json.dumps(PARTS[args.part](args.workdir, args.dates)))
        return

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="midterm-benchmark-"))
    try:
        began = time.perf_counter()
        made = child("generate", args, workdir.resolve())
        print(
            f"events: {args.events:,} ({made['learning_rows']:,} learning rows in {12 * args.years} monthly CSV "
            "files, "
            f"{made['share_rows']:,} share rows x 3 events), {AMBASSADORS:,} ambassadors, "
            f"{EMPLOYEES:,} employees, {START} to {END}, times as {DATE_FORMATS[args.dates]}; "
            f"generated in {time.perf_counter() - began:.0f} s",
            flush=True,
        )
        runs: dict[str, list[dict]] = {part: [] for part in chosen}
        for i in range(args.repeat):
            # the re-run needs the store the import filled; DuckDB's own load just before the import
            for part in chosen:
                runs[part].append(child(part, args, workdir.resolve()))
                print(f"round {i + 1}: {part} {runs[part][-1]['seconds']:.2f} s", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    seconds = {part: statistics.median(r["seconds"] for r in runs[part]) for part in chosen}
    peaks = {part: max(r["peak_mib"] for r in runs[part]) for part in chosen}
    if "import" in runs:
        imported = runs["import"][-1]
        assert imported["stored"] == args.events, f"the store holds {imported['stored']:,} events"
        print(f"store: {imported['stored']:,} events from {imported['files']} files, {imported['store_mib']:.0f} MiB")
    if "rerun" in runs and "baseline" in runs:
        rerun, baseline = runs["rerun"][-1], runs["baseline"][-1]
        same = (
            rerun["totals"] == baseline["totals"]
            and all(abs(rerun["kpis"][k] - v) < 1e-6 for k, v in baseline["kpis"].items())
            and rerun["top"] == baseline["top"]
            and rerun["active"] == baseline["active"]
        )
        print(f"figures: store and pandas {'agree' if same else 'DIFFER'} (totals, KPI actuals, top 5 sharers, active)")
        if not same:
            print(f"  store:  {json.dumps({k: rerun[k] for k in ('totals', 'kpis', 'top', 'active')})}")
            print(f"  pandas: {json.dumps({k: baseline[k] for k in ('totals', 'kpis', 'top', 'active')})}")
    print(f"{'part':<32}{'time':>10}{'peak memory':>14}")
    for part, label in (
        ("baseline", "pandas baseline (read + groupby)"),
        ("import", "first import (sync)"),
        ("rerun", "re-run (analyse)"),
        ("validate", "validate (check_data)"),
        ("duckdb", "DuckDB alone (load + group)"),
    ):
        if part in seconds:
            print(f"{label:<32}{seconds[part]:>8.2f} s{peaks[part]:>10.0f} MiB")
    note = f" (median of {args.repeat})" if args.repeat > 1 else ""

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    def ratio(label: str, top: str, bottom: str, target: str, ok) -> None:  # noqa: ANN001
        if top in seconds and bottom in seconds:
            value = seconds[top] / seconds[bottom]
            print(f"{label}: {value:.2f}x{note} (target {target}) {verdict(ok(value))}")

    ratio("baseline / import", "baseline", "import", ">= 1", lambda v: v >= 1)
    ratio("baseline / re-run", "baseline", "rerun", ">= 5", lambda v: v >= 5)
    ratio("import / DuckDB alone", "import", "duckdb", "<= 1.5", lambda v: v <= 1.5)
    ratio("validate / import", "validate", "import", "<= 1", lambda v: v <= 1)
    # at scale (100M events): the import within 2 GiB, the re-run under 10 s
    limit = LIMIT_MIB if args.events <= 10_000_000 else 2 * LIMIT_MIB
    for part in ("import", "rerun"):
        if part in peaks:
            print(f"peak memory {part}: {peaks[part]:.0f} MiB (target < {limit} MiB) {verdict(peaks[part] < limit)}")
    if "rerun" in seconds and args.events > 10_000_000:
        print(f"re-run at scale: {seconds['rerun']:.2f} s (target < 10 s) {verdict(seconds['rerun'] < 10)}")
    if "baseline" in peaks:
        print(f"peak memory baseline: {peaks['baseline']:.0f} MiB (for comparison)")


if __name__ == "__main__":
    main()
