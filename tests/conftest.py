"""Shared fixtures: example campaigns copied to temporary folders, and snapshot runs shared per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARAMETERS = ROOT / "parameters"
EXAMPLES = ("leerprogramma", "employer-branding-pilot")
# the pages of a snapshot: one report per phase and the index
PAGES = ["01_goals.html", "02_selection.html", "03_rewards.html", "04_midterm.html", "05_final.html", "index.html"]
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
    """Every phase run once per example into a temporary outputs folder (shared: runs cost seconds)."""
    import datetime as dt

    from campaign_kit.run.runner import run_snapshot

    outputs = tmp_path_factory.mktemp("outputs")
    folders = {}
    for name in EXAMPLES:
        result = run_snapshot(name, None, dt.date.fromisoformat(AS_OF), outputs)
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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A running JupyterLab on a temporary copy of the workbook."""

    def __init__(self, root: Path, port: int, token: str):
        self.root, self.port, self.token = root, port, token
        self.base = f"http://127.0.0.1:{port}"

    def add_campaign(self, name: str, source: str = "leerprogramma", notebook: str = "01_goals") -> Path:
        """A fresh copy of an example campaign and a phase notebook pointing at it."""
        import json

        folder = self.root / "parameters" / name
        shutil.rmtree(folder, ignore_errors=True)  # a test run again starts from the example, not its last save
        shutil.copytree(PARAMETERS / source, folder)
        nb = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                text = "".join(cell["source"]).replace('campaign = "leerprogramma"', f'campaign = "{name}"')
                cell["source"] = text
        (self.root / "notebooks" / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        return folder

    def open_and_run(self, browser, name: str):
        """Open the campaign's notebook, wait for an idle kernel, run all cells; returns the page."""
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        # a workspace of its own, so notebooks opened by earlier tests are not restored beside it
        page.goto(f"{self.base}/lab/workspaces/{name}/tree/notebooks/{name}.ipynb?token={self.token}")
        page.wait_for_selector(".jp-Notebook", timeout=90_000)
        page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
        self.wait_idle(page)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector("table.ck-table", state="attached", timeout=90_000)
        self.wait_idle(page)
        # Every phase notebook opens with its form. In CI runs the form sometimes never came (the tab
        # bar missing for 30 s), most likely shown as its static summary because the widget renderer
        # was not ready for the first output: then run the notebook once more, as a user would.
        try:
            page.wait_for_selector(".ck-form .lm-TabBar-tab", state="attached", timeout=20_000)
        except Exception:  # noqa: BLE001 - no live form yet
            self.run_all_again(page)
            page.wait_for_selector(".ck-form .lm-TabBar-tab", state="attached", timeout=60_000)
        self.show_form(page)
        return page

    @staticmethod
    def show_form(page) -> None:
        """Scroll the form back into view: running all cells leaves the notebook at its end, and
        JupyterLab does not lay out cells far off screen (content-visibility), so the form's buttons
        are never 'visible' to a click (a CI run waited 30 s for the KPI tab's add button)."""
        page.locator(".ck-form").first.evaluate("(form) => form.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)

    @staticmethod
    def wait_idle(page) -> None:
        page.wait_for_function(
            """() => { const w = window.jupyterapp.shell.currentWidget;
                const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
                return k && k.status === 'idle' && k.connectionStatus === 'connected'; }""",
            timeout=90_000,
        )

    def shut_down_kernels(self) -> None:
        """End every session of the server: a test's kernel must not keep working (or spinning)
        while later tests run on the same two cores."""
        import json
        import urllib.request

        url = f"{self.base}/api/sessions?token={self.token}"
        with urllib.request.urlopen(url, timeout=10) as answer:
            sessions = json.load(answer)
        for session in sessions:
            request = urllib.request.Request(
                f"{self.base}/api/sessions/{session['id']}?token={self.token}", method="DELETE"
            )
            urllib.request.urlopen(request, timeout=30).close()

    def run_all_again(self, page) -> None:
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_timeout(300)
        self.wait_idle(page)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """One JupyterLab server per test session, on 127.0.0.1 with a random port and a token."""
    import json
    import os
    import secrets
    import subprocess
    import sys
    import time
    import urllib.request

    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    (root / "parameters").mkdir()
    settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "CAMPAIGN_ROOT": str(root),
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
    }
    env.pop("CAMPAIGN_KIT_UNATTENDED", None)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses root otherwise
    log = (root / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start:\n" + (root / "lab.log").read_text()[-3000:])
            time.sleep(0.3)
    yield Lab(root, port, token)
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(autouse=True)
def _kernels_shut_after_lab_tests(request):
    """After each test in JupyterLab, its kernels are shut down (the server itself lives on)."""
    yield
    if "lab" in request.fixturenames:
        request.getfixturevalue("lab").shut_down_kernels()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the example snapshots execute notebooks (in kernels of their own): mark them so, so
    that `-m "not notebook"` (the mutation runner, quick local runs) leaves them out."""
    for item in items:
        if "example_snapshots" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.notebook)
