"""Bad input: every problem named with file, line and key; all reported at once; nothing written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.run.cli import main
from campaign_kit.run.runner import run_snapshot

# (case id, text to replace, replacement, expected key path, expected words in the message)
CASES = [
    ("wrong-type", "  size: 30", "  size: thirty", "population.size", "expected a whole number"),
    ("missing-key", "organisation: Zorggroep De Linde\n", "", "organisation", "required key is missing"),
    ("unknown-key", "    deadline: 2026-10-30", "    deadlne: 2026-10-30", "kpis[0].deadlne", "unknown key"),
    ("end-before-start", "end: 2027-02-26", "end: 2026-08-01", "end", "not after the campaign start"),
    (
        "deadline-after-end",
        "    deadline: 2026-10-30",
        "    deadline: 2027-09-01",
        "kpis[0].deadline",
        "2027-09-01 is after the campaign end 2027-02-26",
    ),
    ("negative-target", "    target: 25\n", "    target: -25\n", "kpis[1].target", "too small"),
    ("unknown-parent", "    parent: K2\n", "    parent: K9\n", "kpis[2].parent", "unknown KPI 'K9'"),
    ("duplicate-kpi-id", "  - id: K2a\n", "  - id: K2\n", "kpis[2].id", "duplicate id 'K2'"),
    (
        "action-unknown-kpi",
        "  - id: A1\n    kpi: K1\n",
        "  - id: A1\n    kpi: K7\n",
        "actions[0].kpi",
        "unknown KPI 'K7'",
    ),
    (
        "day-month-year-date",
        "start: 2026-09-01",
        "start: 01-09-2026",
        "start",
        "expected a date as YYYY-MM-DD",
    ),
    (
        "impossible-date",
        "start: 2026-09-01",
        "start: 2026-31-09",
        "start",
        "'2026-31-09' is not valid; expected a date",
    ),
    ("empty-number", "  size: 30", "  size:", "population.size", "is empty; expected a whole number"),
    ("unknown-language", "language: nl", "language: fr", "language", "expected one of"),
    (
        "unknown-status",
        "    status: partial\n    evidence: Drie",
        "    status: half\n    evidence: Drie",
        "readiness[1].status",
        "expected one of",
    ),
    (
        "start-after-due",
        "    start: 2026-09-07\n    due: 2026-09-25",
        "    start: 2026-09-30\n    due: 2026-09-25",
        "actions[1].start",
        "after the due date",
    ),
    (
        "parent-loop",
        "    counts_people: true\n    measure: {result: completion, count: people}\n  - id: K2a",
        "    counts_people: true\n    measure: {result: completion, count: people}\n    parent: K2a\n  - id: K2a",
        "kpis[1].parent",
        "loop",
    ),
    (
        "too-many-ambassadors",
        "  ambassadors: 5 ",
        "  ambassadors: 50 ",
        "team.ambassadors",
        "more than the population",
    ),
    (
        "checkpoint-outside",
        "    date: 2026-10-28",
        "    date: 2026-06-01",
        "checkpoints[0].date",
        "before the campaign start",
    ),
    ("negative-hours", "    hours: 4\n", "    hours: -4\n", "actions[0].hours", "too small"),
    ("empty-id", "  - id: K1\n", "  - id: ''\n", "kpis[0].id", "empty"),
]


def _write_case(folder: Path, old: str, new: str) -> tuple[Path, str]:
    path = folder / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test case text not found: {old!r}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize(("case", "old", "new", "key", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_named_and_nothing_is_written(case, old, new, key, words, campaign_copy, tmp_path, capsys):
    folder = campaign_copy()
    path, text = _write_case(folder, old, new)
    before = path.read_bytes()

    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    problems = [p for p in caught.value.problems if p.key == key]
    assert problems, f"no problem for {key}; got {[str(p) for p in caught.value.problems]}"
    problem = problems[0]
    assert words in problem.message
    assert problem.file.endswith("campaign.yaml")
    if case == "missing-key":  # a key missing at the top has no line of its own
        assert re.match(r".*campaign\.yaml organisation: required key is missing", str(problem))
    else:
        # the line an editor jumps to holds the key named (kpis[2].id -> 'id:') or the changed text
        shown = text.splitlines()[problem.line - 1]
        leaf = re.sub(r"\[\d+\]$", "", key.rsplit(".", 1)[-1])
        assert f"{leaf}:" in shown or new.strip().splitlines()[0].strip() in shown, (problem.line, shown)
        assert re.match(r".*campaign\.yaml:\d+ " + re.escape(key) + ": ", str(problem))

    # the command line lists it and exits 1, without a traceback
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert key in err and "Traceback" not in err

    # a run writes nothing: no outputs folder, the parameters file untouched
    outputs = tmp_path / "outputs"
    with pytest.raises(CampaignError):
        run_snapshot(folder, as_of=dt.date(2026, 11, 26), outputs=outputs)
    assert not outputs.exists()
    assert path.read_bytes() == before


def test_line_numbers_point_at_the_offending_key(campaign_copy):
    folder = campaign_copy()
    path, text = _write_case(folder, "    deadline: 2026-10-30", "    deadline: 2027-09-01")
    expected_line = text.splitlines().index("    deadline: 2027-09-01") + 1
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    assert caught.value.problems[0].line == expected_line
    assert f"campaign.yaml:{expected_line} kpis[0].deadline: 2027-09-01 is after the campaign end 2027-02-26" in str(
        caught.value
    )


def test_all_problems_are_reported_together(campaign_copy):
    folder = campaign_copy()
    _write_case(folder, "  size: 30", "  size: thirty")
    _write_case(folder, "language: nl", "language: fr")
    _write_case(folder, "    hours: 4\n", "    hours: -4\n")
    _write_case(folder, "    deadline: 2026-10-30", "    deadline: 2027-09-01")  # a cross-check, same run
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    keys = [p.key for p in caught.value.problems]
    assert set(keys) == {"population.size", "language", "actions[0].hours", "kpis[0].deadline"}
    lines = [p.line for p in caught.value.problems]
    assert lines == sorted(lines)  # in file order


def test_cross_checks_all_reported_together(campaign_copy):
    folder = campaign_copy()
    _write_case(folder, "    parent: K2\n", "    parent: K9\n")
    _write_case(folder, "  - id: A1\n    kpi: K1\n", "  - id: A1\n    kpi: K7\n")
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    assert {"kpis[2].parent", "actions[0].kpi"} <= {p.key for p in caught.value.problems}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("name: x\n  organisation: [unclosed\n", "malformed YAML"),
        ("name: a\nname: b\n", "malformed YAML"),
        ("", "empty"),
        ("- just\n- a list\n", "expected a mapping"),
    ],
    ids=["bad-indentation", "duplicate-key", "empty-file", "list-at-top"],
)
def test_unreadable_files(content, words, tmp_path, capsys):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    assert words in str(caught.value)
    assert "campaign.yaml" in str(caught.value)
    assert main(["validate", str(folder)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_malformed_yaml_names_its_line(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "campaign.yaml").write_text("name: x\norganisation: y\nstart: [2026\n", encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    assert caught.value.problems[0].line == 4  # where the parser noticed: the end, after the list opened on line 3


def test_a_missing_campaign_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "no campaign found" in capsys.readouterr().err


def test_utf8_bom_is_accepted(campaign_copy):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_campaign(folder).language == "nl"


@pytest.mark.parametrize("name", ["leerprogramma", "employer-branding-pilot"])
def test_examples_are_valid(name, capsys):
    assert main(["validate", name]) == 0
    assert "valid" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("    hours: 4\n", "    hours: true\n", "actions[0].hours"),
        ("    target: 25\n", "    target: '25'\n", "kpis[1].target"),
        ("    hours: 4\n", "    hours: .inf\n", "actions[0].hours"),
    ],
    ids=["bool-as-number", "quoted-number", "infinite"],
)
def test_numbers_must_be_numbers(old, new, key, campaign_copy):
    folder = campaign_copy()
    _write_case(folder, old, new)
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    assert key in {p.key for p in caught.value.problems}
