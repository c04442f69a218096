"""Phase-3 report: tables, sentences and charts for the rules of the game and the budget risk.

`analyse(campaign)` runs the simulation once; every function below only formats or draws its results.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .charts import tidy
from .i18n import number, percent, t
from .model import Campaign
from .rewards import (
    EffortCheck,
    Simulation,
    _rewards,
    ambassadors_for,
    cost_per_result,
    effort_check,
    expectations,
    fixed_cost_total,
    months_for,
    scenario_costs,
    simulate,
    simulation_summary,
)


@dataclass
class RewardsAnalysis:
    scenarios: pd.DataFrame
    simulation: Simulation
    summary: dict[str, float]
    effort: EffortCheck


def analyse(campaign: Campaign) -> RewardsAnalysis:
    simulation = simulate(campaign)
    return RewardsAnalysis(
        scenario_costs(campaign), simulation, simulation_summary(simulation), effort_check(campaign, simulation)
    )


def money(value: float | None, campaign: Campaign) -> str:
    """An amount in the campaign's currency: whole units when it is whole or large, else cents."""
    if value is None:
        return "–"
    currency = _rewards(campaign).currency
    symbol = {"EUR": "€", "GBP": "£", "USD": "$"}.get(currency, currency + " ")
    whole = abs(value) >= 100 or float(value).is_integer()
    return f"{symbol}{number(round(value) if whole else value, campaign.language, 0 if whole else 2)}"


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
            t("col.deadline", lang): [d.isoformat() if d else "–" for d in frame["deadline"]],
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
    return t("ranking", lang, what=_result(rewards.prize_ranking, lang), tie=t(f"tie.{rewards.tie_rule}", lang))


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
        table[_result(result, lang)] = [
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
            t("col.expected_results", lang): [number(v, lang, 1) for v in frame["expected_results"]],
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


# charts --------------------------------------------------------------------------------------------
def distribution_chart(campaign: Campaign, analysis: RewardsAnalysis) -> Figure:
    """Histogram of simulated total cost with the budget and the 5th/95th percentiles."""
    lang = campaign.language
    totals = analysis.simulation.totals
    budget = analysis.summary["budget"]
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    ax = fig.add_subplot()
    bins = min(30, max(10, len(np.unique(totals))))
    _, edges, patches = ax.hist(totals, bins=bins, color="#2e75b6")
    for patch, left in zip(patches, edges[:-1], strict=True):
        if left >= budget:
            patch.set_facecolor("#c62828")
    ax.axvline(budget, color="#212121", linewidth=2)
    ax.text(
        budget, ax.get_ylim()[1] * 0.95, f" {t('chart.budget', lang)} {money(budget, campaign)}", fontsize=9, va="top"
    )
    for q in ("p5", "p95"):
        ax.axvline(analysis.summary[q], color="#9e9e9e", linestyle="--", linewidth=1)
    ax.set_xlabel(_rewards(campaign).currency)
    ax.set_ylabel(t("chart.campaigns", lang))
    ax.set_title(t("chart.distribution.title", lang), loc="left", fontsize=12, fontweight="bold")
    tidy(ax)
    return fig


PARTS = (("incentives", "#2e75b6"), ("prizes", "#c55a11"), ("fixed", "#7f7f7f"))


def scenarios_chart(campaign: Campaign, analysis: RewardsAnalysis) -> Figure:
    """Stacked bars per scenario: rewards per result, prizes and fixed costs, with the budget line."""
    lang = campaign.language
    frame = analysis.scenarios
    fig = Figure(figsize=(8, 3.8), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(frame))
    bottom = np.zeros(len(frame))
    for part, colour in PARTS:
        values = frame[part].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, color=colour, label=t(f"col.{part}", lang), width=0.55)
        bottom += values
    for xi, total in zip(x, bottom, strict=True):
        ax.text(xi, total, money(total, campaign), ha="center", va="bottom", fontsize=9)
    ax.axhline(frame["budget"].iloc[0], color="#212121", linewidth=1.5, label=t("chart.budget", lang))
    ax.set_xticks(x)
    ax.set_xticklabels([t(f"scenario.{s}", lang) for s in frame["scenario"]])
    ax.set_ylim(0, max(bottom.max(), frame["budget"].iloc[0]) * 1.15)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title(t("chart.scenarios.title", lang), loc="left", fontsize=12, fontweight="bold")
    tidy(ax)
    return fig


def breakdown_chart(campaign: Campaign, analysis: RewardsAnalysis) -> Figure:
    """Expected cost by part: each reward rule's result type, the prizes, each fixed cost."""
    lang = campaign.language
    rewards = _rewards(campaign)
    labels, values = [], []
    for result, cost in analysis.simulation.incentives.items():
        labels.append(_result(result, lang))
        values.append(cost)
    labels.append(t("col.prizes", lang))
    values.append(analysis.simulation.prizes)
    for cost in rewards.fixed_costs:
        labels.append(cost.item if len(cost.item) <= 40 else cost.item[:39] + "…")
        values.append(cost.amount if cost.amount is not None else cost.hours * cost.rate)
    order = np.argsort(values)[::-1]
    fig = Figure(figsize=(10, max(2.5, 0.38 * len(values) + 1.2)), layout="constrained")
    ax = fig.add_subplot()
    colours = ["#2e75b6"] * len(analysis.simulation.incentives) + ["#c55a11"] + ["#7f7f7f"] * len(rewards.fixed_costs)
    ax.barh(range(len(values)), [values[i] for i in order], color=[colours[i] for i in order])
    ax.set_yticks(range(len(values)))
    ax.set_yticklabels([labels[i] for i in order], fontsize=8)
    ax.invert_yaxis()
    for y, i in enumerate(order):
        ax.text(values[i], y, " " + money(values[i], campaign), va="center", fontsize=8)
    ax.set_xlim(0, max(values) * 1.2 if values else 1)
    ax.set_title(t("chart.breakdown.title", lang), loc="left", fontsize=12, fontweight="bold")
    tidy(ax)
    return fig


def headlines(campaign: Campaign, analysis: RewardsAnalysis) -> list[tuple[str, str]]:
    """Phase 3 on the index page: the budget, the likely cost and the chance of going over."""
    lang = campaign.language
    summary = analysis.summary
    return [
        (t("headline.budget", lang), money(summary["budget"], campaign)),
        (t("headline.median_cost", lang), money(summary["p50"], campaign)),
        (t("headline.over_budget", lang), percent(summary["p_over_budget"], lang)),
    ]
