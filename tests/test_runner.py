"""Snapshots: phase 1 executed by papermill on both examples, dated folders, manifests, failures."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import AS_OF, EXAMPLES, ROOT

from campaign_kit.core.phases import parse_phase
from campaign_kit.core.storage import sha256_of
from campaign_kit.run.cli import main
from campaign_kit.run.runner import run_snapshot

pytestmark = pytest.mark.notebook


@pytest.mark.parametrize("name", EXAMPLES)
def test_snapshot_holds_notebook_html_index_parameters_and_manifest(name, example_snapshots):
    folder = example_snapshots[name]
    assert folder.name == AS_OF
    for file in (
        "01_goals.ipynb",
        "01_goals.html",
        "02_selection.ipynb",
        "02_selection.html",
        "index.html",
        "manifest.json",
        f"parameters/{name}/campaign.yaml",
    ):
        assert (folder / file).is_file(), file
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["campaign"] == name
    assert manifest["as_of"] == AS_OF
    assert manifest["status"] == "ok"
    assert [p["name"] for p in manifest["phases"]] == ["goals", "selection", "rewards", "midterm", "final"]
    phase = manifest["phases"][0]
    assert phase["name"] == "goals" and phase["status"] == "ok"
    assert phase["notebook"] == "01_goals.ipynb" and phase["html"] == "01_goals.html"
    assert all(p["status"] == "ok" and p["seconds"] > 0 for p in manifest["phases"])
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    assert inputs[f"parameters/{name}/campaign.yaml"] == sha256_of(ROOT / "parameters" / name / "campaign.yaml")
    people_files = {"leerprogramma": "medewerkers.csv", "employer-branding-pilot": "employees.xlsx"}
    assert f"parameters/{name}/{people_files[name]}" in inputs
    for package in ("python", "campaign_kit", "papermill", "nbconvert", "pandas"):
        assert manifest["versions"][package]


@pytest.mark.parametrize("name", EXAMPLES)
def test_executed_notebook_ran_with_the_snapshot_parameters(name, example_snapshots):
    for notebook in ("01_goals.ipynb", "02_selection.ipynb", "03_rewards.ipynb"):
        nb = nbformat.read(example_snapshots[name] / notebook, as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and f'campaign = "parameters/{name}"' in injected[0].source
        assert f'as_of = "{AS_OF}"' in injected[0].source
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert errors == []


def test_index_links_each_phase_with_its_status(example_snapshots):
    index = (example_snapshots["leerprogramma"] / "index.html").read_text()
    assert '<a href="01_goals.html">rapport openen</a>' in index
    assert "Doelen en KPI-cascade" in index and "peildatum 26 nov 2026" in index  # CLDR nl_NL
    english = (example_snapshots["employer-branding-pilot"] / "index.html").read_text()
    assert "Goals and KPI cascade" in english and "open report" in english


def test_same_date_gets_a_new_folder_and_never_overwrites(tmp_path):
    as_of = dt.date(2026, 11, 26)
    first = run_snapshot("leerprogramma", [parse_phase("1")], as_of, tmp_path)
    before = {p: p.read_bytes() for p in first.folder.rglob("*") if p.is_file()}
    second = run_snapshot("leerprogramma", [parse_phase("goals")], as_of, tmp_path)
    assert (first.folder.name, second.folder.name) == ("2026-11-26", "2026-11-26-2")
    assert {p: p.read_bytes() for p in first.folder.rglob("*") if p.is_file()} == before


def _workbook_with_broken_goals(tmp_path: Path) -> Path:
    root = tmp_path / "workbook"
    shutil.copytree(ROOT / "parameters", root / "parameters")
    (root / "notebooks").mkdir()
    nb = nbformat.read(ROOT / "notebooks" / "01_goals.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ZeroDivisionError('deliberate failure for the test')"))
    nbformat.write(nb, root / "notebooks" / "01_goals.ipynb")
    return root


def test_failing_phase_is_kept_marked_and_reported_in_one_line(tmp_path, monkeypatch, capsys):
    root = _workbook_with_broken_goals(tmp_path)
    outputs = root / "outputs"
    earlier = outputs / "leerprogramma" / "2026-10-01"
    earlier.mkdir(parents=True)
    (earlier / "manifest.json").write_text('{"status": "ok"}')
    monkeypatch.setenv("CAMPAIGN_ROOT", str(root))

    code = main(["run", "leerprogramma", "--as-of", "2026-11-26", "--quiet"])

    assert code == 1
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err_lines) == 1
    assert err_lines[0].startswith("campaign run: phase goals failed: ZeroDivisionError: deliberate failure")
    folder = outputs / "leerprogramma" / "2026-11-26"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert manifest["phases"][0]["status"] == "failed"
    assert "ZeroDivisionError" in manifest["phases"][0]["error"]
    nb = nbformat.read(folder / "01_goals.ipynb", as_version=4)  # kept, with the error in it
    assert any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "mislukt" in (folder / "index.html").read_text()
    assert (earlier / "manifest.json").read_text() == '{"status": "ok"}'


def test_unknown_phase_and_missing_notebook_write_nothing(tmp_path, capsys, monkeypatch):
    assert main(["run", "leerprogramma", "--phase", "nine", "--outputs", str(tmp_path / "o")]) == 1
    assert "unknown phase 'nine'" in capsys.readouterr().err
    # a workbook whose checkout lacks a phase's notebook
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "01_goals.ipynb", root / "notebooks")
    shutil.copytree(ROOT / "parameters" / "leerprogramma", root / "parameters" / "leerprogramma")
    monkeypatch.setenv("CAMPAIGN_ROOT", str(root))
    assert main(["run", "leerprogramma", "--phase", "final", "--outputs", str(tmp_path / "o")]) == 1
    assert "no notebook 05_final.ipynb yet" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_two_simultaneous_runs_get_separate_snapshots(tmp_path):
    command = [
        sys.executable,
        "-m",
        "campaign_kit.run.cli",
        "run",
        "employer-branding-pilot",
        "--as-of",
        "2026-12-01",
        "--outputs",
        str(tmp_path),
        "--quiet",
    ]
    env = {**os.environ, "CAMPAIGN_ROOT": str(ROOT)}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    folders = sorted(p.name for p in (tmp_path / "employer-branding-pilot").iterdir() if p.is_dir())
    assert folders == ["2026-12-01", "2026-12-01-2"]  # (both run every phase, sharing the activity store)
    for name in folders:
        manifest = json.loads((tmp_path / "employer-branding-pilot" / name / "manifest.json").read_text())
        assert manifest["status"] == "ok"
        assert manifest["snapshot"] == name


def test_list_shows_snapshots_with_status(example_snapshots, capsys):
    outputs = example_snapshots["leerprogramma"].parent.parent
    assert main(["list", "--outputs", str(outputs)]) == 0
    out = capsys.readouterr().out
    assert "leerprogramma" in out and "2026-11-26" in out and "ok" in out and "goals ok" in out


def test_a_phase_named_twice_runs_once(tmp_path):
    result = run_snapshot("leerprogramma", [parse_phase("goals"), parse_phase("1")], dt.date(2026, 11, 26), tmp_path)
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert [p["name"] for p in manifest["phases"]] == ["goals"]


def test_plain_papermill_shows_the_form_summary_not_a_widget_repr(tmp_path, monkeypatch):
    import papermill

    monkeypatch.delenv("CAMPAIGN_KIT_UNATTENDED", raising=False)
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "01_goals.ipynb"),
        str(out),
        cwd=str(ROOT / "notebooks"),
        parameters={"as_of": "2026-11-26"},
        progress_bar=False,
        kernel_name="python3",
    )
    nb = nbformat.read(out, as_version=4)
    form_cell = next(c for c in nb.cells if "form" in c.metadata.get("tags", []))
    (output,) = form_cell.outputs
    assert "application/vnd.jupyter.widget-view+json" in output.data  # live in JupyterLab
    assert "ck-form-summary" in output.data["text/html"]  # a read-only summary everywhere else
    assert "VBox" not in output.data["text/plain"]


def test_index_lists_every_phase_with_a_readable_time(example_snapshots):
    import re

    index = (example_snapshots["leerprogramma"] / "index.html").read_text()
    for phase in (
        "Doelen en KPI-cascade",
        "Kandidaatselectie",
        "Beloningsbudget",
        "Tussentijdse meting",
        "Eindevaluatie",
    ):
        assert phase in index
    assert "gelukt" in index and "niet in deze momentopname" not in index  # all five ran
    assert re.search(r"gemaakt \d{1,2} [a-z]{3} \d{4} \d{2}:\d{2}", index)  # 30 nov 2026 05:36


def test_phases_a_new_campaign_has_not_set_up_are_skipped_or_refused(tmp_path, monkeypatch, capsys):
    root = tmp_path / "workbook"
    (root / "parameters").mkdir(parents=True)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    folder = root / "parameters" / "fresh"
    shutil.copytree(ROOT / "parameters" / "leerprogramma", folder)
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(text[: text.index("# Fase 2")], encoding="utf-8")  # phase 1 only
    monkeypatch.setenv("CAMPAIGN_ROOT", str(root))

    assert main(["run", "fresh", "--as-of", "2026-11-26"]) == 0
    err = capsys.readouterr().err
    assert "selection: skipped, campaign.yaml has no selection: section yet" in err
    snapshot = root / "outputs" / "fresh" / "2026-11-26"
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert [p["name"] for p in manifest["phases"]] == ["goals"] and manifest["status"] == "ok"
    assert [p["name"] for p in manifest["skipped"]] == ["selection", "rewards", "midterm", "final"]
    assert "overgeslagen: nog niet ingericht" in (snapshot / "index.html").read_text()

    assert main(["run", "fresh", "--phase", "rewards", "--as-of", "2026-11-27"]) == 1
    assert "campaign.yaml rewards: is missing; phase rewards needs it" in capsys.readouterr().err
    assert not (root / "outputs" / "fresh" / "2026-11-27").exists()


def test_phases_run_side_by_side_without_changing_the_directory_of_the_process(tmp_path, monkeypatch):
    """Two or three phases run at once in threads of one process: nothing may change the process's
    working directory (papermill's `cwd` does, and a phase then started its kernel in the wrong place)."""
    from campaign_kit.run import runner

    here, chdir = Path.cwd(), os.chdir

    def refused(path):  # noqa: ANN001 - papermill writes a notebook "in" the directory it is in: allowed
        if Path(path).resolve() != here.resolve():
            raise AssertionError(f"os.chdir({path!r}) while phases run side by side")
        chdir(path)

    monkeypatch.setattr(os, "chdir", refused)
    monkeypatch.setenv(runner.WORKERS_ENV, "3")
    phases = [parse_phase(p) for p in ("goals", "selection", "rewards")]
    result = run_snapshot("employer-branding-pilot", phases, dt.date.fromisoformat(AS_OF), tmp_path)
    assert result.status == "ok", result.failures
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert [p["status"] for p in manifest["phases"]] == ["ok", "ok", "ok"]
    # the phases' own times overlap: they did run at once
    assert sum(p["seconds"] for p in manifest["phases"]) > manifest["seconds"]


@pytest.mark.parametrize("stopping", [False, True])
def test_a_kernel_that_dies_at_start_is_started_once_more_unless_the_run_stops(tmp_path, monkeypatch, stopping):
    """A kernel that dies before it answers (a port taken by a kernel started in the same instant, seen
    in a CI run) has run nothing: the phase starts a new one. Not when the run is being stopped."""
    import threading

    import papermill

    from campaign_kit.core.validation import load_campaign
    from campaign_kit.run import runner

    calls = []
    real = papermill.execute_notebook

    def first_kernel_dies(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", first_kernel_dies)
    first = run_snapshot("leerprogramma", [parse_phase("goals")], dt.date(2026, 11, 26), tmp_path)
    if not stopping:
        assert first.status == "ok" and len(calls) == 2
        return
    # a stopped run: the kernel killed by the stop is not replaced
    calls.clear()
    stop = threading.Event()
    stop.set()
    entry = {"notebook": "01_goals.ipynb"}
    model = load_campaign("leerprogramma")
    kernel = runner._kernel_manager(tmp_path / "kernels.log", [])
    outcome = runner._run_phase(
        parse_phase("goals"), entry, first.folder, "leerprogramma", dt.date(2026, 11, 26), model, kernel, stop
    )
    assert outcome["status"] == "failed" and "Kernel died" in outcome["error"] and len(calls) == 1
