"""Phase 3 by value: a campaign whose performance is certain (pessimistic = expected = optimistic)
has a cost known to the cent, so the whole analysis (scenarios, the simulated distribution, its
summary and the effort check) is checked against hand arithmetic; the building blocks (the triangle,
the grid, the step) on small cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import campaign, kpi
from test_rewards import rewards as reward_data

from campaign_kit.core.model import Performance, Rewards
from campaign_kit.phases.rewards import analysis as rewards

# 1 Jan – 30 Jun 2027: six reward months; five ambassadors; test_rewards' rules, prizes and costs,
# a sixth prize place no team of five can fill, and a performance without spread
BASE = reward_data()
CERTAIN = reward_data(
    prizes=[*BASE["prizes"], {"place": 6, "description": "Nobody", "value": 999}],
    performance={"completion": {"pessimistic": 5, "expected": 5, "optimistic": 5}},
    simulation={"draws": 2000, "seed": 1},
)


def certain(**changes):
    return campaign(rewards=CERTAIN | changes)


def test_a_certain_campaign_costs_exactly_its_arithmetic():
    # 5 completions × 25 = 125 per ambassador (20.83 a month, under the cap of 75), × 5 = 625;
    # prizes 500 + 100 (no sixth place in a team of five); fixed 400 + 10 × 50 = 900: 2,125 in all
    result = rewards.analyse(certain())
    row = {
        "results_completion": 25,
        "reward_completion": 625.0,
        "incentives": 625.0,
        "prizes": 600.0,
        "fixed": 900.0,
        "total": 2125.0,
        "budget": 3000,
        "within_budget": True,
    }
    assert result.scenarios.to_dict("records") == [
        {"scenario": s} | row for s in ("pessimistic", "expected", "optimistic")
    ]
    assert result.summary == {
        "mean": 2125.0,
        "p5": 2125.0,
        "p50": 2125.0,
        "p95": 2125.0,
        "p_over_budget": 0.0,
        "budget": 3000,
    }
    assert (result.simulation.incentives, result.simulation.results) == ({"completion": 625.0}, {"completion": 25.0})
    assert (result.simulation.fixed, result.simulation.prizes) == (900.0, 600.0)
    # asked 2 hours × 6 months = 12; rewarded (625 + 600) / 5 = 245, 20.42 an hour; 1225 of 2125 = 57.6%
    assert result.effort == rewards.EffortCheck(
        12, 245.0, pytest.approx(245 / 12), pytest.approx(1225 / 2125), False, False
    )


def test_over_budget_is_strictly_more_than_the_budget():
    assert rewards.analyse(certain(budget=2125)).summary["p_over_budget"] == 0.0
    assert rewards.analyse(certain(budget=2124.99)).summary["p_over_budget"] == 1.0
    assert bool(rewards.scenario_costs(certain(budget=2125)).loc[0, "within_budget"]) is True
    assert bool(rewards.scenario_costs(certain(budget=2124.99)).loc[0, "within_budget"]) is False


def test_the_effort_check_thresholds():
    # 245 / 12 = 20.42 an hour: symbolic below 20.5, not at 20.4; incentives 57.6%: dominate above 0.5
    assert rewards.analyse(certain(symbolic_below_per_hour=20.5)).effort.symbolic is True
    assert rewards.analyse(certain(symbolic_below_per_hour=20.4)).effort.symbolic is False
    assert rewards.analyse(certain(incentive_share_warning=0.5)).effort.incentives_dominate is True


def test_the_cost_distribution_of_a_certain_campaign_is_one_point():
    amounts, pmf = rewards.total_cost_distribution(certain())
    assert pmf.sum() == pytest.approx(1)
    assert amounts[int(np.argmax(pmf))] == pytest.approx(2125) and pmf.max() == pytest.approx(1)
    # two rules for one result add up: 25 + 10 a completion, the second uncapped: 125 + 50 = 175
    two = CERTAIN["rules"] + [{"result": "completion", "amount": 10}]
    assert rewards.payout_by_result(Rewards(**(CERTAIN | {"rules": two})), "completion", np.array([5]), 6)[0] == 175


def test_the_team_size_comes_from_the_selection_rules_when_phase_2_is_set_up():
    assert rewards.ambassadors_for(campaign()) == 5  # the planned team
    selection = {"employees": "e.csv", "nominations": "n.csv", "team": {"ratio": 4, "minimum": 5}}
    assert rewards.ambassadors_for(campaign(selection=selection)) == 8  # 30 / 4 = 7.5, rounded up
    assert rewards.months_for(campaign()) == 6


def test_the_triangle():
    cdf = rewards._triangular_cdf(np.array([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0]), 0.0, 1.0, 2.0)
    # (x - 0)² / (2 × 1) left of the mode, 1 - (2 - x)² / (2 × 1) right of it, clipped outside
    assert cdf.tolist() == [0.0, 0.0, 0.125, 0.5, 0.875, 1.0, 1.0]
    # the mode at an end: one half of the triangle only
    assert rewards._triangular_cdf(np.array([0.0, 1.0, 2.0]), 0.0, 0.0, 2.0).tolist() == [0.0, 0.75, 1.0]
    assert rewards._triangular_cdf(np.array([0.0, 1.0, 2.0]), 0.0, 2.0, 2.0).tolist() == [0.0, 0.25, 1.0]


@pytest.mark.parametrize(("low", "mode", "high"), [(2, 5, 6), (0, 0, 3), (1, 4, 4), (0, 50, 1000), (2.5, 2.5, 2.5)])
def test_the_count_distribution_keeps_the_triangles_mean(low, mode, high):
    values, probabilities = rewards.count_distribution(Performance(pessimistic=low, expected=mode, optimistic=high))
    assert probabilities.sum() == pytest.approx(1) and (probabilities > 0).all()
    assert float(probabilities @ values) == pytest.approx((low + mode + high) / 3, rel=1e-4)
    assert values.min() >= np.floor(low) and values.max() <= np.ceil(high) and len(values) <= rewards.MAX_SUPPORT
    if high - low <= rewards.MAX_SUPPORT:  # whole numbers from the floor of the lowest to the ceiling
        assert values.tolist() == list(range(int(np.floor(low)), int(np.ceil(high)) + 1))


def test_a_certain_fraction_splits_between_its_neighbours():
    values, probabilities = rewards.count_distribution(Performance(pessimistic=2.5, expected=2.5, optimistic=2.5))
    assert values.tolist() == [2.0, 3.0] and probabilities.tolist() == [0.5, 0.5]
    values, probabilities = rewards.count_distribution(Performance(pessimistic=4, expected=4, optimistic=4))
    assert values.tolist() == [4.0] and probabilities.tolist() == [1.0]


def test_amounts_on_the_grid_keep_their_mean():
    grid = rewards._on_grid(np.array([0.0, 2.5, 5.0, 7.0]), np.array([0.2, 0.4, 0.3, 0.1]), 1.0, 8)
    # 2.5 is half 2, half 3; 7 is the last point of the grid
    assert grid.tolist() == pytest.approx([0.2, 0, 0.2, 0.2, 0, 0.3, 0, 0.1])
    assert float(grid @ np.arange(8)) == pytest.approx(0.4 * 2.5 + 0.3 * 5 + 0.1 * 7)


@pytest.mark.parametrize(
    ("smallest", "unit"),
    [(0.003, 0.01), (0.01, 0.01), (0.013, 0.02), (0.03, 0.05), (0.07, 0.1), (1, 1), (3, 5), (10, 10), (11, 20)],
)
def test_the_grid_step_is_one_two_or_five(smallest, unit):
    assert rewards._nice_unit(smallest) == pytest.approx(unit)


def test_the_summary_and_the_cost_per_result():
    simulation = rewards.Simulation(
        totals=np.arange(101, dtype=float),  # 0 … 100
        incentives={"completion": 40.0, "hire": 10.0},
        results={"completion": 20.0, "hire": 0.0},
        fixed=0.0,
        prizes=0.0,
        budget=90.0,
    )
    # 91 … 100 are over a budget of 90: 10 of 101
    assert rewards.simulation_summary(simulation) == {
        "mean": 50.0, "p5": 5.0, "p50": 50.0, "p95": 95.0, "p_over_budget": pytest.approx(10 / 101), "budget": 90.0
    }  # fmt: skip
    table = rewards.cost_per_result(simulation).astype(object)
    assert table.where(table.notna(), None).to_dict("records") == [
        {"result": "completion", "expected_results": 20.0, "expected_reward_cost": 40.0, "total_cost_per_result": 2.5},
        {"result": "hire", "expected_results": 0.0, "expected_reward_cost": 10.0, "total_cost_per_result": None},
    ]


def test_what_is_asked_of_each_ambassador():
    c = campaign(
        kpis=[
            kpi("T", target=25),  # a total: not divided over the team
            kpi("P", target=4, unit="posts", scope="per_ambassador"),
            kpi("N", target=None, scope="per_ambassador"),  # no target yet
        ]
    )
    frame = rewards.expectations(c)
    assert frame.to_dict("records") == [
        {
            "id": "P",
            "name": "KPI P",
            "per_ambassador": 4,
            "unit": "posts",
            "deadline": pd.Timestamp("2027-03-01").date(),
        }
    ]
    assert list(rewards.expectations(campaign()).columns) == ["id", "name", "per_ambassador", "unit", "deadline"]


LEDGER_RULES = {
    "currency": "EUR",
    "budget": 1000,
    "hours_per_month": 2,
    "rules": [
        {"result": "login", "amount": 5, "cap_per_period": 10},
        {"result": "completion", "amount": 25, "cap_per_ambassador": 60},
    ],
    "prizes": [{"place": 1, "description": "Trip", "value": 100}, {"place": 2, "description": "Dinner", "value": 50}],
}
EVENTS = (
    [("ann", "2027-01-05", "login")] * 3  # 15 gross, 10 under the monthly cap
    + [("ann", "2027-01-20", "completion")] * 2  # 50
    + [("ann", "2027-02-03", "completion")]  # 25, but only 10 left of the cap of 60
    + [("bob", "2027-01-10", "completion")] * 2  # 50
    + [("bob", "2027-02-10", "login")]  # 5
    + [("dan", "2027-01-15", "share")]  # no rule for shares: nothing
)


def ledger(**changes):
    frame = pd.DataFrame(EVENTS, columns=["ambassador", "date", "result"])
    return rewards.payout_ledger(Rewards(**(LEDGER_RULES | changes)), frame, ["cem", "ann"])


def test_the_whole_ledger():
    result = ledger()
    assert result.payouts.to_dict("records") == [
        {"ambassador": "ann", "period": "2027-01", "result": "login", "rule": 0, "count": 3, "gross": 15,
         "capped": 10, "paid": 10},
        {"ambassador": "bob", "period": "2027-02", "result": "login", "rule": 0, "count": 1, "gross": 5,
         "capped": 5, "paid": 5},
        {"ambassador": "ann", "period": "2027-01", "result": "completion", "rule": 1, "count": 2, "gross": 50,
         "capped": 50, "paid": 50},
        {"ambassador": "ann", "period": "2027-02", "result": "completion", "rule": 1, "count": 1, "gross": 25,
         "capped": 25, "paid": 10},
        {"ambassador": "bob", "period": "2027-01", "result": "completion", "rule": 1, "count": 2, "gross": 50,
         "capped": 50, "paid": 50},
    ]  # fmt: skip
    # ann 10 + 50 + 10 = 70 and the trip; bob 5 + 50 = 55 and the dinner; cem (listed) and dan nothing
    assert result.totals.to_dict("records") == [
        {"ambassador": "ann", "score": 70.0, "incentives": 70.0, "prize": 100.0, "total": 170.0, "rank": 1},
        {"ambassador": "bob", "score": 55.0, "incentives": 55.0, "prize": 50.0, "total": 105.0, "rank": 2},
        {"ambassador": "cem", "score": 0.0, "incentives": 0.0, "prize": 0.0, "total": 0.0, "rank": 3},
        {"ambassador": "dan", "score": 0.0, "incentives": 0.0, "prize": 0.0, "total": 0.0, "rank": 3},
    ]
    assert result.prizes.to_dict("records") == [
        {"place": 1, "description": "Trip", "value": 100, "winners": ["ann"], "each": 100.0},
        {"place": 2, "description": "Dinner", "value": 50, "winners": ["bob"], "each": 50.0},
    ]


def test_a_tie_splits_the_prizes_of_the_places_it_takes():
    # ranked by completions: ann 3, bob 2; dan shares; with a third completion for bob they tie
    tied = EVENTS + [("bob", "2027-02-20", "completion")]
    frame = pd.DataFrame(tied, columns=["ambassador", "date", "result"])
    result = rewards.payout_ledger(Rewards(**(LEDGER_RULES | {"prize_ranking": "completion"})), frame)
    # 3 completions each: places 1 and 2 shared, (100 + 50) / 2 = 75 each
    assert result.prizes.to_dict("records") == [
        {"place": 1, "description": "Trip", "value": 100, "winners": ["ann", "bob"], "each": 75.0},
        {"place": 2, "description": "Dinner", "value": 50, "winners": ["ann", "bob"], "each": 75.0},
    ]
    totals = result.totals.set_index("ambassador")
    assert totals["prize"].to_dict() == {"ann": 75.0, "bob": 75.0, "dan": 0.0}
    assert totals["score"].to_dict() == {"ann": 3.0, "bob": 3.0, "dan": 0.0}
    assert totals["rank"].to_dict() == {"ann": 1, "bob": 1, "dan": 3}
    # the earliest to reach the score wins the tie: ann's third completion came on 3 February
    early = rewards.payout_ledger(
        Rewards(**(LEDGER_RULES | {"prize_ranking": "completion", "tie_rule": "earliest"})), frame
    )
    assert list(early.totals["ambassador"]) == ["ann", "bob", "dan"]
    assert early.prizes[["place", "winners", "each"]].to_dict("records") == [
        {"place": 1, "winners": ["ann"], "each": 100.0},
        {"place": 2, "winners": ["bob"], "each": 50.0},
    ]


def test_only_places_that_exist_are_paid_and_a_count_column_counts():
    # one prize for place 2 only: the leader gets nothing, the second gets the dinner
    result = ledger(prizes=[{"place": 2, "description": "Dinner", "value": 50}])
    assert result.totals.set_index("ambassador")["prize"].to_dict() == {"ann": 0.0, "bob": 50.0, "cem": 0.0, "dan": 0.0}
    counted = pd.DataFrame([("ann", "2027-01-05", "login", 3)], columns=["ambassador", "date", "result", "count"])
    paid = rewards.payout_ledger(Rewards(**LEDGER_RULES), counted)
    assert paid.payouts[["count", "gross", "paid"]].to_dict("records") == [{"count": 3, "gross": 15, "paid": 10}]
    nothing = rewards.payout_ledger(Rewards(**(LEDGER_RULES | {"rules": []})), counted)
    assert nothing.payouts.empty and list(nothing.payouts.columns) == [
        "ambassador", "period", "result", "rule", "count", "gross", "capped", "paid"
    ]  # fmt: skip


def test_the_effort_thresholds_are_strict():
    # exactly at the threshold is not below it, and exactly at the warning share is not above it
    assert rewards.analyse(certain(symbolic_below_per_hour=245 / 12)).effort.symbolic is False
    assert rewards.analyse(certain(incentive_share_warning=1225 / 2125)).effort.incentives_dominate is False


def test_ties_at_zero_share_the_best_rank_and_are_listed_by_name():
    frame = pd.DataFrame(EVENTS, columns=["ambassador", "date", "result"])
    result = rewards.payout_ledger(Rewards(**LEDGER_RULES), frame, ["eve", "cem"])
    # ann 70, bob 55, then cem, dan and eve with nothing: all three third (not 4th on average)
    assert list(zip(result.totals["ambassador"], result.totals["rank"], strict=True)) == [
        ("ann", 1), ("bob", 2), ("cem", 3), ("dan", 3), ("eve", 3)
    ]  # fmt: skip
    early = rewards.payout_ledger(Rewards(**(LEDGER_RULES | {"tie_rule": "earliest"})), frame, ["eve", "cem"])
    assert list(early.totals["ambassador"]) == ["ann", "bob", "cem", "dan", "eve"]


def test_a_wide_range_is_grouped_into_at_most_64_even_steps():
    # 0 to 630 results: steps of 630 / 63 = 10, so 0, 10, ..., 630
    values, probabilities = rewards.count_distribution(Performance(pessimistic=0, expected=50, optimistic=630))
    assert values.tolist() == [float(v) for v in range(0, 640, 10)]
    assert float(probabilities @ values) == pytest.approx((0 + 50 + 630) / 3, rel=1e-6)


def test_phase_3_without_a_rewards_section_says_which_section_and_phase():
    from campaign_kit.core.errors import CampaignError

    with pytest.raises(CampaignError) as caught:
        rewards.scenario_costs(campaign())
    problem = caught.value.problems[0]
    assert (problem.file, problem.key, problem.label) == ("campaign.yaml", "rewards", "error.missing_section")
    assert problem.values["phase"] == 3 and problem.values["contents"] == "section.contents.rewards"


def test_the_cost_per_result_table_writes_whole_expectations_whole():
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.phases.rewards.analysis import analyse
    from campaign_kit.phases.rewards.report import cost_per_result_table

    campaign = load_campaign("employer-branding-pilot")
    table = cost_per_result_table(campaign, analyse(campaign))
    expected = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    # the simulation's means per ambassador: shares drawn from the triangle (8, 16, 24), mean 16, x 9
    # ambassadors = 144 (whole); hires from (0, 0.2, 1), mean 0.4, x 9 = 3.6 (a fraction keeps its decimal)
    assert expected["post shared"] == "144"
    assert expected["hire via the ambassador"] == "3.6"
