"""Why a team cannot be formed, by value: each reason with its figures, at the boundary where it
starts to apply (one candidate fewer than places, one department more than places, ...)."""

from __future__ import annotations

import pandas as pd

from campaign_kit.core.model import TeamRules
from campaign_kit.phases.selection.analysis import _diagnose


def people(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "department", "gender"])


# two departments of two; women and men half each
TEAM = people([("a1", "A", "female"), ("a2", "A", "male"), ("b1", "B", "female"), ("b2", "B", "male")])


def test_candidates_exactly_enough_or_one_short():
    rules = TeamRules(minimum=1, cover_departments=False)
    assert _diagnose(TEAM, TEAM, rules, 4) == []  # 4 of 4: nothing wrong
    assert _diagnose(TEAM, TEAM, rules, 5) == [("too_few_candidates", {"candidates": 4, "size": 5})]


def test_departments_exactly_as_many_as_places_or_one_more():
    rules = TeamRules(minimum=1, cover_departments=True)
    assert _diagnose(TEAM, TEAM, rules, 2) == []  # two departments, two places
    assert _diagnose(TEAM, TEAM, rules, 1) == [("too_many_departments", {"departments": 2, "size": 1})]
    only_a = TEAM[TEAM["department"] == "A"]
    assert _diagnose(only_a, TEAM, rules, 2) == [("no_candidate_in_department", {"department": "B"})]


def test_a_cap_that_reaches_exactly_the_size_or_one_short():
    rules = TeamRules(minimum=1, cover_departments=False, max_per_department=1)
    assert _diagnose(TEAM, TEAM, rules, 2) == []  # one from each department: 2 places
    assert _diagnose(TEAM, TEAM, rules, 3) == [("cap_too_low", {"cap": 1, "reachable": 2, "size": 3})]


def test_too_few_of_a_gender_and_bounds_that_do_not_fit():
    rules = TeamRules(minimum=1, cover_departments=False, gender_balance={"tolerance": 0.0})
    # a team of 2 from a 50/50 population: exactly 1 woman and 1 man; with both available the rules
    # can each be met, so what fails is their combination with the others
    assert _diagnose(TEAM, TEAM, rules, 2) == [("gender_with_other_rules", {})]
    women = TEAM[TEAM["gender"] == "female"]
    assert _diagnose(women, TEAM, rules, 2) == [("too_few_of_gender", {"gender": "male", "needed": 1, "available": 0})]
    # 1 of each gender needed from exactly 1 available: enough
    one_each = TEAM[TEAM["id"].isin(["a1", "b2"])]
    assert _diagnose(one_each, TEAM, rules, 2) == [("gender_with_other_rules", {})]


def test_gender_bounds_above_the_team_size():
    population = people([("w", "A", "female"), ("m", "A", "male"), ("x", "A", "other")])
    # a team of 2 from three equal groups with a tolerance of 0.2: each needs at least
    # ceil(2 × (1/3 − 0.2)) = 1 and at most floor(2 × (1/3 + 0.2)) = 1: 3 places for a team of 2
    rules = TeamRules(minimum=1, cover_departments=False, gender_balance={"tolerance": 0.2})
    assert _diagnose(population, population, rules, 2) == [("gender_bounds_exceed_size", {"size": 2})]
    # a team of 3 fits them exactly: each rule can be met, so the combination is what fails
    assert _diagnose(population, population, rules, 3) == [("gender_with_other_rules", {})]


def proposal(statuses: list[tuple[str, str, str]], **rules):
    """Five candidates in one department, scores 0.9 … 0.5; a team of three."""
    import datetime as dt

    from helpers import campaign

    from campaign_kit.phases.selection.analysis import propose_team

    scored = pd.DataFrame(
        {"id": ["c1", "c2", "c3", "c4", "c5"], "department": "A", "gender": None, "score": [0.9, 0.8, 0.7, 0.6, 0.5]}
    )
    status = [{"id": i, "status": s, "date": dt.date.fromisoformat(d)} for i, s, d in statuses]
    selection = {
        "employees": "e.csv",
        "nominations": "n.csv",
        "team": {"minimum": 3, "cover_departments": False, **rules},
        "status": status,
    }
    return propose_team(campaign(selection=selection), scored, scored[["id", "department", "gender"]])


def test_without_answers_the_best_three_are_proposed():
    result = proposal([])
    assert sorted(result.result.team) == ["c1", "c2", "c3"] and result.replacements == []
    assert sorted(result.without_declines.team) == ["c1", "c2", "c3"]


def test_a_decliner_is_replaced_by_the_next_best_and_the_others_stay():
    result = proposal([("c1", "asked", "2027-01-05"), ("c2", "declined", "2027-01-06"), ("c3", "asked", "2027-01-05")])
    assert sorted(result.result.team) == ["c1", "c3", "c4"]
    assert sorted(result.without_declines.team) == ["c1", "c2", "c3"]
    assert result.replacements == [("c2", "c4")]


