"""Phase 2's report as management receives it: the team and aggregates, nobody else (privacy)."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES

from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.selection.analysis import analyse

pytestmark = pytest.mark.notebook


def named(name: str, html: str) -> bool:
    """The whole name as words ('Tim Smit' is not in 'Tim Smits')."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", html) is not None


@pytest.mark.parametrize("name", EXAMPLES)
def test_html_holds_no_name_id_or_score_of_anyone_not_selected(name, example_snapshots):
    html = (example_snapshots[name] / "02_selection.html").read_text(encoding="utf-8")
    campaign = load_campaign(example_snapshots[name] / "parameters" / name)
    analysis = analyse(campaign)
    team = set(analysis.team_ids)
    others = analysis.scored[~analysis.scored["id"].isin(team)]
    assert len(others) > 0
    members = analysis.scored[analysis.scored["id"].isin(team)]
    shared = set(members["name"]) if campaign.selection.show_names else set()  # namesakes of a member
    for record in others.to_dict("records"):
        assert record["name"] in shared or not named(record["name"], html), record["name"]
        assert record["id"] not in html, record["id"]
    everyone = analysis.people.employees[~analysis.people.employees["id"].isin(team)]
    assert not [n for n in set(everyone["name"]) - shared if named(n, html)]
    # the analyst's short list (names and scores of everyone on it) is not in the export at all
    assert "Short list with the score explained" not in html and "Shortlist met toelichting" not in html
    if campaign.selection.show_names:
        assert all(named(n, html) for n in members["name"])
    else:
        assert not any(named(n, html) for n in members["name"]) and "Ambassadeur 1" in html


def test_the_analyst_notebook_keeps_the_short_list(example_snapshots):
    import nbformat

    nb = nbformat.read(example_snapshots["leerprogramma"] / "02_selection.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "analyst-only" in c.metadata.get("tags", []))
    html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    assert "Shortlist met toelichting" in html and html.count("<tr>") == 1 + 8  # header + 8 candidates


# the example's last status updates: the replacement of the decliner (E000008) and two others confirm
LATER = (
    "    - {id: E000008, status: asked, date: 2026-09-13}\n",
    "    - {id: E000019, status: confirmed, date: 2026-09-16}\n",
    "    - {id: E000026, status: confirmed, date: 2026-09-17}\n",
    "    - {id: E000008, status: confirmed, date: 2026-09-18}\n",
)


def as_in_mid_september(folder):
    """The Dutch example as it stood on 16 Sep 2026: E000002 declined, nobody asked in their place yet."""
    path = folder / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    assert all(line in text for line in LATER)
    for line in LATER:
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")


def test_decliner_is_replaced_in_the_example(example_snapshots, campaign_copy):
    from campaign_kit.phases.selection.report import rules_text

    html = (example_snapshots["leerprogramma"] / "02_selection.html").read_text(encoding="utf-8")
    assert "Aan alle regels is voldaan: 5 ambassadeurs" in html
    folder = campaign_copy("leerprogramma")
    as_in_mid_september(folder)
    campaign = load_campaign(folder)
    analysis = analyse(campaign)
    assert analysis.proposal.replacements == [("E000002", "E000008")]
    assert any(line.startswith("Een kandidaat heeft afgezegd; Ambassadeur") for line in rules_text(campaign, analysis))


@pytest.mark.parametrize("name", EXAMPLES)
def test_html_holds_no_score_of_anyone_not_selected(name, example_snapshots):
    from campaign_kit.core.formats import number

    html = (example_snapshots[name] / "02_selection.html").read_text(encoding="utf-8")
    campaign = load_campaign(example_snapshots[name] / "parameters" / name)
    analysis = analyse(campaign)
    cells = set(re.findall(r"<td[^>]*>([^<]*)</td>", html))
    team = analysis.scored[analysis.scored["id"].isin(analysis.team_ids)]
    shown_for_team = {number(v, campaign.language, 1) for v in team["score"]}
    for column in [c for c in team.columns if c.endswith("_points")]:
        shown_for_team |= {number(v, campaign.language, 1) for v in team[column]}
    others = analysis.scored[~analysis.scored["id"].isin(analysis.team_ids)]
    leaked = [s for s in (number(v, campaign.language, 1) for v in others["score"]) if s in cells - shown_for_team]
    assert leaked == []
    assert shown_for_team & cells  # the team's own scores are there, so the check looks at real cells


def test_rules_that_cannot_be_met_still_show_a_marked_team(campaign_copy):
    from campaign_kit.phases.selection.report import rules_text, team_table

    folder = campaign_copy("leerprogramma")
    as_in_mid_september(folder)  # two confirmed; the rest can still be chosen under a relaxed rule
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(text.replace("max_per_department: 2", "max_per_department: 1"), "utf-8")
    campaign = load_campaign(folder)
    analysis = analyse(campaign)
    result = analysis.proposal.result
    assert not result.feasible and result.relaxed is not None and result.team
    lines = rules_text(campaign, analysis)
    assert lines[0] == "Geen team voldoet aan alle regels:"
    assert any(line.startswith("Hieronder") and "(gemarkeerd)" in line for line in lines)
    table = team_table(campaign, analysis)
    assert len(table) == len(result.team)
    statuses = set(table["Status"]) if "Status" in table else set(table.iloc[:, -1])
    assert "voorgesteld onder een versoepelde regel" in statuses


def test_pseudonyms_are_numbered_in_the_order_the_team_is_shown():
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.phases.selection.analysis import analyse
    from campaign_kit.phases.selection.report import team_table

    campaign = load_campaign("leerprogramma")
    assert not campaign.selection.show_names
    analysis = analyse(campaign)
    assert list(analysis.team_ids) != sorted(analysis.team_ids)  # the table is in score order, not by id
    shown = list(team_table(campaign, analysis)["Ambassadeur"])
    assert shown == [f"Ambassadeur {n}" for n in range(1, len(analysis.team_ids) + 1)]
