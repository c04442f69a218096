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


def finished(folder, status: str = "ok") -> None:
    """The manifest of a snapshot whose mid-term phase ended with `status`."""
    import json

    phases = [{"name": "midterm", "status": status}]
    (folder / "manifest.json").write_text(json.dumps({"status": status, "phases": phases}), encoding="utf-8")


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
    assert written == {
        "as_of": "2027-01-29",
        # K2 counts shares: 3 rows, one share each; K1 (people who completed) has no learning source
        "kpis": {
            # K1: nothing after four weeks: out of reach. K2: 3 shares in 4 weeks, 8 weeks to go at 3/4 a
            # week: 3 + 6 = 9 of 8, on course
            "K1": {"actual": 0.0, "status": "red", "forecast": 0.0},
            "K2": {"actual": 3.0, "status": "green", "forecast": pytest.approx(9.0)},
        },
        "totals": {"click": 7.0, "share": 3.0},
        "active": 2,  # both shared in the last 30 days
        "team": 2,
        "earned": None,  # no reward rules
    }
    # an analyst's own run (not inside a snapshot) writes nothing
    midterm.write_summary(load_campaign(source), analysis)
    assert not (source / midterm.SUMMARY_FILE).exists()
    # until the runner marks the phase ok, nothing compares with it (a run killed after writing it)
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 2, 5)) is None
    finished(snapshot)
    # a later run finds it; an earlier one does not (its as-of date is after theirs)
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 2, 5)) == written | {"snapshot": "2027-01-29"}
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 1, 28)) is None
    # a re-run on the same as-of date has nothing earlier to compare with: never itself (all changes 0)
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 1, 29)) is None
    assert midterm.previous_summary(load_campaign(source), dt.date(2027, 1, 30))["snapshot"] == "2027-01-29"
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


# Five completions and a log-in in the first two weeks; the team is A1 and A2, A9 is someone else.
TWO_WEEKS = (
    "04-01-2027;E1;Afgerond;A1\n05-01-2027;E2;Afgerond;A9\n"
    "11-01-2027;E3;Afgerond;A2\n12-01-2027;E4;Afgerond;\n13-01-2027;E1;Inlog;A1\n"
)
SCOREBOARD_DEADLINE = dt.date(2027, 3, 29)  # 87 days after the start on 1 January


def _scoreboard(tmp_path, monkeypatch, as_of: dt.date) -> pd.DataFrame:
    """KPIs of every kind the mid-term counts, read from TWO_WEEKS (a population of 3)."""
    from helpers import campaign_data
    from ruamel.yaml import YAML
    from test_activity import LEARNING_HEADER

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = tmp_path / "parameters" / "c"
    folder.mkdir(parents=True)
    (folder / "lms.csv").write_text(LEARNING_HEADER + TWO_WEEKS, encoding="utf-8")
    d = SCOREBOARD_DEADLINE
    completion = {"result": "completion"}
    kpis = [
        kpi("KA", target=5),  # nothing to measure it by
        kpi("KB", target=None, measure=completion),  # no target to judge against
        kpi("KP", target=3, deadline=d, counts_people=True, measure={**completion, "count": "people"}),
        kpi("KM", target=2, deadline=d, measure={**completion, "count": "ambassadors"}),
        kpi("KV", target=50, deadline=d, scope="per_ambassador", measure={**completion, "via_ambassadors": True}),
        kpi("KR", target=100, deadline=d, measure=completion),
        kpi("KW", target=1, baseline=1, deadline=d, measure={**completion, "window_days": 7}),
    ]
    data = campaign_data(
        population={"description": "A small team", "size": 3},
        team={"ambassadors": 3, "hours_per_month": 10},  # planned 3; A1 and A2 are listed: 2 count
        kpis=kpis,
        activity={"sources": [{"kind": "learning", "files": "lms.csv"}], "ambassadors": ["A1", "A2"]},
    )
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    return midterm.analyse(load_campaign(folder), as_of).progress.set_index("id")


