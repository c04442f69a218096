"""Airflow 3 DAGs for the workbook's campaigns: one DAG per campaign folder, each phase a task.

This module runs inside Airflow's own virtual environment, loaded by its path from the drop-in file
`dags/campaigns.py`: it imports the standard library, Airflow and (through `schedule.py`) PyYAML only.
Every task runs the workbook's own command line in the workbook's venv,
`<workbook>/.venv/bin/python -m campaign_kit.run.cli run CAMPAIGN --phase P --as-of DATE`, as a
subprocess, so Airflow's pinned libraries and the workbook's never meet in one interpreter.

What a DAG does (see `campaign_dags`):
- runs on the campaign's calendar (`schedule.calendar`): the plan on the first day, a mid-term on the
  first Monday of each month from two weeks in, the final on the last day, with the DAG run's logical
  date as `--as-of`;
- each phase task skips itself on a day it is not due (a manual run may name phases in its `phases`
  parameter), and so does a phase whose campaign.yaml section is not there yet;
- its phase tasks share a pool of one slot per campaign, so that two runs of one campaign (a retry and
  a manual run, two DAG runs) never use its activity store at once;
- a failed run is retried with exponential backoff, except when the workbook refused to start (the
  campaign's own files are wrong: a retry cannot help);
- a failed task's exception is the workbook's own message ("campaign run: phase midterm failed: ...",
  "campaign: interrupted (SIGTERM)"), not a traceback;
- a task that Airflow stops (SIGTERM, a timeout, a worker shutting down) stops the workbook's run
  with SIGTERM, which marks its snapshot `interrupted`; the retry then writes a new snapshot. The run
  is started through `guard.py`, which passes that SIGTERM on once, also when the task's process is
  killed outright (SIGKILL);
- the portfolio (`campaign portfolio`) is refreshed downstream of the phases.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pendulum
from airflow.sdk import DAG, BaseOperator, Param
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException

# Airflow's own (core) EventsTimetable: in 3.3.2 the Task SDK's one is serialized without the summary
# that the scheduler's copy reads back, and every DAG using it fails to serialize ('_summary')
from airflow.timetables.events import EventsTimetable


def _sibling(name: str) -> ModuleType:
    """A module beside this file, loaded by its path: the workbook's package cannot be imported here
    (its __init__ needs the workbook's own dependencies)."""
    key = f"campaign_kit_orchestration_{name}"
    spec = importlib.util.spec_from_file_location(key, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


schedule = _sibling("schedule")

CLI = ("-m", "campaign_kit.run.cli")
PORTFOLIO_POOL = "campaign_portfolio"
STOP_GRACE = 60  # seconds a stopped run gets to mark its snapshot before it is killed
# Environment variables of Airflow's interpreter that must not reach the workbook's
LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONSAFEPATH")

# between the task and the workbook's run: passes one SIGTERM on, also when the task's process dies
GUARD = Path(__file__).with_name("guard.py")


def pool_name(campaign: str) -> str:
    """The pool of one slot that a campaign's phase tasks share."""
    return f"campaign_{schedule.safe_id(campaign)}"


def dag_id(campaign: str) -> str:
    return f"campaign_{schedule.safe_id(campaign)}"


def workbook_message(lines: Sequence[str]) -> str:
    """What the workbook said about a failure, as it said it: its `campaign ...:` lines and the
    indented problem lines under them; else the last line it printed (e.g. an uncaught error's)."""
    said: list[str] = []
    block = False
    for line in lines:
        if line.startswith("campaign"):
            said.append(line)
            block = True
        elif block and line.startswith((" ", "\t")) and line.strip():
            said.append(line)
        else:
            block = False
    if said:
        return "\n".join(said)
    shown = [line for line in lines if line.strip()]
    return shown[-1].strip() if shown else ""


class WorkbookOperator(BaseOperator):
    """Runs one command of the workbook's command line in the workbook's own virtual environment.

    The workbook's output goes to the task log line by line. A non-zero exit fails the task with the
    workbook's own message; SIGTERM to the task process (Airflow stopping it) is passed on to the
    workbook's run, which then marks its snapshot interrupted, and the task fails (and is retried)."""

    ui_color = "#e8f0e0"

    def __init__(
        self,
        *,
        workbook: str,
        outputs: str,
        python: str | None = None,
        timezone: str = "UTC",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.workbook = workbook
        self.outputs = outputs
        self.timezone = timezone
        self.python = python or str(Path(workbook) / ".venv" / "bin" / "python")
        self._process: subprocess.Popen[str] | None = None
        self._stopping = False

    def _environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in LEAKY_ENV}
        env["CAMPAIGN_ROOT"] = self.workbook  # names and relative paths are the workbook's
        env["PYTHONUNBUFFERED"] = "1"  # its progress reaches the task log as it happens
        env["PATH"] = os.pathsep.join([str(Path(self.python).parent), env.get("PATH", "")])
        return env

    def stop_workbook(self) -> None:
        """SIGTERM to the workbook's run (through its guard), once: it stops its notebooks and marks its
        snapshot."""
        process = self._process
        if process is None or self._stopping or process.poll() is not None:
            return
        self._stopping = True
        self.log.info("stopping the workbook's run (process %s) with SIGTERM", process.pid)
        try:
            process.send_signal(signal.SIGTERM)
        except OSError:
            pass

    def on_kill(self) -> None:
        """Airflow's own way of stopping a task (its SIGTERM handler, a timeout)."""
        self.stop_workbook()

    def _on_sigterm(self, previous: Any) -> Any:
        def handler(signum: int, frame: Any) -> None:
            self.stop_workbook()
            if callable(previous):  # Airflow's task runner: calls on_kill, may raise
                previous(signum, frame)

        return handler

    def run_cli(self, arguments: Sequence[str]) -> list[str]:
        """Run `campaign ARGUMENTS` with the workbook's interpreter; its lines, or the task fails."""
        if not Path(self.python).is_file():
            raise AirflowFailException(
                f"the workbook's Python is missing: {self.python} (run ./workbook once in {self.workbook} to create it)"
            )
        command = [self.python, *CLI, *arguments]
        self.log.info("running %s", " ".join(command))
        command = [self.python, "-I", str(GUARD), *command]
        lines: list[str] = []
        main = threading.current_thread() is threading.main_thread()
        previous = signal.getsignal(signal.SIGTERM) if main else None
        self._stopping = False
        self._process = subprocess.Popen(
            command,
            cwd=self.workbook,
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        process = self._process
        try:
            if main:
                signal.signal(signal.SIGTERM, self._on_sigterm(previous))
            assert process.stdout is not None
            for line in process.stdout:
                line = line.rstrip("\n")
                lines.append(line)
                self.log.info("%s", line)
            code = process.wait()
        except BaseException:  # stopped meanwhile (Airflow's handler raised, a timeout, Ctrl-C)
            self.stop_workbook()
            self._wait_or_kill(process)
            raise
        finally:
            if main:
                signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
            self._process = None
        if code == 0:
            return lines
        message = workbook_message(lines) or f"the workbook's command ended with exit code {code}"
        started = any(line.startswith("snapshot ") for line in lines)
        if code > 128 or code < 0 or started:
            raise AirflowException(message)  # stopped, or a phase failed: worth another try
        # refused before a snapshot was begun (the campaign's own files, a full disk): a retry in a
        # few minutes cannot help, the analyst has to act
        raise AirflowFailException(message)

    def _wait_or_kill(self, process: subprocess.Popen[str]) -> None:
        try:
            process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.log.warning("the workbook's run did not stop in %s s: leaving it to stop alone", STOP_GRACE)
            process.kill()  # the guard: the run gets SIGTERM again as the guard dies
            process.wait()


def as_of_date(context: Any, timezone: str) -> dt.date:
    """The run's as-of date: its logical date in the campaign's time zone (a manual run without a
    logical date: when it was started)."""
    moment = context.get("logical_date") or context["dag_run"].run_after
    return pendulum.instance(moment).in_timezone(timezone).date()


class CampaignPhaseOperator(WorkbookOperator):
    """One phase of one campaign into a dated snapshot, when it is due on the run's date."""

    def __init__(self, *, campaign_folder: str, phase: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.campaign_folder = campaign_folder
        self.phase = phase

    def execute(self, context: Any) -> dict[str, str]:
        as_of = as_of_date(context, self.timezone)
        campaign = schedule.read_campaign(Path(self.campaign_folder))
        asked = list((context.get("params") or {}).get("phases") or [])
        if asked:
            if self.phase not in asked:
                raise AirflowSkipException(f"{self.phase}: not among the phases asked for ({', '.join(asked)})")
        elif campaign.problem is None:
            if self.phase not in schedule.phases_due(campaign.start, campaign.end, as_of):
                raise AirflowSkipException(f"{self.phase}: not due on {as_of} ({describe(campaign)})")
        # a campaign whose dates cannot be read runs every phase: the workbook says what is wrong
        if campaign.problem is None and (section := schedule.missing_section(campaign, self.phase)):
            raise AirflowSkipException(f"{self.phase}: campaign.yaml has no {section}: section yet")
        arguments = ["run", self.campaign_folder, "--phase", self.phase, "--as-of", as_of.isoformat()]
        lines = self.run_cli([*arguments, "--outputs", self.outputs])
        said = [line.split(": ", 1) for line in lines if line.startswith("snapshot ")]
        snapshot = said[-1][1] if said and len(said[-1]) == 2 else ""
        return {"campaign": campaign.name, "phase": self.phase, "as_of": as_of.isoformat(), "snapshot": snapshot}


class PortfolioOperator(WorkbookOperator):
    """The portfolio over every campaign's snapshots, refreshed after a campaign's run."""

    def execute(self, context: Any) -> None:
        as_of = as_of_date(context, self.timezone)
        self.run_cli(["portfolio", "--outputs", self.outputs, "--as-of", as_of.isoformat()])


def describe(campaign: Any) -> str:
    """The calendar in words, for the DAG's documentation and a skipped task's reason."""
    if campaign.problem:
        return f"no schedule: {campaign.problem}"
    return (
        f"plan on {campaign.start}, mid-term on the first Monday of each month "
        f"until {campaign.end}, final on {campaign.end}"
    )


def event_times(campaign: Any, run_at: dt.time, timezone: str) -> list[pendulum.DateTime]:
    """The moments a campaign's DAG runs: each day of its calendar at `run_at` in its time zone."""
    return [
        pendulum.datetime(day.year, day.month, day.day, run_at.hour, run_at.minute, tz=timezone)
        for day in schedule.calendar(campaign.start, campaign.end)
    ]


def campaign_dag(
    campaign: Any,
    *,
    workbook: str,
    outputs: str,
    python: str | None = None,
    timezone: str = "UTC",
    run_at: dt.time = dt.time(6, 0),
    retries: int = 3,
    retry_delay: dt.timedelta = dt.timedelta(minutes=5),
    max_retry_delay: dt.timedelta = dt.timedelta(hours=1),
    execution_timeout: dt.timedelta = dt.timedelta(hours=2),
) -> DAG:
    """One campaign's DAG: its phases on its calendar, one at a time, then the portfolio."""
    if campaign.problem is None:
        timetable: Any = EventsTimetable(
            event_dates=event_times(campaign, run_at, timezone),
            presorted=True,
            description=f"plan {campaign.start}, mid-terms on first Mondays, final {campaign.end}",
        )
    else:
        timetable = None  # manual runs only, and those say what is wrong
    defaults = {
        "owner": "campaign workbook",
        "retries": retries,
        "retry_delay": retry_delay,
        "retry_exponential_backoff": True,
        "max_retry_delay": max_retry_delay,
        "execution_timeout": execution_timeout,
    }
    common = {"workbook": workbook, "outputs": outputs, "python": python, "timezone": timezone}
    with DAG(
        dag_id=dag_id(campaign.name),
        description=f"Campaign {campaign.name}: {describe(campaign)}",
        schedule=timetable,
        catchup=False,
        default_args=defaults,
        params={
            "phases": Param(
                [],
                type="array",
                items={"type": "string", "enum": list(schedule.PHASES)},
                description="phases to run whatever the date (empty: those due on the run's date)",
            )
        },
        tags=["campaign"],
        doc_md=(
            f"**{campaign.name}** (`{campaign.folder}`): {describe(campaign)}. Each phase writes a dated "
            f"snapshot under `{outputs}/{campaign.name}/`. Phases share the pool `{pool_name(campaign.name)}` "
            "(one slot): runs of this campaign never use its activity store at once."
        ),
    ) as dag:
        phases = [
            CampaignPhaseOperator(
                task_id=phase,
                campaign_folder=str(campaign.folder),
                phase=phase,
                pool=pool_name(campaign.name),
                pool_slots=1,
                # one slot, several phases due (the plan): in the method's order
                priority_weight=len(schedule.PHASES) - number,
                weight_rule="absolute",
                **common,
            )
            for number, phase in enumerate(schedule.PHASES)
        ]
        portfolio = PortfolioOperator(
            task_id="portfolio",
            pool=PORTFOLIO_POOL,
            # after every phase due has finished well; a failed phase fails the run instead
            trigger_rule="none_failed_min_one_success",
            **common,
        )
        phases >> portfolio
    return dag


def campaign_dags(
    workbook: str | Path,
    *,
    parameters: str | Path | None = None,
    outputs: str | Path | None = None,
    **options: Any,
) -> dict[str, DAG]:
    """A DAG per campaign folder under the workbook's parameters/ (or `parameters`), by DAG id."""
    root = Path(workbook).resolve()
    folder = Path(parameters).resolve() if parameters else root / "parameters"
    target = str(Path(outputs).resolve() if outputs else root / "outputs")
    dags = {}
    for path in schedule.campaign_folders(folder):
        dag = campaign_dag(schedule.read_campaign(path), workbook=str(root), outputs=target, **options)
        dags[dag.dag_id] = dag
    return dags


def pools(parameters: str | Path) -> dict[str, dict[str, Any]]:
    """The pools the DAGs use, in the format `airflow pools import FILE` reads."""
    found = {
        pool_name(path.name): {
            "slots": 1,
            "description": f"runs of campaign {path.name}: one at a time (its activity store)",
            "include_deferred": False,
        }
        for path in schedule.campaign_folders(Path(parameters))
    }
    found[PORTFOLIO_POOL] = {
        "slots": 1,
        "description": "the campaign portfolio: one refresh at a time",
        "include_deferred": False,
    }
    return found


def pools_json(parameters: str | Path) -> str:
    return json.dumps(pools(parameters), indent=2)
