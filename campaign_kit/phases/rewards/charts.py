"""Phase-3 charts: the cost distribution, the three scenarios and the cost breakdown."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from campaign_kit.core.formats import money
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import money_axis, number_axis, tidy, value_label
from campaign_kit.phases.rewards.analysis import (
    RewardsAnalysis,
    _rewards,
)
from campaign_kit.phases.rewards.report import PARTS, _result


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
    tallest = max((p.get_height() for p in patches), default=1)
    ax.set_ylim(0, tallest * 1.25)  # a band above the bars for the budget's label
    ax.axvline(budget, color="#212121", linewidth=2)
    right = budget > sum(ax.get_xlim()) / 2  # the label on the side with room, away from the line
    ax.annotate(
        f"{t('chart.budget', lang)} {money(budget, campaign)}",
        (budget, 1.0),
        xycoords=ax.get_xaxis_transform(),
        xytext=(-4 if right else 4, -3),
        textcoords="offset points",
        ha="right" if right else "left",
        va="top",
        fontsize=9,
    )
    for q in ("p5", "p95"):  # only as high as the bars, so they never run through the budget's label
        ax.vlines(analysis.summary[q], 0, tallest * 1.05, color="#9e9e9e", linestyle="--", linewidth=1)
    ax.set_ylabel(t("chart.campaigns", lang))
    money_axis(ax, campaign, "x")
    number_axis(ax, lang)
    ax.set_title(t("chart.distribution.title", lang), loc="left", fontsize=12, fontweight="bold")
    tidy(ax)
    return fig


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
    budget = frame["budget"].iloc[0]
    top = max(bottom.max(), budget) * 1.18
    ax.set_ylim(0, top)
    for xi, total in zip(x, bottom, strict=True):
        value_label(ax, xi, total, money(total, campaign), budget, top, size=9)
    ax.axhline(budget, color="#212121", linewidth=1.5, label=t("chart.budget", lang))
    ax.set_xticks(x)
    ax.set_xticklabels([t(f"scenario.{s}", lang) for s in frame["scenario"]])
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title(t("chart.scenarios.title", lang), loc="left", fontsize=12, fontweight="bold")
    money_axis(ax, campaign)
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
    money_axis(ax, campaign, "x")
    tidy(ax)
    return fig
