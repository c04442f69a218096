"""Earlier snapshots of a campaign, as the analyses read them: which exist, in which order, what
their manifest says, and whether a campaign was loaded from inside one (a run in progress)."""

from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
SNAPSHOT_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")  # 2026-11-26, then 2026-11-26-2


def snapshot_sort_key(folder: Path) -> tuple[str, int]:
    match = SNAPSHOT_NAME.match(folder.name)
    return (match.group(1), int(match.group(2) or 1)) if match else ("", 0)


def list_snapshots(campaign_outputs: Path) -> list[Path]:
    """Snapshot folders of one campaign, oldest first."""
    if not campaign_outputs.is_dir():
        return []
    found = [p for p in campaign_outputs.iterdir() if p.is_dir() and SNAPSHOT_NAME.match(p.name)]
    return sorted(found, key=snapshot_sort_key)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def snapshot_of(campaign_folder: Path | None) -> Path | None:
    """The snapshot a run is writing, when a campaign was loaded from the copy inside it
    (<snapshot>/parameters/<slug>); None for an analyst's own folder."""
    if campaign_folder is None:
        return None
    if campaign_folder.parent.name == "parameters" and (campaign_folder.parent.parent / MANIFEST).is_file():
        return campaign_folder.parent.parent
    return None


def this_process() -> dict[str, Any]:
    """Who is writing a snapshot: host, process id and the process's own start time, so a later
    reader can tell a run still going from one that was killed (the id alone may be reused)."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "since": _process_start(os.getpid())}


def _process_start(pid: int) -> float | None:
    """When a process started (seconds since boot, Linux); None where /proc does not say."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        return int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of stat: start time in clock ticks
    except (OSError, ValueError, IndexError):
        return None


def gone(manifest: dict[str, Any]) -> bool:
    """A snapshot marked running whose process on this machine no longer exists (killed, power loss).
    A run on another machine cannot be checked from here and counts as running."""
    process = manifest.get("process")
    if manifest.get("status") != "running" or not isinstance(process, dict):
        return False
    if process.get("host") != socket.gethostname():
        return False
    pid = process.get("pid")
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process with that id: alive, but is it ours?
        pass
    since = process.get("since")
    return since is not None and _process_start(pid) != since  # the id now belongs to another process


def status_of(manifest: dict[str, Any] | None) -> str:
    """What a snapshot's manifest means now: 'interrupted' for a run whose process is gone."""
    if manifest is None:
        return "no manifest"
    return "interrupted" if gone(manifest) else str(manifest.get("status", "no manifest"))
