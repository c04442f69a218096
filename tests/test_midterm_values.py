"""Phase 4's pure arithmetic by value, at its boundaries: the planned line, the forecast of a level,
the traffic light, a target a person would write, the week points and the scoreboard ranking."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from helpers import kpi

from campaign_kit.core.model import Kpi
from campaign_kit.phases.midterm import analysis as midterm
from campaign_kit.phases.midterm.analysis import Forecast

START, DEADLINE = dt.date(2027, 1, 1), dt.date(2027, 1, 31)  # 30 days


@pytest.mark.parametrize(
    ("as_of", "fraction"),
    [
        (dt.date(2026, 12, 31), 0.0),
        (START, 0.0),
        (dt.date(2027, 1, 16), 0.5),
        (DEADLINE, 1.0),
        (dt.date(2027, 2, 5), 1.0),
    ],
)
def test_the_planned_fraction(as_of, fraction):
    assert midterm.planned_fraction(START, DEADLINE, as_of) == fraction


def test_a_deadline_on_or_before_the_start_is_all_planned():
    assert midterm.planned_fraction(START, START, START) == 1.0
    assert midterm.planned_fraction(START, dt.date(2026, 12, 1), START) == 1.0


def test_the_planned_value_of_a_total_and_of_a_level():
    k = Kpi(**kpi("K", target=40, baseline=10))
    half = dt.date(2027, 1, 16)
    assert midterm.planned_value(k, START, DEADLINE, half, window=False) == 20.0  # 40 × 0.5
    assert midterm.planned_value(k, START, DEADLINE, half, window=True) == 25.0  # 10 + (40 − 10) × 0.5
    bare = Kpi(**kpi("B", target=None, baseline=None))
    assert midterm.planned_value(bare, START, DEADLINE, half, window=True) == 0.0


def test_the_forecast_of_a_level():
    levels = pd.Series([10.0, 14.0, 12.0, 16.0])  # mean 13, sample spread √(20/3) = 2.582
    outlook = midterm.forecast_level(levels, START, DEADLINE)
    spread = math.sqrt(20 / 3)
    assert outlook == Forecast(16.0, pytest.approx(16 - midterm.Z90 * spread), pytest.approx(16 + midterm.Z90 * spread))
    # a level that never moved: counting noise, √16 = 4; never below 0
    flat = midterm.forecast_level(pd.Series([16.0, 16.0]), START, DEADLINE)
    assert flat == Forecast(16.0, pytest.approx(16 - midterm.Z90 * 4), pytest.approx(16 + midterm.Z90 * 4))
    assert midterm.forecast_level(pd.Series([1.0]), START, DEADLINE).low == 0.0  # 1 − 1.645 × 1 < 0
    # at the deadline: what it is
    assert midterm.forecast_level(levels, DEADLINE, DEADLINE) == Forecast(16.0, 16.0, 16.0)
    assert midterm.forecast_level(pd.Series(dtype=float), START, DEADLINE) == Forecast(0.0, 0.0, 0.0)


def test_a_total_at_or_after_its_deadline_is_what_it_is():
    levels = pd.Series([3.0, 7.0], index=[START + dt.timedelta(days=7), START + dt.timedelta(days=14)])
    assert midterm.forecast_total(levels, DEADLINE, DEADLINE, START) == Forecast(7.0, 7.0, 7.0)
    assert midterm.forecast_total(levels, START, DEADLINE, START) == Forecast(7.0, 7.0, 7.0)  # no time elapsed


def test_the_forecast_of_a_total_with_varying_weeks():
    weeks = [START + dt.timedelta(days=7 * w) for w in (1, 2, 3, 4)]
    levels = pd.Series([2.0, 8.0, 10.0, 16.0], index=weeks)  # increments 2, 6, 2, 6: spread √(16/3)
    as_of, deadline = weeks[-1], START + dt.timedelta(days=56)
    outlook = midterm.forecast_total(levels, as_of, deadline, START)
    sd = math.sqrt(16 / 3) * math.sqrt(4 + 16 / 4)  # R = 4 weeks to go, n = 4 elapsed
    assert outlook == Forecast(32.0, pytest.approx(32 - midterm.Z90 * sd), pytest.approx(32 + midterm.Z90 * sd))
    # the band never goes below what is already reached
    low = midterm.forecast_total(pd.Series([1.0, 1.0, 1.0, 9.0], index=weeks), as_of, deadline, START)
    assert low.low == 9.0


@pytest.mark.parametrize(
    ("target", "forecast", "finished", "early", "colour"),
    [
        (10, Forecast(10, 8, 12), False, False, "green"),  # exactly the target: on course
        (10, Forecast(9.9, 8, 10), False, False, "amber"),  # the band just reaches it
        (10, Forecast(9.9, 8, 9.99), False, False, "red"),
        (10, Forecast(10, 10, 10), True, False, "green"),  # finished: met
        (10, Forecast(9.99, 9, 12), True, False, "red"),  # finished: missed, whatever the band
        (10, Forecast(0, 0, 0), False, True, "early"),
        (10, Forecast(12, 12, 12), True, True, "green"),  # finished beats early
    ],
)
def test_the_traffic_light(target, forecast, finished, early, colour):
    assert midterm.status(target, forecast, finished, early) == colour


@pytest.mark.parametrize(
    ("value", "whole", "written"),
    [(9.96, False, 10.0), (9.94, False, 9.9), (9.6, True, 10.0), (99.4, True, 99.0), (100, True, 100.0),
     (1234, True, 1200.0), (1250, True, 1200.0), (1260, True, 1300.0), (15432, True, 15000.0), (10, False, 10.0)],
)  # fmt: skip
def test_a_target_a_person_would_write(value, whole, written):
    assert midterm.nice(value, whole) == written


def test_a_new_target_only_when_out_of_reach_or_clearly_overshooting():
    assert midterm.suggested_target(100, Forecast(62, 50, 74), "red") == 62.0
    assert midterm.suggested_target(100, Forecast(62, 50, 74), "red", finished=True) is None
    assert midterm.suggested_target(100, Forecast(62, 50, 74), "early") is None
    assert midterm.suggested_target(100, Forecast(99.6, 90, 110), "red") is None  # rounds to the same target
    assert midterm.suggested_target(100, Forecast(0.2, 0, 1), "red") is None  # never a target of nothing
    # overshooting: even the low end more than 20% above the target
    assert midterm.suggested_target(100, Forecast(150, 121, 180), "green") == 150.0
    assert midterm.suggested_target(100, Forecast(150, 120, 180), "green") is None  # exactly 20%: no
    assert midterm.suggested_target(8, Forecast(4.44, 3, 6), "red", whole=False) == 4.4


def test_week_points():
    assert midterm.week_points(START, dt.date(2027, 1, 15)) == [dt.date(2027, 1, 8), dt.date(2027, 1, 15)]
    assert midterm.week_points(START, dt.date(2027, 1, 17)) == [
        dt.date(2027, 1, 8),
        dt.date(2027, 1, 15),
        dt.date(2027, 1, 17),
    ]
    assert midterm.week_points(START, dt.date(2027, 1, 3)) == [dt.date(2027, 1, 3)]


def test_the_ranking_uses_the_first_result_the_data_has_and_the_next_to_break_ties():
    frame = pd.DataFrame(
        {"share": [2, 2, 0, 1, 3, 1, 1], "click": [5, 9, 50, 0, 1, 2, 3], "visit": [None] * 7},
        index=["a", "b", "c", "d", "e", "f", "g"],
    )
    ranked, results = midterm.ranking(frame)
    assert results == ["share", "click"]  # no visits counted
    assert list(ranked.index) == ["e", "b", "a", "g", "f"]  # c shared nothing: not on the board
    web = pd.DataFrame({"share": [0, 0], "visit": [4, 7]}, index=["x", "y"])
    assert list(midterm.ranking(web)[0].index) == ["y", "x"] and midterm.ranking(web)[1] == ["visit"]
    assert midterm.ranking(pd.DataFrame({"share": [0]}))[1] == []
    assert len(midterm.ranking(frame, limit=2)[0]) == 2


def test_the_summary_a_snapshot_keeps_and_the_next_run_reads(tmp_path, monkeypatch):
    """The mid-term's figures, written into the snapshot being made and read back by a later run."""
    import json
    import shutil

    from test_activity import write_campaign

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    source = write_campaign(
        tmp_path / "parameters" / "c", [{"kind": "sharing", "files": "s.csv"}], ambassadors=["A1", "A2"]
    )
    (source / "s.csv").write_text(
        "date,ambassador,post,clicks\n2027-01-04,A1,P1,4\n2027-01-05,A1,P2,2\n2027-01-20,A2,P1,1\n", encoding="utf-8"
    )
    # a run in progress: the parameters copied into the snapshot, beside its manifest
    snapshot = tmp_path / "outputs" / "c" / "2027-01-29"
    shutil.copytree(source, snapshot / "parameters" / "c")
    (snapshot / "manifest.json").write_text("{}", encoding="utf-8")
    campaign = load_campaign(snapshot / "parameters" / "c")
    analysis = midterm.analyse(campaign, dt.date(2027, 1, 29))
    midterm.write_summary(campaign, analysis)
    written = json.loads((snapshot / midterm.SUMMARY_FILE).read_text(encoding="utf-8"))
    k2 = analysis.progress.set_index("id").loc["K2"]
    assert written == {
        "as_of": "2027-01-29",
        # K2 counts shares: 3 rows, one share each; K1 (people who completed) has no learning source
        "kpis": {
            "K1": {"actual": 0.0, "status": written["kpis"]["K1"]["status"], "forecast": 0.0},
            "K2": {"actual": 3.0, "status": k2["status"], "forecast": pytest.approx(float(k2["forecast"]))},
        },
        "totals": {"click": 7.0, "share": 3.0},
        "active": 2,  # both shared in the last 30 days
        "team": 2,
        "earned": None,  # no reward rules
    }
    assert written["kpis"]["K1"]["status"] in midterm.STATUSES
    # an analyst's own run (not inside a snapshot) writes nothing
    midterm.write_summary(load_campaign(source), analysis)
    assert not (source / midterm.SUMMARY_FILE).exists()
    # a later run finds it; an earlier one does not (its as-of date is after theirs)
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 2, 5)) == written | {"snapshot": "2027-01-29"}
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 1, 28)) is None
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 1, 29))["snapshot"] == "2027-01-29"
    # the run that wrote it does not compare with itself; a folder without a summary is passed over
    assert midterm.previous_summary(campaign, dt.date(2027, 2, 5)) is None
    (tmp_path / "outputs" / "c" / "2027-02-01").mkdir()
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 2, 5))["snapshot"] == "2027-01-29"


