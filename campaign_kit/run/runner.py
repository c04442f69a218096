"""`campaign run`: execute phase notebooks with papermill into a dated snapshot, export HTML.

Everything runs in this one process through papermill's and nbconvert's Python APIs (their command
lines cost seconds of start-up per notebook), two phases at a time, each in a kernel process of its
own. The notebooks read the snapshot's own copy of the
parameters, so a snapshot is reproducible and an analyst saving a form meanwhile changes nothing in it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.formats import date
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.core.paths import UNATTENDED_ENV, outputs_dir, resolve_campaign_dir
from campaign_kit.core.phases import Phase, existing_phases
from campaign_kit.core.storage import disk_error
from campaign_kit.core.validation import load_campaign
from campaign_kit.data.history import this_process
from campaign_kit.run.snapshots import (
    allocate_snapshot,
    claim_outputs,
    end_unfinished,
    input_hashes,
    mark_interrupted,
    package_versions,
    read_problems,
    write_index,
    write_manifest,
)

KERNEL = "python3"
# Files that belong to the editing history of a campaign, not to the parameters a run uses.
IGNORED_IN_COPY = shutil.ignore_patterns(".history", ".*.tmp", ".*.lock", ".ipynb_checkpoints", "__pycache__")


@dataclass
class RunResult:
    folder: Path
    status: str
    failures: list[str] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _problem_line(problem: dict) -> str:
    where = problem["file"] if problem.get("line") is None else f"{problem['file']}:{problem['line']}"
    key = f" {problem['key']}" if problem.get("key") else ""
    return f"{where}{key}: {problem['message']}"


def _error_line(exc: Exception) -> str:
    """One line for a failed notebook: the exception name and message, without the traceback."""
    name = getattr(exc, "ename", type(exc).__name__)
    value = str(getattr(exc, "evalue", exc)).strip().splitlines()
    return f"{name}: {value[0] if value else ''}".strip()


def _kernel_manager(log: Path, kernels: list) -> type:
    """A kernel manager whose kernel writes its own stderr (start-up chatter, 'KeyboardInterrupt caught
    in kernel', ZMQ errors when a run is stopped) to `log` in the snapshot, not to the console, where
    cron would mail it; what a notebook cell prints still lands in the notebook. Each manager is added
    to `kernels`, so that a stopped run can stop its kernels."""
    from jupyter_client.manager import AsyncKernelManager

    class LoggedKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: object) -> None:
            kernels.append(self)
            with log.open("ab") as stream:  # the kernel keeps its own copy of the descriptor
                kw["stderr"] = stream
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return LoggedKernelManager


def run_snapshot(
    campaign: str | Path,
    phases: Sequence[Phase] | None = None,
    as_of: dt.date | None = None,
    outputs: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Run the phases of one campaign into a new snapshot folder and return where it is.

    Raises CampaignError before writing anything when the campaign or the request is invalid.
    A failing notebook does not raise: the snapshot is kept, marked failed, and the result says why.
    """
    say = progress or (lambda _text: None)
    as_of = as_of or dt.date.today()
    model = load_campaign(campaign)  # validation first: nothing is written for bad input
    source = resolve_campaign_dir(campaign)
    # each phase once, in phase order, however the command line named them
    chosen = sorted(set(phases), key=lambda p: p.number) if phases else existing_phases()
    missing = [p for p in chosen if not p.notebook.is_file()]
    if missing:
        raise CampaignError(
            [Problem.of("--phase", p.name, "error.no_notebook", notebook=p.notebook.name) for p in missing]
        )
    # a phase whose section campaign.yaml does not have yet: an error when asked for by name,
    # left out (and said so) when running every phase, so a campaign can be run phase by phase
    unready = [p for p in chosen if p.section and getattr(model, p.section) is None]
    if phases and unready:
        raise CampaignError(
            [Problem.of("campaign.yaml", p.section, "error.phase_needs_section", phase=p.name) for p in unready]
        )
    skipped = unready
    chosen = [p for p in chosen if p not in skipped]
    if not chosen:
        raise CampaignError("no phase notebooks found under notebooks/")

    campaign_outputs = (outputs or outputs_dir()) / source.name
    claim_outputs(campaign_outputs, source)  # another folder of the same name would share the store
    mark_interrupted(campaign_outputs)  # earlier runs killed without a word (SIGKILL, power loss)
    folder = allocate_snapshot(campaign_outputs, as_of)
    manifest = {
        "campaign": source.name,
        "name": model.name,
        "language": model.language,
        "as_of": as_of.isoformat(),
        "snapshot": folder.name,
        "status": "running",
        "process": this_process(),  # so a reader can tell a killed run from one still going
        "started": _now(),
        "finished": None,
        "seconds": None,
        "phases": [
            {
                "name": p.name,
                "number": p.number,
                "status": "pending",
                "seconds": None,
                "notebook": f"{p.stem}.ipynb",
                "html": None,
                "error": None,
            }
            for p in chosen
        ],
        "skipped": [{"name": p.name, "reason": f"campaign.yaml has no {p.section}: section yet"} for p in skipped],
        "inputs": [],
        "versions": package_versions(),
    }
    write_manifest(folder, manifest)  # from here on the snapshot is marked, whatever happens
    for entry in manifest["skipped"]:
        say(f"{entry['name']}: skipped, {entry['reason']}")
    copy = folder / "parameters" / source.name
    try:
        shutil.copytree(source, copy, ignore=IGNORED_IN_COPY)
        manifest["inputs"] = input_hashes(copy, folder)
        # the run uses the copy; if someone saved between the check above and the copy, check again
        model = load_campaign(copy)
    except (CampaignError, OSError) as exc:
        manifest.update(status="failed", finished=_now(), error=str(exc).splitlines()[0])
        for entry in manifest["phases"]:
            entry.update(status="failed", error="parameters could not be copied or are invalid")
        write_index(folder, manifest)
        write_manifest(folder, manifest)
        raise
    write_manifest(folder, manifest)
    started = time.perf_counter()
    failures: list[tuple[int, str]] = []
    kernel_log = folder / "kernel.log"
    kernels: list = []  # the kernel managers of this run, to stop their kernels if the run is stopped
    stopping = threading.Event()  # set when the run is stopped: no phase starts a kernel again
    workers = run_workers()
    import papermill  # noqa: F401 - once here, not by two workers at once

    from campaign_kit.run import export  # noqa: F401

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="phase")
    running: dict[Future, tuple[int, Phase, dict]] = {}
    queue = list(enumerate(zip(chosen, manifest["phases"], strict=True), start=1))
    # kernels inherit the environment: forms see that nobody is there and show a read-only summary
    previous_flag = os.environ.get(UNATTENDED_ENV)
    os.environ[UNATTENDED_ENV] = "1"
    try:
        synced = False
        while queue or running:
            # phases do not read each other's results: up to `workers` run at once, in phase order
            while queue and len(running) < workers:
                i, (phase, entry) = queue.pop(0)
                if phase.name in STORE_PHASES and not synced and progress is not None:
                    synced = _import_with_progress(model)
                say(f"[{i}/{len(chosen)}] {phase.name}: running {phase.notebook.name}")
                job = (phase, entry, folder, source.name, as_of, model, _kernel_manager(kernel_log, kernels), stopping)
                running[pool.submit(_run_phase, *job)] = (i, phase, entry)
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: running[f][0]):
                i, phase, entry = running.pop(future)
                outcome = future.result()  # a full disk stops the run here
                failure = outcome.pop("failure", None)
                if failure:
                    failures.append((i, failure))
                entry.update(outcome)
                say(f"[{i}/{len(chosen)}] {phase.name}: {entry['status']} in {entry['seconds']:.1f} s")
                write_manifest(folder, manifest)
    except BaseException as exc:
        # interrupted (Ctrl-C, SIGTERM or SIGHUP from cron, systemd or Airflow) or the disk failed: the
        # snapshot stays, finished phases stay ok, the rest is marked, never "running"
        # the phases still running end with their kernels, without the notebook client's complaints
        logging.disable(logging.CRITICAL)  # ('Kernel died while waiting for execute reply')
        try:
            stopping.set()
            _stop_kernels(kernels)
            pool.shutdown(wait=True, cancel_futures=True)
        finally:
            logging.disable(logging.NOTSET)
        # a phase whose report was written whole as the run stopped is ok: its HTML is in the snapshot
        for future, (_, _, entry) in running.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                outcome = future.result()
                if outcome.get("status") == "ok":
                    entry.update(outcome)
        stopped = isinstance(exc, KeyboardInterrupt)
        reason = "interrupted" if stopped else disk_error(exc) or _error_line(exc)
        end_unfinished(manifest, "interrupted" if stopped else "failed", reason)
        manifest["finished"] = _now()
        try:
            write_index(folder, manifest)
            write_manifest(folder, manifest)
        except OSError:  # a full disk may refuse even this; the error that stopped the run is the news
            pass
        raise
    finally:
        pool.shutdown(wait=False)
        if previous_flag is None:
            os.environ.pop(UNATTENDED_ENV, None)
        else:
            os.environ[UNATTENDED_ENV] = previous_flag
    if kernel_log.is_file() and kernel_log.stat().st_size == 0:
        kernel_log.unlink()  # nothing said: no empty file in the snapshot
    manifest["status"] = "failed" if failures else "ok"
    manifest["finished"] = _now()
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    write_index(folder, manifest)
    write_manifest(folder, manifest)
    return RunResult(folder=folder, status=manifest["status"], failures=[f for _, f in sorted(failures)])


