"""What a manager reads in the tables: capitalised headers instead of event names, 'not measured'
instead of zeros, whole things whole, no raw dimension names, and no empty charts."""

from __future__ import annotations

import datetime as dt

import pytest

from campaign_kit.core.formats import money
from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.final import analysis as final
from campaign_kit.phases.final import report as final_report
from campaign_kit.phases.goals import charts as goals_charts
from campaign_kit.phases.goals import report as goals_report
from campaign_kit.phases.goals.analysis import analyse_goals
from campaign_kit.phases.midterm import report as midterm_report
from campaign_kit.phases.midterm.analysis import analyse as analyse_midterm
from campaign_kit.phases.selection import report as selection_report
from campaign_kit.phases.selection.analysis import analyse as analyse_selection


@pytest.mark.parametrize(
    ("per", "unit", "shown"),
    [
        (17 / 9, "posts", "2"),  # 9 ambassadors × 2 covers 17; 1.9 posts is nobody's plan
        (1500 / 9, "visits per month", "167"),
        (3 * (1 / 3), "shares", "1"),  # a float a hair above 1 is still 1, not 2
        (16.0, "shares", "16"),
        (10 / 9, "%", "not split per person"),  # a share of the group is not divided among people
        (10 / 9, " Procent", "not split per person"),
        (None, "posts", "–"),
        (3 / 9, "hires", "0.3"),  # below one each a decimal: rounding up would ask 9 hires of 3
    ],
)
def test_per_ambassador_targets_as_a_person_plans_them(per, unit, shown):
    assert goals_report.per_ambassador_text(per, unit, "en") == shown


def test_a_target_stated_per_ambassador_is_shown_as_typed():
    assert goals_report.per_ambassador_text(2.5, "posts", "en", stated=True) == "2.5"
    assert goals_report.per_ambassador_text(16.0, "shares", "nl", stated=True) == "16"


def test_the_pilots_cascade_has_no_fraction_of_a_post_or_of_a_percent(campaign_copy):
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    table = goals_report.cascade_table(c, analyse_goals(c)).set_index("KPI")
    # 17 posts / 9 = 1.9 -> 2; 1,500 visits / 9 = 166.7 -> 167; 26 applicants / 9 = 2.9 -> 3; EB6 is in %
    assert table.loc[["EB2", "EB4", "EB5", "EB6"], "Per ambassador"].tolist() == [
        "2",
        "167",
        "3",
        "not split per person",
    ]


