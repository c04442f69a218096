"""Reward rules, cost projection, simulation and the payout ledger on hand-computed cases."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from helpers import campaign

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.model import RewardRule, Rewards
from campaign_kit.core.validation import validate_data
from campaign_kit.phases.rewards.analysis import (
    count_distribution,
    effort_check,
    payout_for_count,
    payout_ledger,
    scenario_costs,
    simulate,
    simulation_summary,
)


def rewards(**overrides):
    data = {
        "currency": "EUR",
        "budget": 3000,
        "hours_per_month": 2,
        "rules": [{"result": "completion", "amount": 25, "cap_per_period": 75, "cap_per_ambassador": 250}],
        "prizes": [
            {"place": 1, "description": "Trip", "value": 500},
            {"place": 2, "description": "Dinner", "value": 100},
        ],
        "fixed_costs": [{"item": "Workshop", "amount": 400}, {"item": "Organisers", "hours": 10, "rate": 50}],
        "performance": {"completion": {"pessimistic": 2, "expected": 5, "optimistic": 6}},
        "simulation": {"draws": 5000, "seed": 1},
    }
    data.update(overrides)
    return data


def six_month_campaign(**reward_overrides):
    # 1 Jan to 30 Jun: six reward periods; five planned ambassadors
    return campaign(rewards=rewards(**reward_overrides))


def test_one_rule_with_caps_per_month_and_per_ambassador():
    rule = RewardRule(result="completion", amount=25, cap_per_period=75, cap_per_ambassador=250)
    # 5 results over 6 months: 20.83 a month, under the monthly cap: 125
    # 30 results: 125 a month, capped at 75 -> 450, capped at 250 over the campaign
    assert list(payout_for_count(rule, np.array([0, 5, 30]), 6)) == pytest.approx([0, 125, 250])


def test_scenarios_add_rewards_prizes_and_fixed_costs():
    frame = scenario_costs(six_month_campaign()).set_index("scenario")
    # fixed 400 + 10 * 50 = 900; prizes 600; expected: 5 ambassadors * 125 = 625
    assert frame.at["expected", "incentives"] == pytest.approx(625)
    assert frame.at["pessimistic", "incentives"] == pytest.approx(5 * 50)
    assert frame.at["optimistic", "incentives"] == pytest.approx(5 * 150)
    assert frame.at["expected", "total"] == pytest.approx(625 + 600 + 900)
    assert frame.at["expected", "results_completion"] == 25
    assert bool(frame.at["optimistic", "within_budget"]) is True


def test_prizes_for_places_the_team_cannot_fill_cost_nothing():
    prizes = [{"place": p, "description": f"p{p}", "value": 100} for p in (1, 2, 3, 4, 5)]
    c = campaign(team={"ambassadors": 5, "hours_per_month": 10}, rewards=rewards(prizes=prizes))
    assert scenario_costs(c).iloc[0]["prizes"] == 500


def test_count_distribution_keeps_the_triangle_and_its_mean():
    values, probabilities = count_distribution(Rewards(**rewards()).performance["completion"])
    assert probabilities.sum() == pytest.approx(1)
    assert list(values) == [2, 3, 4, 5, 6]
    assert values[np.argmax(probabilities)] == 5  # the most likely count is the 'expected' figure
    # P(count = 2) = E[1 - |X - 2|] on [2, 3] for the triangle (2, 5, 6): integral of (1 - u) u / 6 = 1/36
    assert probabilities[0] == pytest.approx(1 / 36, rel=1e-4)
    assert probabilities @ values == pytest.approx((2 + 5 + 6) / 3, rel=1e-5)


@pytest.mark.parametrize(("low", "mode", "high"), [(2.5, 2.5, 2.5), (0.4, 0.4, 0.6), (0, 0.2, 1), (10, 400, 3000)])
def test_narrow_and_wide_ranges_keep_their_mean(low, mode, high):
    from campaign_kit.core.model import Performance

    values, probabilities = count_distribution(Performance(pessimistic=low, expected=mode, optimistic=high))
    assert probabilities @ values == pytest.approx((low + mode + high) / 3, rel=1e-4)
    assert values.min() >= np.floor(low) and values.max() <= np.ceil(high) and len(values) <= 64


def test_simulation_is_reproducible_and_matches_the_exact_expectation():
    c = six_month_campaign()
    first, second = simulate(c), simulate(c)
    assert np.array_equal(first.totals, second.totals)
    values, probabilities = count_distribution(c.rewards.performance["completion"])
    rule = c.rewards.rules[0]
    exact = 5 * float(probabilities @ payout_for_count(rule, values, 6)) + 600 + 900
    assert first.totals.mean() == pytest.approx(exact, rel=0.01)


def test_probability_of_exceeding_the_budget():
    assert simulation_summary(simulate(six_month_campaign(budget=100_000)))["p_over_budget"] == 0
    assert simulation_summary(simulate(six_month_campaign(budget=1000)))["p_over_budget"] == 1
    summary = simulation_summary(simulate(six_month_campaign(budget=2050)))
    assert 0 < summary["p_over_budget"] < 1 and summary["p5"] <= summary["p50"] <= summary["p95"]


def test_symbolic_rewards_and_dominating_incentives_are_flagged():
    c = six_month_campaign(rules=[{"result": "completion", "amount": 1}], prizes=[])
    check = effort_check(c, simulate(c))
    assert check.hours_asked == 12 and check.symbolic and not check.incentives_dominate
    c = six_month_campaign(fixed_costs=[{"item": "x", "amount": 10}])
    check = effort_check(c, simulate(c))
    assert check.incentives_dominate and not check.symbolic


def events(rows):
    return pd.DataFrame(rows, columns=["ambassador", "date", "result"])


def test_ledger_applies_monthly_and_campaign_caps_in_month_order():
    r = Rewards(**rewards())
    rows = (
        [("ann", "2027-01-05", "completion")] * 4
        + [("ann", "2027-02-10", "completion")] * 4
        + [("ann", "2027-03-01", "completion")] * 8
        + [("bob", "2027-01-20", "completion")]
        + [("bob", "2027-01-21", "click")] * 50
    )
    ledger = payout_ledger(r, events(rows), ambassadors=["ann", "bob", "cem"])
    ann = ledger.payouts[ledger.payouts["ambassador"] == "ann"].set_index("period")
    # January: 4 * 25 = 100, capped at 75; February: 75; March: 200 -> 75, but only 100 left of the 250 cap
    assert ann["gross"].to_dict() == {"2027-01": 100, "2027-02": 100, "2027-03": 200}
    assert ann["paid"].to_dict() == {"2027-01": 75, "2027-02": 75, "2027-03": 75}
    totals = ledger.totals.set_index("ambassador")
    assert totals.at["ann", "incentives"] == 225 and totals.at["bob", "incentives"] == 25
    assert totals.at["cem", "incentives"] == 0  # no events, still on the ledger
    assert "click" not in set(ledger.payouts["result"])  # no rule, no reward
    # prizes by reward earned: ann first (500), bob second (100)
    assert totals.at["ann", "prize"] == 500 and totals.at["bob", "prize"] == 100 and totals.at["cem", "prize"] == 0
    assert totals.at["ann", "total"] == 725


def test_ties_split_the_prizes_of_the_places_they_share():
    r = Rewards(
        **rewards(
            prizes=[
                {"place": 1, "description": "a", "value": 600},
                {"place": 2, "description": "b", "value": 300},
                {"place": 3, "description": "c", "value": 90},
            ]
        )
    )
    rows = [
        ("ann", "2027-01-05", "completion"),
        ("bob", "2027-01-06", "completion"),
        ("cem", "2027-01-01", "completion"),
        ("cem", "2027-01-02", "completion"),
    ]
    totals = payout_ledger(r, events(rows)).totals.set_index("ambassador")
    assert totals.at["cem", "prize"] == 600  # alone at the top
    assert totals.at["ann", "prize"] == totals.at["bob", "prize"] == 195  # share places 2 and 3


def test_ties_can_go_to_whoever_got_there_first():
    r = Rewards(**rewards(tie_rule="earliest", prize_ranking="completion"))
    rows = [("ann", "2027-01-09", "completion"), ("bob", "2027-01-06", "completion")]
    ledger = payout_ledger(r, events(rows))
    totals = ledger.totals.set_index("ambassador")
    assert totals.at["bob", "prize"] == 500 and totals.at["ann", "prize"] == 100
    assert list(ledger.prizes["winners"]) == [["bob"], ["ann"]]
    assert list(ledger.totals["ambassador"]) == ["bob", "ann"]  # listed as the tie rule decided


def test_nobody_wins_a_prize_without_results():
    r = Rewards(**rewards())
    ledger = payout_ledger(r, events([("ann", "2027-01-05", "click")]), ambassadors=["ann", "bob"])
    assert ledger.totals["prize"].sum() == 0 and ledger.prizes.empty


BAD = [
    ("negative-amount", {"rules": [{"result": "completion", "amount": -5}]}, "rewards.rules[0].amount", "too small"),
    (
        "cap-below-one-reward",
        {"rules": [{"result": "completion", "amount": 25, "cap_per_period": 10}]},
        "rewards.rules[0].cap_per_period",
        "below a single reward of 25",
    ),
    ("unknown-result", {"rules": [{"result": "like", "amount": 1}]}, "rewards.rules[0].result", "expected one of"),
    (
        "prize-beyond-team",
        {"prizes": [{"place": 9, "description": "x", "value": 10}]},
        "rewards.prizes[0].place",
        "needs more ambassadors than the team of 5",
    ),
    (
        "currency-mismatch",
        {"prizes": [{"place": 1, "description": "x", "value": 10, "currency": "USD"}]},
        "rewards.prizes[0].currency",
        "differs from the budget's currency EUR",
    ),
    (
        "no-performance",
        {"rules": [{"result": "share", "amount": 2}]},
        "rewards.rules[0].result",
        "no expected performance for 'share'",
    ),
    (
        "performance-out-of-order",
        {"performance": {"completion": {"pessimistic": 6, "expected": 5, "optimistic": 2}}},
        "rewards.performance.completion",
        "out of order",
    ),
    (
        "fixed-cost-without-amount",
        {"fixed_costs": [{"item": "x", "hours": 3}]},
        "rewards.fixed_costs[0]",
        "expected either an amount, or hours with a rate",
    ),
    ("lower-case-currency", {"currency": "eur"}, "rewards.currency", "not valid"),
]


@pytest.mark.parametrize(("case", "overrides", "key", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_reward_settings_are_named(case, overrides, key, words):
    from helpers import campaign_data

    with pytest.raises(CampaignError) as caught:
        validate_data(campaign_data(rewards=rewards(**overrides)))
    problems = {p.key: p.message for p in caught.value.problems}
    assert key in problems, problems
    assert words in problems[key]


def test_months_of_a_campaign_are_its_calendar_months():
    from campaign_kit.phases.rewards.analysis import months_for

    assert months_for(campaign(start=dt.date(2026, 9, 15), end=dt.date(2027, 2, 26))) == 6


def test_the_convolved_distribution_matches_simulating_every_ambassador():
    c = six_month_campaign(
        rules=[
            {"result": "completion", "amount": 25, "cap_per_period": 30},
            {"result": "login", "amount": 5, "cap_per_ambassador": 20},
        ],
        performance={
            "completion": {"pessimistic": 0, "expected": 5, "optimistic": 12},
            "login": {"pessimistic": 1, "expected": 3, "optimistic": 9},
        },
    )
    fast = simulate(c).totals
    rng = np.random.default_rng(5)
    brute = np.full(40_000, 600.0 + 900.0)
    for result in ("completion", "login"):
        values, probabilities = count_distribution(c.rewards.performance[result])
        counts = rng.choice(values, size=(40_000, 5), p=probabilities)
        rule_payouts = sum(payout_for_count(rule, counts, 6) for rule in c.rewards.rules if rule.result == result)
        brute += rule_payouts.sum(axis=1)
    assert fast.mean() == pytest.approx(brute.mean(), rel=0.005)
    for q in (5, 50, 95):
        assert np.percentile(fast, q) == pytest.approx(np.percentile(brute, q), abs=15)


def test_a_certain_campaign_costs_exactly_its_amount():
    from campaign_kit.phases.rewards.analysis import cost_per_result

    # every ambassador brings exactly 5 completions: 5 x 5 x 25 = 625, plus prizes 600 and fixed 900
    c = six_month_campaign(performance={"completion": {"pessimistic": 5, "expected": 5, "optimistic": 5}}, budget=2125)
    simulation = simulate(c)
    assert np.all(simulation.totals == 2125)
    assert simulation_summary(simulation)["p_over_budget"] == 0
    row = cost_per_result(simulation).iloc[0]
    assert (row["expected_results"], row["expected_reward_cost"], row["total_cost_per_result"]) == (25, 625, 85)


def test_earliest_tie_rule_with_a_gap_in_the_places_and_capped_late_activity():
    r = Rewards(
        **rewards(
            tie_rule="earliest",
            rules=[{"result": "completion", "amount": 25, "cap_per_ambassador": 100}],
            prizes=[{"place": 1, "description": "a", "value": 500}, {"place": 3, "description": "c", "value": 50}],
        )
    )
    rows = (
        [("ann", "2027-01-05", "completion")] * 4
        + [("ann", "2027-03-01", "completion")]
        + [("bob", "2027-02-10", "completion")] * 4
        + [("cem", "2027-02-11", "completion")]
    )
    ledger = payout_ledger(r, events(rows))
    totals = ledger.totals.set_index("ambassador")
    # ann and bob both reach the 100 cap; ann got there in January (her March result paid nothing)
    assert totals.at["ann", "prize"] == 500 and totals.at["bob", "prize"] == 0 and totals.at["cem", "prize"] == 50
    assert totals.at["ann", "rank"] == totals.at["bob", "rank"] == 1 and totals.at["cem", "rank"] == 3


def test_prize_places_are_checked_against_the_team_selection_will_pick():
    from helpers import campaign_data

    data = campaign_data(
        team={"ambassadors": 3, "hours_per_month": 10},  # planned 3, but the rules pick 30 / 6 = 5
        selection={"employees": "e.csv", "nominations": "n.csv", "team": {"ratio": 6, "minimum": 3}},
        rewards=rewards(prizes=[{"place": 4, "description": "x", "value": 10}]),
    )
    validate_data(data)  # place 4 of 5 is fine
    data["rewards"]["prizes"][0]["place"] = 6
    with pytest.raises(CampaignError, match="needs more ambassadors than the team of 5"):
        validate_data(data)
