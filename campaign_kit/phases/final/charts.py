"""Phase-5 chart: total cost against the budget."""

from __future__ import annotations

from matplotlib.figure import Figure

from campaign_kit.core.formats import money
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import money_axis, tidy
from campaign_kit.phases.final.analysis import FinalAnalysis


def cost_chart(campaign: Campaign, analysis: FinalAnalysis) -> Figure:
    """Where the money went, against the budget."""
    lang = campaign.language
    fig = Figure(figsize=(8, 2.4), layout="constrained")
    ax = fig.add_subplot()
    costs = analysis.costs
    parts = [
        (t("final.cost.incentives", lang), costs.incentives, "#1f4e79"),
        (t("final.cost.prizes", lang), costs.prizes, "#6a9fd4"),
        (t("final.cost.fixed", lang), costs.fixed, "#b0b7c3"),
    ]
    left = 0.0
    for label, value, colour in parts:
        ax.barh([0], [value], left=left, color=colour, label=f"{label}: {money(value, campaign)}")
        left += value
    if costs.budget:
        ax.axvline(costs.budget, color="#c62828", lw=2)
        ax.text(
            costs.budget,
            0.45,
            f" {t('final.cost.budget', lang)} {money(costs.budget, campaign)}",
            color="#c62828",
            fontsize=8,
        )
    ax.set_yticks([])
    money_axis(ax, campaign, "x")
    ax.set_title(t("chart.cost", lang), fontsize=11, loc="left")
    fig.legend(fontsize=8, frameon=False, ncols=3, loc="outside lower center")
    tidy(ax)
    return fig
