"""The layout shows the method and the data flows one way: files -> model -> analysis -> report ->
notebook -> snapshot. Checked on the import statements themselves, so a backward import fails here."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from conftest import ROOT

from campaign_kit.core.phases import PHASES

PACKAGE = ROOT / "campaign_kit"
ROOMS = ("analysis.py", "report.py", "charts.py", "form.py")


def imports_of(path: Path) -> set[str]:
    """Every campaign_kit module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("campaign_kit"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("campaign_kit")}
    return found


def presentation(module: str) -> bool:
    """Reports, charts, forms, notebook display and the runner: what comes after the calculations."""
    parts = module.split(".")
    return parts[1:2] in (["display"], ["forms"], ["run"]) or (
        parts[1:2] == ["phases"] and len(parts) > 3 and parts[3] in ("report", "charts", "form")
    )


@pytest.mark.parametrize("phase", [p.name for p in PHASES])
def test_every_phase_has_the_same_rooms(phase):
    folder = PACKAGE / "phases" / phase
    assert all((folder / room).is_file() for room in ROOMS), sorted(p.name for p in folder.glob("*.py"))


def test_calculations_and_data_never_import_what_comes_after_them():
    lower = [*PACKAGE.glob("phases/*/analysis.py"), *PACKAGE.glob("phases/*/people.py")]
    lower += [*PACKAGE.glob("core/*.py"), *PACKAGE.glob("data/*.py")]
    assert len(lower) > 15
    wrong = {
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in lower
        for module in imports_of(path)
        if presentation(module)
    }
    assert not wrong, sorted(wrong)


def test_core_and_data_know_no_phase_and_core_no_data():
    wrong = set()
    for path in [*PACKAGE.glob("core/*.py"), *PACKAGE.glob("data/*.py")]:
        for module in imports_of(path):
            if module.startswith("campaign_kit.phases") or (
                path.parent.name == "core" and module.startswith("campaign_kit.data")
            ):
                wrong.add(f"{path.relative_to(PACKAGE)} imports {module}")
    # the synthetic example data runs a phase-2 selection to know its team: examples, not the pipeline
    wrong = {w for w in wrong if not w.startswith("data/synthetic.py")}
    assert not wrong, sorted(wrong)


def test_reports_and_charts_do_not_import_forms_or_the_runner():
    wrong = {
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in [*PACKAGE.glob("phases/*/report.py"), *PACKAGE.glob("phases/*/charts.py")]
        for module in imports_of(path)
        if module.split(".")[1] in ("forms", "run") or module.endswith(".form")
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("phase", PHASES, ids=[p.name for p in PHASES])
def test_a_notebook_imports_only_its_phase_and_the_display_helpers(phase):
    nb = json.loads(phase.notebook.read_text(encoding="utf-8"))
    modules = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom) and node.module == "campaign_kit":
                modules |= {f"campaign_kit.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module)
            elif isinstance(node, ast.Import):
                modules |= {alias.name for alias in node.names}
    own = f"campaign_kit.phases.{phase.name}"
    wrong = {m for m in modules if m != "campaign_kit.display" and not m.startswith(own)}
    assert not wrong, wrong
    assert f"{own}.analysis" in modules and "campaign_kit.display" in modules


def test_no_module_left_at_the_top_but_the_package_marker():
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py"]
