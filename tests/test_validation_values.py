"""The cross-checks of campaign.yaml by value: each finding as (key path, label, values), at the
boundary where it starts to apply. The campaign runs 1 January – 30 June 2027."""

from __future__ import annotations

import datetime as dt

from helpers import campaign_data, kpi

from campaign_kit.core.errors import Label
from campaign_kit.core.validation import cross_checks

START, END = dt.date(2027, 1, 1), dt.date(2027, 6, 30)


def checks(**overrides) -> list[tuple]:
    return cross_checks(campaign_data(**overrides))


def test_the_campaign_period():
    assert checks() == []
    assert checks(end=START) == [(("end",), "error.end_before_start", {"end": START, "start": START})]
    before = dt.date(2026, 12, 31)
    # with no valid period, dates are not checked against it
    assert checks(end=before, kpis=[kpi("K", deadline=dt.date(2030, 1, 1))]) == [
        (("end",), "error.end_before_start", {"end": before, "start": START})
    ]


def test_dates_inside_the_campaign_at_both_ends():
    kpis = [
        kpi("A", deadline=START),  # the first day: inside
        kpi("B", deadline=END),  # the last day: inside
        kpi("C", deadline=dt.date(2027, 7, 1)),
        kpi("D", deadline=dt.date(2026, 12, 31)),
    ]
    checkpoints = [{"kind": "midterm", "date": dt.date(2026, 12, 31)}, {"kind": "final", "date": END}]
    assert checks(kpis=kpis, checkpoints=checkpoints) == [
        (("kpis", 2, "deadline"), "error.after_end.deadline", {"day": dt.date(2027, 7, 1), "end": END}),
        (("kpis", 3, "deadline"), "error.before_start.deadline", {"day": dt.date(2026, 12, 31), "start": START}),
        (("checkpoints", 0, "date"), "error.before_start.date", {"day": dt.date(2026, 12, 31), "start": START}),
    ]


def test_kpi_ids_and_parents():
    kpis = [
        kpi("K1"),
        kpi("K1"),  # twice
        kpi("K1"),  # three times: still refers to the first
        kpi("K2", parent="X"),  # unknown
        kpi("K3", parent="K3"),  # itself
        kpi("A", parent="B"),
        kpi("B", parent="A"),  # a loop
    ]
    known = "K1, K2, K3, A, B"
    assert checks(kpis=kpis) == [
        (("kpis", 1, "id"), "error.duplicate_id", {"id": "'K1'", "other": "kpis[0]"}),
        (("kpis", 2, "id"), "error.duplicate_id", {"id": "'K1'", "other": "kpis[0]"}),
        (("kpis", 3, "parent"), "error.unknown_kpi", {"kpi": "'X'", "known": known}),
        (("kpis", 4, "parent"), "error.own_parent", {}),
        (("kpis", 5, "parent"), "error.parent_loop", {"chain": "A -> B -> A"}),
        (("kpis", 6, "parent"), "error.parent_loop", {"chain": "B -> A -> B"}),
    ]
    # a chain that ends is no loop
    assert checks(kpis=[kpi("A", parent="B"), kpi("B", parent="C"), kpi("C")]) == []


def test_actions():
    actions = [
        {"id": "A1", "kpi": "K1", "description": "x", "due": dt.date(2026, 12, 1), "hours": 1},  # preparation
        {"id": "A1", "kpi": "K9", "description": "x", "due": dt.date(2027, 7, 1), "hours": 1},
        {
            "id": "A3",
            "kpi": "K1",
            "description": "x",
            "start": dt.date(2027, 2, 2),
            "due": dt.date(2027, 2, 1),
            "hours": 1,
        },
        {
            "id": "A4",
            "kpi": "K1",
            "description": "x",
            "start": dt.date(2027, 2, 1),
            "due": dt.date(2027, 2, 1),
            "hours": 1,
        },
    ]
    assert checks(kpis=[kpi("K1")], actions=actions) == [
        (("actions", 1, "id"), "error.duplicate_id", {"id": "'A1'", "other": "actions[0]"}),
        (("actions", 1, "kpi"), "error.unknown_kpi", {"kpi": "'K9'", "known": "K1"}),
        (("actions", 1, "due"), "error.after_end.due", {"day": dt.date(2027, 7, 1), "end": END}),
        (("actions", 2, "start"), "error.start_after_due", {"start": dt.date(2027, 2, 2), "due": dt.date(2027, 2, 1)}),
    ]
    # no KPIs at all: the message says none are defined
    found = checks(actions=actions[1:2])
    assert found[0] == (("actions", 0, "kpi"), "error.unknown_kpi", {"kpi": "'K9'", "known": "value.none_defined"})
    assert isinstance(found[0][2]["known"], Label)


def test_what_a_kpi_counts_must_exist_for_its_result():
    kpis = [
        kpi("P", measure={"result": "share", "count": "people"}),  # shares have no people
        kpi("Q", measure={"result": "login", "count": "posts"}),  # log-ins have no posts
        kpi("R", measure={"result": "completion", "count": "people"}),
        kpi("S", measure={"result": "click", "count": "posts"}),
    ]
    assert checks(kpis=kpis) == [
        (("kpis", 0, "measure", "count"), "error.count_people", {"result": "share"}),
        (("kpis", 1, "measure", "count"), "error.count_posts", {"result": "login"}),
    ]


