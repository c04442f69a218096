"""How much does `campaign run` cost above the toolchain's own floor?

Floor: one Python process that executes an empty notebook with papermill and exports it with
nbconvert (the same libraries, the same kernel). Measured: `campaign run <example> --phase goals`,
the whole command. Both are timed as fresh processes, alternating, several rounds; the median
of each and their ratio are printed last. Target: under 2x the floor.

    .venv/bin/python benchmarks/run_overhead.py [CAMPAIGN] [--rounds N]
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
nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell("")]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
src, out = sys.argv[1] + "/empty.ipynb", sys.argv[1] + "/empty-out.ipynb"
nbformat.write(nb, src)
papermill.execute_notebook(src, out, parameters={"x": 2}, kernel_name="python3", progress_bar=False)
body, _ = HTMLExporter(exclude_input=True).from_notebook_node(nbformat.read(out, as_version=4))
open(sys.argv[1] + "/empty.html", "w").write(body)
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("campaign", nargs="?", default="leerprogramma")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    campaign = str(Path(python).with_name("campaign"))
    floors, runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        timed([python, "-c", FLOOR, tmp])  # warm the disk cache for both
        for i in range(args.rounds):
            floors.append(timed([python, "-c", FLOOR, tmp]))
            runs.append(
                timed(
                    [
                        campaign,
                        "run",
                        args.campaign,
                        "--phase",
                        "goals",
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
    print(f"floor (empty notebook, papermill + nbconvert, one process): {floor:.2f} s median")
    print(f"campaign run {args.campaign} --phase goals:                 {run:.2f} s median")
    print(f"ratio: {run / floor:.2f}x the floor (target < 2x)")


if __name__ == "__main__":
    main()
