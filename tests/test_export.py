"""The HTML for management: no code, images embedded, nothing from outside the file, no paths."""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import EXAMPLES, ROOT

from campaign_kit.run.export import notebook_to_html

pytestmark = pytest.mark.notebook
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def _html(example_snapshots, name):
    return (example_snapshots[name] / "01_goals.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_code_and_no_analyst_notes(name, example_snapshots):
    html = _html(example_snapshots, name)
    assert "r.open_campaign" not in html and "import " not in html
    assert "jp-InputArea" not in html and "In&nbsp;[" not in html
    assert "Notes in this notebook are for the analyst" not in html


@pytest.mark.parametrize("name", EXAMPLES)
def test_images_are_embedded(name, example_snapshots):
    html = _html(example_snapshots, name)
    sources = re.findall(r'<img[^>]*src="([^"]*)"', html)
    assert len(sources) == 4  # cascade diagram, timeline, capacity chart, oil-spot curves
    assert all(s.startswith("data:image/png;base64,") for s in sources)


@pytest.mark.parametrize("name", EXAMPLES)
def test_nothing_is_loaded_from_outside(name, example_snapshots):
    for page in ("01_goals.html", "index.html"):
        html = (example_snapshots[name] / page).read_text(encoding="utf-8")
        assert not EXTERNAL.findall(html), page
        for script in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S | re.I):
            assert "http://" not in script and "https://" not in script
        assert "require.js" not in html and "mathjax" not in html.lower() and "unpkg" not in html


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_absolute_paths(name, example_snapshots):
    html = _html(example_snapshots, name)
    assert str(ROOT) not in html
    assert str(example_snapshots[name].parent) not in html


def test_report_sections_in_the_campaign_language(example_snapshots):
    dutch = _html(example_snapshots, "leerprogramma")
    for text in ("SMART-toets", "Capaciteitscheck", "voldoet", "Eerder overbelast", "83%", '<html lang="nl">'):
        assert text in dutch, text
    english = _html(example_snapshots, "employer-branding-pilot")
    for text in ("KPIs and SMART check", "Capacity check", "no baseline", '<html lang="en">'):
        assert text in english, text


def test_widgets_forms_and_stderr_never_reach_the_export():
    nb = nbformat.v4.new_notebook()
    form = nbformat.v4.new_code_cell("form()", metadata={"tags": ["form"]})
    form.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "FORM SUMMARY"})]
    widget = nbformat.v4.new_code_cell("w")
    widget.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "WIDGET TEXT"},
        )
    ]
    noisy = nbformat.v4.new_code_cell("warn()")
    noisy.outputs = [nbformat.v4.new_output("stream", name="stderr", text="/home/someone/secret.py: warning")]
    nb.cells = [nbformat.v4.new_markdown_cell("ANALYST NOTE"), form, widget, noisy]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    html = notebook_to_html(nb, "t")
    for text in ("FORM SUMMARY", "ANALYST NOTE", "secret.py", "widget-state", "widget-view", "WIDGET TEXT"):
        assert text not in html, text
