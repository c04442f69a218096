"""The ./workbook wrapper as a user runs it: from another folder, and asking for help."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

WORKBOOK = Path(__file__).resolve().parents[1] / "workbook"


def test_the_wrapper_takes_paths_from_where_the_user_stands(tmp_path):
    import shutil

    shutil.copytree(WORKBOOK.parent / "parameters" / "leerprogramma", tmp_path / "camp")
    env = {k: v for k, v in os.environ.items() if k != "CAMPAIGN_ROOT"}
    done = subprocess.run([str(WORKBOOK), "validate", "./camp"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout.strip()) == (0, "./camp: valid (3 KPIs, 6 actions, 7 data files read)")
    by_name = subprocess.run([str(WORKBOOK), "validate", "leerprogramma"], cwd=tmp_path, capture_output=True, env=env)
    assert by_name.returncode == 0  # a name is still found under the workbook's parameters/


def test_the_wrapper_lists_the_campaign_commands():
    for args in (["help"], ["campaign", "--help"], ["--help"]):
        done = subprocess.run([str(WORKBOOK), *args], capture_output=True, text=True)
        assert done.returncode == 0, args
        assert all(command in done.stdout for command in ("validate", "run", "new", "list")), args
    assert "./workbook test" in subprocess.run([str(WORKBOOK), "--help"], capture_output=True, text=True).stdout
