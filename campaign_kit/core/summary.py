"""A phase's executive summary: 3-5 headline tiles and one or two sentences on what they mean.

Every phase report opens with one, and the snapshot's index page shows the same tiles per phase, so
a manager reads the state of the campaign in a minute. A tile's status is always said in words next
to its colour (a colour-blind reader and a black-and-white print lose nothing). The texts arrive
already translated and formatted; this module only keeps them and renders them escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from campaign_kit.core.paths import PACKAGE_DIR

CSS_FILE = PACKAGE_DIR / "run" / "templates" / "report" / "summary.css"

STATUSES = ("good", "warn", "bad", "info")
# a sign beside the words, so the status reads without colour too
SIGNS = {"good": "✓", "warn": "!", "bad": "✗", "info": ""}


@dataclass(frozen=True)
class Tile:
    label: str  # "KPIs on course"
    value: str  # "1 / 3", "€ 5.570"
    status: str = "info"  # good | warn | bad | info (no judgement)
    status_text: str = ""  # the status in words: "behind", "within budget"
    reference: str = ""  # what the value is measured against: "target 25", "budget € 6.000"

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"tile status {self.status!r} is not one of {STATUSES}")


@dataclass(frozen=True)
class Summary:
    tiles: tuple[Tile, ...]
    sentences: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "tiles": [
                {
                    "label": x.label,
                    "value": x.value,
                    "status": x.status,
                    "status_text": x.status_text,
                    "reference": x.reference,
                }
                for x in self.tiles
            ],
            "sentences": list(self.sentences),
        }

    @classmethod
    def from_json(cls, data: Any) -> Summary:
        """Also reads the label/value pairs older snapshots wrote, as tiles without a status."""
        if isinstance(data, list):
            return cls(tuple(Tile(str(k), str(v)) for k, v in data))
        tiles = tuple(
            Tile(
                str(x["label"]),
                str(x["value"]),
                x.get("status") if x.get("status") in STATUSES else "info",
                str(x.get("status_text", "")),
                str(x.get("reference", "")),
            )
            for x in data.get("tiles", [])
        )
        return cls(tiles, tuple(str(s) for s in data.get("sentences", [])))


def tile_html(tile: Tile) -> str:
    esc = html.escape
    parts = [
        f'<div class="ck-tile-label">{esc(tile.label)}</div>',
        f'<div class="ck-tile-value">{esc(tile.value)}</div>',
    ]
    if tile.reference:
        parts.append(f'<div class="ck-tile-ref">{esc(tile.reference)}</div>')
    if tile.status_text:
        sign = SIGNS[tile.status]
        parts.append(f'<div class="ck-tile-status">{esc(f"{sign} {tile.status_text}".strip())}</div>')
    return f'<div class="ck-tile ck-{tile.status}">{"".join(parts)}</div>'


def summary_html(summary: Summary, heading: str = "", compact: bool = False) -> str:
    """The tiles in a row that wraps (two per line on a phone), the sentences below them."""
    esc = html.escape
    tiles = "".join(tile_html(x) for x in summary.tiles)
    sentences = "".join(f"<p>{esc(s)}</p>" for s in summary.sentences if s)
    title = f"<h2>{esc(heading)}</h2>" if heading else ""
    css = "ck-summary ck-compact" if compact else "ck-summary"
    verdict = f'<div class="ck-verdict">{sentences}</div>' if sentences else ""
    return f'<section class="{css}">{title}<div class="ck-tiles">{tiles}</div>{verdict}</section>'
