"""Stands between an Airflow task and the workbook's command line it runs: `python guard.py COMMAND...`.

Why a process in between: when a task's process dies without a word (SIGKILL, out of memory), Linux
can signal its children (PR_SET_PDEATHSIG), but it does so once per thread of the dying process, and
Airflow's task process has many threads. The workbook's run would get SIGTERM several times and a
later one would cut short the marking of its snapshot. This guard is single-threaded: it passes the
first SIGTERM (or SIGHUP, SIGINT) on to the run and ignores the rest, and it copies the run's output
to the task's log, so that a log reader that is gone never makes the run fail on a broken pipe.

Standard library only; run with `-I`, it sees nothing of either virtual environment's packages.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1
STOPS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def _die_with_parent() -> None:
    """SIGTERM to this process when the one that started it ends (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: Airflow's own SIGTERM still reaches the run
        pass


def main(command: list[str]) -> int:
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # the task's process ended before the line above
        return 128 + signal.SIGTERM
    run = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # signals reach it from here only, once
        preexec_fn=_die_with_parent,  # this guard is single-threaded: at most one SIGTERM from that
    )
    stopped: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        if not stopped:
            stopped.append(signum)
            try:
                run.send_signal(signal.SIGTERM)
            except OSError:
                pass

    for signum in STOPS:
        signal.signal(signum, stop)
    out = getattr(sys.stdout, "buffer", None)
    assert run.stdout is not None
    for line in iter(run.stdout.readline, b""):
        if out is not None:
            try:
                out.write(line)
                out.flush()
            except OSError:  # nobody reads the log any more: keep draining the run's output
                out = None
    code = run.wait()
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