def test_every_kind_of_kpi_two_weeks_in(tmp_path, monkeypatch):
    """On 15 January, exactly two weeks in (no longer too early to judge); 73/7 weeks to go."""
    progress = _scoreboard(tmp_path, monkeypatch, dt.date(2027, 1, 15))
    assert list(progress.reset_index().columns) == [
        "id", "name", "unit", "target", "measured", "actual", "planned", "pace", "forecast", "low", "high",
        "deadline", "status", "suggested",
    ]  # fmt: skip
    assert list(progress.index) == ["KA", "KB", "KP", "KM", "KV", "KR", "KW"]  # the order of campaign.yaml
    # KA and KB: listed, not measured, nothing computed
    assert list(progress["measured"]) == [False, False, True, True, True, True, True]
    assert progress.loc[["KA", "KB"], ["actual", "forecast", "status"]].isna().all().all()
    weeks, to_go, z = 2, 73 / 7, midterm.Z90
    fraction = 14 / 87  # of the time to the deadline
    # KP: E1-E4 completed (4 people, A9's colleague too: people are not limited to the team); the pace of
    # 2 a week would give 4 + 2 × 73/7 = 24.9, but a population of 3 caps the whole band at 3
    kp = progress.loc["KP"]
    assert (kp["actual"], kp["forecast"], kp["low"], kp["high"]) == (4.0, 3.0, 3.0, 3.0)
    assert (kp["planned"], kp["pace"]) == (pytest.approx(3 * fraction), pytest.approx(4 / (3 * fraction)))
    assert kp["status"] == "green" and pd.isna(kp["suggested"])
    # KM: ambassadors of the team with a completion: A1 (week 1), A2 (week 2); A9 is not in the team.
    # 2 + 1 × 73/7 = 12.4 capped at the team of 2
    km = progress.loc["KM"]
    assert (km["actual"], km["forecast"], km["low"], km["high"], km["status"]) == (2.0, 2.0, 2.0, 2.0, "green")
    assert km["pace"] == pytest.approx(2 / (2 * fraction))  # planned 0.32: below 1, still a pace
    # KV: completions an ambassador of the team brought: E1 (A1), E3 (A2) = 2, per ambassador ÷ 2 = 1.
    # Pace 1 a week, both weeks alike: spread √1; sd = √(R + R²/n)
    kv = progress.loc["KV"]
    value, sd = 2 + 1 * to_go, math.sqrt(to_go + to_go**2 / weeks)
    assert kv["actual"] == 1.0
    assert kv["forecast"] == pytest.approx(value / 2)  # 6.21
    assert kv["low"] == 1.0  # value − 1.645 × sd < 2: never below the 2 reached, ÷ 2
    assert kv["high"] == pytest.approx((value + z * sd) / 2)
    assert kv["planned"] == pytest.approx(50 * fraction)
    # out of reach (12.8 < 50): red, re-target to 6.2 (one decimal: a per-ambassador average)
    assert (kv["status"], kv["suggested"]) == ("red", 6.2)
    # KR: all 4 completions; pace 2, spread √2: 4 + 2 × 73/7 = 24.9, red, re-target to a whole 25
    kr = progress.loc["KR"]
    sd = math.sqrt(2) * math.sqrt(to_go + to_go**2 / weeks)
    assert (kr["actual"], kr["forecast"]) == (4.0, pytest.approx(4 + 2 * to_go))
    assert kr["high"] == pytest.approx(4 + 2 * to_go + z * sd)
    assert (kr["status"], kr["suggested"]) == ("red", 25.0)
    # KW: completions in the last 7 days, a level: 2 in each week; planned from the baseline 1 to the
    # target 1 is 1 all along; the band is √2 wide counting noise, never below 0
    kw = progress.loc["KW"]
    assert (kw["actual"], kw["forecast"], kw["planned"], kw["pace"]) == (2.0, 2.0, 1.0, 2.0)
    assert (kw["low"], kw["high"]) == (0.0, pytest.approx(2 + z * math.sqrt(2)))
    assert kw["status"] == "green" and pd.isna(kw["suggested"])


def test_every_kind_of_kpi_a_day_too_early_on_the_first_day_and_at_the_deadline(tmp_path, monkeypatch):
    early = _scoreboard(tmp_path / "early", monkeypatch, dt.date(2027, 1, 14))  # 13 days in
    assert set(early.loc[["KP", "KM", "KV", "KR", "KW"], "status"]) == {"early"}
    assert early.loc[["KP", "KM", "KV", "KR", "KW"], "suggested"].isna().all()
    first = _scoreboard(tmp_path / "first", monkeypatch, dt.date(2027, 1, 1))  # nothing planned yet: no pace
    assert first.loc[["KP", "KM", "KV", "KR"], "pace"].isna().all()
    end = _scoreboard(tmp_path / "end", monkeypatch, SCOREBOARD_DEADLINE)  # on the deadline: met or missed
    assert list(end.loc[["KP", "KM", "KV", "KR", "KW"], "status"]) == ["green", "green", "red", "red", "red"]
    assert end.loc[["KP", "KM", "KV", "KR", "KW"], "suggested"].isna().all()  # too late to re-target
    # what was reached is the forecast: nothing more can happen
    assert (end.at["KR", "forecast"], end.at["KR", "low"], end.at["KR", "high"]) == (4.0, 4.0, 4.0)


