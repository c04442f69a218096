"""The command line as a newcomer uses it: help, new, validate."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from campaign_kit.core.validation import load_campaign, read_yaml, round_trip_yaml
from campaign_kit.run.cli import main


def test_help_explains_commands_and_examples():
    out = subprocess.run([sys.executable, "-m", "campaign_kit.run.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for word in ("validate", "run", "new", "list", "goals (1)", "examples:"):
        assert word in out.stdout


def test_run_help_lists_its_options(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["run", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in ("--phase", "--as-of", "--outputs", "--quiet"):
        assert option in out


def test_bad_as_of_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["run", "leerprogramma", "--as-of", "26-11-2026"])
    assert exited.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_campaign_lists_what_to_fill_in_and_validates_once_filled(language, tmp_path, monkeypatch, capsys):
    (tmp_path / "parameters").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    assert (
        main(
            [
                "new",
                "vacatures-2027",
                "--language",
                language,
                "--organisation",
                "Acme: B.V.",
                "--start",
                "2027-01-04",
                "--end",
                "2027-06-30",
                "--population",
                "120",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "created" in out and "team.hours_per_month" in out and "goal.statement" in out
    path = tmp_path / "parameters" / "vacatures-2027" / "campaign.yaml"
    assert main(["validate", "vacatures-2027"]) == 1

    data = read_yaml(path)
    data["team"]["hours_per_month"] = 12
    data["goal"]["statement"] = "More applicants via colleagues"
    data["population"]["description"] = "All staff"
    with path.open("w", encoding="utf-8") as handle:
        round_trip_yaml().dump(data, handle)
    campaign = load_campaign("vacatures-2027")
    assert campaign.organisation == "Acme: B.V." and campaign.language == language
    assert campaign.start == dt.date(2027, 1, 4) and campaign.team.ambassadors == 5
    assert len(campaign.readiness) == 5 and all(item.status == "unknown" for item in campaign.readiness)
    text = path.read_text(encoding="utf-8")
    assert ("Campagneparameters" if language == "nl" else "Campaign parameters") in text  # comments survive


def test_new_refuses_an_existing_folder_or_a_bad_name(tmp_path, monkeypatch, capsys):
    (tmp_path / "parameters" / "taken").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    assert main(["new", "taken"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "Bad Name!"]) == 1
    assert "not a valid campaign name" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "parameters").iterdir()) == ["taken"]


def test_new_takes_the_folder_with_its_parameters_prefix(tmp_path, monkeypatch, capsys):
    (tmp_path / "parameters").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert main(["new", "parameters/mytest"]) == 0
    assert (tmp_path / "parameters" / "mytest" / "campaign.yaml").is_file()
    assert "campaign validate mytest" in capsys.readouterr().out
    assert main(["new", "elsewhere/mytest"]) == 1  # not under parameters/: still refused by name
    assert sorted(p.name for p in (tmp_path / "parameters").iterdir()) == ["mytest"]


def test_a_mistyped_campaign_name_gets_the_likely_one(capsys):
    assert main(["validate", "leerprogrma"]) == 1
    err = capsys.readouterr().err
    assert "leerprogrma: no campaign found; did you mean leerprogramma?" in err
    assert main(["validate", "zzzz-nothing-like-it"]) == 1
    assert "did you mean" not in capsys.readouterr().err
