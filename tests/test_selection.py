"""Scoring, explanation and constrained team selection on hand-computed cases."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from campaign_kit.core.model import Criterion, Selection, TeamRules
from campaign_kit.phases.selection.analysis import (
    explain,
    funnel,
    gender_bounds,
    score_candidates,
    select_team,
    team_size,
)

CRITERIA = {
    "network_size": Criterion(weight=1, scale={"kind": "linear", "min": 0, "max": 500}),
    "social_media": Criterion(weight=2, scale={"kind": "levels", "levels": {"low": 0.25, "high": 1}}),
    "engaged_critic": Criterion(weight=1, scale={"kind": "flag"}),
}


def people(rows):
    """rows: (id, department, gender, score) -> scored candidates and the employee list."""
    frame = pd.DataFrame(rows, columns=["id", "department", "gender", "score"])
    return frame, frame[["id", "department", "gender"]].copy()


def test_weighted_points_add_up_to_the_score():
    candidates = pd.DataFrame(
        {
            "id": ["a", "b"],
            "network_size": [250, 1000],  # 0.5, and 1.0 after clipping
            "social_media": ["High", None],  # levels are case-insensitive; b is unknown
            "engaged_critic": [False, True],
        }
    )
    scored = score_candidates(candidates, CRITERIA).set_index("id")
    # total weight 4: a = 100 * (1*0.5 + 2*1 + 1*0) / 4 = 62.5; b = 100 * (1*1 + 0 + 1*1) / 4 = 50
    assert scored.at["a", "score"] == pytest.approx(62.5)
    assert scored.at["b", "score"] == pytest.approx(50.0)
    assert scored.at["a", "network_size_points"] == pytest.approx(12.5)
    assert scored.at["b", "unknown"] == ["social_media"] and scored.at["a", "unknown"] == []
    assert list(scored["rank"]) == [1, 2]
    explained = explain(score_candidates(candidates, CRITERIA), CRITERIA, ["b"])
    assert explained["points"].sum() == pytest.approx(50.0)
    assert pd.isna(explained.set_index("criterion").at["social_media", "scaled"])


def test_an_unmapped_level_is_unknown_not_zero():
    candidates = pd.DataFrame({"id": ["a"], "social_media": ["sometimes"]})
    scored = score_candidates(candidates, {"social_media": CRITERIA["social_media"]})
    assert scored.iloc[0]["unknown"] == ["social_media"] and scored.iloc[0]["score"] == 0


@pytest.mark.parametrize(
    ("rules", "population", "size"),
    [
        ({"ratio": 6, "minimum": 5}, 30, 5),
        ({"ratio": 6, "minimum": 5}, 20, 5),
        ({"ratio": 50, "minimum": 5}, 420, 9),
        ({"ratio": 50, "minimum": 5, "maximum": 8}, 420, 8),
        ({"minimum": 7}, 1000, 7),
    ],
)
def test_team_size_from_the_ratio(rules, population, size):
    assert team_size(TeamRules(**rules), population) == size


ROWS = [
    ("a1", "A", "female", 90),
    ("a2", "A", "female", 80),
    ("a3", "A", "male", 70),
    ("b1", "B", "male", 40),
    ("b2", "B", "female", 30),
    ("c1", "C", "male", 20),
]


def test_without_rules_the_best_scores_win():
    scored, employees = people(ROWS)
    rules = TeamRules(minimum=3, cover_departments=False)
    assert select_team(scored, employees, rules, 3).team == ["a1", "a2", "a3"]


def test_coverage_binds():
    scored, employees = people(ROWS)
    rules = TeamRules(minimum=3, cover_departments=True)
    assert select_team(scored, employees, rules, 3).team == ["a1", "b1", "c1"]


def test_cap_per_department_binds():
    scored, employees = people(ROWS)
    rules = TeamRules(minimum=3, cover_departments=False, max_per_department=1)
    assert select_team(scored, employees, rules, 3).team == ["a1", "b1", "c1"]
    rules = TeamRules(minimum=3, cover_departments=False, max_per_department=2)
    assert select_team(scored, employees, rules, 3).team == ["a1", "a2", "b1"]


def test_gender_balance_binds():
    scored, employees = people(ROWS)  # population 3 female, 3 male
    rules = TeamRules(minimum=4, cover_departments=False, gender_balance={"tolerance": 0.0})
    assert gender_bounds(employees, rules, 4) == {"female": (2, 2), "male": (2, 2)}
    assert select_team(scored, employees, rules, 4).team == ["a1", "a2", "a3", "b1"]
    rules = TeamRules(minimum=3, cover_departments=False, gender_balance={"tolerance": 0.2})
    # 3 * (0.5 +- 0.2): 1 to 2 of each: the top three (all A, two female) already fit
    assert select_team(scored, employees, rules, 3).team == ["a1", "a2", "a3"]
    rules = TeamRules(minimum=2, cover_departments=False, gender_balance={"tolerance": 0.0})
    assert select_team(scored, employees, rules, 2).team == ["a1", "a3"]


def test_confirmed_stay_and_decliners_are_replaced_by_the_next_best_under_the_rules():
    scored, employees = people(ROWS)
    rules = TeamRules(minimum=3, cover_departments=True)
    result = select_team(scored, employees, rules, 3, excluded={"b1"}, fixed_in={"a2"})
    # b1 declined: B's next best is b2; a2 is confirmed and keeps A's place although a1 scores higher
    assert result.team == ["a2", "b2", "c1"]


@pytest.mark.parametrize(
    ("rules", "size", "problem", "suggestion"),
    [
        ({"cover_departments": True}, 2, "too_many_departments", "relax_coverage"),
        ({"cover_departments": False, "max_per_department": 1}, 4, "cap_too_low", "relax_cap"),
        (
            {"cover_departments": False, "gender_balance": {"tolerance": 0.0}},
            8,
            "too_few_candidates",
            "more_candidates",
        ),
    ],
)
def test_infeasible_rules_say_why_and_what_to_relax(rules, size, problem, suggestion):
    scored, employees = people(ROWS)
    result = select_team(scored, employees, TeamRules(minimum=1, **rules), size)
    assert not result.feasible
    assert problem in [code for code, _ in result.problems]
    assert suggestion in [code for code, _ in result.suggestions]
    if suggestion.startswith("relax_"):  # the best team under the relaxed rule is shown, marked
        assert result.relaxed == suggestion.removeprefix("relax_") and len(result.team) == size
        best = scored.sort_values("score", ascending=False)["id"].head(size).tolist()
        assert sorted(result.team) == sorted(best)
    else:  # too few candidates: no rule to relax, and nobody confirmed
        assert result.relaxed is None and result.team == []


def test_when_nothing_can_be_relaxed_the_confirmed_members_are_still_shown():
    scored, employees = people(ROWS)
    rules = TeamRules(minimum=1, cover_departments=False, gender_balance={"tolerance": 0.0})
    result = select_team(scored, employees, rules, 8, fixed_in={"b1", "a2"})
    assert not result.feasible and result.relaxed == "confirmed_only"
    ranked = scored.set_index("id").loc[["a2", "b1"], "score"].sort_values(ascending=False)
    assert result.team == list(ranked.index)


def test_a_department_nobody_nominated_is_named():
    scored, employees = people(ROWS)
    employees = pd.concat([employees, pd.DataFrame([{"id": "d1", "department": "D", "gender": "male"}])])
    result = select_team(scored, employees, TeamRules(minimum=4, cover_departments=True), 4)
    assert ("no_candidate_in_department", {"department": "D"}) in result.problems
    assert ("relax_coverage", {}) in result.suggestions


def test_the_reduced_programme_finds_the_same_optimum_as_brute_force():
    rng = np.random.default_rng(3)
    for _ in range(25):
        n = 9
        rows = [
            (f"p{i}", rng.choice(["A", "B", "C"]), rng.choice(["female", "male"]), float(rng.integers(0, 100)))
            for i in range(n)
        ]
        scored, employees = people(rows)
        scored = scored.sort_values(["score", "id"], ascending=[False, True]).reset_index(drop=True)
        rules = TeamRules(minimum=4, cover_departments=True, max_per_department=2, gender_balance={"tolerance": 0.25})
        result = select_team(scored, employees, rules, 4)
        best = None
        for combo in itertools.combinations(range(n), 4):
            team = scored.iloc[list(combo)]
            if set(team["department"]) != set(employees["department"]):
                continue
            if team["department"].value_counts().max() > 2:
                continue
            bounds = gender_bounds(employees, rules, 4)
            counts = team["gender"].value_counts()
            if any(not lo <= counts.get(g, 0) <= hi for g, (lo, hi) in bounds.items()):
                continue
            total = team["score"].sum()
            best = total if best is None else max(best, total)
        if best is None:
            assert not result.feasible
        else:
            assert scored.set_index("id").loc[result.team, "score"].sum() == pytest.approx(best)


def test_funnel_counts_and_first_dates():
    scored = pd.DataFrame({"id": [f"e{i}" for i in range(6)], "score": range(6)})
    selection = Selection(
        employees="x.csv",
        nominations="y.csv",
        shortlist_size=4,
        status=[
            {"id": "e0", "status": "asked", "date": "2026-09-01"},
            {"id": "e1", "status": "asked", "date": "2026-09-02"},
            {"id": "e2", "status": "asked", "date": "2026-09-02"},
            {"id": "e1", "status": "declined", "date": "2026-09-05"},
            {"id": "e0", "status": "interested", "date": "2026-09-06"},
            {"id": "e2", "status": "confirmed", "date": "2026-09-09"},
        ],
    )
    frame = funnel(scored, selection).set_index("stage")
    assert frame["count"].to_dict() == {
        "longlist": 6,
        "shortlist": 4,
        "asked": 3,
        "interested": 2,
        "declined": 1,
        "confirmed": 1,
    }
    assert str(frame.at["asked", "first_date"]) == "2026-09-01"
    assert str(frame.at["confirmed", "first_date"]) == "2026-09-09"


@pytest.mark.parametrize(("size", "tolerance"), [(5, 0.0), (5, 0.05), (7, 0.02), (3, 0.1)])
def test_gender_bounds_always_leave_a_whole_number(size, tolerance):
    employees = pd.DataFrame({"gender": ["female"] * 50 + ["male"] * 50})
    bounds = gender_bounds(employees, TeamRules(gender_balance={"tolerance": tolerance}), size)
    for low, high in bounds.values():
        assert low <= high
    assert sum(low for low, _ in bounds.values()) <= size <= sum(high for _, high in bounds.values())


def test_equal_gender_target_leaves_other_genders_unbounded():
    employees = pd.DataFrame({"gender": ["female"] * 10 + ["male"] * 10 + ["other"] * 2})
    bounds = gender_bounds(employees, TeamRules(gender_balance={"tolerance": 0.1, "target": "equal"}), 4)
    assert set(bounds) == {"female", "male"}


def test_a_decline_never_pushes_out_someone_who_has_not_declined(campaign_copy):
    from campaign_kit.core.model import Campaign
    from campaign_kit.phases.selection.analysis import propose_team

    rows = [("a1", "A", "female", 90), ("m1", "B", "male", 85), ("f2", "B", "female", 50), ("m3", "C", "male", 40)]
    scored, employees = people(rows)
    campaign = Campaign.model_validate(
        {
            "name": "t",
            "organisation": "o",
            "start": "2027-01-01",
            "end": "2027-06-30",
            "population": {"description": "p", "size": 4},
            "team": {"ambassadors": 2, "hours_per_month": 1},
            "goal": {"statement": "g"},
            "selection": {
                "employees": "e",
                "nominations": "n",
                "team": {"minimum": 2, "cover_departments": False, "max_per_department": 1},
                "status": [
                    {"id": "a1", "status": "declined", "date": "2027-01-05"},
                    {"id": "m1", "status": "interested", "date": "2027-01-06"},
                ],
            },
        }
    )
    proposal = propose_team(campaign, scored, employees)
    assert proposal.without_declines.team == ["a1", "m1"]
    assert "m1" in proposal.result.team and "a1" not in proposal.result.team
    assert proposal.replacements == [("a1", proposal.result.team[1])]


def test_a_threshold_scale_keeps_unknown_signals_unknown():
    criteria = {"certified": Criterion(weight=1, scale={"kind": "linear", "min": 1, "max": 1})}
    scored = score_candidates(pd.DataFrame({"id": ["a", "b", "c"], "certified": [1, 0, None]}), criteria)
    assert scored.set_index("id")["unknown"].to_dict() == {"a": [], "b": [], "c": ["certified"]}
