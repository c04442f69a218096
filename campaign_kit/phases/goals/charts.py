"""Phase-1 charts: cascade diagram, timeline and capacity; each takes calculation results, returns a Figure.

Figures are built with `Figure()` rather than pyplot so that a notebook shows each one exactly once
and no global state leaks between charts.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import numpy as np
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.textpath import TextPath

from campaign_kit.core.formats import date, month_label, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import (
    COLOURS,
    number_axis,
    share_over_time,
    tidy,
    value_label,
    wrap,
)
from campaign_kit.phases.goals.analysis import GoalsAnalysis, TeamOutcome, analyse_goals, month_range
from campaign_kit.spread.campaign import StartPlan


def cascade_chart(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> Figure | None:
    """Main goal → KPIs (sub-KPIs beneath their parent) → actions, as boxes and connecting lines.

    KPIs are green when they pass the SMART checks and red when they do not. None while the campaign
    has no KPIs yet (a tree of one box says nothing).
    """
    if not campaign.kpis:
        return None
    lang = campaign.language
    verdicts = {v.kpi: v.passed for v in (analysis or analyse_goals(campaign)).verdicts}
    kpi_ids = [k.id for k in campaign.kpis]
    children: dict[str, list[str]] = {"goal": [k.id for k in campaign.kpis if k.parent not in kpi_ids]}
    for kpi in campaign.kpis:
        children[kpi.id] = [k.id for k in campaign.kpis if k.parent == kpi.id] + [
            f"action:{a.id}" for a in campaign.actions if a.kpi == kpi.id
        ]

    depth: dict[str, int] = {}
    y: dict[str, float] = {}
    next_leaf = [0.0]

    def place(node: str, level: int) -> float:
        depth[node] = level
        kids = children.get(node, [])
        if not kids:
            y[node] = next_leaf[0]
            next_leaf[0] += 1
        else:
            y[node] = sum(place(kid, level + 1) for kid in kids) / len(kids)
        return y[node]

    place("goal", 0)
    kpi_depth = max([depth[k] for k in kpi_ids] or [1])
    for node in depth:
        if node.startswith("action:"):
            depth[node] = kpi_depth + 1  # all actions in the rightmost column

    leaves = max(next_leaf[0], 1)
    columns = kpi_depth + 2
    fig = Figure(figsize=(12, max(3.0, 0.62 * leaves + 1.0)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-0.05, columns - 0.05)
    ax.set_ylim(leaves - 0.4, -0.9)
    ax.axis("off")
    ax.set_title(t("chart.cascade.title", lang), loc="left", fontsize=12, fontweight="bold")

    box_w = 0.84
    names = {k.id: k for k in campaign.kpis}
    actions = {f"action:{a.id}": a for a in campaign.actions}

    def label(node: str) -> tuple[str, str]:
        if node == "goal":
            return wrap(campaign.goal.statement, 30), COLOURS["goal"]
        if node in actions:
            return wrap(f"{actions[node].id} {actions[node].description}", 34), COLOURS["action"]
        kpi = names[node]
        return wrap(f"{kpi.id} {kpi.name}", 30), COLOURS["pass" if verdicts[node] else "fail"]

    for parent, kids in children.items():
        if parent not in y:
            continue
        for kid in kids:
            ax.plot(
                [depth[parent] + box_w, depth[kid]],
                [y[parent], y[kid]],
                color="#9e9e9e",
                linewidth=1,
                zorder=1,
            )
    for node in y:
        text, colour = label(node)
        x = depth[node]
        ax.add_patch(
            FancyBboxPatch(
                (x, y[node] - 0.36),
                box_w,
                0.72,
                boxstyle="round,pad=0.01,rounding_size=0.05",
                facecolor=colour,
                edgecolor="none",
                zorder=2,
            )
        )
        ax.text(x + 0.03, y[node], text, va="center", ha="left", color="white", fontsize=8, zorder=3)
    return fig


CHECKPOINT_FONT = 7
ROW_POINTS = 11  # the height of one row of checkpoint labels
PLOT_WIDTH_INCHES = 6.5  # at least what the 12-inch timeline leaves its plot beside the action names


def label_rows(
    days: list[dt.date], labels: list[str], limits: tuple[float, float], inches: float, size: float
) -> list[int]:
    """The row of each label (0 nearest the plot) so that no two labels on a row overlap: each is
    measured in the font (TextPath) and converted to days at the plot's (smallest) width."""
    days_per_inch = (limits[1] - limits[0]) / inches
    ends: list[float] = []  # per row: the day the last label on it reaches
    rows = []
    for day, text in zip(days, labels, strict=True):
        start = mdates.date2num(day)
        width = (TextPath((0, 0), text, size=size).get_extents().width + 6) / 72 * days_per_inch
        row = next((i for i, end in enumerate(ends) if start > end), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = start + width
        rows.append(row)
    return rows


def timeline_chart(campaign: Campaign, as_of: dt.date) -> Figure | None:
    """Actions as bars from start to due date (a diamond when only a due date is known), coloured by
    status, with checkpoints and the as-of date as vertical lines. None while there are no actions."""
    if not campaign.actions:
        return None
    lang = campaign.language
    actions = sorted(campaign.actions, key=lambda a: (a.start or a.due, a.due, a.id))
    fig = Figure(figsize=(12, max(3.0, 0.42 * len(actions) + 2.0)), layout="constrained")
    ax = fig.add_subplot()
    for row, action in enumerate(actions):
        colour = COLOURS[action.status]
        if action.start is None:
            ax.plot([action.due], [row], marker="D", color=colour, markersize=8)
        else:
            width = (action.due - action.start).days + 1
            ax.barh(row, width, left=action.start, height=0.6, color=colour)
    ax.set_yticks(range(len(actions)))
    ax.set_yticklabels([textwrap.shorten(f"{a.id} {a.description}", 60, placeholder="…") for a in actions], fontsize=8)
    ax.invert_yaxis()
    ax.axvspan(campaign.start, campaign.end, color="#eceff1", zorder=0)
    on_top = ax.get_xaxis_transform()  # x in dates, y in axes fractions: labels above the plot area
    checkpoints = sorted(campaign.checkpoints, key=lambda c: c.date)
    labels = [f"{c.label or t(f'checkpoint.{c.kind}', lang)} {c.date:%d-%m}" for c in checkpoints]
    left, right = (
        min([campaign.start, *(a.start or a.due for a in actions)]),
        max([campaign.end, *(a.due for a in actions)]),
    )
    ax.set_xlim(left - dt.timedelta(days=3), right + dt.timedelta(days=3))
    rows = label_rows([c.date for c in checkpoints], labels, ax.get_xlim(), PLOT_WIDTH_INCHES, CHECKPOINT_FONT)
    for checkpoint, text, row in zip(checkpoints, labels, rows, strict=True):
        ax.axvline(checkpoint.date, color=COLOURS["checkpoint"], linestyle="--", linewidth=0.9)
        # labels close together go on rows above each other, never across each other
        ax.annotate(
            text,
            xy=(mdates.date2num(checkpoint.date), 1.0),
            xycoords=on_top,
            xytext=(2, 3 + ROW_POINTS * row),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=CHECKPOINT_FONT,
            color=COLOURS["checkpoint"],
        )
    ax.set_title(
        t("chart.timeline.title", lang),
        loc="left",
        fontsize=12,
        fontweight="bold",
        pad=8 + ROW_POINTS * (max(rows, default=-1) + 1),
    )
    ax.axvline(as_of, color="#ef6c00", linewidth=1.5)
    ax.text(
        as_of,
        -0.02,
        f"{t('chart.today', lang)} {date(as_of, lang)}",
        transform=on_top,
        color="#ef6c00",
        fontsize=8,
        va="top",
        ha="center",
        fontweight="bold",
    )
    ax.set_ylim(len(actions) - 0.4, -0.6)
    ticks = [dt.date(y, m, 1) for y, m in month_range(campaign.start, campaign.end)]
    ax.set_xticks(ticks)
    ax.set_xticklabels([month_label(d.year, d.month, lang) for d in ticks], fontsize=8)
    ax.tick_params(axis="x", pad=14)
    handles = [Patch(color=COLOURS[s], label=t(f"action.{s}", lang)) for s in ("todo", "doing", "done")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    tidy(ax)
    return fig


def capacity_chart(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> Figure | None:
    """Hours needed per month as bars (red where over capacity) with the hours available as a line.
    None while there are no actions to need hours."""
    if not campaign.actions:
        return None
    lang = campaign.language
    frame = (analysis or analyse_goals(campaign)).capacity
    labels = [month_label(y, m, lang) for y, m in zip(frame["year"], frame["month"], strict=True)]
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    ax = fig.add_subplot()
    colours = [COLOURS["over"] if over else COLOURS["ok"] for over in frame["over"]]
    positions = range(len(frame))
    ax.bar(positions, frame["needed"], color=colours, label=t("chart.needed", lang))
    ax.step(
        [p - 0.5 for p in positions] + [len(frame) - 0.5],
        list(frame["available"]) + [frame["available"].iloc[-1]] if len(frame) else [],
        where="post",
        color="#212121",
        linewidth=1.5,
        label=t("chart.available", lang),
    )
    top = max([*frame["needed"], *frame["available"], 1]) * 1.18
    for p, needed, available in zip(positions, frame["needed"], frame["available"], strict=True):
        value_label(ax, p, needed, number(round(needed), lang), available, top)
    ax.set_xticks(list(positions))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel(t("chart.hours", lang))
    number_axis(ax, lang)
    ax.set_title(t("chart.capacity.title", lang), loc="left", fontsize=12, fontweight="bold")
    ax.set_ylim(0, top)
    handles = [
        Patch(color=COLOURS["ok"], label=t("chart.needed", lang)),
        Patch(color=COLOURS["over"], label=t("chart.over", lang)),
        Line2D([], [], color="#212121", linewidth=1.5, label=t("chart.available", lang)),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    tidy(ax)
    return fig


def dodge(values: dict[int, float], gap: float, top: float) -> dict[int, float]:
    """Label heights near `values`, at least `gap` apart in the same order, none above `top`."""
    order = sorted(values, key=lambda k: values[k])
    placed: dict[int, float] = {}
    for k in order:
        placed[k] = max(values[k], placed[order[order.index(k) - 1]] + gap) if placed else values[k]
    excess = max(placed.values(), default=0) - top
    return {k: v - max(excess, 0) for k, v in placed.items()}


def spread_chart(campaign: Campaign, start: StartPlan | None) -> Figure | None:
    """The expected share reached week by week for the planned team and two more or fewer, the
    planned team's 80% range, and the target at its date. None without a plan."""
    if start is None:
        return None
    lang = campaign.language
    result = start.result
    days = [result.begin + dt.timedelta(weeks=w) for w in range(result.weeks + 1)]
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax = fig.add_subplot()
    planned = int(result.planned.sum())
    ax.fill_between(days, result.band[0], result.band[1], color=COLOURS["ok"], alpha=0.15, linewidth=0)
    ends = {n: float(curve[-1]) for n, curve in result.around.items()}
    # a share that stays small is drawn on its own scale, not flat along a 0-100% axis
    top = min(1.05, 1.25 * max(start.target, float(result.band.max()), *ends.values()) + 0.02)
    heights = dodge(ends, gap=0.045 * top, top=0.98 * top)
    for n, curve in result.around.items():
        own = n == planned
        ax.plot(
            days,
            curve,
            color=COLOURS["ok"] if own else COLOURS["todo"],
            linewidth=2.2 if own else 1.0,
            linestyle="-" if own else "--",
        )
        ax.annotate(  # right of the last week, moved apart where the curves end close together
            t("chart.spread.team", lang, n=n),
            (days[-1], ends[n]),
            xytext=(4, heights[n]),
            textcoords=("offset points", "data"),
            va="center",
            fontsize=8,
            color=COLOURS["ok"] if own else "#546e7a",
            fontweight="bold" if own else "normal",
        )
    # up to the last week only: the team labels right of the curves are never struck through
    ax.hlines(start.target, days[0], days[-1], color=COLOURS["goal"], linewidth=1, linestyle=":")
    ax.annotate(
        t("chart.spread.target", lang, target=percent(start.target, lang), date=date(start.by, lang)),
        (days[0], start.target),
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=8,
        color=COLOURS["goal"],
    )
    share_over_time(ax, lang, top, t("chart.spread.share", lang), t("chart.spread.title", lang))
    tidy(ax)
    return fig


def what_if_chart(campaign: Campaign, start: StartPlan, outcome: TeamOutcome) -> Figure:
    """The what-if form's chart: the expected share reached week by week by the team the sliders
    place, beside the planned team's, with the target up to its date."""
    lang = campaign.language
    result = start.result
    days = [result.begin + dt.timedelta(weeks=w) for w in range(result.weeks + 1)]
    # fixed margins, not a constrained layout: the chart is redrawn on every slider move, and the
    # layout's second pass would double the time it takes
    fig = Figure(figsize=(9, 3.6))
    fig.subplots_adjust(left=0.09, right=0.93, top=0.9, bottom=0.1)
    ax = fig.add_subplot()
    planned = int(result.planned.sum())
    ax.plot(
        days,
        result.planned_curve,
        color=COLOURS["todo"],
        linewidth=1.2,
        linestyle="--",
        label=t("whatif.chart.planned", lang, n=number(planned, lang)),
    )
    n = outcome.size
    ax.plot(
        days,
        outcome.curve,
        color=COLOURS["ok"],
        linewidth=2.4,
        label=t(
            "whatif.chart.chosen.none" if n == 0 else "whatif.chart.chosen.one" if n == 1 else "whatif.chart.chosen",
            lang,
            n=number(n, lang),
        ),
    )
    ax.annotate(
        percent(outcome.reach, lang),
        (days[-1], outcome.reach),
        xytext=(4, 0),
        textcoords="offset points",
        va="center",
        fontsize=9,
        fontweight="bold",
        color=COLOURS["ok"],
    )
    # a share that stays small is drawn on its own scale, not flat along a 0-100% axis
    top = min(1.05, 1.25 * max(outcome.target, outcome.reach, float(result.planned_curve[-1])) + 0.02)
    ax.hlines(outcome.target, days[0], start.by, color=COLOURS["goal"], linewidth=1.2, linestyle=":")
    ax.axvline(start.by, color=COLOURS["goal"], linewidth=0.8, linestyle=":")
    label = t("chart.spread.target", lang, target=percent(outcome.target, lang), date=date(start.by, lang))
    by_week = (start.by - result.begin).days / 7
    right, above = target_label_place(
        [result.planned_curve, outcome.curve], outcome.target, top, by_week, 0.011 * len(label) * result.weeks
    )
    ax.annotate(
        label,
        (start.by if right else days[0], outcome.target),
        xytext=(-4 if right else 4, 4 if above else -4),
        textcoords="offset points",
        ha="right" if right else "left",
        va="bottom" if above else "top",
        fontsize=8,
        color=COLOURS["goal"],
    )
    share_over_time(ax, lang, top, t("chart.spread.share", lang), t("chart.spread.title", lang))
    ax.legend(loc="best", fontsize=8, frameon=False)
    tidy(ax)
    return fig


def target_label_place(
    curves: list[np.ndarray], target: float, top: float, end: float, width: float
) -> tuple[bool, bool]:
    """Where the target's label crosses fewest curves: (right, above). The label sits on the target
    line, at its right end (`end`, in weeks) or its left, above or below it; `width` is its length in
    weeks and its height a fifteenth of the plot. Curves are shares after each week."""
    height = top / 15
    weeks = np.linspace(0, len(curves[0]) - 1, 400)
    fine = [np.interp(weeks, np.arange(len(curve)), curve) for curve in curves]
    best: tuple[int, bool, bool] | None = None
    for right, above in ((True, True), (False, True), (True, False), (False, False)):
        low, high = (target, target + height) if above else (target - height, target)
        if low < 0 or high > top:
            continue
        start = end - width if right else 0.0
        span = (weeks >= start) & (weeks <= start + width)
        crossed = sum(int(np.sum(span & (curve >= low) & (curve <= high))) for curve in fine)
        if best is None or crossed < best[0]:
            best = (crossed, right, above)
    return (True, True) if best is None else (best[1], best[2])
