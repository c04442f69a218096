"""Phase-3 report: tables, sentences and charts for the rules of the game and the budget risk.

`analyse(campaign)` runs the simulation once; every function below only formats or draws its results.
"""

from __future__ import annotations

import pandas as pd

from campaign_kit.core.formats import date, money, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.phases.rewards.analysis import (
    RewardsAnalysis,
    _rewards,
    ambassadors_for,
    cost_per_result,
    expectations,
    fixed_cost_total,
    months_for,
)


def _result(name: str, lang: str) -> str:
    return t(f"result.{name}", lang)


def expectations_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    frame = expectations(campaign)
    return pd.DataFrame(
        {
            t("col.kpi", lang): frame["id"],
            t("col.name", lang): frame["name"],
            t("col.per_ambassador_target", lang): [
                number(v, lang, 0 if float(v).is_integer() else 1) for v in frame["per_ambassador"]
            ],
            t("col.unit", lang): frame["unit"],
            t("col.deadline", lang): [date(d, lang) if d else "–" for d in frame["deadline"]],
        }
    )


def hours_text(campaign: Campaign) -> str:
    rewards = _rewards(campaign)
    months = months_for(campaign)
    return t(
        "expectations.hours",
        campaign.language,
        hours=number(rewards.hours_per_month, campaign.language),
        months=months,
        total=number(rewards.hours_per_month * months, campaign.language),
        team=ambassadors_for(campaign),
    )


def rules_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    rules = _rewards(campaign).rules
    return pd.DataFrame(
        {
            t("col.result", lang): [_result(r.result, lang) for r in rules],
            t("col.amount", lang): [money(r.amount, campaign) for r in rules],
            t("col.cap_period", lang): [money(r.cap_per_period, campaign) for r in rules],
            t("col.cap_ambassador", lang): [money(r.cap_per_ambassador, campaign) for r in rules],
        }
    )


def prizes_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    prizes = sorted(_rewards(campaign).prizes, key=lambda p: p.place)
    return pd.DataFrame(
        {
            t("col.place", lang): [p.place for p in prizes],
            t("col.prize", lang): [p.description for p in prizes],
            t("col.value", lang): [money(p.value, campaign) for p in prizes],
        }
    )


def ranking_text(campaign: Campaign) -> str:
    rewards = _rewards(campaign)
    lang = campaign.language
    return t("ranking", lang, what=t(f"count.{rewards.prize_ranking}", lang), tie=t(f"tie.{rewards.tie_rule}", lang))


def fixed_costs_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    costs = _rewards(campaign).fixed_costs
    rows = [
        {
            t("col.cost_item", lang): c.item,
            t("col.value", lang): money(c.amount if c.amount is not None else c.hours * c.rate, campaign),
            t("col.hours", lang): "" if c.hours is None else f"{number(c.hours, lang)} × {money(c.rate, campaign)}",
        }
        for c in costs
    ]
    rows.append(
        {
            t("col.cost_item", lang): t("col.total", lang),
            t("col.value", lang): money(fixed_cost_total(_rewards(campaign)), campaign),
            t("col.hours", lang): "",
        }
    )
    return pd.DataFrame(rows)


def scenario_table(campaign: Campaign, analysis: RewardsAnalysis) -> pd.DataFrame:
    lang = campaign.language
    frame = analysis.scenarios
    results = [c.removeprefix("results_") for c in frame.columns if c.startswith("results_")]
    table = {t("col.scenario", lang): [t(f"scenario.{s}", lang) for s in frame["scenario"]]}
    for result in results:
        table[t(f"count.{result}", lang)] = [
            f"{number(n, lang, 0 if float(n).is_integer() else 1)} → {money(v, campaign)}"
            for n, v in zip(frame[f"results_{result}"], frame[f"reward_{result}"], strict=True)
        ]
    table[t("col.prizes", lang)] = [money(v, campaign) for v in frame["prizes"]]
    table[t("col.fixed", lang)] = [money(v, campaign) for v in frame["fixed"]]
    table[t("col.total", lang)] = [money(v, campaign) for v in frame["total"]]
    table[t("col.within", lang)] = [t("yes" if w else "no", lang) for w in frame["within_budget"]]
    return pd.DataFrame(table)


