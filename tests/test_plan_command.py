"""`campaign plan` (issue 16) on both examples: the oil-spot planner as a user runs it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import PARAMETERS

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign
from campaign_kit.run.cli import main
from campaign_kit.spread.campaign import assumptions, departments, largest_team, plan_campaign
from campaign_kit.spread.model import Rates
from campaign_kit.spread.plan import best_allocation, chance
from campaign_kit.spread.priors import prior_draws

AS_OF = dt.date(2026, 11, 30)


def test_the_departments_are_counted_from_the_employee_list():
    raw = pd.read_csv(PARAMETERS / "leerprogramma" / "medewerkers.csv", sep=";", encoding="utf-8-sig")
    expected = raw["Afdeling"].value_counts().to_dict()
    assert departments(load_campaign(PARAMETERS / "leerprogramma")) == expected
    assert expected == {"Team Oost": 9, "Team West": 8, "Team Centrum": 7, "Planning en ondersteuning": 6}


def cascade_only(campaign):
    """The campaign as if campaign.yaml had no spread: section: the planner falls back on the cascade."""
    bare = campaign.model_copy(update={"spread": None})
    bare._folder = campaign.folder
    return bare


def test_the_assumptions_come_from_the_cascade_or_the_spread_section():
    leer = load_campaign(PARAMETERS / "leerprogramma")
    # its spread: section: a colleague joins at a first started training; 5 per ambassador in 25 weeks
    said = assumptions(leer)
    assert (said.adoption, said.per_ambassador, said.weeks, said.source) == ("start", 5.0, 25, "spread")
    assert said.recruiting == pytest.approx(0.2)
    # without it, K2a: 5 completions per ambassador by 2027-02-26, from the start 2026-09-01:
    # 178 days = 25.43 weeks, so r = 5 / 25.43 = 0.1966 colleagues a week
    said = assumptions(cascade_only(leer))
    assert (said.adoption, said.per_ambassador, said.source) == ("completion", 5.0, "K2a")
    assert said.weeks == pytest.approx(178 / 7) and said.recruiting == pytest.approx(5 / (178 / 7))
    pilot = assumptions(load_campaign(PARAMETERS / "employer-branding-pilot"))
    assert (pilot.adoption, pilot.per_ambassador, pilot.weeks, pilot.source) == ("share", 3.0, 12, "spread")


def test_a_kpi_that_counts_clicks_is_no_adoption(campaign_copy):
    """K2a counting people by a click would not say who was won over: the cascade gives no assumptions."""
    campaign = cascade_only(load_campaign(campaign_copy("leerprogramma")))
    k2a = next(k for k in campaign.kpis if k.id == "K2a")
    clicks = k2a.model_copy(update={"measure": k2a.measure.model_copy(update={"result": "click"})})
    odd = campaign.model_copy(update={"kpis": [clicks if k.id == "K2a" else k for k in campaign.kpis]})
    with pytest.raises(CampaignError):
        assumptions(odd)
    assert assumptions(campaign).source == "K2a"


def test_a_campaign_with_neither_says_what_is_missing(campaign_copy):
    campaign = cascade_only(load_campaign(campaign_copy("leerprogramma")))
    bare = campaign.model_copy(update={"kpis": [k for k in campaign.kpis if k.id != "K2a"]})
    with pytest.raises(CampaignError) as raised:
        assumptions(bare)
    assert raised.value.lines("en") == [
        "campaign.yaml spread: is missing: the oil-spot planner needs what counts as adopting and how many "
        "colleagues each ambassador brings in (adoption, per_ambassador, weeks), or a KPI per ambassador that "
        "counts people"
    ]


def test_the_plan_for_the_learning_programme(capsys):
    code = main(["plan", "leerprogramma", "--reach", "60%", "--by", "2027-06-01", "--as-of", "2026-11-30"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == (
        "Olievlekplan voor Leerprogramma Leven Lang Ontwikkelen: 60% van 30 collega's bereikt op 1 jun 2027 "
        "(27 weken vanaf 30 nov 2026)."  # 183 days: 26.1 weeks, rounded up
    )
    assert "5 collega's mee in 25 weken (campaign.yaml, spread)" in out[1]
    team = out[2]
    assert team.startswith("Kleinste team: 5 ambassadeurs")
    rows = out[3:7]
    by_department = [r.split()[-3:] for r in rows]
    assert by_department == [["1", "van", "6"], ["1", "van", "7"], ["2", "van", "9"], ["1", "van", "8"]]
    # by the route of the plan's own parts: this team reaches 60% in at least 80% of runs drawn from
    # the priors (r = 5 colleagues in 25 weeks = 0.2 a week), the best team of 4 does not
    campaign = load_campaign(PARAMETERS / "leerprogramma")
    r = 5 / 25
    rates = Rates(0.03 / (365.25 / 7), 0.38 / (365.25 / 7), r, 0.2)
    sizes = np.array([6, 7, 9, 8])
    draws = prior_draws(r)
    assert chance(draws, sizes, np.array([1, 1, 2, 1]), 27, 0.6) >= 0.8
    assert chance(draws, sizes, best_allocation(4, rates, sizes, 27), 27, 0.6) < 0.8
    assert "     5     73%  ← het geplande team" in out  # the planned team of 5 (team.ambassadors)
    assert largest_team(campaign, 30) == 12  # everyone nominated in voordrachten.csv


def test_no_team_within_reach_exits_1_with_the_reason(capsys):
    code = main(["plan", "employer-branding-pilot", "--reach", "30%", "--by", "2027-06-01", "--as-of", "2026-11-30"])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "No team of at most 10 ambassadors (the selection's maximum or everyone nominated) reaches 30% by "
        "1 Jun 2027 in 80% of simulated campaigns." in out
    )
    assert "With 10 ambassadors the expected reach by 1 Jun 2027 is 20%." in out
    # the planned 9 and two fewer, but no team above the maximum of 10 in the table
    table = out.split("Expected reach by 1 Jun 2027 per team size")[1].splitlines()[1:]
    assert [line.split()[0] for line in table if line.startswith("  ")] == ["7", "8", "9", "10"]
    assert table[-1].startswith("This plan starts on 30 Nov 2026 as if nobody had been reached yet")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--reach", "60%", "--by", "2026-08-01"], "--by 2026-08-01: is not after the start of planning (2026-11-30)"),
        (["--reach", "160%", "--by", "2027-06-01"], "--reach 160%: is not a share between 0% and 100%"),
    ],
)
def test_a_wrong_target_or_date_is_said_on_the_command_line(args, said, capsys):
    code = main(["plan", "employer-branding-pilot", *args, "--as-of", "2026-11-30"])
    assert code == 1
    assert said in capsys.readouterr().err


def test_the_plan_starts_at_the_campaign_start_when_planned_before_it():
    campaign = load_campaign(PARAMETERS / "leerprogramma")
    result = plan_campaign(campaign, 0.5, dt.date(2026, 12, 1), dt.date(2026, 6, 1))
    assert result.begin == dt.date(2026, 9, 1) and result.weeks == 13  # 91 days


@pytest.mark.parametrize(
    ("route", "target", "source", "r", "reach"),
    [
        # spread: reach 0.83 by 2027-02-26; 5 colleagues per ambassador in 25 weeks
        ("spread", 0.83, "campaign.yaml, spread", 5 / 25, "72%"),
        # K2: 25 completions of a population of 30 by 2027-02-26; K2a: 5 per ambassador in 178 days
        ("cascade", 25 / 30, "KPI K2", 5 / (178 / 7), "71%"),
    ],
)
def test_the_goals_report_shows_the_plan_from_the_start(route, target, source, r, reach):
    from campaign_kit.phases.goals.report import spread_sentences, spread_table
    from campaign_kit.spread.campaign import start_plan

    campaign = load_campaign(PARAMETERS / "leerprogramma")
    if route == "cascade":
        campaign = cascade_only(campaign)
    start = start_plan(campaign)
    # from the start 2026-09-01 to 2027-02-26: 178 days, 25.4 weeks: 26
    assert (start.target, start.by, start.result.weeks) == (pytest.approx(target), dt.date(2027, 2, 26), 26)
    said = spread_sentences(campaign, start)
    assert said[0].startswith(f"Het geplande team van 5, zo goed mogelijk verdeeld, bereikt naar verwachting {reach}")
    assert said[1] == (
        f"Het doel van 83% ({source}) op 26 feb 2027 vraagt 9 ambassadeurs voor 80% kans, verdeeld zoals in de tabel."
    )
    table = spread_table(campaign, start)
    assert list(table.columns) == ["Afdeling", "Collega's", "Gepland team van 5", "Nodig voor 83%"]
    assert table["Collega's"].tolist() == ["6", "7", "9", "8"]  # as counted from medewerkers.csv above
    assert sum(int(n) for n in table["Gepland team van 5"]) == 5
    needed = np.array([int(n) for n in table["Nodig voor 83%"]])
    assert needed.sum() == 9
    # the team it needs reaches the target in 80% of runs with the priors; the best team of 8 does not
    rates = Rates(0.03 / (365.25 / 7), 0.38 / (365.25 / 7), r, 0.2)
    draws, sizes = prior_draws(r), np.array([6, 7, 9, 8])
    assert chance(draws, sizes, needed, 26, target) >= 0.8
    assert chance(draws, sizes, best_allocation(8, rates, sizes, 26), 26, target) < 0.8


def test_the_goals_report_says_when_there_is_nothing_to_plan(campaign_copy):
    from campaign_kit.phases.goals.report import spread_sentences, spread_table
    from campaign_kit.spread.campaign import start_plan

    campaign = cascade_only(load_campaign(campaign_copy("leerprogramma")))
    bare = campaign.model_copy(update={"kpis": [k for k in campaign.kpis if k.id != "K2"]})
    assert start_plan(bare) is None
    assert spread_sentences(bare, None)[0].startswith("Nog geen plan: de campagne noemt geen aandeel")
    assert spread_table(bare, None).empty


def test_a_plan_from_a_later_day_says_it_starts_from_nobody(capsys):
    main(["plan", "leerprogramma", "--reach", "60%", "--by", "2027-06-01", "--as-of", "2026-11-30"])
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Dit plan begint op 30 nov 2026 alsof nog niemand bereikt is; de tussentijdse rapportage (fase 4) "
        "volgt de eigen voortgang van de campagne tot nu toe."
    )
    main(["plan", "leerprogramma", "--reach", "60%", "--by", "2027-06-01", "--as-of", "2026-09-01"])  # the start
    assert "alsof nog niemand" not in capsys.readouterr().out


@pytest.mark.parametrize(("reach", "share"), [("60%", 0.6), ("60", 0.6), ("0.6", 0.6), ("0,6", 0.6), ("1%", 0.01)])
def test_the_share_is_read_as_a_percentage_or_a_fraction(reach, share):
    from campaign_kit.run.cli import _share

    assert _share(reach) == pytest.approx(share)


def test_a_bare_1_is_refused_as_ambiguous(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["plan", "leerprogramma", "--reach", "1", "--by", "2027-06-01"])
    assert exited.value.code == 2
    assert "'1' is ambiguous; write 1% or 100%" in capsys.readouterr().err


def test_reading_only_the_first_lines_is_no_error():
    import subprocess
    import sys

    command = [sys.executable, "-m", "campaign_kit.run.cli", "plan", "leerprogramma", "--reach", "50%"]
    command += ["--by", "2027-06-01", "--as-of", "2026-11-30"]
    piped = subprocess.run(f"{' '.join(command)} | head -1", shell=True, capture_output=True, text=True)
    assert piped.stdout.startswith("Olievlekplan voor Leerprogramma")
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr
