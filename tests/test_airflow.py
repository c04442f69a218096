"""The Airflow DAGs (campaign_kit/orchestration), for real: Apache Airflow 3 in its own virtual
environment (.venv-airflow, made by ./workbook test), a temporary AIRFLOW_HOME on SQLite, the drop-in
file copied into a dags/ folder as a data team would, and `dag.test()` running the workbook's own
command line in the workbook's venv into temporary outputs folders."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, PARAMETERS, ROOT

from campaign_kit.orchestration import schedule

pytestmark = pytest.mark.airflow

AIRFLOW_VENV = ROOT / ".venv-airflow"
AIRFLOW_PYTHON = AIRFLOW_VENV / "bin" / "python"
DAG_FILE = ROOT / "campaign_kit" / "orchestration" / "dags" / "campaigns.py"
# the calendar of the examples, by hand: the plan on the first day, mid-terms on first Mondays from
# two weeks in, the final on the last day (leerprogramma's first Monday 2026-09-07 is 6 days in)
CALENDARS = {
    "leerprogramma": {
        "2026-09-01": ["goals", "selection", "rewards"],
        "2026-10-05": ["midterm"],
        "2026-11-02": ["midterm"],
        "2026-12-07": ["midterm"],
        "2027-01-04": ["midterm"],
        "2027-02-01": ["midterm"],
        "2027-02-26": ["final"],
    },
    "employer-branding-pilot": {
        "2026-10-05": ["goals", "selection", "rewards"],  # a first Monday, but its first day: no mid-term
        "2026-11-02": ["midterm"],
        "2026-12-07": ["midterm"],
        "2027-01-04": ["midterm"],
        "2027-01-29": ["final"],
    },
}


# --- the calendar, in the workbook's own venv (schedule.py needs only the standard library and PyYAML)


def test_first_monday_of_every_month_for_thirty_years():
    day = dt.date(2000, 1, 1)
    seen: dict[tuple[int, int], dt.date] = {}
    while day.year < 2030:  # brute force: the first day of each month that is a Monday
        if day.weekday() == 0:
            seen.setdefault((day.year, day.month), day)
        day += dt.timedelta(days=1)
    assert all(schedule.first_monday(y, m) == first for (y, m), first in seen.items())
    assert len(seen) == 360


def test_first_mondays_are_not_cron_s_days_one_to_seven_or_mondays():
    """cron's `0 6 1-7 * 1` runs on days 1-7 OR on Mondays; the calendar has one day a month."""
    days = schedule.first_mondays(dt.date(2026, 9, 1), dt.date(2027, 2, 26))
    assert days == [dt.date(2026, 9, 7), dt.date(2026, 10, 5), dt.date(2026, 11, 2), dt.date(2026, 12, 7)] + [
        dt.date(2027, 1, 4),
        dt.date(2027, 2, 1),
    ]
    assert all(d.weekday() == 0 and d.day <= 7 for d in days)
    # bounds included: a campaign starting or ending on a first Monday has it
    assert schedule.first_mondays(dt.date(2026, 10, 5), dt.date(2026, 11, 2)) == [
        dt.date(2026, 10, 5),
        dt.date(2026, 11, 2),
    ]
    assert schedule.first_mondays(dt.date(2026, 10, 6), dt.date(2026, 11, 1)) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_calendar_of_each_example(name):
    campaign = schedule.read_campaign(PARAMETERS / name)
    assert campaign.problem is None
    got = {day.isoformat(): list(phases) for day, phases in schedule.calendar(campaign.start, campaign.end).items()}
    assert got == CALENDARS[name]
    assert schedule.phases_due(campaign.start, campaign.end, campaign.end) == ("final",)
    assert schedule.phases_due(campaign.start, campaign.end, dt.date(2026, 11, 3)) == ()


def test_a_short_campaign_and_one_ending_on_a_first_monday():
    start, end = dt.date(2027, 3, 10), dt.date(2027, 4, 5)  # 5 April 2027: a first Monday
    assert schedule.calendar(start, end) == {
        start: ("goals", "selection", "rewards"),
        end: ("midterm", "final"),
    }
    one_day = dt.date(2027, 3, 1)
    assert schedule.calendar(one_day, one_day) == {one_day: ("goals", "selection", "rewards", "final")}