WORKERS_ENV = "CAMPAIGN_WORKERS"  # phases run at once (default: one more than the cores, at most 3)


def run_workers() -> int:
    """How many phases run at once. Each runs in a kernel process of its own, and a kernel spends part
    of its time starting and waiting on messages: on 2 cores three at once measured best (a five-phase
    snapshot 15.8 s one by one, 9.9 s two at a time, 9.1 s three)."""
    default = min(3, (os.cpu_count() or 1) + 1)
    try:
        return max(1, int(os.environ.get(WORKERS_ENV, default)))
    except ValueError:
        return default


_exporters = threading.local()  # an HTML exporter per worker thread, made once


# A kernel that dies before it answers has run nothing: seen once in a CI run, where a kernel found its
# port taken ('Address already in use'), as kernels started side by side each pick free ports before
# binding them. Such a phase starts a new kernel once more.
KERNEL_STARTS = 2


def _died_at_start(exc: BaseException) -> bool:
    return isinstance(exc, RuntimeError) and "Kernel died before replying to kernel_info" in str(exc)


def _run_phase(
    phase: Phase,
    entry: dict,
    folder: Path,
    name: str,
    as_of: dt.date,
    model: Campaign,
    manager: type,
    stopping: threading.Event,
) -> dict:
    """Execute one phase notebook into the snapshot and export it; what happened, for its manifest
    entry (status, html, error, problems, seconds) and, when it failed, the lines the run prints.
    Runs in a worker thread: it writes its own files, never the manifest."""
    import papermill

    from campaign_kit.run.export import export_html, make_exporter

    began = time.perf_counter()
    notebook = folder / entry["notebook"]
    # written under a hidden name, renamed when whole: never a cut-off notebook that looks complete
    partial = folder / f".{phase.stem}.partial.ipynb"
    try:
        for start in range(1, KERNEL_STARTS + 1):
            try:
                papermill.execute_notebook(
                    str(phase.notebook),
                    str(partial),
                    parameters={"campaign": f"parameters/{name}", "as_of": as_of.isoformat()},
                    kernel_name=KERNEL,
                    # the kernel starts in the snapshot; not papermill's `cwd`, which changes the directory of
                    # this whole process and so of the other phases running beside it
                    resources={"metadata": {"path": str(folder)}},
                    progress_bar=False,
                    log_output=False,
                    # the kernel's own start-up chatter (e.g. its transport warning) is noise in cron mail
                    extra_arguments=["--IPKernelApp.log_level=ERROR"],
                    kernel_manager_class=manager,
                )
                break
            except RuntimeError as exc:
                if start == KERNEL_STARTS or not _died_at_start(exc) or stopping.is_set():
                    raise
        os.replace(partial, notebook)
        title = f"{model.name} – {t(f'phase.{phase.name}', model.language)} – {date(as_of, model.language)}"
        exporters = _exporters.__dict__.setdefault("by_language", {})
        exporter = exporters.setdefault(model.language, make_exporter(model.language))
        export_html(notebook, folder / f"{phase.stem}.html", title, model.language, exporter)
        outcome: dict = {"status": "ok", "html": f"{phase.stem}.html"}
    except Exception as exc:  # a failing notebook is a result, not a crash: keep it and go on
        if disk_error(exc):  # the machine's problem, not the notebook's: stop the run
            partial.unlink(missing_ok=True)
            raise
        if partial.exists():  # papermill wrote the failed notebook whole, its error cell marked
            os.replace(partial, notebook)
        problems = read_problems(folder, phase.name)  # the campaign's own mistakes, said plainly
        if problems:
            lines = [_problem_line(p) for p in problems]
            count = len(problems)
            said = t("run.problem" if count == 1 else "run.problems", model.language, count=count)
            failure = (
                f"phase {phase.name} failed: {said}\n"
                + "\n".join(f"  {line}" for line in lines)
                + f"\n  ({t('run.see_notebook', model.language, notebook=notebook)})"
            )
            outcome = {"status": "failed", "error": problems[0]["message"], "problems": problems}
        else:
            outcome = {"status": "failed", "error": _error_line(exc)}
            failure = f"phase {phase.name} failed: {outcome['error']} (see {notebook})"
        outcome["failure"] = failure
    outcome["seconds"] = round(time.perf_counter() - began, 2)
    return outcome


