"""Which files a campaign may read: only its own. Absolute paths, '..', links that lead out of the
campaign folder and folder links (a loop, or data elsewhere) are refused by validate, with the key;
two campaign folders of one name cannot share an outputs folder and its activity store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.data.readers import shown_headers


def _edit(folder: Path, edit) -> None:
    yaml = YAML()
    path = folder / "campaign.yaml"
    data = yaml.load(path)
    edit(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _problems(folder: Path) -> list[tuple[str, str]]:
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    return [(p.key, p.label) for p in caught.value.problems]


@pytest.mark.parametrize("named", ["/etc/passwd", "../leerprogramma-2/medewerkers.csv", "~/medewerkers.csv"])
def test_a_data_file_outside_the_campaign_folder_is_refused_with_its_key(campaign_copy, named):
    folder = campaign_copy()
    _edit(folder, lambda d: d["selection"].update(employees=named))
    assert _problems(folder) == [("selection.employees", "error.path_outside")]


def test_an_export_pattern_that_climbs_out_is_refused(campaign_copy):
    folder = campaign_copy()
    _edit(folder, lambda d: d["activity"]["sources"][0].update(files="../../*/*.csv"))
    assert _problems(folder) == [("activity.sources[0].files", "error.path_outside")]


def test_a_link_to_a_file_outside_is_refused_and_one_inside_is_read(campaign_copy, tmp_path):
    folder = campaign_copy()
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes((folder / "medewerkers.csv").read_bytes())
    (folder / "medewerkers.csv").unlink()
    (folder / "medewerkers.csv").symlink_to(outside)
    problems = _problems(folder)
    assert ("selection.employees", "error.path_leaves") in problems
    assert ("", "error.symlink_outside") in problems  # the link itself, named by its file
    # a link to a file inside the folder is only another name for it
    (folder / "medewerkers.csv").unlink()
    (folder / "kopie.csv").write_bytes(outside.read_bytes())
    (folder / "medewerkers.csv").symlink_to(folder / "kopie.csv")
    assert load_campaign(folder).selection.employees == "medewerkers.csv"


def test_a_folder_link_even_a_loop_is_refused_quickly(campaign_copy):
    folder = campaign_copy()
    os.symlink(folder, folder / "activiteit" / "lus")  # a loop: copying it would go on for 40 levels
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    [problem] = caught.value.problems
    assert problem.label == "error.symlink_folder" and problem.file.endswith("activiteit/lus")


def test_two_folders_of_one_name_cannot_share_an_outputs_folder(campaign_copy, tmp_path, capsys):
    from campaign_kit.run.snapshots import claim_outputs

    first = campaign_copy()
    second = tmp_path / "other" / "leerprogramma"
    second.parent.mkdir()
    os.rename(campaign_copy("employer-branding-pilot"), second)  # any campaign folder of that name
    outputs = tmp_path / "outputs" / "leerprogramma"
    claim_outputs(outputs, first)
    claim_outputs(outputs, first)  # its own again: fine
    with pytest.raises(CampaignError) as caught:
        claim_outputs(outputs, second)
    [problem] = caught.value.problems
    assert problem.label == "error.outputs_taken" and problem.values == {
        "other": str(first.resolve()),
        "this": str(second.resolve()),
    }
    # and the command line says so before writing anything
    from campaign_kit.run.cli import main

    assert main(["run", str(second), "--outputs", str(tmp_path / "outputs"), "--phase", "goals"]) == 1
    err = capsys.readouterr().err
    assert f"{outputs}: holds the snapshots and activity store of {first.resolve()}" in err
    assert sorted(p.name for p in outputs.iterdir()) == [".campaign"]


def test_a_file_that_is_no_export_is_not_echoed_into_messages():
    headers = [f"root:x:0:0:root:/root:/bin/bash{'x' * 50}", *[f"h{i}" for i in range(20)]]
    shown = shown_headers(headers)
    assert shown.startswith("root:x:0:0:root:/root:/bin/bashxxxxxxxx…, h0,")
    assert shown.endswith("h10, …") and "h11" not in shown
