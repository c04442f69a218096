"""The five phases of a campaign and the notebook that runs each one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.paths import notebooks_dir


@dataclass(frozen=True)
class Phase:
    number: int
    name: str
    section: str | None = None  # the part of campaign.yaml the phase needs, if any

    @property
    def stem(self) -> str:
        return f"{self.number:02d}_{self.name}"

    @property
    def notebook(self) -> Path:
        return notebooks_dir() / f"{self.stem}.ipynb"


PHASES = (
    Phase(1, "goals"),
    Phase(2, "selection", "selection"),
    Phase(3, "rewards", "rewards"),
    Phase(4, "midterm", "activity"),
    Phase(5, "final", "evaluation"),
)


def existing_phases() -> list[Phase]:
    """Phases whose notebook exists in this checkout, in order."""
    return [phase for phase in PHASES if phase.notebook.is_file()]


def parse_phase(text: str) -> Phase:
    """A phase by name ('goals') or number ('1' or '01')."""
    key = text.strip().lower()
    for phase in PHASES:
        if key in (phase.name, str(phase.number), f"{phase.number:02d}", phase.stem):
            return phase
    names = ", ".join(f"{p.name} ({p.number})" for p in PHASES)
    raise CampaignError(Problem.of("--phase", "", "error.unknown_phase", phase=repr(text), names=names))
