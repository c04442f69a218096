"""Mutation testing of the calculation modules: how many small, realistic bugs the tests catch.

    .venv/bin/pip install -e ".[audit]"      # once: mutmut
    .venv/bin/python benchmarks/mutation.py [--max-children N] [--module NAME ...] [--survivors] [--recheck]
    .venv/bin/python benchmarks/mutation.py --planted

mutmut ([tool.mutmut] in pyproject.toml) copies the package to mutants/, changes one operator,
constant or call at a time in the analysis modules of every phase, the activity store and the
validation cross-checks, and runs the in-process tests that reach the changed function. A mutant is
killed when a test fails. The score per module is killed / (mutants − the equivalent ones listed in
benchmarks/mutation_equivalent.txt, each with why it cannot change a result). Target: 90% each.
Later runs reuse earlier results for functions that did not change.

--planted checks the bugs an audit planted (issue 19) one at a time in a scratch copy of the
package: each must make its named test fail.

About 7,800 mutants. On the 2-core machine a recheck of one module's survivors takes 5 to 15
minutes; a first run of everything takes hours, most of it in the activity store and the validation,
whose mutants are reached by about 70 and 190 tests (many of them build DuckDB stores).
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.txt")
TARGET = 0.90
# Where a module is more than calculations, only its calculating functions are scored (and run):
# the activity store's counting rules (what is stored once, replaced, dropped, counted), not its
# file reader and error messages; validation's cross-checks, not its YAML reading and messages.
SCOPE = {
    "campaign_kit.data.activity": (
        "sync",
        "_forget",
        "_store_file",
        "_store_events",
        "_store_status_report",
        "_drop_footer_lines",
        "_drop_unlabelled_totals",
        "_lines_after",
        "_nobody_sql",
        "_number_sql",
        "_date_sql",
        "likely_date_format",
        "vocabulary",
        "_activity",
        "post_titles",
        "ImportReport.new_events",
    ),
    "campaign_kit.core.validation": (
        "cross_checks",
        "_status_report_checks",
        "_evaluation_checks",
        "_team_size",
        "_reward_checks",
        "_day",
        "_text",
        "_number",
        "_items",
    ),
}
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
    """Mutant name -> why it is equivalent (lines 'name  # reason' in mutation_equivalent.txt, and
    the mutants that only change the letter case of SQL)."""
    listed = sql_case_mutants()
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            name, _, why = line.partition("#")
            if name.strip():
                listed[name.strip()] = why.strip()
    return listed


SQL_WORDS = re.compile(
    r"\?|\b(select|delete|insert|create|update|from|where|union|and|or|not|is|null|true|false|group|order|by"
    r"|sum|count|distinct|describe|commit|rollback|begin|transaction)\b",
    re.I,
)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


STAGED_COLUMN = re.compile(r"^[tpr]_[a-z_]*$")  # the importer's staged columns: t_post, p_date, r_<column>


def _sql_case_only(before: str, after: str) -> bool:
    """A string that only changed letter case, is SQL (or the name of a staged column), and kept its
    quoted literals: DuckDB matches keywords and names in any case, so the query is the same."""
    return (
        before != after
        and before.lower() == after.lower()
        and bool(SQL_WORDS.search(before) or STAGED_COLUMN.match(before))
        and QUOTED.findall(before) == QUOTED.findall(after)
    )


def sql_case_mutants() -> dict[str, str]:
    """Mutants (of the modules that talk to DuckDB) that only change the case of SQL text."""
    found = {}
    for path in (ROOT / "mutants" / "campaign_kit").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "__mutmut_orig" not in text or "duckdb" not in text:
            continue
        module = ".".join(path.relative_to(ROOT / "mutants").with_suffix("").parts)
        tree = ast.parse(text)
        functions = {
            node.name: node
            for top in tree.body
            for node in (top.body if isinstance(top, ast.ClassDef) else [top])
            if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
        }
        strings: dict[str, list[ast.Constant]] = {}
        for name, node in functions.items():
            original = functions.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
            if original is None or name.endswith("__mutmut_orig"):
                continue
            if original.name not in strings:
                strings[original.name] = _strings(original)
            a, b = strings[original.name], _strings(node)
            if len(a) != len(b):
                continue
            changed = [(x.value, y.value) for x, y in zip(a, b, strict=True) if x.value != y.value]
            if (  # the cheap test first: the code around the strings is compared only for candidates
                changed
                and all(_sql_case_only(x, y) for x, y in changed)
                and _without_strings(original) == _without_strings(node)
            ):
                found[f"{module}.{name}"] = "only the letter case of SQL changed: DuckDB reads it the same"
    return found


def _strings(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _without_strings(node: ast.FunctionDef) -> str:
    body = ast.Module(body=node.body, type_ignores=[])
    return ast.dump(ast.fix_missing_locations(_Blank().visit(ast.parse(ast.unparse(body)))), annotate_fields=False)


class _Blank(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str) else node


def module_of(mutant: str) -> str:
    # campaign_kit.phases.goals.analysis.x_cascade_frame__mutmut_3 -> campaign_kit.phases.goals.analysis
    return re.sub(r"\.(x|xǁ)[^.]*$", "", mutant.rsplit("__mutmut_", 1)[0]).rsplit(".x", 1)[0]


def function_of(mutant: str) -> str:
    # ...activity.x__store_events__mutmut_3 -> _store_events; ...xǁEstimateǁinput__mutmut_1 -> Estimate.input
    tail = mutant.rsplit("__mutmut_", 1)[0].rsplit(".", 1)[1]
    return tail[2:] if tail.startswith("x_") else ".".join(part for part in tail.split("ǁ")[1:])


def in_scope(mutant: str) -> bool:
    scope = SCOPE.get(module_of(mutant))
    return scope is None or function_of(mutant) in scope


def results(mutmut: Path) -> dict[str, str]:
    """Mutant name -> what mutmut said of it (killed, survived, not checked, ...)."""
    listing = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    status: dict[str, str] = {}
    for line in listing.splitlines():
        name, _, said = line.strip().rpartition(": ")
        if "__mutmut_" in name and in_scope(name):
            status[name] = said
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--module", action="append", default=[], help="only this module, e.g. goals.analysis")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--planted", action="store_true", help="check the planted bugs instead")
    parser.add_argument("--no-run", action="store_true", help="only report the results of the last run")
    parser.add_argument(
        "--recheck", action="store_true", help="run only the mutants that survived last time or are not checked yet"
    )
    args = parser.parse_args()
    if args.planted:
        return planted()
    mutmut = Path(sys.executable).with_name("mutmut")
    if not mutmut.exists():
        print('mutmut is not installed: .venv/bin/pip install -e ".[audit]"', file=sys.stderr)
        return 2
    if args.recheck:  # after new tests: the survivors again, not every mutant
        equivalent = equivalents()
        names = [
            name
            for name, said in results(mutmut).items()
            if said not in KILLED  # survivors, and mutants of functions changed since (not checked)
            and name not in equivalent
            and (not args.module or any(m in name for m in args.module))
        ]
        print(f"rechecking {len(names)} surviving or unchecked mutants", flush=True)
    else:
        modules = [
            path.removesuffix(".py").replace("/", ".")
            for path in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]["only_mutate"]
        ]
        names = [
            f"{module}.*"
            for module in modules
            if module not in SCOPE and (not args.module or any(m in module for m in args.module))
        ]
        names += [  # a module with a scope: its calculating functions only
            f"{module}.{'x_' + f if '.' not in f else 'xǁ' + f.replace('.', 'ǁ')}__mutmut_*"
            for module, functions in SCOPE.items()
            for f in functions
            if not args.module or any(m in module for m in args.module)
        ]
    if not args.no_run and not names:
        print("no mutants to run: --module names no module of [tool.mutmut] only_mutate", file=sys.stderr)
    elif not args.no_run:
        # mutmut regenerates changed Python files in mutants/, but not the package's data (catalogues,
        # templates): bring those up to date, or tests of new labels fail against old ones
        if (ROOT / "mutants" / "campaign_kit").is_dir():
            shutil.copytree(
                ROOT / "campaign_kit",
                ROOT / "mutants" / "campaign_kit",
                ignore=shutil.ignore_patterns("*.py", "__pycache__"),
                dirs_exist_ok=True,
            )
        subprocess.run([str(mutmut), "run", "--max-children", str(args.max_children), *names], cwd=ROOT)
    status = results(mutmut)
    equivalent = equivalents()
    by_module: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, said in status.items():
        module = module_of(name)
        if args.module and not any(m in module for m in args.module):
            continue
        if said in KILLED:  # caught by a test: whatever the reasoning, it was not equivalent
            by_module[module]["killed"] += 1
        elif name in equivalent:
            by_module[module]["equivalent"] += 1
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
