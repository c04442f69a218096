"""The look every report chart shares: colours, axes and label wrapping."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from babel.dates import format_skeleton
from matplotlib.dates import num2date
from matplotlib.ticker import FuncFormatter

from campaign_kit.core.formats import money, number, percent
from campaign_kit.core.i18n import locale

if TYPE_CHECKING:
    from campaign_kit.core.model import Campaign

COLOURS = {
    "goal": "#1f4e79",
    "pass": "#2e7d32",
    "fail": "#c62828",
    "action": "#546e7a",
    "todo": "#90a4ae",
    "doing": "#1976d2",
    "done": "#2e7d32",
    "cancelled": "#cfd8dc",
    "over": "#c62828",
    "ok": "#1976d2",
    "checkpoint": "#6a1b9a",
}


def tidy(ax) -> None:  # noqa: ANN001 - a matplotlib Axes
    """Report charts show only the left and bottom axis lines."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, max_lines=3, placeholder="…")) or text


# Tick labels say what the tables say: the campaign's number format, currency and dates (Babel).


def number_axis(ax, lang: str, axis: str = "y") -> None:  # noqa: ANN001 - a matplotlib Axes
    _axis(ax, axis).set_major_formatter(FuncFormatter(lambda value, _pos: number(_tick(value), lang)))


def percent_axis(ax, lang: str, axis: str = "x") -> None:  # noqa: ANN001
    """For values plotted as shares (0.25 is 25%)."""
    _axis(ax, axis).set_major_formatter(FuncFormatter(lambda value, _pos: percent(value, lang)))


def money_axis(ax, campaign: Campaign, axis: str = "y") -> None:  # noqa: ANN001
    _axis(ax, axis).set_major_formatter(FuncFormatter(lambda value, _pos: money(_tick(value), campaign)))


def date_axis(ax, lang: str, axis: str = "x") -> None:  # noqa: ANN001
    """Dates as day and month in the reader's way ('30 Nov', '30 nov', '30. Nov.')."""
    loc = locale(lang)
    _axis(ax, axis).set_major_formatter(
        FuncFormatter(lambda value, _pos: format_skeleton("dMMM", num2date(value).date(), locale=loc))
    )


def _axis(ax, axis: str):  # noqa: ANN001, ANN202
    return ax.yaxis if axis == "y" else ax.xaxis


def _tick(value: float) -> float:
    """Ticks carry float noise (17.500000000000004): keep what a reader would write."""
    return round(value, 6)


LABEL_SHARE = 0.08  # the height of a value label, as a share of the plot's height


def value_label(ax, x: float, value: float, text: str, line: float, top: float, size: float = 8) -> None:  # noqa: ANN001
    """A bar's value written on top of it; a value just under a horizontal line (the budget, the hours
    available) is written above the line, never struck through by it. `top` is the plot's height."""
    y = line if value <= line < value + LABEL_SHARE * top else value
    ax.annotate(text, (x, y), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=size)


def share_over_time(ax, lang: str, top: float, label: str, title: str) -> None:  # noqa: ANN001
    """The axes of a share of the group reached over time (the oil-spot charts): 0 to `top` in whole
    percentages, so a small share gets its own scale rather than lying flat on 0-100%, and dates below."""
    from matplotlib.ticker import MaxNLocator

    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    percent_axis(ax, lang, axis="y")
    date_axis(ax, lang)
    ax.set_ylabel(label)
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