def test_the_ranking_at_its_edges():
    # one share in all is something: ranked by shares
    assert midterm.ranking(pd.DataFrame({"share": [1, 0]}, index=["a", "b"]))[1] == ["share"]
    nothing, results = midterm.ranking(pd.DataFrame({"share": [0, 0], "click": [0, None]}, index=["a", "b"]))
    assert (len(nothing), results) == (0, [])
    # an unknown click is no click: y ties with x and keeps its place in the table
    frame = pd.DataFrame({"share": [1, 1, 1], "click": [None, 0, 5]}, index=["y", "x", "z"])
    ranked, _ = midterm.ranking(frame)
    assert list(ranked.index) == ["z", "y", "x"]
    assert ranked["click"].to_dict() == {"z": 5.0, "y": 0.0, "x": 0.0}
    # only the first two results rank: visits do not break a tie on shares and clicks
    ties = pd.DataFrame({"share": [2, 2], "click": [3, 3], "visit": [1, 9]}, index=["p", "q"])
    assert list(midterm.ranking(ties)[0].index) == ["p", "q"]


def test_names_from_the_hr_file_only_when_allowed():
    from helpers import campaign

    people = pd.DataFrame({"name": ["Ann de Wit", "Bo Jansen"]}, index=["E1", "E2"])
    c = campaign()
    # E9 is not in the HR file: its id, not someone else's name
    assert midterm._names(c, ["E2", "E1", "E9"], True, people) == {"E2": "Bo Jansen", "E1": "Ann de Wit", "E9": "E9"}
    pseudonyms = {"E1": "Ambassador 1", "E2": "Ambassador 2"}
    assert midterm._names(c, ["E2", "E1"], False, people) == pseudonyms  # not allowed
    assert midterm._names(c, ["E2", "E1"], True, None) == pseudonyms  # no HR file
    assert midterm._names(c, ["E2", "E1"], True, people.rename(columns={"name": "x"})) == pseudonyms  # no names


@pytest.mark.parametrize(
    ("value", "whole", "expected"),
    [(4.25, None, 4.0), (10.4, False, 10.0), (9.96, False, 10.0), (100.6, True, 100.0), (99.6, True, 100.0)],
)
def test_nice_targets_at_the_boundaries(value, whole, expected):
    # a whole number unless said otherwise; one decimal only under 10; two significant digits from 100
    assert (midterm.nice(value) if whole is None else midterm.nice(value, whole)) == expected


def test_the_forecast_of_a_total_at_its_edges():
    week = dt.timedelta(days=7)
    empty = pd.Series(dtype=float)
    assert midterm.forecast_total(empty, START + week, DEADLINE, START) == Forecast(0.0, 0.0, 0.0)
    # one week in, 3 so far; a week to go on 22 January... (deadline 31 January: 9 days = 9/7 weeks)
    one = pd.Series([3.0], index=[START + week])
    r, n = 23 / 7, 1.0  # 23 days to the deadline from 8 January
    sd = math.sqrt(3) * math.sqrt(r + r**2 / n)  # one week's increment: no spread, √3 counting noise
    assert midterm.forecast_total(one, START + week, DEADLINE, START) == Forecast(
        pytest.approx(3 + 3 * r),
        pytest.approx(max(3.0, 3 + 3 * r - midterm.Z90 * sd)),
        pytest.approx(3 + 3 * r + midterm.Z90 * sd),
    )
    # exactly one week to go: still a forecast, not what it is now
    seen = pd.Series([2.0, 4.0, 6.0], index=[START + week, START + 2 * week, START + 3 * week])
    deadline = START + 4 * week
    assert midterm.forecast_total(seen, START + 3 * week, deadline, START).value == 8.0  # 6 + 2 × 1


