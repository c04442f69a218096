"""The workbook's own errors: user mistakes carry a list of problems, each one line, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (file, line, key path) and what is wrong and expected."""

    file: str
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}" if self.key else ""
        return f"{where}{key}: {self.message}"


class CampaignError(Exception):
    """Input the user can fix. `problems` lists every issue found, not only the first."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(file="", key="", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RunFailed(Exception):
    """A phase notebook failed while running; the snapshot is kept and marked failed."""


def missing_section(key: str, phase: int, contents: str) -> CampaignError:
    """A phase needs a section of campaign.yaml that the campaign does not have yet."""
    return CampaignError(
        Problem(
            file="campaign.yaml",
            key=key,
            message=(
                f"is missing; phase {phase} needs a {key}: section with {contents} "
                "(see parameters/leerprogramma/campaign.yaml for an example)"
            ),
        )
    )
