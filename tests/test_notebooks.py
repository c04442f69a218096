"""Notebooks are committed without outputs and carry a parameters cell."""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_every_notebook_is_a_phase_and_phases_start_at_goals():
    from campaign_kit.core.phases import PHASES

    stems = [p.stem for p in NOTEBOOKS]
    assert stems[0] == "01_goals"
    assert set(stems) <= {phase.stem for phase in PHASES}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:40]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_has_one_parameters_cell_with_campaign_and_as_of(path):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    assert "campaign =" in cells[0].source and "as_of =" in cells[0].source