def simulation_text(campaign: Campaign, analysis: RewardsAnalysis) -> str:
    rewards = _rewards(campaign)
    summary = analysis.summary
    return t(
        "simulation.text",
        campaign.language,
        draws=number(len(analysis.simulation.totals), campaign.language),
        seed=rewards.simulation.seed,
        p50=money(summary["p50"], campaign),
        p5=money(summary["p5"], campaign),
        p95=money(summary["p95"], campaign),
        p_over=percent(summary["p_over_budget"], campaign.language),
        budget=money(rewards.budget, campaign),
    )


def cost_per_result_table(campaign: Campaign, analysis: RewardsAnalysis) -> pd.DataFrame:
    lang = campaign.language
    frame = cost_per_result(analysis.simulation)
    return pd.DataFrame(
        {
            t("col.result", lang): [_result(r, lang) for r in frame["result"]],
            # a whole expectation is written whole (144, not 144.0); a fraction keeps one decimal (3.6 hires)
            t("col.expected_results", lang): [
                number(v, lang, 0 if float(v).is_integer() else 1) for v in frame["expected_results"]
            ],
            t("col.reward_cost", lang): [money(v, campaign) for v in frame["expected_reward_cost"]],
            t("col.cost_per_result", lang): [money(v, campaign) for v in frame["total_cost_per_result"]],
        }
    )


def effort_text(campaign: Campaign, analysis: RewardsAnalysis) -> list[str]:
    lang = campaign.language
    rewards = _rewards(campaign)
    effort = analysis.effort
    lines = [
        t(
            "effort.text",
            lang,
            reward=money(effort.reward_per_ambassador, campaign),
            hours=number(effort.hours_asked, lang),
            per_hour=money(effort.reward_per_hour, campaign),
            share=percent(effort.incentive_share, lang),
        )
    ]
    if effort.symbolic:
        lines.append(t("effort.symbolic", lang, threshold=money(rewards.symbolic_below_per_hour, campaign)))
    if effort.incentives_dominate:
        lines.append(t("effort.dominate", lang, threshold=percent(rewards.incentive_share_warning, lang)))
    if not effort.symbolic and not effort.incentives_dominate:
        lines.append(t("effort.balanced", lang))
    return lines


PARTS = (("incentives", "#2e75b6"), ("prizes", "#c55a11"), ("fixed", "#7f7f7f"))


# the chance of going over budget a plan can live with, and the one it should not be run with
RISK_LOW, RISK_HIGH = 0.10, 0.25


def executive_summary(campaign: Campaign, analysis: RewardsAnalysis) -> Summary:
    """Phase 3 at a glance: budget, the likely cost with its 90% range, the chance of going over, and
    what the reward is worth per hour asked; then whether the plan fits the budget."""
    lang = campaign.language
    summary = analysis.summary
    budget, p50, p95 = summary["budget"], summary["p50"], summary["p95"]
    risk = summary["p_over_budget"]
    cost_state = "good" if p95 <= budget else "warn" if p50 <= budget else "bad"
    risk_state = "good" if risk <= RISK_LOW else "warn" if risk <= RISK_HIGH else "bad"
    effort = analysis.effort
    tiles = (
        Tile(t("headline.budget", lang), money(budget, campaign)),
        Tile(
            t("headline.median_cost", lang),
            money(p50, campaign),
            cost_state,
            t({"good": "summary.fits", "warn": "summary.tight", "bad": "summary.over"}[cost_state], lang),
            t("summary.range90", lang, low=money(summary["p5"], campaign), high=money(p95, campaign)),
        ),
        Tile(
            t("headline.over_budget", lang),
            percent(risk, lang),
            risk_state,
            t({"good": "summary.risk_low", "warn": "summary.risk_some", "bad": "summary.risk_high"}[risk_state], lang),
        ),
        Tile(
            t("summary.rewards.per_hour", lang),
            money(effort.reward_per_hour, campaign),
            "warn" if effort.symbolic or effort.incentives_dominate else "good",
            t("summary.symbolic", lang)
            if effort.symbolic
            else t("summary.dominant", lang)
            if effort.incentives_dominate
            else t("summary.balanced", lang),
            t("summary.hours_asked", lang, hours=number(effort.hours_asked, lang)),
        ),
    )
    key = {"good": "summary.rewards.fits", "warn": "summary.rewards.tight", "bad": "summary.rewards.over"}[cost_state]
    sentence = t(
        key,
        lang,
        budget=money(budget, campaign),
        high=money(p95, campaign),
        risk=percent(risk, lang),
        median=money(p50, campaign),
    )
    return Summary(tiles, (sentence,))
