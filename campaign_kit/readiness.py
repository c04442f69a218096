"""Readiness check and obstacle plan: is the organisation ready to start, and what stands in the way."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .model import READINESS_ITEMS, Campaign


@dataclass(frozen=True)
class ReadinessSummary:
    total: int
    ready: int
    partial: int
    missing: int  # missing or unknown
    missing_items: tuple[str, ...]
    not_assessed: tuple[str, ...]  # conditions of the method nobody has assessed yet

    @property
    def verdict(self) -> str:
        """'go' when every condition is ready, 'conditional' with only partial ones, else 'nogo'."""
        if self.missing or self.not_assessed:
            return "nogo"
        if self.partial:
            return "conditional"
        return "go"


def readiness_summary(campaign: Campaign) -> ReadinessSummary:
    items = campaign.readiness
    statuses = [item.status for item in items]
    listed = {item.item for item in items}
    return ReadinessSummary(
        total=len(items),
        ready=statuses.count("ready"),
        partial=statuses.count("partial"),
        missing=statuses.count("missing") + statuses.count("unknown"),
        missing_items=tuple(i.item for i in items if i.status in ("missing", "unknown")),
        not_assessed=tuple(name for name in READINESS_ITEMS if name not in listed),
    )


def readiness_frame(campaign: Campaign) -> pd.DataFrame:
    return pd.DataFrame(
        [{"item": i.item, "status": i.status, "evidence": i.evidence, "owner": i.owner} for i in campaign.readiness],
        columns=["item", "status", "evidence", "owner"],
    )


def obstacle_frame(campaign: Campaign) -> pd.DataFrame:
    """Obstacles with their countermeasures; `attention` lists what the plan still lacks."""
    rows = []
    for obstacle in campaign.obstacles:
        attention = []
        if not obstacle.countermeasures:
            attention.append("no_plan")
        if not obstacle.owner.strip():
            attention.append("no_owner")
        rows.append(
            {
                "kind": obstacle.kind,
                "description": obstacle.description,
                "countermeasures": list(obstacle.countermeasures),
                "owner": obstacle.owner,
                "attention": attention,
            }
        )
    return pd.DataFrame(rows, columns=["kind", "description", "countermeasures", "owner", "attention"])
