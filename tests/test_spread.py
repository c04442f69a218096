"""The oil-spot model (issue 16): its arithmetic by hand, its fit against an agent-level campaign,
and the planner's allocations against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from spread_agents import run_campaign

from campaign_kit.spread.fit import bass_least_squares, bass_regression, fit, log_likelihood, thin
from campaign_kit.spread.model import Rates, bass_share, expected_curve, force
from campaign_kit.spread.plan import best_allocation, chance, expected_share, smallest_team
from campaign_kit.spread.priors import central, prior_draws


def test_the_force_of_adoption_by_hand():
    # two departments with markets 40 and 10; 10 and 0 adopted; 2 ambassadors in the first
    # own shares 10/40 = 0.25 and 0; the whole group 10/50 = 0.2
    # first:  0.01 + 0.3 * (0.8 * 0.25 + 0.2 * 0.2) + 0.5 * 2 / 40 = 0.01 + 0.072 + 0.025 = 0.107
    # second: 0.01 + 0.3 * (0.8 * 0    + 0.2 * 0.2) + 0            = 0.01 + 0.012         = 0.022
    f = force(Rates(0.01, 0.3, 0.5, 0.2), np.array([10.0, 0.0]), np.array([40, 10]), np.array([2, 0]))
    assert f == pytest.approx([0.107, 0.022])


def test_one_expected_week_by_hand():
    # one department of 100, nobody yet, p = 0.05: 100 * (1 - e^-0.05) = 4.877 adopt in week 1;
    # week 2 adds word of mouth 0.4 * 4.877/100: force 0.05 + 0.019508 = 0.069508,
    # 95.123 * (1 - e^-0.069508) = 6.3873 more, 11.2643 in all
    curve = expected_curve(Rates(0.05, 0.4, 0.0, 0.0), np.array([100.0]), np.array([0]), 2)
    assert curve[:, 0] == pytest.approx([0.0, 4.8771, 11.2643], abs=1e-4)


def test_the_log_likelihood_by_hand():
    # market 10, one week, 2 adopt at p = 0.1: 2 * ln(1 - e^-0.1) - 8 * 0.1 = -5.504337
    assert log_likelihood(Rates(0.1, 0.0, 0.0), np.array([[2]]), np.array([10]), np.array([0])) == pytest.approx(
        -5.504337, abs=1e-6
    )
    # week 2 of the same: 8 still to win, 4 adopt, force 0.1 + 0.5 * 2/10 = 0.2:
    # 4 * ln(1 - e^-0.2) - 4 * 0.2 = 4 * -1.707772 - 0.8 = -7.631087; both weeks -13.135424
    both = log_likelihood(Rates(0.1, 0.5, 0.0, 0.0), np.array([[2], [4]]), np.array([10]), np.array([0]))
    assert both == pytest.approx(-13.135424, abs=1e-6)


def test_too_little_data_is_said_and_not_fitted():
    assert thin(np.zeros((3, 2))) == "3 weeks measured; a fit needs at least 4"
    assert thin(np.ones((6, 2))) == "12 adoptions measured; a fit needs at least 15"
    assert thin(np.ones((8, 2))) is None
    with pytest.raises(ValueError, match="3 weeks measured"):
        fit(np.ones((3, 2)), np.array([50, 50]), np.array([1, 1]))


SIZES = [100, 90, 80, 70, 50, 30]  # 420 colleagues in six departments
TEAM = [6, 4, 3, 2, 0, 0]  # ambassadors, active from week 5: before that only posters and talk
TRUE = {"p": 0.01, "q": 0.15, "r": 0.4}


def test_the_fit_recovers_the_rates_of_an_agent_level_campaign():
    # 20 campaigns of 420 people over 16 weeks, simulated person by person (spread_agents), each
    # fitted: the median estimate of every rate lies within 15% of the rate it was simulated with
    market = np.array(SIZES) - np.array(TEAM)
    team = np.array([[0] * 6] * 4 + [TEAM] * 12)
    estimates = []
    for seed in range(20):
        new = run_campaign(SIZES, TEAM, **TRUE, cross=0.2, weeks=16, rng=np.random.default_rng(seed), active_from=4)
        estimates.append(fit(new, market, team, draws=0).rates)
    for name, truth in TRUE.items():
        median = float(np.median([getattr(e, name) for e in estimates]))
        assert abs(median / truth - 1) <= 0.15, (name, median, truth)


def test_the_bootstrap_band_holds_the_true_rates_of_most_campaigns():
    market = np.array(SIZES) - np.array(TEAM)
    team = np.array([[0] * 6] * 4 + [TEAM] * 12)
    held = 0
    for seed in range(10):
        new = run_campaign(
            SIZES, TEAM, **TRUE, cross=0.2, weeks=16, rng=np.random.default_rng(100 + seed), active_from=4
        )
        band = fit(new, market, team, draws=60).interval(0.9)
        held += sum(low <= TRUE[name] <= high for name, (low, high) in band.items())
    assert held >= 24  # of 30 intervals; 27 expected of 90% intervals


@pytest.mark.parametrize("cross", [0.0, 0.2, 0.6])
@pytest.mark.parametrize("rates", [(0.01, 0.3, 0.4), (0.002, 0.8, 0.1), (0.05, 0.0, 1.0)])
def test_the_allocation_is_the_best_of_all_allocations(rates, cross):
    sizes = np.array([9, 5, 3, 1])
    rate = Rates(*rates, cross)
    for n in range(1, 7):
        best = best_allocation(n, rate, sizes, 10)
        assert best.sum() == n and np.all(best <= sizes)
        brute = max(
            float(expected_share(rate, sizes, np.array(a), 10)[-1])
            for a in itertools.product(*(range(s + 1) for s in sizes))
            if sum(a) == n
        )
        assert float(expected_share(rate, sizes, best, 10)[-1]) == pytest.approx(brute, abs=1e-12)


def test_the_planned_team_reaches_the_target_in_most_agent_level_campaigns():
    # known rates, so the plan's only uncertainty is chance: the team it plans must reach 60% of 420
    # in 16 weeks in at least 80% of campaigns simulated person by person, and one ambassador fewer
    # (however placed) must not
    rates = Rates(TRUE["p"], TRUE["q"], TRUE["r"], 0.2)
    draws = np.tile([TRUE["p"], TRUE["q"], TRUE["r"]], (2000, 1))
    sizes = np.array(SIZES)
    plan = smallest_team(rates, draws, sizes, 16, 0.6)
    assert plan is not None and plan.chance >= 0.8

    def reached(allocation: np.ndarray, runs: int) -> float:
        hits = 0
        for seed in range(runs):
            new = run_campaign(
                list(sizes), list(allocation), **TRUE, cross=0.2, weeks=16, rng=np.random.default_rng(seed)
            )
            hits += (new.sum() + allocation.sum()) / sizes.sum() >= 0.6
        return hits / runs

    assert reached(plan.allocation, 200) >= 0.8
    fewer = best_allocation(plan.size - 1, rates, sizes, 16)
    assert chance(draws, sizes, fewer, 16, 0.6) < 0.8
    assert reached(fewer, 200) < 0.8


def test_no_team_is_planned_when_the_target_cannot_be_reached():
    # 10 colleagues, nothing spreads but ambassadors' own word at 0.01 a week: even all ten as
    # ambassadors reach 100%, but a target above everyone cannot be met
    rates = Rates(0.0, 0.0, 0.0)
    draws = np.zeros((50, 3))
    assert smallest_team(rates, draws, np.array([10]), 4, 1.01) is None
    # and when the posters alone do it, the plan is no team at all
    plan = smallest_team(Rates(0.5, 0.0, 0.0), np.tile([0.5, 0.0, 0.0], (200, 1)), np.array([100]), 20, 0.9)
    assert plan is not None and plan.size == 0


def test_bass_1969_regression_reproduces_a_published_fit():
    # Adoptions in millions in the first five years, and the fit by Bass's (1969) regression as
    # published in the course notes "Data analysis for brand management", Module 1 in class
    # (github.com/aoyingxue/GitNote, GRADUATE_STUDY/2.555A_DATA_ANALYSIS_FOR_BRAND_MANAGEMENT/
    # Module_1_InClass.md): p = 0.0626032, q = 0.73766359, M = 10.5036768
    m, p, q = bass_regression(np.array([0.517, 1.169, 1.604, 2.044, 2.286]))
    assert (m, p, q) == pytest.approx((10.5036768, 0.0626032, 0.73766359), rel=1e-6)


def test_bass_least_squares_reproduces_a_published_fit():
    # Sales per year from 1979, fitted with R's nls on the Bass density in Wang Chengjun's worked
    # example "Bass model" (rpubs.com/chengjun/bass_model, 2012; copied in github.com/agk79/Bass,
    # AGK_BASS_MODEL/Bass_2a.r): M 6.80e+04, P 6.59e-03, Q 6.38e-01, to the printed rounding
    sales = np.array([840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890])
    m, p, q = bass_least_squares(sales, form="density")
    assert round(m, -2) == 68_000 and round(p, 5) == 0.00659 and round(q, 3) == 0.638


def test_the_weekly_model_is_bass_in_the_limit():
    # one department, no ambassadors, no cross term: in ever shorter steps the weekly model follows
    # Bass's continuous curve (p = 0.03, q = 0.38 per year, 10 years in steps of a hundredth)
    steps = 1000
    curve = expected_curve(Rates(0.03, 0.38, 0.0, 0.0).scaled(0.01), np.array([1.0]), np.array([0]), steps)
    years = np.arange(steps + 1) / 100
    assert curve[:, 0] == pytest.approx(bass_share(years, 0.03, 0.38), abs=2e-3)
    assert float(bass_share(10.0, 0.03, 0.38)) == pytest.approx(0.8128, abs=1e-4)  # 0.98343 / (1 + 12.667 * 0.016573)


def test_the_priors_are_the_published_averages_per_week():
    # p = 0.03 and q = 0.38 a year (Sultan, Farley & Lehmann 1990) over 365.25 / 7 = 52.18 weeks
    p, q, r = central(0.41)
    assert (p, q, r) == pytest.approx((0.03 / 52.17857, 0.38 / 52.17857, 0.41), rel=1e-6)
    draws = prior_draws(0.41, draws=2000)
    assert draws.shape == (2000, 3)
    assert draws[:, 0].min() >= 0.005 / 52.17857 and draws[:, 0].max() <= 0.05 / 52.17857
    assert draws[:, 2].min() >= 0.205 and draws[:, 2].max() <= 0.615