def test_a_campaign_file_the_scheduler_cannot_read_is_named_not_raised(tmp_path):
    cases = {
        "broken": "name: [unclosed\n",
        "nodates": "name: X\nstart: soon\nend: 2027-01-01\n",
        "backwards": "name: X\nstart: 2027-02-01\nend: 2027-01-01\n",
        "list": "- a\n- b\n",
    }
    for name, text in cases.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "campaign.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "no-campaign").mkdir()
    found = {p.name: schedule.read_campaign(p) for p in schedule.campaign_folders(tmp_path)}
    assert sorted(found) == sorted(cases)
    assert "not valid YAML" in found["broken"].problem
    assert "no valid start: and end:" in found["nodates"].problem
    assert "before it starts" in found["backwards"].problem
    assert "not a mapping" in found["list"].problem


# --- Airflow itself, in .venv-airflow


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "CAMPAIGN_ROOT")}
    env = {k: v for k, v in env.items() if not k.startswith(("AIRFLOW", "CAMPAIGN_"))}
    env.update(extra)
    return env


class Airflow:
    """A temporary Airflow installation: its home, database, dags/ folder with the drop-in file, pools."""

    def __init__(self, home: Path):
        self.home = home
        self.dags = home / "dags"
        self.env = _clean_env(
            AIRFLOW_HOME=str(home),
            AIRFLOW__CORE__DAGS_FOLDER=str(self.dags),
            AIRFLOW__CORE__LOAD_EXAMPLES="False",
            AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home / 'airflow.db'}",
            AIRFLOW__LOGGING__LOGGING_LEVEL="INFO",
            CAMPAIGN_WORKBOOK=str(ROOT),
            CAMPAIGN_RETRY_DELAY="1",
        )

    def run(self, *args: str, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(AIRFLOW_PYTHON), *args],
            cwd=self.home,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def script(self, name: str, text: str) -> Path:
        path = self.home / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def airflow(tmp_path_factory) -> Airflow:
    if not AIRFLOW_PYTHON.is_file():
        pytest.fail(
            f"Apache Airflow's own virtual environment {AIRFLOW_VENV} is missing: run the tests through "
            "./workbook test, which creates it on first use (or run ./workbook airflow-venv)"
        )
    home = tmp_path_factory.mktemp("airflow-home")
    af = Airflow(home)
    af.dags.mkdir()
    shutil.copy(DAG_FILE, af.dags / "campaigns.py")  # as a data team drops it into its dags/ folder
    migrated = af.run("-m", "airflow", "db", "migrate")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    pools = af.run(str(af.dags / "campaigns.py"), "pools")
    assert pools.returncode == 0, pools.stderr[-3000:]
    (home / "pools.json").write_text(pools.stdout, encoding="utf-8")
    imported = af.run("-m", "airflow", "pools", "import", str(home / "pools.json"))
    assert imported.returncode == 0, imported.stderr[-3000:]
    return af


INSPECT = """
    import datetime, json, os, sys
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=sys.argv[1])
    out = {"errors": {os.path.basename(k): v for k, v in bag.import_errors.items()}, "dags": {}}
    for dag_id, dag in bag.dags.items():
        tasks = {}
        for task in dag.tasks:
            tasks[task.task_id] = {
                "type": type(task).__name__,
                "pool": task.pool,
                "pool_slots": task.pool_slots,
                "retries": task.retries,
                "backoff": bool(task.retry_exponential_backoff),
                "retry_delay": task.retry_delay.total_seconds(),
                "max_retry_delay": task.max_retry_delay.total_seconds() if task.max_retry_delay else None,
                "trigger_rule": str(getattr(task.trigger_rule, "value", task.trigger_rule)),
                "upstream": sorted(task.upstream_task_ids),
                "priority": task.priority_weight,
            }
        events = [e.isoformat() for e in getattr(dag.timetable, "event_dates", [])]
        out["dags"][dag_id] = {"tasks": tasks, "events": events, "timetable": type(dag.timetable).__name__}
    heavy = ("pandas", "duckdb", "ruamel", "papermill", "nbformat", "matplotlib", "campaign_kit")
    out["modules"] = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
    workbook_venv = os.path.join(os.environ["CAMPAIGN_WORKBOOK"], ".venv", "")
    out["modules"] += sorted(
        name for name, m in list(sys.modules.items())
        if (getattr(m, "__file__", None) or "").startswith(workbook_venv)
    )

    # the organisation's time zone and hour: runs at 07:30 in Amsterdam, as of that day there
    os.environ.update(CAMPAIGN_TIMEZONE="Europe/Amsterdam", CAMPAIGN_RUN_AT="07:30")
    local = DagBag(dag_folder=sys.argv[1]).dags["campaign_leerprogramma"]
    out["local_events"] = [e.isoformat() for e in local.timetable.event_dates]
    factory = sys.modules["campaign_kit_orchestration_airflow"]
    late = datetime.datetime(2026, 11, 1, 23, 30, tzinfo=datetime.timezone.utc)  # 00:30 on the 2nd there
    out["as_of"] = [
        factory.as_of_date({"logical_date": late}, "Europe/Amsterdam").isoformat(),
        factory.as_of_date({"logical_date": late}, "UTC").isoformat(),
    ]
    # copied into a dags/ folder without saying where the workbook is: an import error that says so
    del os.environ["CAMPAIGN_WORKBOOK"]
    out["unset"] = list(DagBag(dag_folder=sys.argv[1]).import_errors.values())
    print("RESULT " + json.dumps(out))
"""


