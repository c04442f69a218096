"""Phase 4 calculations on hand-computed cases, and the comparison between two dated snapshots."""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
from conftest import PARAMETERS
from test_activity import write_campaign

from campaign_kit.core.model import Kpi, Measure
from campaign_kit.core.phases import parse_phase
from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.midterm import analysis as midterm
from campaign_kit.phases.midterm.analysis import Forecast
from campaign_kit.run.runner import run_snapshot

START, AS_OF, DEADLINE = dt.date(2027, 1, 1), dt.date(2027, 1, 29), dt.date(2027, 3, 26)  # 4 of 12 weeks


def test_planned_pace_is_a_straight_line():
    assert midterm.planned_fraction(START, DEADLINE, AS_OF) == pytest.approx(1 / 3)
    assert midterm.planned_fraction(START, DEADLINE, dt.date(2026, 12, 1)) == 0
    assert midterm.planned_fraction(START, DEADLINE, dt.date(2027, 6, 1)) == 1
    total = Kpi(id="K", name="n", target=36)
    assert midterm.planned_value(total, START, DEADLINE, AS_OF, window=False) == pytest.approx(12)
    level = Kpi(id="K", name="n", target=1500, baseline=1200)  # a monthly level ramps up from its baseline
    assert midterm.planned_value(level, START, DEADLINE, AS_OF, window=True) == pytest.approx(1300)


def test_forecast_of_a_running_total():
    # totals at the end of weeks 1-4: 2, 5, 7, 12 -> increments 2, 3, 2, 5: pace 3 a week, s = √2
    levels = pd.Series([2.0, 5.0, 7.0, 12.0], index=[START + dt.timedelta(days=7 * k) for k in range(1, 5)])
    outlook = midterm.forecast_total(levels, AS_OF, DEADLINE, START)
    band = 1.645 * math.sqrt(2) * math.sqrt(8 + 8**2 / 4)  # 8 weeks to go, 4 elapsed
    assert outlook.value == pytest.approx(12 + 3 * 8)
    assert outlook.low == pytest.approx(36 - band) and outlook.high == pytest.approx(36 + band)
    finished = midterm.forecast_total(levels, DEADLINE, DEADLINE, START)
    assert finished == Forecast(12, 12, 12)


def test_forecast_never_goes_below_what_is_reached():
    levels = pd.Series([0.0, 10.0], index=[START + dt.timedelta(days=7), START + dt.timedelta(days=14)])
    outlook = midterm.forecast_total(levels, START + dt.timedelta(days=14), DEADLINE, START)
    assert outlook.low == 10


def test_forecast_of_a_level_holds_it_with_its_spread():
    levels = pd.Series([10.0, 20.0, 30.0, 20.0], index=[START + dt.timedelta(days=7 * k) for k in range(1, 5)])
    outlook = midterm.forecast_level(levels, AS_OF, DEADLINE)
    spread = math.sqrt(200 / 3)
    assert outlook == Forecast(20, pytest.approx(20 - 1.645 * spread), pytest.approx(20 + 1.645 * spread))


@pytest.mark.parametrize(
    ("target", "colour", "suggested"),
    [(30, "green", None), (40, "amber", None), (50, "red", 36), (20, "green", 36)],
)
def test_status_and_suggested_target(target, colour, suggested):
    outlook = Forecast(36, 24.6, 47.4)
    assert midterm.status(target, outlook, finished=False) == colour
    assert midterm.suggested_target(target, outlook, colour) == suggested


def test_after_the_deadline_a_kpi_is_met_or_missed():
    assert midterm.status(10, Forecast(9, 9, 9), finished=True) == "red"
    assert midterm.status(10, Forecast(10, 10, 10), finished=True) == "green"


@pytest.mark.parametrize(
    ("value", "whole", "expected"), [(9.94, True, 10), (9.94, False, 9.9), (36.4, True, 36), (1463, True, 1500)]
)
def test_nice_targets(value, whole, expected):
    assert midterm.nice(value, whole) == expected


