"""Phase 1 by value: every column of every frame the goals report reads, for one small plan computed by
hand. Comparing whole records (not a column or two) means a renamed key, a dropped column or an
off-by-one boundary shows up here, not in a manager's report."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from helpers import action, campaign, kpi

from campaign_kit.phases.goals.analysis import (
    action_frame,
    analyse_goals,
    capacity_by_month,
    cascade_frame,
    cascade_gaps,
    hours_by_action_month,
    month_range,
    obstacle_frame,
    readiness_frame,
    readiness_summary,
    smart_checks,
)

JAN, FEB, MAR = (2027, 1), (2027, 2), (2027, 3)


def plan():
    """1 Jan – 30 Jun 2027, 5 ambassadors with 10 hours a month, 30 colleagues."""
    return campaign(
        kpis=[
            kpi("K1", target=25, unit="completions", counts_people=True),  # 25 in total: 5 each, 25/30
            kpi("K1a", target=4, unit="completions", scope="per_ambassador", parent="K1", counts_people=True),
            kpi("K2", target=3, baseline=3, unit="posts"),  # no better than today
            kpi("K3", target=1, baseline=0, unit="events", deadline=dt.date(2027, 1, 1)),  # the first day
            kpi("K4", target=2, unit="events", deadline=dt.date(2027, 6, 30)),  # the last day
        ],
        actions=[
            # 20 hours over 20 days, 20 Jan – 8 Feb: 12 days in January, 8 in February
            action("A1", "K1", dt.date(2027, 2, 8), 20, start=dt.date(2027, 1, 20)),
            action("A2", "K2", dt.date(2027, 1, 31), 3, status="doing"),  # no start: all in January
            action("A3", "K1", dt.date(2027, 1, 10), 50, status="cancelled"),  # needs nothing
            action("A4", "K4", dt.date(2027, 3, 15), 0),  # no hours
        ],
    )


def records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_the_cascade_of_every_kpi():
    assert records(cascade_frame(plan())) == [
        {"id": "K1", "name": "KPI K1", "parent": None, "unit": "completions", "scope": "total", "target": 25,
         "total": 25, "per_ambassador": 5.0, "share": pytest.approx(25 / 30)},
        {"id": "K1a", "name": "KPI K1a", "parent": "K1", "unit": "completions", "scope": "per_ambassador",
         "target": 4, "total": 20, "per_ambassador": 4, "share": pytest.approx(20 / 30)},
        {"id": "K2", "name": "KPI K2", "parent": None, "unit": "posts", "scope": "total", "target": 3,
         "total": 3, "per_ambassador": 0.6, "share": None},
        {"id": "K3", "name": "KPI K3", "parent": None, "unit": "events", "scope": "total", "target": 1,
         "total": 1, "per_ambassador": 0.2, "share": None},
        {"id": "K4", "name": "KPI K4", "parent": None, "unit": "events", "scope": "total", "target": 2,
         "total": 2, "per_ambassador": 0.4, "share": None},
    ]  # fmt: skip
    # K1's child brings 5 × 4 = 20 of the 25 it needs: short by 5
    assert records(cascade_gaps(plan())) == [
        {"id": "K1", "total": 25.0, "children": 20.0, "children_ids": ["K1a"], "gap": -5.0}
    ]


def test_the_smart_verdicts_name_each_failure_with_its_figures():
    verdicts = {v.kpi: v.failures for v in smart_checks(plan())}
    # January needs 12 + 3 = 15 hours of the 10 the team has: the KPIs with actions then are at risk
    assert verdicts == {
        "K1": [("cascade", {"children": 20.0, "total": 25.0}), ("capacity", {"months": [JAN]})],
        "K1a": [("cascade_child", {"parent": "K1", "children": 20.0, "total": 25.0})],
        "K2": [("baseline_reached", {"target": 3, "baseline": 3}), ("capacity", {"months": [JAN]})],
        "K3": [],  # a target of 1 improves on 0; a deadline on the first day is inside the campaign
        "K4": [],  # and one on the last day too
    }
    assert [v.passed for v in smart_checks(plan())] == [False, False, False, True, True]
    # the precomputed parts give the same verdicts as computing them afresh
    goals = analyse_goals(plan())
    assert [(v.kpi, v.failures) for v in goals.verdicts] == [(k, f) for k, f in verdicts.items()]


def test_a_deadline_a_day_outside_the_campaign_fails_with_its_dates():
    c = campaign(kpis=[kpi("E", deadline=dt.date(2026, 12, 31)), kpi("L", deadline=dt.date(2027, 7, 1))])
    dates = {"start": dt.date(2027, 1, 1), "end": dt.date(2027, 6, 30)}
    assert {v.kpi: v.failures for v in smart_checks(c)} == {
        "E": [("deadline_outside", {"deadline": dt.date(2026, 12, 31), **dates})],
        "L": [("deadline_outside", {"deadline": dt.date(2027, 7, 1), **dates})],
    }


def test_hours_per_action_and_month():
    assert records(hours_by_action_month(plan())) == [
        {"action": "A1", "kpi": "K1", "year": 2027, "month": 1, "hours": 12.0},  # 20 × 12/20
        {"action": "A1", "kpi": "K1", "year": 2027, "month": 2, "hours": 8.0},  # 20 × 8/20
        {"action": "A2", "kpi": "K2", "year": 2027, "month": 1, "hours": 3.0},
    ]


def test_capacity_per_month_and_what_is_at_risk():
    def month(ym, needed, over=False, past=False, kpis=()):
        return {"year": ym[0], "month": ym[1], "needed": needed, "available": 10.0, "balance": 10.0 - needed,
                "over": over, "past": past, "kpis_at_risk": list(kpis)}  # fmt: skip

    rest = [month((2027, m), 0.0) for m in (3, 4, 5, 6)]
    assert records(capacity_by_month(plan())) == [
        month(JAN, 15.0, over=True, kpis=["K1", "K2"]),
        month(FEB, 8.0),
        *rest,
    ]
    # seen from 1 February, January's crunch is history
    assert records(capacity_by_month(plan(), dt.date(2027, 2, 1))) == [
        month(JAN, 15.0, over=True, past=True), month(FEB, 8.0), *rest
    ]  # fmt: skip
    # on its last day January is not over yet
    assert capacity_by_month(plan(), dt.date(2027, 1, 31)).loc[0, "kpis_at_risk"] == ["K1", "K2"]


def test_exactly_the_hours_the_team_has_is_not_over():
    c = campaign(kpis=[kpi("K")], actions=[action("A", "K", dt.date(2027, 1, 31), 10)])
    first = capacity_by_month(c).iloc[0]
    assert (first["needed"], first["balance"], bool(first["over"])) == (10.0, 0.0, False)


def test_months_run_across_the_turn_of_the_year():
    assert month_range(dt.date(2026, 11, 30), dt.date(2027, 2, 1)) == [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]
    c = campaign(kpis=[kpi("K")], actions=[action("A", "K", dt.date(2027, 1, 2), 4, start=dt.date(2026, 12, 30))])
    assert records(hours_by_action_month(c)) == [
        {"action": "A", "kpi": "K", "year": 2026, "month": 12, "hours": 2.0},  # 30 and 31 December
        {"action": "A", "kpi": "K", "year": 2027, "month": 1, "hours": 2.0},  # 1 and 2 January
    ]
    capacity = capacity_by_month(c)
    # December is before the campaign but the plan covers its last two days: 10 × 2/31 = 0.65 hours
    assert list(zip(capacity["year"], capacity["month"], capacity["available"], strict=True))[:2] == [
        (2026, 12, 0.65), (2027, 1, 10.0)
    ]  # fmt: skip


def test_the_action_plan_in_due_order_with_what_is_overdue():
    frame = action_frame(plan(), dt.date(2027, 2, 1))
    assert [(r["id"], r["status"], r["overdue"]) for r in records(frame)] == [
        ("A3", "cancelled", False),  # past its date, but cancelled
        ("A2", "doing", True),  # open and due 31 January
        ("A1", "todo", False),
        ("A4", "todo", False),
    ]
    assert records(frame)[2] == {
        "id": "A1", "kpi": "K1", "description": "do A1", "owner": "", "start": dt.date(2027, 1, 20),
        "due": dt.date(2027, 2, 8), "hours": 20, "status": "todo", "overdue": False,
    }  # fmt: skip
    # due today is not overdue yet
    assert not action_frame(plan(), dt.date(2027, 1, 31)).set_index("id").at["A2", "overdue"]


def test_readiness_and_obstacles_by_value():
    c = campaign(
        readiness=[
            {"item": "core_values", "status": "ready", "evidence": "values booklet", "owner": "HR"},
            {"item": "content_strategy", "status": "partial"},
            {"item": "management_sponsor", "status": "missing"},
            {"item": "channel_activity", "status": "unknown"},
        ],
        obstacles=[
            {"kind": "time", "description": "busy", "countermeasures": ["2 hours a month"], "owner": "Lead"},
            {"kind": "fear", "description": "what may I say"},
        ],
    )
    summary = readiness_summary(c)
    assert (summary.total, summary.ready, summary.partial, summary.missing) == (4, 1, 1, 2)
    assert summary.missing_items == ("management_sponsor", "channel_activity")
    assert summary.not_assessed == ("intrinsic_motivation",)
    assert summary.verdict == "nogo"
    assert records(readiness_frame(c))[0] == {
        "item": "core_values", "status": "ready", "evidence": "values booklet", "owner": "HR"
    }  # fmt: skip
    assert records(obstacle_frame(c)) == [
        {"kind": "time", "description": "busy", "countermeasures": ["2 hours a month"], "owner": "Lead",
         "attention": []},
        {"kind": "fear", "description": "what may I say", "countermeasures": [], "owner": "",
         "attention": ["no_plan", "no_owner"]},
    ]  # fmt: skip


def test_an_empty_plan_still_has_every_column():
    c = campaign()
    assert list(readiness_frame(c).columns) == ["item", "status", "evidence", "owner"]
    assert list(obstacle_frame(c).columns) == ["kind", "description", "countermeasures", "owner", "attention"]
    assert list(action_frame(c, dt.date(2027, 1, 1)).columns) == [
        "id", "kpi", "description", "owner", "start", "due", "hours", "status", "overdue"
    ]  # fmt: skip
    assert list(cascade_frame(c).columns) == [
        "id", "name", "parent", "unit", "scope", "target", "total", "per_ambassador", "share"
    ]  # fmt: skip
    assert list(capacity_by_month(campaign(end=dt.date(2026, 12, 31))).columns) == [
        "year", "month", "needed", "available", "balance", "over", "past", "kpis_at_risk"
    ]  # fmt: skip


def test_kpis_at_risk_in_the_campaigns_kpi_order_and_hours_to_the_cent():
    c = campaign(
        kpis=[kpi("Z"), kpi("A")],  # Z is listed first
        actions=[
            action("X", "Z", dt.date(2027, 1, 5), 0, status="cancelled"),  # first in the list: skipped, not the end
            action("B", "A", dt.date(2027, 1, 31), 9),
            action("C", "Z", dt.date(2027, 2, 2), 1, start=dt.date(2027, 1, 31)),  # 1 hour over 3 days
        ],
    )
    first = capacity_by_month(c).iloc[0]
    # January: 9 + 1/3 = 9.33 hours of 10; February 0.67
    assert (first["needed"], first["balance"]) == (9.33, 0.67)
    assert list(hours_by_action_month(c)["action"]) == ["B", "C", "C"]
    busy = campaign(
        kpis=[kpi("Z"), kpi("A")],
        actions=[action("B", "A", dt.date(2027, 1, 31), 9), action("C", "Z", dt.date(2027, 1, 31), 2)],
    )
    assert capacity_by_month(busy).iloc[0]["kpis_at_risk"] == ["Z", "A"]


def test_a_parent_without_a_target_has_no_gap_and_a_target_of_one_must_beat_a_baseline_of_one():
    c = campaign(kpis=[kpi("P", target=None), kpi("C", target=2, parent="P", scope="per_ambassador")])
    assert cascade_gaps(c).empty
    same = campaign(kpis=[kpi("K", target=1, baseline=1)])
    assert ("baseline_reached", {"target": 1, "baseline": 1}) in smart_checks(same)[0].failures