def _result(done: subprocess.CompletedProcess) -> dict:
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, f"no result (exit {done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.fixture(scope="session")
def inspected(airflow) -> dict:
    script = airflow.script("dagcheck.py", INSPECT)
    done = airflow.run(str(script), str(airflow.dags))
    return _result(done)


def test_the_dag_file_imports_cleanly_with_one_dag_per_example(inspected):
    assert inspected["errors"] == {}
    assert sorted(inspected["dags"]) == sorted(f"campaign_{name}" for name in EXAMPLES)
    # Airflow's side loads the standard library, Airflow and PyYAML only: never the workbook's libraries
    assert inspected["modules"] == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_dag_has_its_phases_in_its_pool_with_retries_and_the_portfolio_after(inspected, name):
    dag = inspected["dags"][f"campaign_{name}"]
    phases = ["goals", "selection", "rewards", "midterm", "final"]
    assert sorted(dag["tasks"]) == sorted([*phases, "portfolio"])
    for phase in phases:
        task = dag["tasks"][phase]
        assert (task["pool"], task["pool_slots"]) == (f"campaign_{name}", 1)
        assert (task["retries"], task["backoff"], task["retry_delay"]) == (3, True, 1.0)  # CAMPAIGN_RETRY_DELAY=1
        assert task["max_retry_delay"] == 3600
        assert task["upstream"] == []
    # one slot, several phases due: in the method's order
    priorities = [dag["tasks"][p]["priority"] for p in phases]
    assert priorities == sorted(set(priorities), reverse=True)
    portfolio = dag["tasks"]["portfolio"]
    assert portfolio["upstream"] == sorted(phases)
    assert portfolio["trigger_rule"] == "none_failed_min_one_success"
    assert portfolio["pool"] == "campaign_portfolio"


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_dag_runs_on_its_calendar_at_six(inspected, name):
    dag = inspected["dags"][f"campaign_{name}"]
    assert dag["timetable"] == "EventsTimetable"
    assert [e[:10] for e in dag["events"]] == list(CALENDARS[name])
    assert all(e[10:] == "T06:00:00+00:00" for e in dag["events"])


def test_the_time_zone_and_hour_of_the_runs_and_the_as_of_date_there(inspected):
    assert inspected["local_events"][:2] == ["2026-09-01T07:30:00+02:00", "2026-10-05T07:30:00+02:00"]
    assert inspected["local_events"][-1] == "2027-02-26T07:30:00+01:00"
    assert inspected["as_of"] == ["2026-11-02", "2026-11-01"]


def test_the_dag_file_without_a_workbook_says_what_to_set(inspected):
    assert len(inspected["unset"]) == 1 and "set CAMPAIGN_WORKBOOK" in inspected["unset"][0]


def test_the_pools_file_has_one_slot_per_campaign(airflow):
    pools = json.loads((airflow.home / "pools.json").read_text(encoding="utf-8"))
    assert {name: p["slots"] for name, p in pools.items()} == {
        "campaign_leerprogramma": 1,
        "campaign_employer-branding-pilot": 1,
        "campaign_portfolio": 1,
    }


RUN = """
    import datetime as dt, json, sys
    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session
    from sqlalchemy import select

    folder, dag_id, day, conf = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    dag = DagBag(dag_folder=folder).dags[dag_id]
    when = dt.datetime.fromisoformat(day).replace(hour=6, tzinfo=dt.timezone.utc)
    run = dag.test(logical_date=when, run_conf=conf or None)
    with create_session() as session:
        query = select(TaskInstance).where(TaskInstance.dag_id == dag_id, TaskInstance.run_id == run.run_id)
        tasks = {
            ti.task_id: {"state": str(getattr(ti.state, "value", ti.state)), "try_number": ti.try_number}
            for ti in session.scalars(query)
        }
    print("RESULT " + json.dumps({"state": str(getattr(run.state, "value", run.state)), "tasks": tasks}))
"""


def _dag_test(airflow: Airflow, dag_id: str, day: str, outputs: Path, conf: dict | None = None, **env: str):
    """`dag.test()` of one DAG for a logical date at 06:00 UTC, as a process of its own (Popen)."""
    script = airflow.home / "dag_test.py"
    if not script.exists():
        airflow.script("dag_test.py", RUN)
    return subprocess.Popen(
        [str(AIRFLOW_PYTHON), str(script), str(airflow.dags), dag_id, day, json.dumps(conf or {})],
        cwd=airflow.home,
        env={**airflow.env, "CAMPAIGN_OUTPUTS": str(outputs), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(process: subprocess.Popen, timeout: float = 400) -> tuple[dict, str]:
    out, _ = process.communicate(timeout=timeout)
    done = subprocess.CompletedProcess(process.args, process.returncode, out, "")
    return _result(done), out


def _manifests(outputs: Path, name: str) -> dict[str, dict]:
    """Every snapshot of a campaign under an outputs folder, by folder name."""
    found = {}
    for path in sorted((outputs / name).glob("*/manifest.json")):
        try:
            found[path.parent.name] = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:  # being replaced this instant
            pass
    return found


def _has_portfolio() -> bool:
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "campaign_kit.run.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return "portfolio" in done.stdout


# (example, logical date, the phases due then): the plan on a first day, a mid-term, a final
RUNS = [
    ("employer-branding-pilot", "2026-10-05", ["goals", "selection", "rewards"]),
    ("leerprogramma", "2026-11-02", ["midterm"]),
    ("leerprogramma", "2027-02-26", ["final"]),
]


@pytest.fixture(scope="session")
def dag_runs(airflow, tmp_path_factory) -> dict[tuple[str, str], tuple[dict, Path, str]]:
    """Each example's DAG tested for a logical date, into a temporary outputs folder (run once)."""
    results = {}
    for name, day, _phases in RUNS:
        outputs = tmp_path_factory.mktemp("airflow-outputs")
        result, log = _finish(_dag_test(airflow, f"campaign_{name}", day, outputs))
        results[(name, day)] = (result, outputs, log)
    return results


@pytest.mark.parametrize(("name", "day", "phases"), RUNS)
def test_dag_test_writes_a_snapshot_as_of_the_logical_date(dag_runs, name, day, phases):
    result, outputs, log = dag_runs[(name, day)]
    tasks = result["tasks"]
    ran = sorted(task for task, ti in tasks.items() if ti["state"] == "success" and task != "portfolio")
    assert ran == sorted(phases), log[-6000:]
    assert all(tasks[t]["state"] == "skipped" for t in tasks if t not in phases and t != "portfolio")
    manifests = _manifests(outputs, name)
    # one snapshot per phase due, each as of the run's logical date and ok
    assert len(manifests) == len(phases)
    assert sorted(p["name"] for m in manifests.values() for p in m["phases"]) == sorted(phases)
    assert {(m["as_of"], m["status"]) for m in manifests.values()} == {(day, "ok")}
    assert sorted(manifests)[0] == day  # the folder is the date (then -2, -3 for the plan's phases)


@pytest.mark.parametrize(("name", "day", "phases"), RUNS[:1])
def test_the_portfolio_runs_after_the_phases(dag_runs, name, day, phases):
    result, outputs, log = dag_runs[(name, day)]
    if not _has_portfolio():
        assert result["tasks"]["portfolio"]["state"] == "failed"  # with argparse's word for it
        assert "invalid choice: 'portfolio'" in log
        pytest.skip("`campaign portfolio` is not in the workbook's command line yet (issue 17, in progress)")
    assert result["tasks"]["portfolio"]["state"] == "success", log[-6000:]
    assert result["state"] == "success"


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        for task in Path(f"/proc/{queue.pop()}/task").glob("*/children"):
            try:
                children = [int(child) for child in task.read_text().split()]
            except OSError:
                continue
            found += children
            queue += children
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _wait_for_kernel(process: subprocess.Popen) -> None:
    """Until the mid-term notebook's kernel runs under the task's process (at most 3 minutes)."""
    end = time.monotonic() + 180
    kernel = None
    while kernel is None and process.poll() is None and time.monotonic() < end:
        kernel = next((p for p in _descendants(process.pid) if "ipykernel" in _cmdline(p)), None)
        time.sleep(0.05)
    assert kernel is not None, "the mid-term's kernel never started"


def test_a_task_stopped_mid_run_leaves_an_interrupted_snapshot_and_the_retry_a_good_one(airflow, tmp_path):
    """SIGTERM to the task's process while the notebook runs, as Airflow stops a task: the workbook's
    run is stopped and marks its snapshot interrupted, the task fails, and its retry writes a new one."""
    day = "2026-12-07"
    process = _dag_test(airflow, "campaign_leerprogramma", day, tmp_path)
    _wait_for_kernel(process)
    time.sleep(1.0)  # the notebook is running
    assert _manifests(tmp_path, "leerprogramma")[day]["status"] == "running"
    os.kill(process.pid, signal.SIGTERM)  # dag.test runs the task in this process
    result, log = _finish(process)
    manifests = _manifests(tmp_path, "leerprogramma")
    assert sorted(manifests) == [day, f"{day}-2"], log[-6000:]
    stopped, retried = manifests[day], manifests[f"{day}-2"]
    assert (stopped["as_of"], stopped["status"], stopped["phases"][0]["status"]) == (day, "interrupted", "interrupted")
    assert (retried["as_of"], retried["status"], retried["phases"][0]["status"]) == (day, "ok", "ok")
    assert result["tasks"]["midterm"] == {"state": "success", "try_number": 2}
    assert "campaign: interrupted (SIGTERM)" in log  # the first try's failure, in the workbook's words
    assert not [p for p in _descendants(os.getpid()) if "campaign_kit.run.cli" in _cmdline(p)]  # none left


def test_a_task_process_killed_outright_still_stops_the_run_and_marks_it(airflow, tmp_path):
    """SIGKILL to the task's process (Airflow's last resort, an out-of-memory kill): no handler runs
    there, but the workbook's run gets SIGTERM as its parent dies and marks its snapshot interrupted."""
    day = "2027-01-04"
    process = _dag_test(airflow, "campaign_leerprogramma", day, tmp_path)
    _wait_for_kernel(process)
    time.sleep(1.0)
    process.kill()
    process.communicate(timeout=60)
    end = time.monotonic() + 60  # the run, now on its own, stops its kernel and marks its snapshot
    while (manifest := _manifests(tmp_path, "leerprogramma")[day])["status"] == "running" and time.monotonic() < end:
        time.sleep(0.1)
    assert (manifest["status"], manifest["phases"][0]["status"]) == ("interrupted", "interrupted")


def test_a_failing_run_fails_its_task_with_the_workbook_s_own_message(airflow, tmp_path):
    """A campaign the workbook refuses: the task fails at once (a retry cannot help) and its error is
    the workbook's message, as `campaign run` prints it."""
    parameters = tmp_path / "parameters"
    broken = parameters / "kapot"
    shutil.copytree(PARAMETERS / "leerprogramma", broken)
    text = (broken / "campaign.yaml").read_text(encoding="utf-8")
    (broken / "campaign.yaml").write_text(text.replace("size: 30", "size: dertig", 1), encoding="utf-8")
    outputs = tmp_path / "outputs"
    cli = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "campaign_kit.run.cli", "run", str(broken)]
        + ["--phase", "goals", "--as-of", "2026-09-01", "--outputs", str(outputs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_clean_env(CAMPAIGN_ROOT=str(ROOT)),
    )
    said = cli.stderr.strip()
    assert cli.returncode == 1 and "size" in said and "dertig" in said
    # a manual run that names its phase (the DAG's `phases` parameter)
    conf = {"phases": ["goals"]}
    process = _dag_test(airflow, "campaign_kapot", "2026-09-01", outputs, conf, CAMPAIGN_PARAMETERS=str(parameters))
    result, log = _finish(process)
    assert result["tasks"]["goals"] == {"state": "failed", "try_number": 1}, log[-6000:]
    assert {result["tasks"][p]["state"] for p in ("selection", "rewards", "midterm", "final")} == {"skipped"}
    assert result["tasks"]["portfolio"]["state"] == "upstream_failed"
    assert result["state"] == "failed"
    assert f"AirflowFailException: {said}" in log
    assert "campaign_kit/core/validation.py" not in log  # no traceback of the workbook's
    assert not list(outputs.glob("kapot/*"))