def test_measures_count_events_people_ambassadors_and_levels(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(
        tmp_path / "parameters" / "c", [{"kind": "learning", "files": "lms.csv"}], ambassadors=["A1", "A2"]
    )
    (folder / "lms.csv").write_text(
        "date,employee,event,ambassador\n"
        "2027-01-02,E1,completed,A1\n"  # week 1
        "2027-01-03,E1,completed,A1\n"  # E1 again: one person, two events
        "2027-01-10,E2,completed,\n"  # week 2, on their own
        "2027-01-20,E3,completed,A2\n"  # week 3
        "2027-01-30,E4,completed,A2\n",  # after the as-of date: not counted
        encoding="utf-8",
    )
    campaign = load_campaign(folder)
    from campaign_kit.data.activity import open_store, store_path, sync

    with open_store(store_path(campaign)) as con:
        sync(campaign, con)

        def levels(**measure):
            return midterm.measure_levels(
                con, Measure(result="completion", **measure), START, AS_OF, ["A1", "A2"]
            ).tolist()

        assert levels() == [2, 3, 4, 4]
        assert levels(count="people") == [1, 2, 3, 3]
        assert levels(count="people", via_ambassadors=True) == [1, 1, 2, 2]
        assert levels(count="ambassadors") == [1, 1, 2, 2]
        assert levels(window_days=7) == [2, 1, 1, 0]  # the last 7 days at each week's end
        assert levels(count="ambassadors", window_days=14) == [1, 1, 1, 1]


def _html(folder) -> str:
    return (folder / "04_midterm.html").read_text(encoding="utf-8")


@pytest.mark.notebook  # two runs of the phase notebook
def test_a_second_run_compares_with_the_previous_snapshot(tmp_path):
    midterm_phase = [parse_phase("midterm")]
    first = run_snapshot("leerprogramma", midterm_phase, dt.date(2026, 11, 2), tmp_path)
    assert first.status == "ok", first.failures
    assert "eerste tussentijdse meting" in _html(first.folder)  # the Dutch example's first mid-term
    second = run_snapshot("leerprogramma", midterm_phase, dt.date(2026, 11, 30), tmp_path)
    assert second.status == "ok", second.failures
    html = _html(second.folder)
    assert "Vergeleken met momentopname 2026-11-02 (peildatum 2026-11-02)" in html
    before = json.loads((first.folder / "midterm.json").read_text())
    after = json.loads((second.folder / "midterm.json").read_text())
    assert after["totals"]["login"] > before["totals"]["login"]
    assert after["kpis"]["K2"]["actual"] >= before["kpis"]["K2"]["actual"]
    # a run for an earlier date does not compare with a later check
    earlier = run_snapshot("leerprogramma", midterm_phase, dt.date(2026, 10, 1), tmp_path)
    assert "eerste tussentijdse meting" in _html(earlier.folder)
    assert (tmp_path / "leerprogramma" / "activity.duckdb").is_file()  # one store beside the snapshots


def test_example_midterm_reports(example_snapshots):
    for name, folder in example_snapshots.items():
        html = _html(folder)
        campaign = load_campaign(folder / "parameters" / name)
        for kpi in campaign.kpis:
            if kpi.measure is not None:
                assert f">{kpi.id}<" in html
        assert "<script" not in html.lower().replace('<script type="application/json"', "")
        assert str(folder) not in html  # no absolute paths
        for meeting in campaign.activity.meetings:
            assert meeting.works.split(";")[0][:30] in html


def test_too_early_to_judge_and_no_suggestion_of_nothing():
    outlook = Forecast(0, 0, 0)
    assert midterm.status(10, outlook, finished=False, early=True) == "early"
    assert midterm.suggested_target(10, outlook, "early") is None
    assert midterm.suggested_target(10, outlook, "red") is None  # never a target of 0
    assert midterm.suggested_target(10, Forecast(4, 3, 5), "red", finished=True) is None  # the deadline is past


def test_weeks_all_alike_still_have_a_band():
    levels = pd.Series([3.0, 6.0, 9.0, 12.0], index=[START + dt.timedelta(days=7 * k) for k in range(1, 5)])
    outlook = midterm.forecast_total(levels, AS_OF, DEADLINE, START)
    assert outlook.high > outlook.value > outlook.low  # spread 0 falls back to √pace


def _edited(campaign_copy, edit) -> object:
    from ruamel.yaml import YAML

    folder = campaign_copy("leerprogramma")
    yaml = YAML()
    path = folder / "campaign.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"))
    edit(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return load_campaign(folder)


def test_a_later_decline_does_not_rewrite_an_earlier_team(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    day = dt.date(2026, 11, 10)
    before = midterm.analyse(load_campaign(PARAMETERS / "leerprogramma"), day).team.ids

    def decline(data):
        data["selection"]["status"].append({"id": "E000005", "status": "declined", "date": dt.date(2026, 11, 20)})

    changed = _edited(campaign_copy, decline)
    assert midterm.analyse(changed, day).team.ids == before
    later = midterm.analyse(changed, dt.date(2026, 11, 26)).team.ids
    assert "E000005" in later  # confirmed on 15 September: the results of the time served still count


def test_ids_become_pseudonyms_unless_names_are_allowed(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))

    def listed(data):
        data["activity"]["ambassadors"] = ["E000001", "E000005", "E000008", "E000019", "E000026"]

    analysis = midterm.analyse(_edited(campaign_copy, listed), dt.date(2026, 11, 26))
    assert set(analysis.team.names.values()) == {f"Ambassadeur {n}" for n in range(1, 6)}


def test_final_evaluation_without_activity_data(campaign_copy, tmp_path, monkeypatch):
    from campaign_kit.phases.final import analysis as final

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    analysis = final.analyse(_edited(campaign_copy, lambda d: d.pop("activity")), dt.date(2026, 11, 26))
    assert analysis.activity is None and analysis.recommendation.months == 6  # turnover 12%


def test_a_web_only_campaign_ranks_its_posts_and_sharers_by_visits():
    import pandas as pd

    from campaign_kit.phases.midterm.analysis import ranking

    posts = pd.DataFrame({"visit": [5.0, 40.0, 0.0, 12.0]}, index=["P1", "P2", "P3", "P4"])
    ranked, results = ranking(posts)
    assert results == ["visit"] and list(ranked.index) == ["P2", "P4", "P1"]  # P3 brought nobody
    sharers = pd.DataFrame({"share": [0.0, 0.0], "click": [3.0, 9.0], "visit": [30.0, 2.0]}, index=["A1", "A2"])
    ranked, results = ranking(sharers)
    assert results == ["click", "visit"] and list(ranked.index) == ["A2", "A1"]  # clicks first, then visits
    shared = pd.DataFrame({"share": [2.0, 2.0, 1.0], "click": [1.0, 7.0, 50.0]}, index=["A1", "A2", "A3"])
    assert list(ranking(shared)[0].index) == ["A2", "A1", "A3"]  # shares rank, clicks break the tie
    assert ranking(pd.DataFrame({"reaction": [0.0]}))[1] == []


def _people(name: str) -> pd.DataFrame:
    """The HR file read by plain pandas, not by the workbook's reader: id, name, department."""
    if name == "leerprogramma":
        raw = pd.read_csv(PARAMETERS / name / "medewerkers.csv", sep=";", encoding="utf-8-sig", dtype=str)
        return raw.rename(columns={"Personeelsnummer": "id", "Naam": "name", "Afdeling": "department"})
    raw = pd.read_excel(PARAMETERS / name / "employees.xlsx", dtype=str)
    return raw.rename(columns={"Employee ID": "id", "Full name": "name", "Department": "department"})


def test_the_team_from_the_selection_has_departments_and_pseudonyms(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    team = midterm.find_team(load_campaign(PARAMETERS / "leerprogramma"), None, dt.date(2026, 11, 26))
    assert team.source == "selection"
    # confirmed on 15 and 16 September; E000002 declined on 12 September
    assert {"E000001", "E000005"} <= set(team.ids) and "E000002" not in team.ids
    people = _people("leerprogramma").set_index("id")
    assert team.departments == {i: people.at[i, "department"] for i in team.ids}
    # show_names: false, so 'Ambassadeur n' in the order of the ids
    assert team.names == {i: f"Ambassadeur {n}" for n, i in enumerate(sorted(team.ids), start=1)}


def test_the_pilot_names_its_ambassadors_as_the_hr_file_does(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    team = midterm.find_team(load_campaign(PARAMETERS / "employer-branding-pilot"), None, dt.date(2027, 3, 1))
    people = _people("employer-branding-pilot").set_index("id")
    assert team.source == "selection" and len(team.ids) == 9  # show_names: true
    assert team.names == {i: people.at[i, "name"] for i in team.ids}
    assert team.departments == {i: people.at[i, "department"] for i in team.ids}


def test_an_answer_given_on_the_as_of_day_counts_that_day(campaign_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    day = dt.date(2026, 11, 26)

    def confirm(data):  # E000030 is nominated but not in the best team
        data["selection"]["status"].append({"id": "E000030", "status": "confirmed", "date": day})

    changed = _edited(campaign_copy, confirm)
    assert "E000030" not in midterm.find_team(changed, None, day - dt.timedelta(days=1)).ids
    assert "E000030" in midterm.find_team(changed, None, day).ids
