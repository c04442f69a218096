"""Capacity per month, action spreading and overdue flags on hand-computed cases."""

from __future__ import annotations

import datetime as dt

from helpers import action, campaign, kpi

from campaign_kit.phases.goals.analysis import action_frame, capacity_by_month, hours_by_action_month
from campaign_kit.phases.goals.report import capacity_text


def test_hours_spread_evenly_over_the_days_of_an_action():
    # 25 Jan to 3 Feb is 10 days: 7 in January, 3 in February
    c = campaign(
        kpis=[kpi("K")], actions=[action("a", "K", start=dt.date(2027, 1, 25), due=dt.date(2027, 2, 3), hours=10)]
    )
    spread = hours_by_action_month(c)
    assert list(zip(spread["month"], spread["hours"], strict=True)) == [(1, 7.0), (2, 3.0)]


def test_an_action_without_start_needs_its_hours_in_the_due_month():
    c = campaign(kpis=[kpi("K")], actions=[action("a", "K", due=dt.date(2027, 3, 31), hours=6)])
    capacity = capacity_by_month(c).set_index("month")
    assert capacity.at[3, "needed"] == 6
    assert capacity["needed"].sum() == 6


def test_cancelled_actions_need_no_hours():
    c = campaign(kpis=[kpi("K")], actions=[action("a", "K", due=dt.date(2027, 3, 31), hours=60, status="cancelled")])
    assert capacity_by_month(c)["needed"].sum() == 0


def test_months_cover_the_campaign_and_flag_overcommitment():
    c = campaign(
        kpis=[kpi("A"), kpi("B")],
        actions=[
            action("1", "B", due=dt.date(2027, 2, 10), hours=6),
            action("2", "A", due=dt.date(2027, 2, 20), hours=5),
            action("3", "A", due=dt.date(2027, 5, 1), hours=10),  # exactly the 10 available: not over
        ],
    )
    capacity = capacity_by_month(c)
    assert list(capacity["month"]) == [1, 2, 3, 4, 5, 6]
    feb = capacity.set_index("month").loc[2]
    assert feb["needed"] == 11 and feb["balance"] == -1 and bool(feb["over"])
    assert feb["kpis_at_risk"] == ["A", "B"]  # in KPI order
    assert not capacity.set_index("month").loc[5]["over"]
    assert capacity_text(c) == (
        "Over-committed in Feb 2027: A, B at risk. Move actions, add hours or lower the target."
    )


def test_preparation_before_the_start_adds_months():
    c = campaign(kpis=[kpi("K")], actions=[action("prep", "K", due=dt.date(2026, 12, 15), hours=3)])
    capacity = capacity_by_month(c)
    assert (capacity.iloc[0]["year"], capacity.iloc[0]["month"]) == (2026, 12)


def test_open_actions_past_their_due_date_are_overdue():
    c = campaign(
        kpis=[kpi("K")],
        actions=[
            action("late", "K", due=dt.date(2027, 2, 1), hours=1, status="doing"),
            action("done", "K", due=dt.date(2027, 2, 1), hours=1, status="done"),
            action("future", "K", due=dt.date(2027, 4, 1), hours=1),
        ],
    )
    frame = action_frame(c, dt.date(2027, 3, 1)).set_index("id")
    assert frame["overdue"].to_dict() == {"late": True, "done": False, "future": False}


def test_plan_that_fits_says_so():
    c = campaign(kpis=[kpi("K")], actions=[action("a", "K", due=dt.date(2027, 2, 1), hours=2)])
    assert capacity_text(c) == "The plan fits the 10 hours a month the team has."


def test_partial_months_have_pro_rata_hours_and_year_rollover():
    # 16 Dec 2026 to 15 Jan 2027: half of December, half of January
    c = campaign(
        start=dt.date(2026, 12, 16),
        end=dt.date(2027, 1, 15),
        kpis=[kpi("K", deadline=dt.date(2027, 1, 10))],
        actions=[action("a", "K", start=dt.date(2026, 12, 16), due=dt.date(2027, 1, 15), hours=31)],
    )
    capacity = capacity_by_month(c)
    assert list(zip(capacity["year"], capacity["month"], strict=True)) == [(2026, 12), (2027, 1)]
    assert list(capacity["available"]) == [round(10 * 16 / 31, 2), round(10 * 15 / 31, 2)]
    assert list(capacity["needed"]) == [16.0, 15.0]
    assert capacity["over"].all()


def test_leap_february_counts_29_days():
    c = campaign(
        start=dt.date(2028, 2, 1),
        end=dt.date(2028, 3, 31),
        kpis=[kpi("K", deadline=dt.date(2028, 3, 1))],
        actions=[action("a", "K", start=dt.date(2028, 2, 1), due=dt.date(2028, 3, 1), hours=30)],
    )
    spread = hours_by_action_month(c)
    assert list(spread["hours"]) == [29.0, 1.0]


def test_a_crunch_that_is_over_is_history_not_a_risk():
    from campaign_kit.phases.goals.analysis import analyse_goals
    from campaign_kit.phases.goals.report import capacity_text

    c = campaign(
        kpis=[kpi("A")],
        actions=[
            action("1", "A", due=dt.date(2027, 2, 10), hours=15),
            action("2", "A", due=dt.date(2027, 5, 9), hours=12),
        ],
    )
    before = analyse_goals(c, dt.date(2027, 1, 15))
    assert before.capacity.set_index("month").loc[2, "kpis_at_risk"] == ["A"]
    later = analyse_goals(c, dt.date(2027, 3, 15))
    capacity = later.capacity.set_index("month")
    assert bool(capacity.loc[2, "past"]) and capacity.loc[2, "kpis_at_risk"] == []
    assert capacity.loc[5, "kpis_at_risk"] == ["A"]  # May is still ahead
    assert "Over-committed earlier, in Feb 2027; that month is over." in capacity_text(c, later)
    assert [code for code, _ in later.verdicts[0].failures] == ["capacity"]
    assert later.verdicts[0].failures[0][1] == {"months": [(2027, 5)]}
