"""The cross-checks of campaign.yaml at every edge: each rule just allowed and just refused, inputs of the
wrong type left to pydantic, several problems reported together in order, and the raw-data readers
(`_day`, `_text`, `_number`, `_items`) on their own. Every finding is compared whole: (key path, label,
values). The campaign runs 1 January – 30 June 2027 and has 30 people and 5 planned ambassadors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import action, campaign_data, kpi

from campaign_kit.core.validation import _day, _items, _number, _team_size, _text, cross_checks

START, END = dt.date(2027, 1, 1), dt.date(2027, 6, 30)
DAY_BEFORE, DAY_AFTER = dt.date(2026, 12, 31), dt.date(2027, 7, 1)
REWARDS = {"currency": "EUR", "budget": 1000, "hours_per_month": 2}
SELECTION = {"employees": "e.csv", "nominations": "n.csv"}


def checks(**overrides) -> list[tuple]:
    return cross_checks(campaign_data(**overrides))


def team_size(**overrides) -> float | None:
    return _team_size(campaign_data(**overrides))


# the raw-data readers ------------------------------------------------------------------------------


def test_day_reads_dates_datetimes_and_iso_text_and_nothing_else():
    assert _day(START) == START
    # a timestamp becomes its day, a plain date (a datetime would never equal a date)
    day = _day(dt.datetime(2027, 1, 2, 23, 59))
    assert day == dt.date(2027, 1, 2)
    assert type(day) is dt.date
    assert _day("2027-01-02") == dt.date(2027, 1, 2)  # ISO text, e.g. a quoted date
    assert _day("2027-02-30") is None  # no 30 February
    assert _day("soon") is None
    assert _day("") is None
    assert _day(None) is None
    assert _day(20270102) is None  # a number is no date


def test_text_is_a_non_empty_string_or_none():
    assert _text("K1") == "K1"
    assert _text(" ") == " "  # not empty: kept as written
    assert _text("") is None
    assert _text(None) is None
    assert _text(5) is None
    assert _text(["K1"]) is None


def test_number_is_an_int_or_float_but_not_a_bool():
    assert _number(3) == 3
    assert _number(0) == 0
    assert _number(2.5) == 2.5
    assert _number(True) is None  # YAML's `yes` is no count
    assert _number(False) is None
    assert _number("3") is None
    assert _number(None) is None


def test_items_keeps_the_mappings_with_their_positions():
    first, fourth = {"id": "a"}, {"id": "b"}
    # positions are those in the file: the text and None in between are skipped, not renumbered
    assert _items({"kpis": [first, "x", None, fourth]}, "kpis") == [(0, first), (3, fourth)]
    assert _items({"kpis": []}, "kpis") == []
    assert _items({}, "kpis") == []  # missing
    assert _items({"kpis": None}, "kpis") == []
    assert _items({"kpis": {"id": "a"}}, "kpis") == []  # a mapping where a list belongs
    assert _items({"kpis": "K1"}, "kpis") == []
    assert _items({"kpis": [first], "actions": [fourth]}, "actions") == [(0, fourth)]  # only the key asked for


# the campaign period -------------------------------------------------------------------------------


def test_a_period_of_one_day_more_than_nothing_is_valid_and_dates_are_checked_against_it():
    second = dt.date(2027, 1, 2)
    # end one day after start: allowed (end == start is refused, see test_validation_values)
    assert checks(end=second) == []
    assert checks(end=second, kpis=[kpi("K", deadline=dt.date(2027, 1, 3))]) == [
        (("kpis", 0, "deadline"), "error.after_end.deadline", {"day": dt.date(2027, 1, 3), "end": second})
    ]


def test_an_empty_period_checks_no_date_against_it():
    # end == start: refused, and then nothing can be inside or outside it
    assert checks(
        end=START,
        kpis=[kpi("K", deadline=DAY_AFTER)],
        actions=[action("A", "K", due=DAY_AFTER, hours=1)],
        checkpoints=[{"kind": "final", "date": DAY_BEFORE}],
        activity={"meetings": [{"date": DAY_AFTER}]},
        evaluation={"session_date": DAY_BEFORE},
    ) == [(("end",), "error.end_before_start", {"end": START, "start": START})]


def test_a_missing_or_unreadable_start_or_end_checks_nothing():
    dated = {
        "kpis": [kpi("K", deadline=DAY_AFTER)],
        "actions": [action("A", "K", due=DAY_BEFORE, hours=1)],
        "checkpoints": [{"kind": "final", "date": DAY_BEFORE}],
        "activity": {"meetings": [{"date": DAY_AFTER}]},
        "evaluation": {"session_date": DAY_BEFORE},
    }
    # pydantic reports the date itself; the cross-checks have no period to compare with
    assert checks(start=None, **dated) == []
    assert checks(end=None, **dated) == []
    assert checks(start=None, end=None, **dated) == []
    assert checks(start="2027-13-01", **dated) == []
    assert checks(end=31, **dated) == []


def test_dates_written_as_text_or_with_a_time_are_read_as_days():
    found = checks(
        start="2027-01-01",
        end=dt.datetime(2027, 6, 30, 18, 0),
        kpis=[kpi("K", deadline="2027-07-01"), kpi("L", deadline=dt.datetime(2027, 6, 30, 23, 59))],
    )
    # the last day at 23:59 is still the last day; the day after is after it
    assert found == [(("kpis", 0, "deadline"), "error.after_end.deadline", {"day": DAY_AFTER, "end": END})]
    assert type(found[0][2]["end"]) is dt.date


def test_missing_or_unreadable_dates_inside_items_are_left_to_pydantic():
    assert (
        checks(
            kpis=[kpi("K", deadline=None), kpi("L", deadline="soon")],
            actions=[
                {"id": "A1", "kpi": "K", "description": "x", "hours": 1},  # no due date
                {"id": "A2", "kpi": "K", "description": "x", "start": dt.date(2027, 3, 1), "hours": 1},
                {"id": "A3", "kpi": "K", "description": "x", "due": dt.date(2027, 3, 1), "hours": 1},
            ],
            checkpoints=[{"kind": "final"}, {"kind": "midterm", "date": "2027-02-30"}],
            activity={"meetings": [{"attendees": 3}]},
            evaluation={"testimonials": [{"ambassador": "A", "text": "t"}]},
        )
        == []
    )


def test_checkpoints_at_both_ends():
    checkpoints = [
        {"kind": "midterm", "date": START},  # the first day: inside
        {"kind": "final", "date": DAY_AFTER},
        {"kind": "final", "date": END},  # the last day: inside, after a finding
    ]
    assert checks(checkpoints=checkpoints) == [
        (("checkpoints", 1, "date"), "error.after_end.date", {"day": DAY_AFTER, "end": END})
    ]


# KPIs and actions ----------------------------------------------------------------------------------


def test_a_kpi_is_checked_in_full_before_the_next():
    kpis = [kpi("K1"), kpi("K1", deadline=DAY_AFTER), kpi("K2", deadline=DAY_BEFORE)]
    assert checks(kpis=kpis) == [
        (("kpis", 1, "id"), "error.duplicate_id", {"id": "'K1'", "other": "kpis[0]"}),
        (("kpis", 1, "deadline"), "error.after_end.deadline", {"day": DAY_AFTER, "end": END}),
        (("kpis", 2, "deadline"), "error.before_start.deadline", {"day": DAY_BEFORE, "start": START}),
    ]


def test_kpis_without_an_id_are_no_duplicates_and_no_known_kpi():
    kpis = [kpi(None), kpi(""), kpi("K1"), kpi(None, parent="K1"), kpi("K2", parent="")]
    # two without an id, one with an empty id: pydantic's to report; a parent given as "" is no parent
    assert checks(kpis=kpis) == []
    # "known" lists only the KPIs with an id
    assert checks(kpis=[kpi(None), kpi("K1"), kpi("K2", parent=None), kpi("K3", parent="X")]) == [
        (("kpis", 3, "parent"), "error.unknown_kpi", {"kpi": "'X'", "known": "K1, K2, K3"})
    ]


def test_a_kpi_leading_into_a_loop_is_not_itself_reported():
    # A -> B -> C -> B: the loop is B, C; A only leads into it
    kpis = [kpi("A", parent="B"), kpi("B", parent="C"), kpi("C", parent="B")]
    assert checks(kpis=kpis) == [
        (("kpis", 1, "parent"), "error.parent_loop", {"chain": "B -> C -> B"}),
        (("kpis", 2, "parent"), "error.parent_loop", {"chain": "C -> B -> C"}),
    ]
    # a loop of three, each KPI reported with the loop read from itself
    kpis = [kpi("X", parent="Y"), kpi("Y", parent="Z"), kpi("Z", parent="X")]
    assert [f[2]["chain"] for f in checks(kpis=kpis)] == ["X -> Y -> Z -> X", "Y -> Z -> X -> Y", "Z -> X -> Y -> Z"]


def test_actions_without_a_kpi_reference_or_with_only_one_date():
    actions = [
        {"id": "A1", "description": "x", "due": dt.date(2027, 3, 1), "hours": 1},  # no KPI: pydantic's
        {"id": "A2", "kpi": "", "description": "x", "due": dt.date(2027, 3, 1), "hours": 1},
        action("A3", "K", due=dt.date(2027, 3, 1), hours=1),  # start None
        {"id": "A4", "kpi": "K", "description": "x", "start": DAY_AFTER, "hours": 1},  # start but no due date
        action("A5", "K", due=END, hours=1, start=DAY_BEFORE),  # start before the campaign, due on its last day
    ]
    assert checks(kpis=[kpi("K")], actions=actions) == []


def test_actions_are_checked_in_full_before_the_next():
    actions = [
        action("A1", "K", due=dt.date(2027, 3, 1), hours=1),
        action("A1", "K9", due=DAY_AFTER, hours=1, start=dt.date(2027, 7, 2)),
        {"id": "", "kpi": "K", "description": "x", "due": START, "hours": 1},  # no id: no duplicate either
        action("A2", "K", due=dt.date(2027, 3, 1), hours=1, start=dt.date(2027, 3, 2)),
    ]
    assert checks(kpis=[kpi("K")], actions=actions) == [
        (("actions", 1, "id"), "error.duplicate_id", {"id": "'A1'", "other": "actions[0]"}),
        (("actions", 1, "kpi"), "error.unknown_kpi", {"kpi": "'K9'", "known": "K"}),
        (("actions", 1, "due"), "error.after_end.due", {"day": DAY_AFTER, "end": END}),
        (("actions", 1, "start"), "error.start_after_due", {"start": dt.date(2027, 7, 2), "due": DAY_AFTER}),
        (("actions", 3, "start"), "error.start_after_due", {"start": dt.date(2027, 3, 2), "due": dt.date(2027, 3, 1)}),
    ]


def test_every_result_against_what_a_kpi_can_count_of_it():
    post_results = ["share", "click", "reaction", "visit"]  # the exports name no person for these
    people_results = ["login", "start", "completion", "applicant", "hire"]  # and no post for these
    kpis = [
        kpi("N"),  # no measure
        kpi("T", measure="people"),  # not a mapping: pydantic's
        *[kpi(f"P{i}", measure={"result": r, "count": "people"}) for i, r in enumerate(post_results)],
        *[kpi(f"Q{i}", measure={"result": r, "count": "posts"}) for i, r in enumerate(people_results)],
        # the other way round is fine, and so is any result counted as events or ambassadors
        *[kpi(f"R{i}", measure={"result": r, "count": "posts"}) for i, r in enumerate(post_results)],
        *[kpi(f"S{i}", measure={"result": r, "count": "people"}) for i, r in enumerate(people_results)],
        kpi("E", measure={"result": "share", "count": "events"}),
        kpi("F", measure={"result": "login", "count": "ambassadors"}),
        kpi("G", measure={"count": "people"}),  # no result: pydantic's
    ]
    assert checks(kpis=kpis) == [
        *[
            (("kpis", 2 + i, "measure", "count"), "error.count_people", {"result": r})
            for i, r in enumerate(post_results)
        ],
        *[
            (("kpis", 6 + i, "measure", "count"), "error.count_posts", {"result": r})
            for i, r in enumerate(people_results)
        ],
    ]


# activity: meetings, the team as the exports name it, status reports ---------------------------------


def test_meetings_on_the_first_and_last_day_are_inside():
    meetings = [{"date": START}, {"date": DAY_BEFORE}, {"date": END}, {"date": DAY_AFTER}]
    assert checks(activity={"meetings": meetings}) == [
        (
            ("activity", "meetings", 1, "date"),
            "error.outside_campaign",
            {"day": DAY_BEFORE, "start": START, "end": END},
        ),
        (("activity", "meetings", 3, "date"), "error.outside_campaign", {"day": DAY_AFTER, "start": START, "end": END}),
    ]


def test_activity_that_is_not_a_mapping_is_left_to_pydantic_and_later_checks_still_run():
    assert checks(activity=["A1", "A1"], evaluation={"session_date": DAY_BEFORE}) == [
        (("evaluation", "session_date"), "error.before_start", {"day": DAY_BEFORE, "start": START})
    ]


def test_ambassadors_named_twice_after_one_of_the_wrong_type():
    # 7 is pydantic's to report; the names after it are still compared, each repeat with the first
    assert checks(activity={"ambassadors": ["A1", 7, "A1", "A2", "A1"]}) == [
        (("activity", "ambassadors", 2), "error.duplicate_ambassador", {"id": "'A1'"}),
        (("activity", "ambassadors", 4), "error.duplicate_ambassador", {"id": "'A1'"}),
    ]
    # one text instead of a list: its letters are not names
    assert checks(activity={"ambassadors": "AA"}) == []
    assert checks(activity={"ambassadors": ["A1", "a1"]}) == []  # names differ in case: two people


def test_status_reports_date_only_the_events_their_kind_has():
    sources = [
        {"kind": "learning", "files": "l.csv", "dates": {"login": "L", "start": "S", "completion": "C"}},
        {"kind": "recruitment", "files": "r.csv", "dates": {"applicant": "A", "hire": "H"}, "key": ["id"]},
        {"kind": "learning", "files": "l.csv", "dates": {"hire": "H", "login": "L", "share": "S"}},
        {"kind": "recruitment", "files": "r.csv", "dates": {"completion": "C"}},
    ]
    # every event of its kind: fine; each one of another kind reported, in the order written
    assert checks(activity={"sources": sources}) == [
        (
            ("activity", "sources", 2, "dates", "hire"),
            "error.dates_result",
            {"result": "'hire'", "kind": "'learning'", "options": "login, start, completion"},
        ),
        (
            ("activity", "sources", 2, "dates", "share"),
            "error.dates_result",
            {"result": "'share'", "kind": "'learning'", "options": "login, start, completion"},
        ),
        (
            ("activity", "sources", 3, "dates", "completion"),
            "error.dates_result",
            {"result": "'completion'", "kind": "'recruitment'", "options": "applicant, hire"},
        ),
    ]


def test_only_learning_and_recruitment_sources_are_status_reports():
    sources = [
        {"kind": "sharing", "files": "s.csv", "dates": {"share": "D"}},
        "not a source",
        {"files": "x.csv", "dates": {"login": "D"}},  # no kind
        {"kind": "web", "files": "w.csv", "dates": {}},  # an empty mapping dates nothing
        {"kind": "learning", "files": "l.csv", "dates": {"hire": "H"}},  # still checked after the others
    ]
    assert checks(activity={"sources": sources}) == [
        (("activity", "sources", 0, "dates"), "error.dates_kind", {"kind": "'sharing'"}),
        (("activity", "sources", 2, "dates"), "error.dates_kind", {"kind": "None"}),
        (
            ("activity", "sources", 4, "dates", "hire"),
            "error.dates_result",
            {"result": "'hire'", "kind": "'learning'", "options": "login, start, completion"},
        ),
    ]


def test_a_key_without_dates_is_reported():
    sources = [
        {"kind": "learning", "files": "l.csv", "key": ["id"]},
        {"kind": "learning", "files": "l.csv", "key": ["id"], "dates": {}},  # empty dates: none
        {"kind": "learning", "files": "l.csv", "key": ["id"], "dates": ["login"]},  # not a mapping: none
        {"kind": "learning", "files": "l.csv", "key": []},  # an empty key is no key
        {"kind": "learning", "files": "l.csv", "key": ["id"], "dates": {"login": "L"}},
        {"kind": "web", "files": "w.csv"},
    ]
    assert checks(activity={"sources": sources}) == [
        (("activity", "sources", 0, "key"), "error.key_without_dates", {}),
        (("activity", "sources", 1, "key"), "error.key_without_dates", {}),
        (("activity", "sources", 2, "key"), "error.key_without_dates", {}),
    ]


# evaluation ----------------------------------------------------------------------------------------


def test_each_earned_media_method_needs_its_own_rates():
    def media(**fields) -> list[tuple]:
        return checks(evaluation={"earned_media": fields})

    # nothing given: each rate the method multiplies by, in order
    assert media(method="cpm_cpc") == [
        (("evaluation", "earned_media", "cpm"), "error.media_rate", {"method": "cpm_cpc"}),
        (("evaluation", "earned_media", "cost_per_click"), "error.media_rate", {"method": "cpm_cpc"}),
    ]
    assert media(method="cpm_cpc", cpm=5) == [
        (("evaluation", "earned_media", "cost_per_click"), "error.media_rate", {"method": "cpm_cpc"})
    ]
    assert media(method="cpm_cpc", cpm=5, cost_per_click=0.5) == []
    assert media(method="points", cost_per_point=1, points=None) == [
        (("evaluation", "earned_media", "points"), "error.media_rate", {"method": "points"})
    ]
    assert media(method="points", cost_per_point=1, points={"share": 2}) == []
    # an empty text is no rate; zero is a rate (pydantic allows it)
    assert media(cost_per_click="") == [
        (("evaluation", "earned_media", "cost_per_click"), "error.media_rate", {"method": "cpc"})
    ]
    assert media(cost_per_click=0) == []
    assert media(method="cpc", cost_per_click=0.5, cpm=None) == []  # cpc needs no cpm
    assert media(method="flat") == []  # not a method: pydantic's


def test_evaluation_that_is_not_a_mapping_or_has_no_earned_media():
    assert checks(evaluation="done") == []
    assert checks(evaluation=None) == []
    assert checks(evaluation={"earned_media": None}) == []
    assert checks(evaluation={"earned_media": "cpc"}) == []


def test_nothing_in_the_evaluation_predates_the_campaign():
    testimonials = [
        "not a testimonial",
        {"ambassador": "A", "text": "t", "date": DAY_BEFORE},
        {"ambassador": "B", "text": "t", "date": START},  # the first day: fine
        {"ambassador": "C", "text": "t"},  # no date
        {"ambassador": "D", "text": "t", "date": dt.date(2026, 6, 1)},
    ]
    evaluation = {"earned_media": "cpc", "session_date": DAY_BEFORE, "testimonials": testimonials}
    assert checks(evaluation=evaluation) == [
        (("evaluation", "session_date"), "error.before_start", {"day": DAY_BEFORE, "start": START}),
        (("evaluation", "testimonials", 1, "date"), "error.before_start", {"day": DAY_BEFORE, "start": START}),
        (("evaluation", "testimonials", 4, "date"), "error.before_start", {"day": dt.date(2026, 6, 1), "start": START}),
    ]
    # after the campaign is when an evaluation happens
    assert checks(evaluation={"session_date": DAY_AFTER, "testimonials": testimonials[2:4]}) == []
    assert checks(evaluation={"session_date": START}) == []


# the team the prizes are for -----------------------------------------------------------------------


def test_the_team_from_the_plan_without_selection_rules():
    assert team_size() == 5  # the planned 5 ambassadors
    assert team_size(selection="selection.yaml") == 5  # not a mapping: the plan still counts
    assert team_size(team=None) is None
    assert team_size(team={"ambassadors": "5"}) is None
    assert team_size(team={"ambassadors": True}) is None


def test_the_team_from_the_selection_rules():
    def rules(team, **overrides) -> float | None:
        return team_size(selection=SELECTION | {"team": team}, **overrides)

    assert team_size(selection=SELECTION) == 5  # no rules: the minimum of 5, not the planned team
    assert rules("lots") == 5
    assert rules({}) == 5
    assert rules({"minimum": 3}) == 3  # no ratio: the minimum
    assert rules({"ratio": 0, "minimum": 3}) == 3
    assert rules({"ratio": 10, "minimum": 2}) == 3  # 30 / 10 = 3 above a minimum of 2
    assert rules({"ratio": 10, "minimum": 4}) == 4  # 3 below a minimum of 4
    assert rules({"ratio": 10}) == 5  # 3 below the default minimum of 5
    assert rules({"ratio": 7, "minimum": 1}) == 5  # 30 / 7 = 4.3, rounded up to 5
    assert rules({"ratio": 4, "maximum": 9}) == 8  # 30 / 4 = 7.5 -> 8, under a maximum of 9
    assert rules({"ratio": 4, "maximum": 8}) == 8  # equal to the maximum
    assert rules({"ratio": 4, "maximum": 0}) == 8  # 0 is no maximum
    assert rules({"ratio": 4, "minimum": 9, "maximum": 7}) == 7  # the maximum has the last word
    assert rules({"ratio": 4}, population={"description": "x"}) == 5  # no population size: the minimum
    assert rules({"ratio": 4}, population={"description": "x", "size": "30"}) == 5
    assert rules({"ratio": 4}, population=None) == 5
    assert rules({"ratio": "4"}) == 5  # a ratio as text is no ratio


# rewards -------------------------------------------------------------------------------------------


def test_rewards_that_are_not_a_mapping_are_left_to_pydantic():
    assert checks(rewards="EUR 1000") == []
    assert checks(rewards=[REWARDS]) == []


def test_every_item_with_a_currency_must_use_the_budget_currency():
    rewards = REWARDS | {
        "rules": [{"result": "login", "amount": 5}, {"result": "share", "amount": 1, "currency": "USD"}],
        "prizes": [{"place": 1, "description": "a", "value": 1, "currency": "GBP"}],
        "fixed_costs": [
            {"item": "a", "amount": 1, "currency": 5},  # not text: pydantic's
            {"item": "b", "amount": 1, "currency": "eur"},  # case matters: codes are upper case
        ],
        "performance": {"login": {"pessimistic": 1, "expected": 1, "optimistic": 1}},
    }
    rewards["performance"]["share"] = rewards["performance"]["login"]
    assert checks(rewards=rewards) == [
        (("rewards", "rules", 1, "currency"), "error.currency_differs", {"other": "USD", "currency": "EUR"}),
        (("rewards", "prizes", 0, "currency"), "error.currency_differs", {"other": "GBP", "currency": "EUR"}),
        (("rewards", "fixed_costs", 1, "currency"), "error.currency_differs", {"other": "eur", "currency": "EUR"}),
    ]
    # without a budget currency there is nothing to differ from
    without = {k: v for k, v in rewards.items() if k != "currency"}
    assert checks(rewards=without) == []
    assert checks(rewards=rewards | {"currency": 978}) == []


def test_each_cap_is_compared_with_the_reward_it_caps():
    rules = [
        {"result": "login", "amount": 5, "cap_per_ambassador": 4.99, "cap_per_period": 5},  # 4.99 < 5: refused
        {"result": "login", "amount": 5, "cap_per_ambassador": 5, "cap_per_period": 4},  # equal: fine
        {"result": "login", "amount": 2, "cap_per_ambassador": 1, "cap_per_period": 1.5},  # both below
        {"result": "login", "cap_per_ambassador": 1, "cap_per_period": 1},  # no amount: pydantic's
        {"result": "login", "amount": "5", "cap_per_ambassador": 1},
        {"result": "login", "amount": 5, "cap_per_ambassador": "1", "cap_per_period": None},
    ]
    performance = {"login": {"pessimistic": 1, "expected": 1, "optimistic": 1}}
    assert checks(rewards=REWARDS | {"rules": rules, "performance": performance}) == [
        (("rewards", "rules", 0, "cap_per_ambassador"), "error.cap_below_reward", {"limit": 4.99, "amount": 5}),
        (("rewards", "rules", 1, "cap_per_period"), "error.cap_below_reward", {"limit": 4, "amount": 5}),
        (("rewards", "rules", 2, "cap_per_ambassador"), "error.cap_below_reward", {"limit": 1, "amount": 2}),
        (("rewards", "rules", 2, "cap_per_period"), "error.cap_below_reward", {"limit": 1.5, "amount": 2}),
    ]


def test_prize_places_twice_after_one_without_a_place():
    prizes = [
        {"description": "no place", "value": 1},
        {"place": "2", "description": "text", "value": 1},  # not a number: pydantic's
        {"place": 2, "description": "a", "value": 1},
        {"place": 2, "description": "b", "value": 1},
        {"place": 1, "description": "c", "value": 1},
        {"place": 2.0, "description": "d", "value": 1},  # 2.0 is place 2
    ]
    assert checks(rewards=REWARDS | {"prizes": prizes}) == [
        (("rewards", "prizes", 3, "place"), "error.place_twice", {"place": 2.0}),
        (("rewards", "prizes", 5, "place"), "error.place_twice", {"place": 2.0}),
    ]


def test_prize_places_against_a_team_of_unknown_size():
    prizes = [{"place": 100, "description": "a", "value": 1}]
    # no planned team and no selection: no size to compare with (pydantic reports the team)
    assert checks(team=None, rewards=REWARDS | {"prizes": prizes}) == []
    # a team of 5 planned: place 5 is the last that can be filled (see test_validation_values), place 6.5 cannot
    assert checks(rewards=REWARDS | {"prizes": [{"place": 6.5, "description": "a", "value": 1}]}) == [
        (("rewards", "prizes", 0, "place"), "error.place_over_team", {"place": 6.5, "team": 5.0})
    ]
    # selection rules: 30 / 10 = 3 ambassadors above a minimum of 2, so place 3 is fine and place 4 is not
    selection = SELECTION | {"team": {"ratio": 10, "minimum": 2}}
    prizes = [{"place": p, "description": str(p), "value": 1} for p in (3, 4)]
    assert checks(selection=selection, rewards=REWARDS | {"prizes": prizes}) == [
        (("rewards", "prizes", 1, "place"), "error.place_over_team", {"place": 4.0, "team": 3.0})
    ]


def test_every_rule_needs_a_performance_range():
    rules = [
        {"result": "login", "amount": 1},
        {"amount": 1},  # no result: pydantic's
        {"result": 5, "amount": 1},
        {"result": "hire", "amount": 1},
    ]
    # no performance section at all: every rule with a result lacks its range
    assert checks(rewards=REWARDS | {"rules": rules}) == [
        (
            ("rewards", "rules", 0, "result"),
            "error.no_performance",
            {"result": "'login'", "key": "rewards.performance.login"},
        ),
        (
            ("rewards", "rules", 3, "result"),
            "error.no_performance",
            {"result": "'hire'", "key": "rewards.performance.hire"},
        ),
    ]
    # performance that is not a mapping: the same, and no range to put in order
    assert len(checks(rewards=REWARDS | {"rules": rules, "performance": ["login", "hire"]})) == 2
    # a range for login only
    performance = {"login": {"pessimistic": 1, "expected": 2, "optimistic": 3}}
    assert checks(rewards=REWARDS | {"rules": rules, "performance": performance}) == [
        (
            ("rewards", "rules", 3, "result"),
            "error.no_performance",
            {"result": "'hire'", "key": "rewards.performance.hire"},
        ),
    ]


def test_performance_ranges_in_order_from_pessimistic_to_optimistic():
    performance = {
        "login": 3,  # not a range: pydantic's
        "start": {"pessimistic": 1, "expected": 3, "optimistic": 2},  # expected above optimistic
        "completion": {"pessimistic": 5, "optimistic": 1},  # incomplete: pydantic's
        "share": {"pessimistic": 1, "expected": 2, "optimistic": "3"},
        "click": {"pessimistic": 0.5, "expected": 2.5, "optimistic": 1.5},
        "visit": {"pessimistic": 1, "expected": 1, "optimistic": 2},  # low == mid < high: fine
        "hire": {"pessimistic": 1, "expected": 2, "optimistic": 2},  # low < mid == high: fine
        "reaction": {"pessimistic": 2.01, "expected": 2, "optimistic": 3},  # low just above mid
    }
    assert checks(rewards=REWARDS | {"performance": performance}) == [
        (("rewards", "performance", "start"), "error.performance_order", {"low": 1.0, "mid": 3.0, "high": 2.0}),
        (("rewards", "performance", "click"), "error.performance_order", {"low": 0.5, "mid": 2.5, "high": 1.5}),
        (("rewards", "performance", "reaction"), "error.performance_order", {"low": 2.01, "mid": 2.0, "high": 3.0}),
    ]


def test_a_fixed_cost_is_an_amount_or_hours_at_a_rate():
    costs = [
        {"item": "amount", "amount": 10},
        {"item": "free", "amount": 0},  # zero is an amount
        {"item": "hours", "hours": 2, "rate": 30},
        {"item": "unpaid hours", "hours": 0, "rate": 0},
        {"item": "amount and rate", "amount": 10, "rate": 30},
        {"item": "amount and hours", "amount": 10, "hours": 2},
        {"item": "rate only", "rate": 30},
        {"item": "hours only", "hours": 2},
        {"item": "nothing", "amount": None, "hours": None, "rate": None},
    ]
    assert checks(rewards=REWARDS | {"fixed_costs": costs}) == [
        (("rewards", "fixed_costs", i), "error.fixed_cost_shape", {}) for i in (4, 5, 6, 7, 8)
    ]


# the planned team ----------------------------------------------------------------------------------


def test_the_team_over_the_population_needs_both_numbers():
    assert checks(team=None) == []
    assert checks(team={"ambassadors": 31}, population=None) == []
    assert checks(team={"ambassadors": 31}, population={"description": "x", "size": "30"}) == []
    assert checks(team={"ambassadors": "31"}) == []
    assert checks(team={"ambassadors": 31}, population={"description": "x", "size": True}) == []
    # 2 ambassadors of 1 person: refused; 1 of 1 is allowed
    assert checks(team={"ambassadors": 1}, population={"description": "x", "size": 1}) == []
    assert checks(team={"ambassadors": 2}, population={"description": "x", "size": 1}) == [
        (("team", "ambassadors"), "error.team_over_population", {"ambassadors": 2, "size": 1})
    ]


# everything at once --------------------------------------------------------------------------------


def test_one_problem_of_each_kind_all_reported_in_order():
    found = checks(
        kpis=[kpi("K1", deadline=DAY_AFTER, measure={"result": "share", "count": "people"}), kpi("K2", parent="X")],
        actions=[action("A1", "K9", due=DAY_AFTER, hours=1)],
        checkpoints=[{"kind": "final", "date": DAY_AFTER}],
        rewards=REWARDS
        | {
            "rules": [{"result": "login", "amount": 5, "cap_per_period": 1}],
            "performance": {"login": {"pessimistic": 2, "expected": 2, "optimistic": 2}},
        },
        activity={
            "meetings": [{"date": DAY_AFTER}],
            "ambassadors": ["A", "A"],
            "sources": [{"kind": "web", "files": "w.csv", "dates": {"visit": "Date"}}],
        },
        evaluation={"session_date": DAY_BEFORE},
        team={"ambassadors": 31, "hours_per_month": 1},
    )
    assert found == [
        (("kpis", 0, "deadline"), "error.after_end.deadline", {"day": DAY_AFTER, "end": END}),
        (("kpis", 1, "parent"), "error.unknown_kpi", {"kpi": "'X'", "known": "K1, K2"}),
        (("actions", 0, "kpi"), "error.unknown_kpi", {"kpi": "'K9'", "known": "K1, K2"}),
        (("actions", 0, "due"), "error.after_end.due", {"day": DAY_AFTER, "end": END}),
        (("checkpoints", 0, "date"), "error.after_end.date", {"day": DAY_AFTER, "end": END}),
        (("rewards", "rules", 0, "cap_per_period"), "error.cap_below_reward", {"limit": 1, "amount": 5}),
        (("kpis", 0, "measure", "count"), "error.count_people", {"result": "share"}),
        (("activity", "meetings", 0, "date"), "error.outside_campaign", {"day": DAY_AFTER, "start": START, "end": END}),
        (("activity", "ambassadors", 1), "error.duplicate_ambassador", {"id": "'A'"}),
        (("activity", "sources", 0, "dates"), "error.dates_kind", {"kind": "'web'"}),
        (("evaluation", "session_date"), "error.before_start", {"day": DAY_BEFORE, "start": START}),
        (("team", "ambassadors"), "error.team_over_population", {"ambassadors": 31, "size": 30}),
    ]


def test_impressions_cannot_be_counted_per_person():
    """Found while writing these tests: sharing exports name no colleague, so a KPI of people with an
    impression always read 0; it is refused like shares, clicks, reactions and visits."""
    found = cross_checks(campaign_data(kpis=[kpi("K", measure={"result": "impression", "count": "people"})]))
    assert found == [(("kpis", 0, "measure", "count"), "error.count_people", {"result": "impression"})]


def test_figures_in_messages_are_in_the_campaigns_number_format():
    """Found while writing these tests: a range of impressions read '1.5e+06' in the message."""
    from campaign_kit.core.errors import Problem

    values = {"low": 1500000.0, "mid": 1234567.0, "high": 2.01}
    problem = Problem.of("campaign.yaml", "rewards.performance.impression", "error.performance_order", **values)
    assert "1.500.000" in problem.text("nl") and "1.234.567" in problem.text("nl") and "2,01" in problem.text("nl")
    assert "1,500,000" in problem.text("en") and "2.01" in problem.text("en") and "e+06" not in problem.text("en")


def test_the_oil_spot_section_is_checked_against_the_campaign():
    base = {"start": "2026-09-01", "end": "2027-02-26"}
    # a click names nobody: no colleague can adopt by it; a date to reach needs a share; a date before the start
    found = cross_checks({**base, "spread": {"adoption": "click", "by": "2026-08-01"}})
    assert found == [
        (
            ("spread", "adoption"),
            "error.spread_adoption",
            {"result": "click", "expected": "login, start, completion, share"},
        ),
        (("spread", "by"), "error.spread_by_without_reach", {}),
        (("spread", "by"), "error.spread_by_before_start", {"day": dt.date(2026, 8, 1), "start": dt.date(2026, 9, 1)}),
    ]
    # the start itself is no date to reach anything by; the day after is
    at_start = cross_checks({**base, "spread": {"adoption": "share", "reach": 0.1, "by": "2026-09-01"}})
    assert [key for _, key, _ in at_start] == ["error.spread_by_before_start"]
    assert cross_checks({**base, "spread": {"adoption": "completion", "reach": 0.6, "by": "2026-09-02"}}) == []
    # an unknown result is the model's to report (it lists the results), not a second message here
    assert cross_checks({**base, "spread": {"adoption": "lunch"}}) == []


def test_an_oil_spot_problem_reaches_the_user_with_file_and_key(tmp_path):
    import shutil

    from campaign_kit.core.errors import CampaignError
    from campaign_kit.core.validation import load_campaign

    folder = tmp_path / "pilot"
    shutil.copytree(Path(__file__).resolve().parents[1] / "parameters" / "employer-branding-pilot", folder)
    path = folder / "campaign.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("adoption: share ", "adoption: visit "), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("  adoption: visit")))
        + 1
    )
    assert f"campaign.yaml:{line} spread.adoption: no colleague can be counted as adopting at a first visit" in str(
        caught.value
    )
