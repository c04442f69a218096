"""A run stopped from outside: SIGTERM or SIGHUP (cron, systemd, Airflow) like Ctrl-C, and SIGKILL or
power loss found out afterwards. Real `campaign run` processes on the example campaign."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.notebook


def _start(outputs: Path, *options: str) -> subprocess.Popen:
    """`campaign run` in its own process group, as a terminal, cron or systemd starts it."""
    command = [sys.executable, "-m", "campaign_kit.run.cli", "run", "leerprogramma", "--outputs", str(outputs)]
    command += ["--as-of", "2026-11-26", "--quiet", *options]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # as a terminal starts it: a job started in the background of a script inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _manifest(outputs: Path) -> tuple[Path | None, dict]:
    for path in (outputs / "leerprogramma").glob("*/manifest.json"):
        try:
            return path.parent, json.loads(path.read_text(encoding="utf-8"))
        except ValueError:  # being replaced this instant
            pass
    return None, {}


def _wait_for(outputs: Path, ready, timeout: float = 120) -> tuple[Path, dict]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        folder, manifest = _manifest(outputs)
        if folder is not None and ready(manifest):
            return folder, manifest
        time.sleep(0.1)
    raise AssertionError(f"the run did not get there in {timeout} s: {manifest}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_run_stopped_by_a_signal_keeps_what_finished_and_marks_the_rest_interrupted(tmp_path, signum):
    process = _start(tmp_path)
    _wait_for(tmp_path, lambda m: m.get("phases") and m["phases"][0]["status"] == "ok")
    time.sleep(1)  # into the next notebook, with its kernel busy
    os.killpg(process.pid, signum)  # the whole group, as Ctrl-C in a terminal or systemd's stop do
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    # one line, no traceback, no kernel chatter
    assert err.strip().splitlines()[-1] == f"campaign: interrupted ({signal.Signals(signum).name})"
    assert "Traceback" not in err
    folder, manifest = _manifest(tmp_path)
    assert manifest["status"] == "interrupted" and manifest["finished"]
    # phases run side by side: those that finished stay ok with their report, the others interrupted
    statuses = [p["status"] for p in manifest["phases"]]
    assert statuses[0] == "ok" and "interrupted" in statuses and set(statuses) == {"ok", "interrupted"}
    assert (folder / "index.html").is_file()
    for phase in manifest["phases"]:
        assert (folder / f"{Path(phase['notebook']).stem}.html").is_file() == (phase["status"] == "ok")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(child) for child in task.read_text().split()}
    return found


def test_sigterm_to_the_run_alone_stops_the_kernels_of_the_phases_running(tmp_path):
    """A scheduler may signal only the process it started: the run stops the kernels of the phases
    running side by side itself, says one line and leaves no kernel behind."""
    process = _start(tmp_path)
    _wait_for(tmp_path, lambda m: m.get("status") == "running")
    end = time.monotonic() + 60
    while len(kernels := _children(process.pid)) < 2 and time.monotonic() < end:
        time.sleep(0.05)
    assert len(kernels) >= 2  # phases run at once, each in its kernel
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert err.strip().splitlines()[-1] == "campaign: interrupted (SIGTERM)"
    assert "Traceback" not in err and "Kernel died" not in err
    for pid in kernels:  # gone, or a zombie of a process that has ended
        state = Path(f"/proc/{pid}/stat")
        assert not state.exists() or state.read_text().split(")")[-1].split()[0] == "Z"
    folder, manifest = _manifest(tmp_path)
    assert manifest["status"] == "interrupted"
    for phase in manifest["phases"]:  # a phase that was running did not go on to write its report
        assert (folder / f"{Path(phase['notebook']).stem}.html").is_file() == (phase["status"] == "ok")


def test_a_second_sigterm_does_not_cut_short_the_marking(tmp_path):
    """A scheduler may repeat its SIGTERM (or a parent-death signal follow it): the run, already
    stopping, still marks its snapshot interrupted and says its one line."""
    process = _start(tmp_path)
    _wait_for(tmp_path, lambda m: m.get("phases") and m["phases"][0]["status"] == "ok")
    for _ in range(3):
        os.kill(process.pid, signal.SIGTERM)
        time.sleep(0.1)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert err.strip().splitlines()[-1] == "campaign: interrupted (SIGTERM)" and "Traceback" not in err
    _folder, manifest = _manifest(tmp_path)
    assert manifest["status"] == "interrupted" and manifest["finished"]
    assert "running" not in {p["status"] for p in manifest["phases"]}


def test_a_reader_that_goes_away_does_not_fail_the_run(tmp_path):
    """Progress lines go to stderr; when whoever reads them has gone (a closed pipe), the run goes on
    and its snapshot is ok."""
    command = [sys.executable, "-m", "campaign_kit.run.cli", "run", "leerprogramma", "--outputs", str(tmp_path)]
    command += ["--as-of", "2026-11-26", "--phase", "goals", "--phase", "selection"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process.stderr.close()  # the reader is gone before the first progress line
    assert process.wait(timeout=120) == 0
    _folder, manifest = _manifest(tmp_path)
    assert manifest["status"] == "ok"


def test_a_killed_run_is_reported_interrupted_by_list_and_by_the_next_run(tmp_path, capsys):
    from campaign_kit.run.cli import main
    from campaign_kit.run.snapshots import mark_interrupted

    process = _start(tmp_path)
    folder, running = _wait_for(tmp_path, lambda m: m.get("status") == "running")
    assert running["process"]["pid"] == process.pid and running["process"]["host"]
    process.kill()  # SIGKILL: no handler runs, the manifest still says running
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["status"] == "running"
    assert main(["list", "--outputs", str(tmp_path)]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if folder.name in line]
    assert listed and listed[0].split()[1] == "interrupted" and "running" not in listed[0]
    # the next run of the campaign marks it for good, with its index
    assert mark_interrupted(tmp_path / "leerprogramma") == [folder]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted"
    assert "interrupted" in {p["status"] for p in manifest["phases"]}
    assert (folder / "index.html").is_file()
    assert mark_interrupted(tmp_path / "leerprogramma") == []  # once is enough


def test_a_quiet_run_that_succeeds_prints_nothing(tmp_path):
    """cron mails whatever a job prints: a good quiet run says nothing, also not from its kernels."""
    process = _start(tmp_path, "--phase", "goals")
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (0, "", "")
    folder, manifest = _manifest(tmp_path)
    assert manifest["status"] == "ok" and not (folder / "kernel.log").exists()  # nothing said: no log


def test_a_full_disk_stops_the_run_with_one_line_and_a_failed_snapshot(tmp_path, monkeypatch, capsys):
    """ENOSPC while writing a phase's report: one line naming the file and the cause, the snapshot
    marked failed, no half-written notebook left under a name that looks complete."""
    import errno

    from campaign_kit.run import export
    from campaign_kit.run.cli import main

    def full(_notebook, target, *_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(export, "export_html", full)
    command = ["run", "leerprogramma", "--phase", "goals", "--as-of", "2026-11-26", "--quiet"]
    code = main([*command, "--outputs", str(tmp_path)])
    folder = tmp_path / "leerprogramma" / "2026-11-26"
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 1
    assert err == [f"campaign run: cannot write {folder / '01_goals.html'}: the disk is full (No space left on device)"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and "the disk is full" in manifest["error"]
    assert manifest["phases"][0]["status"] == "failed"
    assert not list(folder.glob(".*partial*")) and not (folder / "01_goals.html").exists()


def test_a_read_only_outputs_folder_is_one_line_and_nothing_written(tmp_path, monkeypatch, capsys):
    import errno

    from campaign_kit.run import runner
    from campaign_kit.run.cli import main

    def read_only(folder, _source):  # the run's first write: claiming outputs/<name>/
        raise OSError(errno.EROFS, "Read-only file system", str(folder))

    monkeypatch.setattr(runner, "claim_outputs", read_only)
    code = main(["run", "leerprogramma", "--as-of", "2026-11-26", "--outputs", str(tmp_path)])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 1 and err == [
        f"campaign run: cannot write {tmp_path / 'leerprogramma'}: the folder is on a read-only file system"
        " (Read-only file system)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_phase_whose_report_was_written_as_the_run_stopped_stays_ok(tmp_path, monkeypatch):
    """The stop reaches the run while a phase's worker is just returning (its HTML written whole):
    that phase is ok with its report, not interrupted beside a report that is there."""
    import threading

    from campaign_kit.core.phases import existing_phases
    from campaign_kit.run import runner

    first, second = existing_phases()[:2]
    stop = threading.Event()

    def fake_phase(phase, entry, folder, *_rest) -> dict:
        (folder / f"{phase.stem}.html").write_text("<html>whole</html>", encoding="utf-8")
        if phase is second:
            stop.set()  # the run is told to stop now ...
            time.sleep(0.5)  # ... while this worker is still on its way back
        return {"status": "ok", "html": f"{phase.stem}.html", "seconds": 0.1}

    def interrupt_when_told() -> None:
        stop.wait(30)
        signal.raise_signal(signal.SIGINT)  # Ctrl-C: KeyboardInterrupt in the run's main thread

    monkeypatch.setattr(runner, "_run_phase", fake_phase)
    monkeypatch.setenv("CAMPAIGN_WORKERS", "1")
    # Python's own Ctrl-C handler: a test run started in the background of a script ignores SIGINT
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        threading.Thread(target=interrupt_when_told, daemon=True).start()
        with pytest.raises(KeyboardInterrupt):
            runner.run_snapshot("leerprogramma", [first, second], dt.date(2026, 11, 26), tmp_path)
    finally:
        signal.signal(signal.SIGINT, previous)
    folder, manifest = _manifest(tmp_path)
    assert manifest["status"] == "interrupted"
    assert [(p["status"], p.get("html")) for p in manifest["phases"]] == [
        ("ok", f"{first.stem}.html"),
        ("ok", f"{second.stem}.html"),
    ]
