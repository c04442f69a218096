"""Shared fixtures: example campaigns copied to temporary folders, and snapshot runs shared per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARAMETERS = ROOT / "parameters"
EXAMPLES = ("leerprogramma", "employer-branding-pilot")
AS_OF = "2026-11-26"


@pytest.fixture
def campaign_copy(tmp_path: Path):
    """Copy an example campaign into a temporary folder and return that folder."""

    def make(name: str = "leerprogramma") -> Path:
        target = tmp_path / "parameters" / name
        shutil.copytree(PARAMETERS / name, target)
        return target

    return make


@pytest.fixture(scope="session")
def example_snapshots(tmp_path_factory) -> dict[str, Path]:
    """Phase 1 run once per example into a temporary outputs folder (shared: each run costs seconds)."""
    import datetime as dt

    from campaign_kit.phases import parse_phase
    from campaign_kit.runner import run_snapshot

    outputs = tmp_path_factory.mktemp("outputs")
    folders = {}
    for name in EXAMPLES:
        result = run_snapshot(name, [parse_phase("goals")], dt.date.fromisoformat(AS_OF), outputs)
        assert result.status == "ok", result.failures
        folders[name] = result.folder
    return folders