def test_kpi_progress_in_full(tmp_path, monkeypatch):
    """A share a week for four weeks, seen on 29 January; K2 (8 shares by 26 March) and K1 (10 people
    who completed, nothing measured from a learning source) computed by hand."""
    from test_activity import write_campaign

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(tmp_path / "parameters" / "c", [{"kind": "sharing", "files": "s.csv"}], ambassadors=["A1"])
    rows = "".join(f"2027-01-{d:02d},A1,P1\n" for d in (3, 10, 17, 24))
    (folder / "s.csv").write_text("date,ambassador,post\n" + rows, encoding="utf-8")
    analysis = midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    progress = analysis.progress.set_index("id")
    deadline = dt.date(2027, 3, 26)  # 84 days after the start: 28 of them passed
    # K2: 4 shares; pace 1 a week, the same every week: Poisson spread √1; 8 weeks to go
    sd = math.sqrt(8 + 8**2 / 4)  # √24
    assert progress.loc["K2"].to_dict() == {
        "name": "KPI K2", "unit": "people", "target": 8, "measured": True, "actual": 4.0,
        "planned": pytest.approx(8 * 28 / 84), "pace": pytest.approx(4 / (8 * 28 / 84)),
        "forecast": 12.0, "low": 4.0,  # 12 − 1.645 × 4.9 = 3.94: never below the 4 already reached
        "high": pytest.approx(12 + midterm.Z90 * sd), "deadline": deadline, "status": "green", "suggested": None,
    }  # fmt: skip
    # K1: nothing to count yet: red, and no target of nothing suggested
    k1 = progress.loc["K1"].to_dict()
    assert (k1["actual"], k1["forecast"], k1["low"], k1["high"], k1["pace"]) == (0.0, 0.0, 0.0, 0.0, 0.0)
    assert (k1["status"], k1["suggested"], k1["planned"]) == ("red", None, pytest.approx(10 * 28 / 84))
    assert list(analysis.levels["K2"]) == [1.0, 2.0, 3.0, 4.0]  # at the end of each week
    assert analysis.team.ids == ["A1"] and analysis.team.source == "parameters"
    assert analysis.team.names == {"A1": "Ambassador 1"}


