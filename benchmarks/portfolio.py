"""The portfolio at the scale of a large programme: 50 campaigns with a year of monthly snapshots each
(600 snapshots, the mid-term in 11 of them and the final evaluation in the last), written directly as
runs write them, then `campaign portfolio` timed as a user runs it (a fresh process, imports
included).

    .venv/bin/python benchmarks/portfolio.py [--campaigns N] [--snapshots M] [--repeat R] [--language nl]

Prints the time per run (the best and the median of R), the page's size and its charts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from campaign_kit.portfolio.analysis import PORTFOLIO_DIR
from campaign_kit.portfolio.synthetic import portfolio_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaigns", type=int, default=50)
    parser.add_argument("--snapshots", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as tmp:
        root = Path(tmp)
        (root / "notebooks").mkdir()
        made = time.perf_counter()
        portfolio_of(root, args.campaigns, args.snapshots)
        print(
            f"generated {args.campaigns} campaigns x {args.snapshots} snapshots in {time.perf_counter() - made:.1f} s"
        )
        as_of = dt.date(2026, 1, 1) + dt.timedelta(days=31 * args.snapshots)
        command = [
            sys.executable,
            "-m",
            "campaign_kit.run.cli",
            "portfolio",
            "--outputs",
            str(root / "outputs"),
            "--as-of",
            as_of.isoformat(),
            "--language",
            args.language,
        ]
        env = {**os.environ, "CAMPAIGN_ROOT": str(root)}
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
        pages = sorted((root / "outputs" / PORTFOLIO_DIR).glob("*/index.html"))
        assert len(pages) == args.repeat, pages  # one new snapshot per run, none overwritten
        page = pages[-1].read_text(encoding="utf-8")
        print(
            f"campaign portfolio: best {min(times):.2f} s, median {statistics.median(times):.2f} s ({args.repeat} runs)"
        )
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average after the runs: {load} ({os.cpu_count()} cores; other work slows the runs)")
        print(
            f"page {len(page.encode()) / 1e6:.2f} MB, {page.count('<img')} charts, {page.count('<article')} campaigns"
        )


if __name__ == "__main__":
    main()