def test_a_level_of_two_weeks_has_their_spread():
    # 10 and 14: sample spread √8 = 2.83, not the counting noise √14 = 3.74
    outlook = midterm.forecast_level(pd.Series([10.0, 14.0]), START, DEADLINE)
    assert outlook.high == pytest.approx(14 + midterm.Z90 * math.sqrt(8))


def test_week_points_two_weeks_in_and_a_one_day_campaign():
    assert midterm.week_points(START, START + dt.timedelta(days=14)) == [dt.date(2027, 1, 8), dt.date(2027, 1, 15)]
    one_day = dt.date(2027, 1, 2)
    assert midterm.planned_fraction(START, one_day, START) == 0.0  # nothing planned on the first day
    assert midterm.planned_fraction(START, one_day, one_day) == 1.0


@pytest.fixture
def two_weeks(tmp_path, monkeypatch):
    """A store holding TWO_WEEKS (learning events of E1-E4 via A1, A2 and A9), open for queries."""
    from test_activity import LEARNING_HEADER, write_campaign

    from campaign_kit.core.validation import load_campaign
    from campaign_kit.data import activity

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(tmp_path / "parameters" / "c", [{"kind": "learning", "files": "lms.csv"}])
    (folder / "lms.csv").write_text(LEARNING_HEADER + TWO_WEEKS, encoding="utf-8")
    with activity.open_store(tmp_path / "activity.duckdb") as con:
        activity.sync(load_campaign(folder), con)
        yield con


def test_measure_levels_at_their_edges(two_weeks):
    from campaign_kit.core.model import Measure

    levels = midterm.measure_levels
    completions = Measure(result="completion")
    # before the start: nothing; on the start day: the start day's events (none on 1 January)
    before = levels(two_weeks, completions, START, dt.date(2026, 12, 31), None)
    assert before.empty and before.dtype == float
    assert levels(two_weeks, completions, START, START, None).to_dict() == {START: 0.0}
    # on 4 January, E1's completion that day counts, E2's the day after not yet
    assert levels(two_weeks, completions, START, dt.date(2027, 1, 4), None).to_dict() == {dt.date(2027, 1, 4): 1.0}
    # week ends 8 and 15 January: 2, then 4 completions; the index is the dates
    assert levels(two_weeks, completions, START, dt.date(2027, 1, 15), None).to_dict() == {
        dt.date(2027, 1, 8): 2.0,
        dt.date(2027, 1, 15): 4.0,
    }
    # brought by an ambassador of the team (A1, A2): A9's and E4's own are not counted; with no team
    # named, every ambassador's
    via = Measure(result="completion", via_ambassadors=True)
    assert list(levels(two_weeks, via, START, dt.date(2027, 1, 15), ["A1", "A2"])) == [1.0, 2.0]
    assert list(levels(two_weeks, via, START, dt.date(2027, 1, 15), None)) == [2.0, 3.0]
    # nothing of that result at all: zeros at every point
    assert list(levels(two_weeks, Measure(result="hire"), START, dt.date(2027, 1, 15), None)) == [0.0, 0.0]
    # a 7-day level at the week ends, indexed by date
    window = levels(two_weeks, Measure(result="completion", window_days=7), START, dt.date(2027, 1, 15), None)
    assert window.to_dict() == {dt.date(2027, 1, 8): 2.0, dt.date(2027, 1, 15): 2.0}


def test_the_previous_mid_term_is_the_latest_earlier_one_next_to_the_snapshot_being_written(tmp_path, monkeypatch):
    """Snapshots written with --outputs elsewhere; failed and unreadable ones in between."""
    import json

    from test_activity import write_campaign

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path / "project"))  # its outputs/ has nothing
    outputs = tmp_path / "elsewhere" / "c"

    def snapshot(name: str, as_of: str | None = None, text: str | None = None, status: str = "ok") -> None:
        (outputs / name).mkdir(parents=True)
        if as_of or text:
            (outputs / name / "midterm.json").write_text(text or json.dumps({"as_of": as_of}), encoding="utf-8")
            finished(outputs / name, status)

    snapshot("2027-01-05")  # failed before its mid-term
    snapshot("2027-01-10", "2027-01-10")
    snapshot("2027-01-12", text="{not json")
    snapshot("2027-02-14", "2027-02-14", status="running")  # killed after writing its figures
    snapshot("2027-02-14-2", "2027-02-14", status="failed")  # its mid-term notebook failed
    current = outputs / "2027-02-15"  # the run being written: its parameters copied beside the manifest
    folder = write_campaign(current / "parameters" / "c", [{"kind": "sharing", "files": "s.csv"}])
    (current / "manifest.json").write_text("{}", encoding="utf-8")
    (current / "midterm.json").write_text(json.dumps({"as_of": "2027-02-15"}), encoding="utf-8")
    snapshot("2027-02-16", "2027-02-01")  # a later re-run for an earlier date
    snapshot("2027-02-17", "2027-03-01")  # a date after this one
    campaign = load_campaign(folder)
    assert midterm.previous_summary(campaign, dt.date(2027, 2, 15)) == {"as_of": "2027-02-01", "snapshot": "2027-02-16"}
    assert midterm.previous_summary(campaign, dt.date(2027, 1, 31)) == {"as_of": "2027-01-10", "snapshot": "2027-01-10"}
    assert midterm.previous_summary(campaign, dt.date(2027, 1, 9)) is None


