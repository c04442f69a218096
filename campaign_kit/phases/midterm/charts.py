"""Phase-4 charts: KPI progress against the planned pace, and the weekly trend."""

from __future__ import annotations

import pandas as pd
from matplotlib.dates import AutoDateLocator
from matplotlib.figure import Figure

from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import date_axis, number_axis, tidy
from campaign_kit.phases.midterm.analysis import MidtermAnalysis
from campaign_kit.phases.midterm.report import RAG_COLOURS


def progress_chart(campaign: Campaign, analysis: MidtermAnalysis) -> Figure:
    """One small panel per measured KPI: the actual line, the planned pace and the target."""
    lang = campaign.language
    rows = analysis.progress[analysis.progress["measured"]]
    count = max(1, len(rows))
    columns = min(3, count)
    lines = (count + columns - 1) // columns
    fig = Figure(figsize=(9, 2.6 * lines), layout="constrained")
    fig.suptitle(t("chart.progress", lang), fontsize=11)
    for position, row in enumerate(rows.itertuples()):
        ax = fig.add_subplot(lines, columns, position + 1)
        series = analysis.levels.get(row.id, pd.Series(dtype=float))
        ax.plot(list(series.index), series.to_numpy(), color="#1f4e79", lw=2, label=t("chart.actual", lang))
        kpi = campaign.kpi(row.id)
        window = kpi.measure is not None and kpi.measure.window_days is not None
        start = campaign.start
        base = (kpi.baseline or 0.0) if window else 0.0
        ax.plot(
            [start, row.deadline], [base, row.target], color="#999999", ls="--", lw=1, label=t("chart.planned", lang)
        )
        ax.errorbar(
            [row.deadline],
            [row.forecast],
            yerr=[[row.forecast - row.low], [row.high - row.forecast]],
            fmt="o",
            color=RAG_COLOURS.get(row.status, "#555555"),
            capsize=3,
        )
        ax.axhline(row.target, color="#cccccc", lw=0.8)
        ax.set_title(f"{row.id} · {row.name}"[:42], fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=4))
        date_axis(ax, lang)
        number_axis(ax, lang)
        tidy(ax)
        if position == 0:
            ax.legend(fontsize=7, frameon=False, loc="upper left")
    return fig


def trend_chart(campaign: Campaign, analysis: MidtermAnalysis) -> Figure:
    lang = campaign.language
    fig = Figure(figsize=(9, 3.2), layout="constrained")
    ax = fig.add_subplot()
    weekly = analysis.weekly.pivot_table(index="week", columns="result", values="n", aggfunc="sum", fill_value=0)
    for result in weekly.columns:
        ax.plot(
            list(weekly.index), weekly[result].to_numpy(), marker="o", ms=3, lw=1.5, label=t(f"result.{result}", lang)
        )
    ax.set_title(t("chart.trend", lang), fontsize=11, loc="left")
    ax.set_xlabel(t("chart.week", lang), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_yscale("symlog", linthresh=10)
    number_axis(ax, lang)
    if len(weekly.columns):
        fig.legend(fontsize=7, frameon=False, ncols=min(4, len(weekly.columns)), loc="outside lower center")
    tidy(ax)
    return fig
