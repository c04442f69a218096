"""HTML exports for management: outputs only, images embedded, nothing loaded from outside the file.

The analyst's notes (markdown cells), code, forms (cells tagged `form`), widgets and stderr never
reach the export: management reads the report, not the workbook.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from campaign_kit.core.storage import atomic_write_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# Cells with these tags stay in the analyst's notebook only: forms, and tables that show people who
# were not selected (privacy).
REMOVED_TAGS = frozenset({"form", "analyst-only"})


class ManagementOnly(Preprocessor):
    """Drop what management must not see: markdown notes, form and analyst-only cells, widgets, stderr."""

    def preprocess(self, nb, resources):  # noqa: ANN001 - nbconvert's signature
        nb.cells = [
            cell
            for cell in nb.cells
            if cell.cell_type == "code" and not REMOVED_TAGS & set(cell.get("metadata", {}).get("tags", []))
        ]
        for cell in nb.cells:
            kept = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    continue
                data = output.get("data")
                if data is not None and (WIDGET_MIME in data or "application/javascript" in data):
                    continue  # a widget (or script) output never reaches management, not even its repr
                kept.append(output)
            cell.outputs = kept
        nb.metadata.pop("widgets", None)
        return nb, resources


def make_exporter(language: str = "en") -> HTMLExporter:
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="report",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(ManagementOnly(), enabled=True)
    exporter.language_code = language
    return exporter


def notebook_to_html(
    nb: nbformat.NotebookNode, title: str, language: str = "en", exporter: HTMLExporter | None = None
) -> str:
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    body, _ = (exporter or make_exporter(language)).from_notebook_node(nb)
    return body


def export_html(
    notebook: Path, target: Path, title: str, language: str = "en", exporter: HTMLExporter | None = None
) -> Path:
    """Export an executed notebook to a self-contained HTML report (written atomically)."""
    nb = nbformat.read(notebook, as_version=4)
    atomic_write_text(target, notebook_to_html(nb, title, language, exporter))
    return target