def test_the_mid_term_analysis_at_its_edges(tmp_path, monkeypatch):
    """A team member without activity, a result missing in a month or for a post, the first day of the
    month and the first day of the 30 active days, and the previous snapshot's summary."""
    import json

    from test_activity import write_campaign

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    folder = write_campaign(
        tmp_path / "parameters" / "c", [{"kind": "sharing", "files": "s.csv"}], ambassadors=["A1", "A2", "A3"]
    )
    # as of 1 March: 30 active days are 31 January – 1 March; A2's share on 30 January is one day too early
    rows = "2027-01-30,A2,P1,0\n2027-01-31,A1,P1,5\n2027-02-10,A1,P1,0\n2027-03-01,A1,P2,0\n2027-03-01,A1,P3,2\n"
    (folder / "s.csv").write_text("date,ambassador,post,clicks\n" + rows, encoding="utf-8")
    earlier = tmp_path / "outputs" / "c" / "2027-02-01"
    earlier.mkdir(parents=True)
    (earlier / "midterm.json").write_text(json.dumps({"as_of": "2027-02-01", "active": 1}), encoding="utf-8")
    finished(earlier)
    a = midterm.analyse(load_campaign(folder), dt.date(2027, 3, 1))
    # A3 did nothing: a row of zeros, not left out or empty
    assert a.per_ambassador.to_dict("index") == {
        "A1": {"click": 7, "share": 4, "active": True},
        "A2": {"click": 0, "share": 1, "active": False},
        "A3": {"click": 0, "share": 0, "active": False},
    }
    assert a.active == 1
    # P2 and P3 were shared on 1 March, the first day of the month: this month's posts; P2 without clicks
    assert a.month_posts.to_dict("index") == {"P2": {"click": 0, "share": 1}, "P3": {"click": 2, "share": 1}}
    assert a.posts.to_dict("index") == {
        "P1": {"click": 5, "share": 3},
        "P2": {"click": 0, "share": 1},
        "P3": {"click": 2, "share": 1},
    }
    assert a.monthly.to_dict("index") == {
        "2027-01": {"click": 5, "share": 2},
        "2027-02": {"click": 0, "share": 1},  # a month without clicks: 0
        "2027-03": {"click": 2, "share": 2},
    }
    assert a.imports.files[0]["rows"] == 5 and a.imports.files[0]["file"] == "s.csv"
    assert a.previous == {"as_of": "2027-02-01", "active": 1, "snapshot": "2027-02-01"}
    # nobody named the team: whoever shared is in it, so no one is outside it
    bare = write_campaign(tmp_path / "parameters" / "d", [{"kind": "sharing", "files": "s.csv"}])
    (bare / "s.csv").write_text("date,ambassador,post,clicks\n" + rows, encoding="utf-8")
    unnamed = midterm.analyse(load_campaign(bare), dt.date(2027, 3, 1))
    assert unnamed.unknown.empty and list(unnamed.unknown.columns) == ["kind", "ambassador", "events", "first", "last"]


def test_the_summary_counts_what_the_ledger_paid(tmp_path, monkeypatch):
    from conftest import PARAMETERS

    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    analysis = midterm.analyse(load_campaign(PARAMETERS / "leerprogramma"), dt.date(2026, 11, 26))
    earned = midterm.summary(analysis)["earned"]
    assert earned == float(analysis.ledger.totals["incentives"].sum()) and earned > 0
