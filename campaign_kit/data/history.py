"""Earlier snapshots of a campaign, as the analyses read them: which exist, in which order, what
their manifest says, and whether a campaign was loaded from inside one (a run in progress)."""

from __future__ import annotations

import json
import re
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