def test_a_confirmed_low_scorer_stays_and_a_decliner_at_the_top_is_replaced():
    result = proposal([("c5", "confirmed", "2027-01-05"), ("c1", "declined", "2027-01-06")])
    # the best team with c5 fixed is c1, c2, c5; c1 declined: c3 takes the place
    assert sorted(result.without_declines.team) == ["c1", "c2", "c5"]
    assert sorted(result.result.team) == ["c2", "c3", "c5"]
    assert result.replacements == [("c1", "c3")]


def test_the_latest_answer_counts_and_on_one_day_the_later_entry():
    # declined first, confirmed a week later: confirmed
    later = proposal([("c5", "declined", "2027-01-05"), ("c5", "confirmed", "2027-01-12")])
    assert "c5" in later.result.team
    # the same day: the entry further down the list wins, whatever the order of the dates above it
    same_day = proposal(
        [("c2", "confirmed", "2027-01-09"), ("c2", "declined", "2027-01-09"), ("c1", "asked", "2027-01-01")]
    )
    assert "c2" not in same_day.result.team and same_day.replacements == [("c2", "c4")]


def test_a_candidate_whose_gender_is_unknown_can_be_chosen():
    """Found while writing these tests: under pandas 3 a missing gender dropped the candidate from the
    pool, so an HR file without a gender column gave no team at all."""
    from campaign_kit.phases.selection.analysis import select_team

    scored = pd.DataFrame(
        {"id": ["u", "w", "m"], "department": "A", "gender": [None, "female", "male"], "score": [0.9, 0.8, 0.7]}
    )
    rules = TeamRules(minimum=1, cover_departments=False)
    assert select_team(scored, scored[["id", "department", "gender"]], rules, 2).team == ["u", "w"]
    nobody_known = scored.assign(gender=None)
    assert select_team(nobody_known, nobody_known[["id", "department", "gender"]], rules, 3).team == ["u", "w", "m"]


def test_the_explanation_of_every_point():
    from test_selection import CRITERIA

    from campaign_kit.core.model import Criterion
    from campaign_kit.phases.selection.analysis import explain, score_candidates

    candidates = pd.DataFrame(
        {"id": ["a", "b"], "network_size": [250, 1000], "social_media": ["High", None], "engaged_critic": [False, True]}
    )
    scored = score_candidates(candidates, CRITERIA)
    # total weight 4: a = 100 × (1 × 0.5 + 2 × 1 + 1 × 0) / 4; b = 100 × (1 × 1 + 2 × unknown + 1 × 1) / 4
    table = explain(scored, CRITERIA).astype(object)
    assert table.where(table.notna(), None).to_dict("records") == [
        {"id": "a", "criterion": "network_size", "raw": 250, "scaled": 0.5, "weight": 1, "points": 12.5},
        {"id": "a", "criterion": "social_media", "raw": "High", "scaled": 1.0, "weight": 2, "points": 50.0},
        {"id": "a", "criterion": "engaged_critic", "raw": False, "scaled": 0.0, "weight": 1, "points": 0.0},
        {"id": "b", "criterion": "network_size", "raw": 1000, "scaled": 1.0, "weight": 1, "points": 25.0},
        {"id": "b", "criterion": "social_media", "raw": None, "scaled": None, "weight": 2, "points": 0.0},
        {"id": "b", "criterion": "engaged_critic", "raw": True, "scaled": 1.0, "weight": 1, "points": 25.0},
    ]
    # a criterion read from a column of another name
    renamed = {"reach": Criterion(weight=1, column="network_size", scale={"kind": "linear", "min": 0, "max": 500})}
    assert explain(score_candidates(candidates, renamed), renamed, ["b"]).to_dict("records") == [
        {"id": "b", "criterion": "reach", "raw": 1000, "scaled": 1.0, "weight": 1, "points": 100.0}
    ]


def test_an_infeasible_team_because_of_who_confirmed_says_so():
    """Found by the mutation tests: with more yeses than places, or yeses the other rules cannot keep,
    the report listed no reason at all."""
    from campaign_kit.phases.selection.analysis import select_team

    scored = pd.DataFrame(
        {"id": ["a", "b", "c"], "department": "A", "gender": ["female", "male", "male"], "score": [0.9, 0.8, 0.7]}
    )
    employees = scored[["id", "department", "gender"]]
    plain = TeamRules(minimum=1, cover_departments=False)
    # b and c both said yes to a team of 1
    crowded = select_team(scored, employees, plain, 1, fixed_in={"b", "c"})
    assert not crowded.feasible and crowded.problems == [("too_many_confirmed", {"confirmed": 2, "size": 1})]
    # b and c, both of department A, said yes to a team of 2 with at most 1 per department: the cap
    # alone can be met (a of B and one of A), not with both yeses
    other = scored.assign(department=["B", "A", "A"])
    capped = TeamRules(minimum=1, cover_departments=False, max_per_department=1)
    mixed = select_team(other, other[["id", "department", "gender"]], capped, 2, fixed_in={"b", "c"})
    assert not mixed.feasible and mixed.problems == [("confirmed_with_other_rules", {})]
