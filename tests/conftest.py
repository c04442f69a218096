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


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run the tests through ./workbook test, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()