def _stop_kernels(kernels: list) -> None:
    """Kill the kernels of a stopped run (a terminal's Ctrl-C reaches them; cron's SIGTERM to the run
    alone does not), so that the phases still running end now."""
    for manager in list(kernels):
        process = getattr(getattr(manager, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            try:
                process.kill()
            except OSError:
                pass


STORE_PHASES = ("midterm", "final")  # the phases that read the exports into the activity store


def _import_with_progress(model: Campaign) -> bool:
    """On an interactive terminal, read new exports into the store here, before the notebook does,
    so that a long import shows its progress (files and rows read, elapsed); the notebook then finds
    them read. Anything that goes wrong is left to the notebook, which says it as it always does."""
    from campaign_kit.data.activity import open_store, store_path, sync
    from campaign_kit.run.progress import TerminalProgress

    reporter = TerminalProgress(model.language)
    if model.activity is None or not reporter.enabled:
        return False
    try:
        with open_store(store_path(model)) as con:
            sync(model, con, reporter)
    except Exception:  # noqa: BLE001 - the phase reads the same files and reports the problem itself
        if reporter.shown:
            print(file=reporter.stream)  # end the progress line
        return False
    return True


def print_progress(text: str) -> None:
    """A progress line on stderr. A reader that went away (a closed pipe) is not the run's failure."""
    try:
        print(text, file=sys.stderr, flush=True)
    except BrokenPipeError:
        # the line stays in stderr's buffer and fails again when Python flushes it at exit (exit code
        # 120, unless the environment has PYTHONUNBUFFERED): whatever follows goes nowhere instead
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())
        except (OSError, ValueError):
            pass
    except ValueError:  # stderr already closed
        pass
