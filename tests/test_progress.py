"""Progress of a long import (issue 15): the line on a terminal and in JupyterLab, and silence in cron,
under --quiet and under papermill."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest
from conftest import AS_OF, PARAMETERS

from campaign_kit import display
from campaign_kit.core.validation import load_campaign
from campaign_kit.data.activity import SyncStep, open_store, store_path, sync
from campaign_kit.run.progress import TerminalProgress, progress_line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_says_files_rows_and_time_in_the_campaigns_format():
    step = SyncStep(done=3, files=13, rows=2_125_000, seconds=8.4, file="activity/lms-2027-04.csv")
    assert progress_line(step, "en") == (
        "reading exports: 3 of 13 files, 2,125,000 rows, 8 s (activity/lms-2027-04.csv)"
    )
    assert progress_line(step, "nl") == (
        "exports inlezen: 3 van 13 bestanden, 2.125.000 rijen, 8 s (activity/lms-2027-04.csv)"
    )
    done = SyncStep(done=13, files=13, rows=10_000_000, seconds=20.6, file=None)
    assert progress_line(done, "en") == "read 13 files, 10,000,000 rows in 21 s"


def test_a_terminal_sees_one_line_rewritten_and_ended_once_it_took_long_enough():
    out = Terminal()
    show = TerminalProgress("en", out, after=2)
    show(SyncStep(0, 3, 0, 0.1, "a.csv"))  # a short import says nothing
    assert out.getvalue() == ""
    show(SyncStep(1, 3, 500, 2.5, "b.csv"))
    show(SyncStep(2, 3, 900, 3.0, "c.csv"))
    show(SyncStep(3, 3, 1200, 3.6, None))
    first = "reading exports: 1 of 3 files, 500 rows, 2 s (b.csv)"
    second = "reading exports: 2 of 3 files, 900 rows, 3 s (c.csv)"
    last = "read 3 files, 1,200 rows in 4 s"  # padded with spaces over the longer line before it
    assert out.getvalue() == "\r" + first + "\r" + second + "\r" + last + " " * (len(second) - len(last)) + "\n"


def test_a_pipe_or_a_log_file_sees_nothing():
    out = io.StringIO()  # cron's mail, a redirect: not a terminal
    show = TerminalProgress("en", out, after=0)
    show(SyncStep(1, 3, 500, 9.0, "b.csv"))
    show(SyncStep(3, 3, 1200, 12.0, None))
    assert out.getvalue() == "" and not show.shown


def test_sync_reports_each_file_it_reads_and_the_rows_so_far(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    campaign = load_campaign(campaign_copy("leerprogramma"))
    steps: list[SyncStep] = []
    with open_store(store_path(campaign)) as con:
        report = sync(campaign, con, steps.append)
    read = [f for f in report.files if f["status"] == "imported"]
    assert len(read) == 4  # three monthly learning exports and the team app's shares
    # files of one source and layout are read together (the three monthly exports): a step per read
    done = [s.done for s in steps]
    assert done[0] == 0 and done[-1] == 4 and done == sorted(set(done)) and {s.files for s in steps} == {4}
    assert len(steps) >= 3  # the learning exports, then the shares, then the end
    assert [s.file for s in steps] == [read[i]["file"] for i in done[:-1]] + [None]
    # the rows before each read are the rows of the files read before it
    assert [s.rows for s in steps] == [sum(f["rows"] for f in read[:i]) for i in done]
    assert steps[-1].rows == sum(f["rows"] for f in read) > 0
    assert all(a.seconds <= b.seconds for a, b in zip(steps, steps[1:], strict=False))
    # a second sync reads nothing: nothing to report
    again: list[SyncStep] = []
    with open_store(store_path(campaign)) as con:
        sync(campaign, con, again.append)
    assert again == []


def test_jupyterlab_shows_a_line_that_follows_the_import_and_papermill_none(monkeypatch):
    campaign = load_campaign(PARAMETERS / "leerprogramma")
    shown = []

    class Handle:
        def update(self, obj):
            shown.append(("update", obj.data))

    def fake_display(obj, display_id=False):
        shown.append(("display", obj.data))
        return Handle()

    monkeypatch.setattr(display, "display", fake_display)
    monkeypatch.delenv("CAMPAIGN_KIT_UNATTENDED", raising=False)
    monkeypatch.setenv("CAMPAIGN_PROGRESS_AFTER", "1")
    report = display.import_progress(campaign)
    report(SyncStep(0, 2, 0, 0.2, "a.csv"))  # under a second: nothing yet
    report(SyncStep(1, 2, 700, 1.5, "b.csv"))
    report(SyncStep(2, 2, 1400, 2.5, None))
    assert shown == [
        ("display", '<p class="ck-progress">exports inlezen: 1 van 2 bestanden, 700 rijen, 2 s (b.csv)</p>'),
        ("update", '<p class="ck-progress">2 bestanden, 1.400 rijen ingelezen in 2 s</p>'),
    ]
    monkeypatch.setenv("CAMPAIGN_KIT_UNATTENDED", "1")  # papermill: the report shows results only
    assert display.import_progress(campaign) is None


def _run(folder, out, *extra: str, tty: bool) -> str:
    """`campaign run FOLDER --phase midterm` with its error stream on a terminal or a pipe."""
    command = [sys.executable, "-m", "campaign_kit.run.cli", "run", str(folder), "--phase", "midterm"]
    command += ["--as-of", AS_OF, "--outputs", str(out), *extra]
    env = {**os.environ, "CAMPAIGN_PROGRESS_AFTER": "0"}  # the example's import takes under a second
    env.pop("CAMPAIGN_KIT_UNATTENDED", None)
    if not tty:
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stderr
    return _on_terminal(command, env, stdout=subprocess.DEVNULL)


def _on_terminal(command: list[str], env: dict, stdout=None) -> str:  # noqa: ANN001
    """Run a command with its error stream (and stdout, unless given) on a pseudo-terminal; all it wrote."""
    main, child = pty.openpty()
    subprocess.run(command, env=env, stdout=child if stdout is None else stdout, stderr=child, check=True)
    os.close(child)
    said = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        said += chunk
    os.close(main)
    return said.decode()


@pytest.mark.parametrize("tty", [True, False])
def test_campaign_run_shows_the_imports_progress_on_a_terminal_only(campaign_copy, tmp_path, tty):
    folder = campaign_copy("leerprogramma")
    said = _run(folder, tmp_path / "out", tty=tty)
    assert "[1/1] midterm: ok" in said
    if tty:
        assert "\rexports inlezen: 0 van 4 bestanden, 0 rijen" in said
        assert "4 bestanden," in said and "rijen ingelezen in" in said
        # the notebook found the exports read: the snapshot's mid-term says they were unchanged
    else:
        assert "inlezen" not in said and "ingelezen" not in said


def test_quiet_runs_show_no_progress_even_on_a_terminal(campaign_copy, tmp_path):
    said = _run(campaign_copy("leerprogramma"), tmp_path / "out", "--quiet", tty=True)
    assert said.strip() == ""


def test_validate_shows_the_reading_of_the_exports_on_a_terminal(campaign_copy):
    folder = campaign_copy("leerprogramma")
    command = [sys.executable, "-m", "campaign_kit.run.cli", "validate", str(folder)]
    env = {**os.environ, "CAMPAIGN_PROGRESS_AFTER": "0"}
    text = _on_terminal(command, env)
    assert "\rexports inlezen: 0 van 4 bestanden, 0 rijen" in text and "4 bestanden," in text
    assert "valid (" in text
    # on a pipe: only the verdict
    piped = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "inlezen" not in piped.stdout + piped.stderr and "valid (" in piped.stdout