def test_the_team_from_the_exports_when_nobody_named_it(tmp_path, monkeypatch):
    from test_activity import write_campaign

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(tmp_path / "parameters" / "c", [{"kind": "sharing", "files": "s.csv"}])
    # A2 shares on the as-of date itself (counted), A3 the day after (not yet)
    rows = "2027-01-04,A1,P1\n2027-01-29,A2,P1\n2027-01-30,A3,P1\n"
    (folder / "s.csv").write_text("date,ambassador,post\n" + rows, encoding="utf-8")
    analysis = midterm.analyse(load_campaign(folder), dt.date(2027, 1, 29))
    assert (analysis.team.ids, analysis.team.source) == (["A1", "A2"], "data")
    assert analysis.team.names == {"A1": "Ambassador 1", "A2": "Ambassador 2"}
    # up to the as-of date: A3's share the day after is not counted yet
    assert analysis.totals["share"] == 2.0 and analysis.progress.set_index("id").at["K2", "actual"] == 2.0


def test_the_whole_mid_term_analysis_of_four_shares(tmp_path, monkeypatch):
    """Every table the mid-term report draws, for a team of two and one id outside it, by hand."""
    from test_activity import write_campaign

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(
        tmp_path / "parameters" / "c", [{"kind": "sharing", "files": "s.csv"}], ambassadors=["A2", "A1"]
    )
    rows = "2027-01-04,A1,P1,4\n2027-01-05,A9,P1,2\n2027-02-10,A1,P2,3\n2027-02-11,A2,P2,1\n"
    (folder / "s.csv").write_text("date,ambassador,post,clicks\n" + rows, encoding="utf-8")
    a = midterm.analyse(load_campaign(folder), dt.date(2027, 2, 15))

    def table(frame: pd.DataFrame) -> dict:
        return {str(k): {c: float(v) for c, v in row.items()} for k, row in frame.to_dict("index").items()}

    # every result, also A9's (not in the team, but the KPIs count it)
    assert a.totals == {"share": 4.0, "click": 10.0}
    # the team in its own order; both shared in the last 30 days (17 January – 15 February)
    assert list(a.per_ambassador.index) == ["A2", "A1"]
    assert a.per_ambassador.to_dict("index") == {
        "A2": {"click": 1.0, "share": 1.0, "active": True},
        "A1": {"click": 7.0, "share": 2.0, "active": True},
    }
    assert (a.active, a.activation) == (2, 1.0)
    assert table(a.posts) == {"P1": {"click": 6.0, "share": 2.0}, "P2": {"click": 4.0, "share": 2.0}}
    assert table(a.month_posts) == {"P2": {"click": 4.0, "share": 2.0}}  # February so far
    assert table(a.month_ambassadors) == {"A1": {"click": 3.0, "share": 1.0}, "A2": {"click": 1.0, "share": 1.0}}
    assert table(a.monthly) == {"2027-01": {"click": 6.0, "share": 2.0}, "2027-02": {"click": 4.0, "share": 2.0}}
    weekly = {(str(r.week)[:10], r.result): r.n for r in a.weekly.itertuples()}  # weeks start on Monday
    assert weekly == {("2027-01-04", "share"): 2.0, ("2027-01-04", "click"): 6.0,
                      ("2027-02-08", "share"): 2.0, ("2027-02-08", "click"): 4.0}  # fmt: skip
    assert a.unknown.astype(str).to_dict("records") == [
        {"kind": "sharing", "ambassador": "A9", "events": "2", "first": "2027-01-05", "last": "2027-01-05"}
    ]
    assert a.previous is None and a.ledger is None and a.as_of == dt.date(2027, 2, 15)
    # A1 did nothing in the last 30 days seen from 15 March: not active any more
    later = midterm.analyse(load_campaign(folder), dt.date(2027, 3, 15))
    assert later.per_ambassador["active"].to_dict() == {"A2": False, "A1": False} and later.active == 0
