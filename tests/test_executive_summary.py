"""The executive summary each phase report opens with (and the index page repeats): its tiles'
values, statuses and words, and the sentence that says what to do, at the thresholds that decide them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from campaign_kit.core.formats import money, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.summary import Summary, Tile, summary_html
from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.final import analysis as final
from campaign_kit.phases.final import report as final_report
from campaign_kit.phases.goals import report as goals_report
from campaign_kit.phases.goals.analysis import analyse_goals
from campaign_kit.phases.midterm import report as midterm_report
from campaign_kit.phases.rewards import report as rewards_report
from campaign_kit.phases.rewards.analysis import EffortCheck, RewardsAnalysis
from campaign_kit.phases.selection import report as selection_report
from campaign_kit.phases.selection.analysis import analyse as analyse_selection


def test_a_summary_survives_the_snapshot_and_reads_older_label_value_pairs():
    found = Summary((Tile("KPIs", "1 / 3", "bad", "2 behind", "target 3"), Tile("Budget", "€ 6.000")), ("Act.",))
    assert Summary.from_json(found.to_json()) == found
    older = Summary.from_json([["Budget", "€ 6.000"], ["Team", "5"]])
    assert older == Summary((Tile("Budget", "€ 6.000"), Tile("Team", "5")))
    with pytest.raises(ValueError, match="purple"):
        Tile("x", "1", "purple")


def test_the_tiles_say_their_status_in_words_and_escape_every_text():
    html = summary_html(
        Summary((Tile("<b>KPIs</b>", "1 / 3", "bad", "2 behind"), Tile("Budget", "€ 6.000")), ("Re-target <K2>.",)),
        "At a glance",
    )
    assert "<b>KPIs</b>" not in html and "&lt;b&gt;KPIs&lt;/b&gt;" in html
    assert '<div class="ck-tile ck-bad">' in html and "✗ 2 behind" in html  # colour and words
    assert '<div class="ck-tile ck-info">' in html and html.count("ck-tile-status") == 1  # no judgement, no words
    assert "<p>Re-target &lt;K2&gt;.</p>" in html and "<h2>At a glance</h2>" in html


def tiles(summary: Summary) -> dict[str, Tile]:
    return {tile.label: tile for tile in summary.tiles}


def test_goals_of_the_dutch_example_with_an_overdue_action_and_readiness_partly_arranged(campaign_copy):
    c = load_campaign(campaign_copy("leerprogramma"))
    day = dt.date(2026, 11, 30)  # A4 ('doing', due 27 Nov) is overdue; A5 and A6 are due on 26 Feb 2027
    found = goals_report.executive_summary(c, analyse_goals(c, day), day)
    lang = c.language
    shown = tiles(found)
    assert shown[t("summary.goals.smart", lang)] == Tile("SMART KPI's", "3 / 3", "good", "alle SMART")
    assert shown[t("headline.team_planned", lang)] == Tile("Geplande ambassadeurs", "5", reference="voor 30 collega's")
    # readiness in campaign.yaml: 3 of 5 ready, 2 partial, none missing -> a warning, not an alarm
    statuses = [item.status for item in c.readiness]
    assert (statuses.count("ready"), statuses.count("partial"), len(statuses)) == (3, 2, 5)
    assert shown[t("summary.goals.readiness", lang)] == Tile(
        "Randvoorwaarden geregeld", "3 / 5", "warn", "2 deels geregeld"
    )
    assert shown[t("summary.goals.overdue", lang)] == Tile("Acties over tijd", "1", "bad", "nu oppakken")
    assert found.sentences == ("Te doen: rond de 1 achterstallige actie(s) af.",)
    on_time = goals_report.executive_summary(c, analyse_goals(c, dt.date(2026, 11, 27)), dt.date(2026, 11, 27))
    assert tiles(on_time)["Acties over tijd"] == Tile(
        "Acties over tijd", "0", "good", "op schema"
    )  # due today: not late
    # hours: a crunch in a month already over is not counted as the busiest month ahead
    hours = shown[t("summary.goals.hours", lang)]
    capacity = analyse_goals(c, day).capacity
    ahead = capacity[~capacity["past"]]
    assert hours.status == ("good" if not ahead["over"].any() else "bad")
    assert hours.reference == t("summary.most_needed", lang, hours=f"{ahead['needed'].max():.1f}".replace(".", ","))


def test_readiness_conditions_nobody_assessed_count_as_not_in_place(campaign_copy):
    c = load_campaign(campaign_copy("leerprogramma"))
    c.language = "en"
    c.readiness = [r.model_copy(update={"status": "ready"}) for r in c.readiness[:2]]  # 3 of 5 never assessed
    day = dt.date(2026, 11, 26)
    found = goals_report.executive_summary(c, analyse_goals(c, day), day)
    assert tiles(found)["Conditions in place"] == Tile("Conditions in place", "2 / 5", "bad", "3 missing or unknown")
    assert "arrange " in found.sentences[0]


def test_goals_name_what_to_do_when_a_kpi_is_not_smart_and_the_hours_run_short(campaign_copy):
    folder = campaign_copy("leerprogramma")
    c = load_campaign(folder)
    c.kpis[1].owner = ""  # K2 loses its owner: not SMART any more
    day = dt.date(2026, 11, 30)
    found = goals_report.executive_summary(c, analyse_goals(c, day), day)
    smart = tiles(found)["SMART KPI's"]
    assert (smart.value, smart.status, smart.status_text) == ("2 / 3", "bad", "1 aan te scherpen")
    assert found.sentences == ("Te doen: scherp K2 aan; rond de 1 achterstallige actie(s) af.",)
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(text.replace("hours_per_month: 16", "hours_per_month: 2"), encoding="utf-8")
    c = load_campaign(folder)
    found = goals_report.executive_summary(c, analyse_goals(c, day), day)
    hours = tiles(found)["Teamuren per maand"]
    assert (hours.value, hours.status) == ("2", "bad") and hours.status_text.startswith("tekort in ")
    assert "maak uren vrij of verschuif acties in " in found.sentences[0]


def progress(rows: list[tuple[str, str]], as_of: dt.date) -> pd.DataFrame:
    """KPIs as (status, 'past' or 'running' deadline)."""
    return pd.DataFrame(
        {
            "id": [f"K{i}" for i in range(1, len(rows) + 1)],
            "measured": True,
            "status": [s for s, _ in rows],
            "deadline": [
                as_of - dt.timedelta(days=1) if d == "past" else as_of + dt.timedelta(days=30) for _, d in rows
            ],
        }
    )


CAMPAIGN_EN = SimpleNamespace(language="en")


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["green", "green"], ("2 / 2", "good", "on course")),
        (["green", "amber"], ("1 / 2", "warn", "1 at risk")),
        (["amber", "red", "red"], ("0 / 3", "bad", "2 behind, 1 at risk")),  # behind outweighs at risk
        (["early", "early"], ("0 / 2", "info", "too early to judge")),
        ([], ("0 / 0", "info", "none measured from the exports")),
    ],
)
def test_the_kpi_tile_during_the_campaign(statuses, expected):
    day = dt.date(2026, 11, 26)
    tile = midterm_report.kpi_tile(CAMPAIGN_EN, progress([(s, "running") for s in statuses], day), day)
    assert tile.label == "KPIs met or on course" and (tile.value, tile.status, tile.status_text) == expected


def test_the_kpi_tile_counts_a_kpi_whose_deadline_passed_as_missed_not_behind():
    day = dt.date(2026, 11, 30)
    rows = progress(
        [("red", "past"), ("amber", "running"), ("red", "running"), ("red", "running"), ("green", "running")], day
    )
    tile = midterm_report.kpi_tile(CAMPAIGN_EN, rows, day)
    assert tile == Tile("KPIs met or on course", "1 / 5", "bad", "1 missed, 2 behind, 1 at risk")
    on_the_day = rows.assign(deadline=[day, *rows["deadline"][1:]])  # the deadline day itself has come
    assert midterm_report.kpi_tile(CAMPAIGN_EN, on_the_day, day).status_text == "1 missed, 2 behind, 1 at risk"


def test_the_kpi_tile_with_nothing_measured_claims_nothing():
    day = dt.date(2027, 3, 1)
    none = progress([("green", "past")], day).assign(measured=False)
    assert midterm_report.kpi_tile(CAMPAIGN_EN, none, day, provisional=False) == Tile(
        "KPIs met", "0 / 0", "info", "none measured from the exports"
    )


def test_the_kpi_tile_after_every_deadline_says_met_or_missed():
    day = dt.date(2027, 3, 1)
    done = progress([("green", "past"), ("red", "past"), ("red", "past")], day)
    tile = midterm_report.kpi_tile(CAMPAIGN_EN, done, day, provisional=False)
    assert tile == Tile("KPIs met", "1 / 3", "bad", "2 missed")
    tile = midterm_report.kpi_tile(CAMPAIGN_EN, done.assign(status="green"), day, provisional=False)
    assert tile == Tile("KPIs met", "3 / 3", "good", "all met")


def test_one_status_vocabulary_met_or_missed_after_the_deadline_else_on_course_words():
    day = dt.date(2026, 11, 26)
    assert midterm_report.status_word("green", day, day, "en") == "met"  # the deadline day itself counts
    assert midterm_report.status_word("red", day - dt.timedelta(days=1), day, "en") == "missed"
    assert midterm_report.status_word("amber", day + dt.timedelta(days=1), day, "nl") == "risico"
    assert midterm_report.status_word("red", day + dt.timedelta(days=1), day, "nl") == "achter"
    assert midterm_report.status_word("early", day, day, "en") == "too early to judge"


def rewards_analysis(p5: float, p50: float, p95: float, risk: float, **effort) -> RewardsAnalysis:
    check = EffortCheck(
        hours_asked=12, reward_per_ambassador=400, reward_per_hour=33.61, incentive_share=0.3,
        symbolic=effort.get("symbolic", False), incentives_dominate=effort.get("dominate", False),
    )  # fmt: skip
    summary = {"p5": p5, "p50": p50, "p95": p95, "p_over_budget": risk, "budget": 6000.0, "mean": p50}
    return RewardsAnalysis(scenarios=pd.DataFrame(), simulation=None, summary=summary, effort=check)


@pytest.mark.parametrize(
    ("p50", "p95", "risk", "cost", "chance"),
    [
        (5570, 6000, 0.0, ("good", "fits the budget"), ("good", "low risk")),  # 95th percentile exactly on budget
        (5570, 6001, 0.10, ("warn", "tight"), ("good", "low risk")),
        (6000, 6500, 0.25, ("warn", "tight"), ("warn", "some risk")),
        (6001, 6500, 0.26, ("bad", "over budget"), ("bad", "high risk")),
    ],
)
def test_rewards_tiles_at_their_thresholds(campaign_copy, p50, p95, risk, cost, chance):
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    c.language = "en"
    found = rewards_report.executive_summary(c, rewards_analysis(5000, p50, p95, risk))
    shown = tiles(found)
    likely = shown["Simulated cost (median)"]
    assert (likely.status, likely.status_text) == cost
    assert likely.reference.startswith("90%: ") and likely.reference.count("–") == 1
    over = shown["Chance over budget"]
    assert (over.status, over.status_text) == chance
    key = {"good": "summary.rewards.fits", "warn": "summary.rewards.tight", "bad": "summary.rewards.over"}[cost[0]]
    figures = {"budget": "€6,000", "high": money(p95, c), "risk": percent(risk, "en"), "median": money(p50, c)}
    assert found.sentences == (t(key, "en", **figures),)


def test_rewards_say_when_the_reward_is_symbolic_or_dominates(campaign_copy):
    c = load_campaign(campaign_copy("employer-branding-pilot"))
    c.language = "en"
    hour = "Reward per hour asked"
    assert tiles(rewards_report.executive_summary(c, rewards_analysis(1, 2, 3, 0)))[hour].status_text == "balanced"
    symbolic = tiles(rewards_report.executive_summary(c, rewards_analysis(1, 2, 3, 0, symbolic=True)))[hour]
    assert (symbolic.status, symbolic.status_text) == ("warn", "symbolic")
    dominate = tiles(rewards_report.executive_summary(c, rewards_analysis(1, 2, 3, 0, dominate=True)))[hour]
    assert (dominate.status, dominate.status_text) == ("warn", "rewards dominate the cost")


def test_selection_of_the_dutch_example_complete_and_in_mid_september(campaign_copy):
    folder = campaign_copy("leerprogramma")
    c = load_campaign(folder)
    found = selection_report.executive_summary(c, analyse_selection(c))
    shown = tiles(found)
    assert shown["Voorgesteld team"] == Tile("Voorgesteld team", "5", "good", "voldoet aan alle regels", "5 nodig")
    assert shown["Bevestigd"] == Tile("Bevestigd", "5 / 5", "good", "iedereen bevestigd")
    assert found.sentences == ("Het team is compleet: alle 5 bevestigd. Plan de aftrap.",)
    # on 16 Sep only E000005 and E000001 had confirmed (the later updates left out)
    c.selection.status = [s for s in c.selection.status if s.date <= dt.date(2026, 9, 16) and s.id != "E000019"]
    found = selection_report.executive_summary(c, analyse_selection(c))
    assert tiles(found)["Bevestigd"] == Tile("Bevestigd", "2 / 5", "warn", "3 nog te bevestigen")
    assert found.sentences[0].startswith("Het voorgestelde team voldoet aan de regels; vraag de 3 ")


def test_selection_that_cannot_meet_its_rules_says_what_to_relax(campaign_copy):
    folder = campaign_copy("leerprogramma")
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(text.replace("max_per_department: 2", "max_per_department: 1"), "utf-8")
    c = load_campaign(folder)
    analysis = analyse_selection(c)
    found = selection_report.executive_summary(c, analysis)
    team = tiles(found)["Voorgesteld team"]
    assert (team.status, team.status_text) == ("bad", "regels niet haalbaar")
    first = analysis.proposal.result.suggestions[0]
    advice = t("suggest." + first[0], "nl", **first[1])
    assert found.sentences == (f"Geen team voldoet aan alle regels; wat wel werkt: {advice}",)


def test_final_before_the_end_speaks_of_so_far_and_after_it_of_met(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    c = load_campaign(campaign_copy("leerprogramma"))
    c.language = "en"
    early = final.analyse(c, dt.date(2026, 11, 26))  # the campaign ends on 26 Feb 2027
    found = final_report.executive_summary(c, early)
    shown = tiles(found)
    assert "Cost so far" in shown and "KPIs met or on course" in shown and "Total cost" not in shown
    assert found.sentences[0] == "Provisional: the figures run to 26 Nov 2026; the campaign ends on 26 Feb 2027."
    assert found.sentences[1].startswith("Main goal: ") and " So far " in found.sentences[1]
    assert found.sentences[2].startswith("So far the campaign has spent ")
    assert not any("missed" in s for s in found.sentences)
    table = final_report.achievement_table(c, early)
    words = set(table["Status"])
    assert words <= {"met", "missed", "on course", "at risk", "behind", "too early to judge"}
    assert not words & {"green", "amber", "red"}  # no traffic-light words beside outcome words
    ended = final.analyse(c, dt.date(2027, 5, 1))
    found = final_report.executive_summary(c, ended)
    shown = tiles(found)
    measured = ended.activity.progress[ended.activity.progress["measured"]]
    met = int((measured["status"] == "green").sum())
    assert shown["KPIs met"].value == f"{met} / {len(measured)}"
    assert shown["Total cost"].reference == "budget €6,000"
    assert found.sentences[0].startswith("Main goal: ") and found.sentences[0].endswith(
        f"{met} of {len(measured)} measured KPIs met."
    )
    assert found.sentences[-1] == final_report.recommendation_text(c, ended)[0]
