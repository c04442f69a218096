"""How much does `campaign run` cost above the toolchain's own floor?

Floor: one Python process that executes near-empty notebooks (importing pandas and matplotlib, as
every phase does) with papermill and exports each with nbconvert (the same libraries, the same
kernel). Measured: `campaign run <example> --phase goals` against one such notebook, or with `--all`
the whole five-phase snapshot against five. Both are timed as fresh processes, alternating, several
rounds; the median of each and their ratio are printed last. Targets: the goals phase under 2x its
floor; the full snapshot at most 1.4x (issue 15).

    .venv/bin/python benchmarks/run_overhead.py [CAMPAIGN] [--rounds N] [--all]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLOOR = r"""
import sys, nbformat, papermill
from nbconvert import HTMLExporter
nb = nbformat.v4.new_notebook()
nb.cells = [
    nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
    nbformat.v4.new_code_cell("import pandas, matplotlib" if int(sys.argv[2]) > 1 else ""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
src = sys.argv[1] + "/empty.ipynb"
nbformat.write(nb, src)
exporter = HTMLExporter(exclude_input=True)
for i in range(int(sys.argv[2])):
    out = sys.argv[1] + f"/empty-{i}.ipynb"
    papermill.execute_notebook(src, out, parameters={"x": 2}, kernel_name="python3", progress_bar=False)
    body, _ = exporter.from_notebook_node(nbformat.read(out, as_version=4))
    open(sys.argv[1] + f"/empty-{i}.html", "w").write(body)
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("campaign", nargs="?", default="leerprogramma")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--all", action="store_true", help="the whole five-phase snapshot against five notebooks")
    args = parser.parse_args()
    notebooks = 5 if args.all else 1
    phase = [] if args.all else ["--phase", "goals"]
    target = 1.4 if args.all else 2.0
    python = sys.executable
    campaign = str(Path(python).with_name("campaign"))
    floors, runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        timed([python, "-c", FLOOR, tmp, "1"])  # warm the disk cache for both
        for i in range(args.rounds):
            floors.append(timed([python, "-c", FLOOR, tmp, str(notebooks)]))
            runs.append(
                timed(
                    [
                        campaign,
                        "run",
                        args.campaign,
                        *phase,
                        "--as-of",
                        "2026-11-26",
                        "--outputs",
                        f"{tmp}/out",
                        "--quiet",
                    ]
                )
            )
            print(f"round {i + 1}: floor {floors[-1]:.2f} s, campaign run {runs[-1]:.2f} s", flush=True)
    floor, run = statistics.median(floors), statistics.median(runs)
    what = "five near-empty notebooks" if args.all else "an empty notebook"
    print(f"floor ({what}, papermill + nbconvert, one process): {floor:.2f} s median")
    print(f"campaign run {args.campaign}{'' if args.all else ' --phase goals'}: {run:.2f} s median")
    print(f"ratio: {run / floor:.2f}x the floor (target {'<=' if args.all else '<'} {target}x)")


if __name__ == "__main__":
    main()
