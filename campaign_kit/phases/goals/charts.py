"""Phase-1 charts: cascade diagram, timeline and capacity; each takes calculation results, returns a Figure.

Figures are built with `Figure()` rather than pyplot so that a notebook shows each one exactly once
and no global state leaks between charts.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from campaign_kit.core.formats import date, month_label, number
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display.style import COLOURS, number_axis, tidy, wrap
from campaign_kit.phases.goals.analysis import GoalsAnalysis, analyse_goals, month_range


def cascade_chart(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> Figure:
    """Main goal → KPIs (sub-KPIs beneath their parent) → actions, as boxes and connecting lines.

    KPIs are green when they pass the SMART checks and red when they do not.
    """
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


def timeline_chart(campaign: Campaign, as_of: dt.date) -> Figure:
    """Actions as bars from start to due date (a diamond when only a due date is known), coloured by
    status, with checkpoints and the as-of date as vertical lines."""
    lang = campaign.language
    actions = sorted(campaign.actions, key=lambda a: (a.start or a.due, a.due, a.id))
    fig = Figure(figsize=(12, max(3.0, 0.42 * len(actions) + 2.0)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(t("chart.timeline.title", lang), loc="left", fontsize=12, fontweight="bold", pad=95)
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
    previous: tuple[dt.date, int] | None = None
    for checkpoint in sorted(campaign.checkpoints, key=lambda c: c.date):
        ax.axvline(checkpoint.date, color=COLOURS["checkpoint"], linestyle="--", linewidth=0.9)
        text = checkpoint.label or t(f"checkpoint.{checkpoint.kind}", lang)
        # checkpoints close together get their labels on alternate heights so they do not overlap
        close = previous is not None and (checkpoint.date - previous[0]).days < 21
        level = 1 - previous[1] if close else 0
        ax.text(
            checkpoint.date,
            1.01 + 0.16 * level,
            f"{text} {checkpoint.date:%d-%m}",
            transform=on_top,
            rotation=25,
            ha="left",
            va="bottom",
            fontsize=7,
            color=COLOURS["checkpoint"],
        )
        previous = (checkpoint.date, level)
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


def capacity_chart(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> Figure:
    """Hours needed per month as bars (red where over capacity) with the hours available as a line."""
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
    for p, needed in zip(positions, frame["needed"], strict=True):
        ax.text(p, needed, number(round(needed), lang), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(positions))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel(t("chart.hours", lang))
    number_axis(ax, lang)
    ax.set_title(t("chart.capacity.title", lang), loc="left", fontsize=12, fontweight="bold")
    ax.set_ylim(0, max([*frame["needed"], *frame["available"], 1]) * 1.18)
    handles = [
        Patch(color=COLOURS["ok"], label=t("chart.needed", lang)),
        Patch(color=COLOURS["over"], label=t("chart.over", lang)),
        Line2D([], [], color="#212121", linewidth=1.5, label=t("chart.available", lang)),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    tidy(ax)
    return fig
