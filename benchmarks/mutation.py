"""Mutation testing of the calculation modules: how many small, realistic bugs the tests catch.

    .venv/bin/pip install -e ".[audit]"      # once: mutmut
    .venv/bin/python benchmarks/mutation.py [--max-children N] [--module NAME ...] [--survivors]
    .venv/bin/python benchmarks/mutation.py --planted

mutmut ([tool.mutmut] in pyproject.toml) copies the package to mutants/, changes one operator,
constant or call at a time in the analysis modules of every phase, the activity store and the
validation cross-checks, and runs the in-process tests that reach the changed function. A mutant is
killed when a test fails. The score per module is killed / (mutants − the equivalent ones listed in
benchmarks/mutation_equivalent.txt, each with why it cannot change a result). Target: 90% each.
Later runs reuse earlier results for functions that did not change.

--planted checks the bugs an audit planted (issue 19) one at a time in a scratch copy of the
package: each must make its named test fail.

On the 2-core machine a first full run takes about 30 minutes (about 7,800 mutants).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.txt")
TARGET = 0.90
KILLED = {"killed", "timeout", "caught by type check", "segfault"}

# (file, the code as it is, the planted bug, the test that must catch it)
PLANTED = [
    (
        "campaign_kit/phases/goals/analysis.py",
        "if (kpi.counts_people and total is not None)",
        "if (total is not None)",
        "tests/test_wrong_numbers.py::test_the_population_share_is_only_for_kpis_that_count_people",
    ),
    (
        "campaign_kit/phases/goals/analysis.py",
        "total > campaign.population.size:",
        "total >= campaign.population.size:",
        "tests/test_wrong_numbers.py::test_a_people_kpi_of_exactly_the_population_is_plausible",
    ),
    (
        "campaign_kit/phases/rewards/analysis.py",
        'running.clip(upper=cap) - (running - part["capped"]).clip(upper=cap)',
        'running.clip(upper=cap) - (running - part["capped"])',
        "tests/test_wrong_numbers.py::test_the_campaign_cap_clips_what_earlier_months_already_paid",
    ),
    (
        "campaign_kit/phases/midterm/analysis.py",
        "spread = math.sqrt(max(pace, 0.0))",
        "spread = max(pace, 0.0)",
        "tests/test_wrong_numbers.py::"
        "test_the_forecast_band_falls_back_to_counting_noise_of_the_square_root_of_the_pace",
    ),
    (
        "campaign_kit/phases/final/analysis.py",
        "media.cpm * shown / 1000",
        "media.cpm * shown / 100",
        "tests/test_final.py::test_cpm_and_cpc_with_impressions_from_the_export",
    ),
    (
        "campaign_kit/phases/final/analysis.py",
        '    if totals.get("impression"):\n        return totals["impression"], False\n'
        "    if media.impressions_per_share is not None:\n",
        "    if media.impressions_per_share is not None:\n",
        "tests/test_wrong_numbers.py::test_measured_impressions_win_over_the_assumed_ones",
    ),
    (
        "campaign_kit/data/activity.py",
        "CASE WHEN occurrence = 1 THEN key ELSE hash(key, occurrence) END",
        "hash(key, occurrence)",
        "tests/test_wrong_numbers.py::"
        "test_a_row_repeated_in_one_export_and_present_in_an_overlapping_one_counts_as_often_as_it_happened",
    ),
]


def run_test(copy: Path, test: str) -> int:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", test]
    env = {"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, cwd=copy, env=env, capture_output=True).returncode


def planted() -> int:
    """Plant each bug in a scratch copy and run its test there: it must fail."""
    missed = 0
    for file, good, bad, test in PLANTED:
        with tempfile.TemporaryDirectory(prefix="planted-") as scratch:
            copy = Path(scratch)
            for part in ("campaign_kit", "tests", "parameters", "pyproject.toml"):
                source = ROOT / part
                (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / part)
            target = copy / file
            text = target.read_text(encoding="utf-8")
            if text.count(good) != 1:
                print(f"CANNOT PLANT  {file}: the code to change is not there once: {good!r}")
                missed += 1
                continue

            if run_test(copy, test) != 0:  # the control: without the bug the test passes, so its failure is the bug's
                print(f"BROKEN  {test} fails without the planted bug")
                missed += 1
                continue
            target.write_text(text.replace(good, bad), encoding="utf-8")
            caught = run_test(copy, test) == 1
            missed += not caught
            print(f"{'caught' if caught else 'MISSED':<8}{file}: {bad.strip().splitlines()[0]!r} by {test}")
    print(f"{len(PLANTED) - missed} of {len(PLANTED)} planted bugs caught")
    return 1 if missed else 0


def equivalents() -> dict[str, str]:
    """Mutant name -> why it is equivalent (lines 'name  # reason' in mutation_equivalent.txt)."""
    listed = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            name, _, why = line.partition("#")
            if name.strip():
                listed[name.strip()] = why.strip()
    return listed


def module_of(mutant: str) -> str:
    # campaign_kit.phases.goals.analysis.x_cascade_frame__mutmut_3 -> campaign_kit.phases.goals.analysis
    return re.sub(r"\.(x|xǁ)[^.]*$", "", mutant.rsplit("__mutmut_", 1)[0]).rsplit(".x", 1)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--module", action="append", default=[], help="only this module, e.g. goals.analysis")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--planted", action="store_true", help="check the planted bugs instead")
    parser.add_argument("--no-run", action="store_true", help="only report the results of the last run")
    args = parser.parse_args()
    if args.planted:
        return planted()
    mutmut = Path(sys.executable).with_name("mutmut")
    if not mutmut.exists():
        print('mutmut is not installed: .venv/bin/pip install -e ".[audit]"', file=sys.stderr)
        return 2
    if not args.no_run:
        names = [f"campaign_kit.*{m}*" for m in args.module]
        subprocess.run([str(mutmut), "run", "--max-children", str(args.max_children), *names], cwd=ROOT)
    listing = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    status: dict[str, str] = {}
    for line in listing.splitlines():
        name, _, said = line.strip().rpartition(": ")
        if "__mutmut_" in name:
            status[name] = said
    equivalent = equivalents()
    by_module: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, said in status.items():
        module = module_of(name)
        if args.module and not any(m in module for m in args.module):
            continue
        if name in equivalent:
            by_module[module]["equivalent"] += 1
        elif said in KILLED:
            by_module[module]["killed"] += 1
        elif said == "not checked":
            by_module[module]["not checked"] += 1
        else:
            by_module[module]["alive"] += 1
            survivors[module].append(f"{name} ({said})")
    print(f"{'module':<44}{'mutants':>8}{'killed':>8}{'equiv.':>8}{'alive':>8}{'score':>8}")
    failing = 0
    for module in sorted(by_module):
        counts = by_module[module]
        counted = counts["killed"] + counts["alive"]
        score = counts["killed"] / counted if counted else 1.0
        ok = score >= TARGET and not counts["not checked"]
        failing += not ok
        total = counted + counts["equivalent"] + counts["not checked"]
        shown = f"{score:>8.1%}" if counted else f"{'-':>8}"  # nothing tested yet: no score
        print(
            f"{module:<44}{total:>8}{counts['killed']:>8}{counts['equivalent']:>8}{counts['alive']:>8}"
            f"{shown} {'PASS' if ok else 'FAIL'}"
            + (f" ({counts['not checked']} not checked yet)" if counts["not checked"] else "")
        )
        if args.survivors:
            for name in survivors[module]:
                print(f"    {name}")
    print(f"target: {TARGET:.0%} of the non-equivalent mutants killed in each module; `mutmut show NAME` shows one")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
