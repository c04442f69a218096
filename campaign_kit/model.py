"""The typed campaign model: what `campaign.yaml` holds once it has been validated.

Enumerations are stored as English keys so that files stay language-neutral; reports translate them.
Fields a SMART check judges (metric, baseline, owner, deadline) are optional here on purpose: a KPI
without an owner is a weak KPI, not an unreadable file, and the KPI table says why it fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Language = Literal["nl", "en"]
ReadinessStatus = Literal["ready", "partial", "missing", "unknown"]
ObstacleKind = Literal["fear", "time", "underestimation", "other"]
KpiScope = Literal["total", "per_ambassador"]
ActionStatus = Literal["todo", "doing", "done", "cancelled"]
CheckpointKind = Literal["ambassador_meeting", "midterm", "final", "other"]

READINESS_ITEMS = (
    "core_values",
    "intrinsic_motivation",
    "content_strategy",
    "management_sponsor",
    "channel_activity",
)


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `deadlne` must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Population(Strict):
    description: str = Field(min_length=1)
    size: int = Field(gt=0)


class ReadinessItem(Strict):
    item: str = Field(min_length=1)
    status: ReadinessStatus = "unknown"
    evidence: str = ""
    owner: str = ""


class Obstacle(Strict):
    kind: ObstacleKind
    description: str = ""
    countermeasures: list[str] = Field(default_factory=list)
    owner: str = ""


class Goal(Strict):
    statement: str = Field(min_length=1)
    rationale: str = ""


class Kpi(Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1)
    metric: str = ""
    target: float | None = Field(default=None, ge=0)
    unit: str = ""
    baseline: float | None = Field(default=None, ge=0)
    deadline: dt.date | None = None
    owner: str = ""
    parent: str | None = None
    scope: KpiScope = "total"
    # True when the KPI counts people of the target population (each at most once), so its total
    # cannot exceed the population and its share of the population is meaningful.
    counts_people: bool = False


class Action(Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    kpi: str = Field(min_length=1)
    description: str = Field(min_length=1)
    owner: str = ""
    start: dt.date | None = None
    due: dt.date
    hours: float = Field(ge=0)
    status: ActionStatus = "todo"


class Team(Strict):
    ambassadors: int = Field(gt=0, description="planned number of ambassadors")
    hours_per_month: float = Field(ge=0, description="organisers' hours available per month")


class Checkpoint(Strict):
    kind: CheckpointKind
    date: dt.date
    label: str = ""


class Campaign(Strict):
    name: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    language: Language = "en"
    start: dt.date
    end: dt.date
    population: Population
    team: Team
    goal: Goal
    readiness: list[ReadinessItem] = Field(default_factory=list)
    obstacles: list[Obstacle] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    checkpoints: list[Checkpoint] = Field(default_factory=list)

    # Where the campaign was loaded from; data files of later phases sit beside campaign.yaml.
    _folder: Path | None = PrivateAttr(default=None)

    @property
    def folder(self) -> Path | None:
        return self._folder

    @property
    def slug(self) -> str:
        return self._folder.name if self._folder else self.name

    def kpi(self, kpi_id: str) -> Kpi:
        for kpi in self.kpis:
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(kpi_id)