@pytest.fixture
def leer_midterm(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    c = load_campaign(campaign_copy("leerprogramma"))
    return c, analyse_midterm(c, dt.date(2026, 11, 26))


def test_the_monthly_block_says_not_measured_for_exports_the_campaign_does_not_have(leer_midterm):
    c, analysis = leer_midterm
    assert {s.kind for s in c.activity.sources} == {"learning", "sharing"}  # no web analytics, no ATS
    table = midterm_report.monthly_table(c, analysis)
    assert table["Websitebezoekers via collega's"].tolist() == ["niet gemeten"] * 3
    assert table["Sollicitanten via medewerkers"].tolist() == ["niet gemeten"] * 3
    shared = [int(v) for v in table["Gedeelde berichten"]]
    assert sum(shared) == analysis.totals["share"] and shared != [0, 0, 0]


def test_headers_are_what_is_counted_not_the_event_name(leer_midterm):
    c, analysis = leer_midterm
    posts = midterm_report.top_posts(c, analysis)
    assert list(posts.columns) == ["Bericht", "Gedeelde berichten", "Klikken op gedeelde links", "Reacties"]
    sharers = midterm_report.top_sharers(c, analysis)
    assert list(sharers.columns) == ["Ambassadeur", "Gedeelde berichten", "Klikken op gedeelde links"]
    assert not any(column[:1].islower() for column in midterm_report.scoreboard_table(c, analysis).columns)


def test_the_outcome_table_says_why_a_cost_is_not_given(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    c = load_campaign(campaign_copy("leerprogramma"))
    table = final_report.outcome_table(c, final.analyse(c, dt.date(2026, 11, 26))).set_index("Resultaat")
    each = table["Kosten per resultaat"]
    assert each["Gedeelde berichten"] == "geen resultaat"  # a share is activity; its cost per piece means nothing
    assert each["Voltooide trainingen"].startswith("€\xa0")


def test_a_dimension_the_campaign_adds_is_shown_as_a_heading(campaign_copy):
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    assert c.selection.dimensions == ["location"]
    table = selection_report.composition_table(c, analyse_selection(c))
    assert "Location" in set(table["Dimension"]) and "location" not in set(table["Dimension"])


def test_a_new_campaign_shows_no_empty_charts_and_says_what_to_do_first(campaign_copy):
    c = load_campaign(campaign_copy("leerprogramma"))
    c.kpis, c.actions = [], []
    c.language = "en"
    day = dt.date(2026, 9, 1)
    analysis = analyse_goals(c, day)
    assert goals_charts.cascade_chart(c, analysis) is None  # a tree of one box says nothing
    assert goals_charts.timeline_chart(c, day) is None
    assert goals_charts.capacity_chart(c, analysis) is None
    assert goals_report.capacity_table(c, analysis).empty
    assert goals_report.capacity_text(c, analysis) == "No actions are planned yet, so no hours are needed yet."
    found = goals_report.executive_summary(c, analysis, day)
    smart = found.tiles[0]
    assert (smart.value, smart.status, smart.status_text) == ("0 / 0", "bad", "no KPIs yet")
    hours = found.tiles[2]
    assert (hours.status, hours.status_text, hours.reference) == ("info", "", "no actions planned yet")
    assert found.sentences[0].startswith("To do: set KPIs under the main goal; plan the actions")


def test_the_prize_ranking_names_what_is_counted(campaign_copy):
    from campaign_kit.phases.rewards.report import ranking_text

    c = load_campaign(campaign_copy("employer-branding-pilot"))
    assert ranking_text(c) == (
        "Prizes go to the top of the scoreboard, ranked on “Posts shared”; ties: whoever got there first."
    )


def test_the_cascade_says_why_a_cell_is_empty(campaign_copy):
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    table = goals_report.cascade_table(c, analyse_goals(c)).set_index("KPI")
    assert table.at["EB1", "Share of population"] == "2%"  # 9 ambassadors of 420 people
    assert table.at["EB4", "Share of population"] == "does not count people"  # visits, not people
    assert table.at["EB3", "Contributes to"] == "EB2" and table.at["EB1", "Contributes to"] == "Main goal"


def test_prices_in_the_earned_media_table_carry_the_currency(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    media = c.evaluation.earned_media
    table = final_report.media_table(c, final.analyse(c, dt.date(2026, 11, 26))).set_index("Input")["Value"]
    assert table["CPM (cost per 1,000 impressions)"] == money(media.cpm, c) and table.iloc[0].startswith("€")
    assert table["CPC (cost per click)"] == money(media.cost_per_click, c)
    assert not any(v.startswith("€") for k, v in table.items() if not k.startswith(("CPM", "CPC")))


def test_rewards_earned_in_the_change_table_are_money(leer_midterm):
    c, analysis = leer_midterm
    analysis.previous = {
        "as_of": "2026-10-31",
        "snapshot": "2026-10-31",
        "kpis": {},
        "totals": {},
        "active": 3,
        "earned": 100.0,
    }
    table = midterm_report.changes_table(c, analysis).set_index("Cijfer")
    now = float(analysis.ledger.totals["incentives"].sum())
    row = table.loc["Verdiende beloningen"]
    assert row.iloc[0] == "€\xa0100" and row.iloc[1] == money(now, c)
    assert row.iloc[2] == "+" + money(now - 100, c)
    assert table.loc["Actieve ambassadeurs"].iloc[2] == "+2"  # 5 now, 3 before: a count, no currency


def test_the_mid_term_summary_names_the_new_targets(leer_midterm):
    c, analysis = leer_midterm
    found = midterm_report.executive_summary(c, analysis)
    rows = analysis.progress.set_index("id")
    assert rows.loc[["K2", "K2a"], "status"].tolist() == ["red", "red"] and rows.at["K1", "status"] == "green"
    k2, k2a = (midterm_report._n(rows.at[k, "suggested"], "nl") for k in ("K2", "K2a"))
    assert found.sentences[0] == (
        f"2 van de 2 lopende KPI's liggen achter of lopen risico. Stel de doelen bij (K2 naar {k2}, K2a naar {k2a}), "
        "of zet extra in waar het team achterblijft."
    )
    assert len(found.sentences) == 1  # all five active in the last 30 days: nobody to talk to


def test_without_a_rewards_section_no_cost_is_invented(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    c.rewards = None
    analysis = final.analyse(c, dt.date(2026, 11, 26))
    assert analysis.costs is None
    assert set(final_report.outcome_table(c, analysis)["Cost per outcome"]) == {"–"}
    media = final_report.media_table(c, analysis).set_index("Input")["Value"]
    cpc = c.evaluation.earned_media.cost_per_click
    assert media["CPC (cost per click)"] == f"{cpc:.2f}"  # no currency to show, but the cents stay
