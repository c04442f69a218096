"""Phase-4 charts: KPI progress against the planned pace, and the weekly trend."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from matplotlib.dates import AutoDateLocator
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from campaign_kit.core.formats import date, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import COLOURS, date_axis, number_axis, share_over_time, tidy
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
    """Events per week, one small panel per result on its own linear scale: clicks in the hundreds
    and completions in single figures each stay readable."""
    lang = campaign.language
    weekly = analysis.weekly.pivot_table(index="week", columns="result", values="n", aggfunc="sum", fill_value=0)
    results = [r for r in weekly.columns if weekly[r].sum() > 0]
    columns = min(3, max(1, len(results)))
    rows = max(1, -(-len(results) // columns))
    fig = Figure(figsize=(10, 0.6 + 2.1 * rows), layout="constrained")
    fig.suptitle(t("chart.trend", lang), x=0.01, ha="left", fontsize=11)
    if not results:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, t("chart.no_activity", lang), ha="center", va="center", fontsize=9, color="#5f6b6d")
        return fig
    axes = fig.subplots(rows, columns, sharex=True, squeeze=False).ravel()
    weeks = [pd.Timestamp(w).to_pydatetime() for w in weekly.index]
    for ax, result in zip(axes, results, strict=False):
        ax.plot(weeks, weekly[result].to_numpy(), marker="o", ms=3, lw=1.5, color="#2e75b6")
        ax.set_title(t(f"count.{result}", lang), loc="left", fontsize=9)
        ax.set_ylim(0, max(1, weekly[result].max()) * 1.15)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        number_axis(ax, lang)
        ax.xaxis.set_major_locator(AutoDateLocator(maxticks=4))
        date_axis(ax, lang)
        ax.tick_params(labelsize=7)
        tidy(ax)
    for ax in axes[len(results) :]:
        ax.set_visible(False)
    return fig


def oilspot_chart(campaign: Campaign, analysis: MidtermAnalysis) -> Figure | None:
    """The share of the group reached week by week as measured, the fitted model over the same weeks,
    the forecast from now to the target date with its 80% range, and the target. None without a target."""
    s = analysis.spread
    if s is None:
        return None
    lang = campaign.language
    past = [s.begin + dt.timedelta(weeks=w) for w in range(s.weeks + 1)]
    future = [s.now + dt.timedelta(weeks=w) for w in range(s.weeks_to_go + 1)]
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax = fig.add_subplot()
    handles = []
    if s.weeks_to_go:
        low, high, ahead = s.band[0].copy(), s.band[1].copy(), s.ahead[: s.weeks_to_go + 1].copy()
        last = s.by + dt.timedelta(days=1)  # the end of the target date
        if future[-1] > last:  # the last week ends after the target date: end the forecast on the date itself
            future[-1] = last
            low[-1], high[-1] = s.band_by
            ahead[-1] = s.expected_by
        ax.fill_between(future, low, high, color=COLOURS["ok"], alpha=0.15, linewidth=0)
        (line,) = ax.plot(future, ahead, color=COLOURS["ok"], linewidth=2, linestyle="--")
        handles.append((Patch(facecolor=COLOURS["ok"], alpha=0.3, edgecolor=COLOURS["ok"]), line))
    if s.fitted is not None:
        (fitted,) = ax.plot(past, s.fitted, color="#546e7a", linewidth=1, linestyle=":")
    (measured,) = ax.plot(past, s.actual, color="#212121", linewidth=1.6, marker="o", markersize=3.5)
    labels = [t("chart.oilspot.actual", lang)]
    legend = [measured]
    if s.fitted is not None:
        legend.append(fitted)
        labels.append(t("chart.oilspot.fitted", lang))
    if handles:
        legend.append(handles[0])
        labels.append(t("chart.oilspot.forecast", lang))
    end = max(past[-1], future[-1])
    ax.hlines(s.target, past[0], end, color=COLOURS["goal"], linewidth=1, linestyle=":")
    ax.annotate(
        t("chart.spread.target", lang, target=percent(s.target, lang), date=date(s.by, lang)),
        (past[0], s.target),
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=8,
        color=COLOURS["goal"],
    )
    top = min(1.05, 1.25 * max(s.target, float(s.band.max()), float(s.actual.max())) + 0.02)
    share_over_time(ax, lang, top, t("chart.spread.share", lang), t("chart.oilspot.title", lang))
    ax.legend(legend, labels, loc="upper left", fontsize=8, frameon=False)
    tidy(ax)
    return fig