def test_meetings_and_the_team_as_the_exports_name_it():
    activity = {
        "sources": [],
        "meetings": [{"date": END}, {"date": dt.date(2027, 7, 1)}, {"date": dt.date(2026, 12, 31)}],
        "ambassadors": ["A1", "A2", "A1", 7],
    }
    assert checks(activity=activity) == [
        (
            ("activity", "meetings", 1, "date"),
            "error.outside_campaign",
            {"day": dt.date(2027, 7, 1), "start": START, "end": END},
        ),
        (
            ("activity", "meetings", 2, "date"),
            "error.outside_campaign",
            {"day": dt.date(2026, 12, 31), "start": START, "end": END},
        ),
        (("activity", "ambassadors", 2), "error.duplicate_ambassador", {"id": "'A1'"}),
    ]


REWARDS = {"currency": "EUR", "budget": 1000, "hours_per_month": 2}


def test_reward_rules_prizes_and_costs():
    rewards = REWARDS | {
        "rules": [
            {"result": "login", "amount": 5, "cap_per_ambassador": 5, "cap_per_period": 4.99, "currency": "USD"},
            {"result": "hire", "amount": 100},
        ],
        "prizes": [
            {"place": 1, "description": "a", "value": 1},
            {"place": 1, "description": "b", "value": 1},
            {"place": 5, "description": "c", "value": 1},  # the fifth of five: fine
            {"place": 6, "description": "d", "value": 1, "currency": "EUR"},
        ],
        "fixed_costs": [
            {"item": "ok", "amount": 1},
            {"item": "ok too", "hours": 2, "rate": 3},
            {"item": "both", "amount": 1, "hours": 2, "rate": 3},
            {"item": "neither"},
            {"item": "no rate", "hours": 2},
        ],
        "performance": {"login": {"pessimistic": 3, "expected": 2, "optimistic": 4}},
    }
    assert checks(rewards=rewards) == [
        (("rewards", "rules", 0, "currency"), "error.currency_differs", {"other": "USD", "currency": "EUR"}),
        (("rewards", "rules", 0, "cap_per_period"), "error.cap_below_reward", {"limit": 4.99, "amount": 5}),
        (("rewards", "prizes", 1, "place"), "error.place_twice", {"place": 1.0}),
        (("rewards", "prizes", 3, "place"), "error.place_over_team", {"place": 6.0, "team": 5.0}),
        (
            ("rewards", "rules", 1, "result"),
            "error.no_performance",
            {"result": "'hire'", "key": "rewards.performance.hire"},
        ),
        (("rewards", "performance", "login"), "error.performance_order", {"low": 3.0, "mid": 2.0, "high": 4.0}),
        (("rewards", "fixed_costs", 2), "error.fixed_cost_shape", {}),
        (("rewards", "fixed_costs", 3), "error.fixed_cost_shape", {}),
        (("rewards", "fixed_costs", 4), "error.fixed_cost_shape", {}),
    ]
    # a range in order, with equal ends, is fine
    fine = REWARDS | {
        "rules": [{"result": "login", "amount": 5}],
        "performance": {"login": {"pessimistic": 2, "expected": 2, "optimistic": 2}},
    }
    assert checks(rewards=fine) == []


def test_prize_places_against_the_team_selection_will_pick():
    prizes = REWARDS | {
        "prizes": [{"place": 8, "description": "x", "value": 1}, {"place": 9, "description": "y", "value": 1}]
    }
    # 30 colleagues, one ambassador per 4: ceil(7.5) = 8 places, so place 9 cannot be filled
    selection = {"employees": "e.csv", "nominations": "n.csv", "team": {"ratio": 4}}
    assert checks(rewards=prizes, selection=selection) == [
        (("rewards", "prizes", 1, "place"), "error.place_over_team", {"place": 9.0, "team": 8.0})
    ]
    capped = {"employees": "e.csv", "nominations": "n.csv", "team": {"ratio": 4, "maximum": 7, "minimum": 2}}
    assert [f[2] for f in checks(rewards=prizes, selection=capped)] == [
        {"place": 8.0, "team": 7.0},
        {"place": 9.0, "team": 7.0},
    ]
    no_rules = {"employees": "e.csv", "nominations": "n.csv"}  # the minimum of 5
    assert [f[2]["team"] for f in checks(rewards=prizes, selection=no_rules)] == [5, 5]


def test_the_earned_media_method_needs_its_rates_and_nothing_predates_the_campaign():
    evaluation = {
        "earned_media": {"method": "points", "points": {}},
        "session_date": dt.date(2026, 12, 31),
        "testimonials": [{"ambassador": "A", "text": "t", "date": START, "consent": "none"}],
    }
    assert checks(evaluation=evaluation) == [
        (("evaluation", "earned_media", "cost_per_point"), "error.media_rate", {"method": "points"}),
        (("evaluation", "earned_media", "points"), "error.media_rate", {"method": "points"}),
        (("evaluation", "session_date"), "error.before_start", {"day": dt.date(2026, 12, 31), "start": START}),
    ]
    assert checks(evaluation={"earned_media": {}}) == [
        (("evaluation", "earned_media", "cost_per_click"), "error.media_rate", {"method": "cpc"})
    ]


def test_the_team_over_the_population():
    assert checks(team={"ambassadors": 30, "hours_per_month": 1}) == []  # all 30: possible
    assert checks(team={"ambassadors": 31, "hours_per_month": 1}) == [
        (("team", "ambassadors"), "error.team_over_population", {"ambassadors": 31, "size": 30})
    ]
