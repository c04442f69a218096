"""Phase-2 charts: score per criterion, team against population, the funnel."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from campaign_kit.core.formats import number
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import number_axis, percent_axis, tidy
from campaign_kit.phases.selection.analysis import funnel
from campaign_kit.phases.selection.report import SelectionAnalysis, criterion_label, display_names

PALETTE = ("#1f4e79", "#2e75b6", "#9dc3e6", "#548235", "#a9d18e", "#c55a11", "#f4b183", "#7030a0", "#bfbfbf")


def contributions_chart(campaign: Campaign, analysis: SelectionAnalysis) -> Figure:
    """The team's scores as stacked bars: how many points each criterion contributes."""
    lang = campaign.language
    names = display_names(campaign, analysis)
    rows = analysis.scored.set_index("id").loc[analysis.team_ids]
    criteria = list(campaign.selection.criteria)
    fig = Figure(figsize=(10, max(2.5, 0.5 * len(rows) + 1.6)), layout="constrained")
    ax = fig.add_subplot()
    left = np.zeros(len(rows))
    for i, name in enumerate(criteria):
        points = rows[f"{name}_points"].to_numpy(dtype=float)
        ax.barh(range(len(rows)), points, left=left, color=PALETTE[i % len(PALETTE)], label=criterion_label(name, lang))
        left += points
    for y, total in enumerate(left):
        ax.text(total + 0.8, y, number(round(total), lang), va="center", fontsize=8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([names[i] for i in rows.index], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 105)
    number_axis(ax, lang, "x")
    ax.set_title(t("chart.contributions.title", lang), loc="left", fontsize=12, fontweight="bold")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    tidy(ax)
    return fig


def composition_chart(campaign: Campaign, analysis: SelectionAnalysis) -> Figure:
    """Share of each department in the population and in the team, side by side."""
    lang = campaign.language
    employees = analysis.people.employees
    team = employees[employees["id"].isin(analysis.team_ids)]
    population = employees["department"].value_counts(normalize=True).sort_index()
    members = team["department"].value_counts(normalize=True).reindex(population.index, fill_value=0)
    fig = Figure(figsize=(10, max(2.5, 0.45 * len(population) + 1.4)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(population))
    ax.barh(y - 0.2, population.to_numpy(), height=0.4, color="#9dc3e6", label=t("chart.population", lang))
    ax.barh(y + 0.2, members.to_numpy(), height=0.4, color="#1f4e79", label=t("chart.team", lang))
    ax.set_yticks(y)
    ax.set_yticklabels(list(population.index), fontsize=9)
    ax.invert_yaxis()
    percent_axis(ax, lang)
    ax.set_title(t("chart.composition.title", lang), loc="left", fontsize=12, fontweight="bold")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    tidy(ax)
    return fig


def funnel_chart(campaign: Campaign, analysis: SelectionAnalysis) -> Figure:
    lang = campaign.language
    frame = funnel(analysis.scored, campaign.selection)
    fig = Figure(figsize=(8, 3.2), layout="constrained")
    ax = fig.add_subplot()
    colours = ["#9dc3e6", "#2e75b6", "#1f4e79", "#548235", "#c55a11", "#2e7d32"]
    ax.barh(range(len(frame)), frame["count"], color=colours)
    for y, count in enumerate(frame["count"]):
        ax.text(count + 0.2, y, number(count, lang), va="center", fontsize=9)
    ax.set_yticks(range(len(frame)))
    ax.set_yticklabels([t(f"stage.{s}", lang) for s in frame["stage"]], fontsize=9)
    ax.invert_yaxis()
    number_axis(ax, lang, "x")
    ax.set_title(t("chart.funnel.title", lang), loc="left", fontsize=12, fontweight="bold")
    tidy(ax)
    return fig
