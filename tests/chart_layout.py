"""A check of a chart as a reader sees it: no two texts overlap, no text is struck through by a
plotted line or covers a bar, and the figure has a title to serve as its text alternative.
Measured on the drawn figure with matplotlib's own window extents (pixels)."""

from __future__ import annotations

from itertools import combinations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

SLACK = 1.0  # pixels: glyph boxes that merely touch are fine


def _shrunk(box: Bbox) -> Bbox:
    return Bbox.from_extents(box.x0 + SLACK, box.y0 + SLACK, box.x1 - SLACK, box.y1 - SLACK)


def _undrawn_tick_labels(fig: Figure) -> set[int]:
    """Tick labels matplotlib keeps but does not draw: ticks outside the axis' view, axes turned off."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            margin = (high - low) * 1e-9
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not ax.axison or not axis.get_visible() or not low - margin <= tick.get_loc() <= high + margin:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return hidden


def texts(fig: Figure) -> list[Text]:
    """The drawn, non-empty texts of a figure (titles, labels, tick labels, legends, annotations)."""
    found = []
    undrawn = _undrawn_tick_labels(fig)
    for text in fig.findobj(Text):
        if id(text) in undrawn:
            continue
        if not text.get_visible() or not text.get_text().strip() or text.get_alpha() == 0:
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        found.append(text)
    return found


def problems(fig: Figure) -> list[str]:
    """What a reader trips over, one line each; empty when the chart reads cleanly."""
    canvas = FigureCanvasAgg(fig)  # the reports draw with Agg (PNG); a bare Figure has no renderer
    canvas.draw()
    renderer = canvas.get_renderer()
    found = []
    boxes = [(t, _shrunk(t.get_window_extent(renderer))) for t in texts(fig)]
    boxes = [(t, b) for t, b in boxes if b.width > 0 and b.height > 0]
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        if box_a.overlaps(box_b):
            found.append(f"text {a.get_text()!r} overlaps text {b.get_text()!r}")
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for line in ax.get_lines():
            if not line.get_visible() or len(line.get_xydata()) == 0:
                continue
            path = line.get_transform().transform_path(line.get_path())
            for text, box in boxes:
                if text.axes is ax and path.intersects_bbox(box, filled=False):
                    found.append(f"line {line.get_label()!r} strikes through text {text.get_text()!r}")
        shown = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_visible()]
        bars = [p for p in shown if p.get_width() * p.get_height()]
        for bar in bars:
            extent = _shrunk(bar.get_window_extent(renderer))
            for text, box in boxes:
                if text.axes is ax and extent.overlaps(box) and not _inside(box, extent):
                    found.append(f"text {text.get_text()!r} is cut by a bar")
    titled = fig.get_suptitle() or any(ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center", "right"))
    if not titled:
        found.append("no title: the figure has no text alternative")
    return found


def _inside(inner: Bbox, outer: Bbox) -> bool:
    """A label written inside its bar (white on the bar) is fine; one half over the edge is not."""
    return inner.x0 >= outer.x0 and inner.x1 <= outer.x1 and inner.y0 >= outer.y0 and inner.y1 <= outer.y1
