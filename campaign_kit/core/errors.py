"""The workbook's own errors: user mistakes carry a list of problems, each one line, never a traceback.

A problem's message comes from the translation catalogues (`label` and its `values`), so the command
line, the forms and the notebooks say it in the campaign's language; `message` is the English text
(logs, tests). Key paths and file names are never translated: they are what the user looks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal

from campaign_kit.core.i18n import SOURCE_LANGUAGE, label_or, locale, t

# message values that may quote a person's data from a file; left out of what management reads
PERSONAL = frozenset({"value", "id", "detail", "what", "reason"})


class Label(str):
    """A message value that is itself a catalogue label ('a whole number'), said in the message's language."""


def _said(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """Labels said in `lang`; a campaign's own name (a criterion it made up) as it is; a figure in the
    language's number format (1.500.000 and 2,5 in Dutch, never 1.5e+06)."""

    def said(value: Any) -> Any:
        if isinstance(value, Label):
            return label_or(value, lang, value.rsplit(".", 1)[-1])
        if isinstance(value, float):
            return format_decimal(value, locale=locale(lang))
        return value

    return {k: said(v) for k, v in values.items()}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (file, line, key path) and what is wrong and expected."""

    file: str
    key: str
    message: str
    line: int | None = None
    label: str = ""  # the catalogue key of the message, when it has one
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, file: str, key: str, label: str, line: int | None = None, /, **values: Any) -> Problem:
        """A problem whose message is the catalogue's label `label` with `values` filled in."""
        message = t(label, SOURCE_LANGUAGE, **_said(values, SOURCE_LANGUAGE))
        return cls(file=file, key=key, message=message, line=line, label=label, values=values)

    def text(self, lang: str) -> str:
        """The message in `lang` (English for messages that have no label)."""
        return t(self.label, lang, **_said(self.values, lang)) if self.label else self.message

    def public_text(self, lang: str) -> str:
        """The message for management: values quoted from a file (a name, an id, a cell) left out."""
        if not self.label:
            return t("error.see_notebook", lang)
        values = {k: ("…" if k in PERSONAL else v) for k, v in self.values.items()}
        return t(self.label, lang, **_said(values, lang))

    def as_dict(self, lang: str) -> dict[str, Any]:
        """For manifests and the index page: where, what (in `lang`), and the same without quoted values."""
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "message": self.text(lang),
            "public": self.public_text(lang),
        }

    def describe(self, lang: str = SOURCE_LANGUAGE) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}" if self.key else ""
        return f"{where}{key}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.describe()


def public_line(problem: dict[str, Any]) -> str:
    """A problem as `Problem.as_dict` keeps it, for management: file, key and the message without
    quoted values ('activity/lms.csv column 'Datum': ...')."""
    where = f"{problem.get('file', '')}" + (f" {problem['key']}" if problem.get("key") else "")
    return f"{where}: {problem['public']}" if problem.get("public") else where


class CampaignError(Exception):
    """Input the user can fix. `problems` lists every issue found, not only the first; `language` is
    the campaign's, when it could be read, for saying them."""

    def __init__(self, problems: list[Problem] | Problem | str, language: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(file="", key="", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.language = language
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self, lang: str | None = None) -> list[str]:
        return [p.describe(lang or self.language or SOURCE_LANGUAGE) for p in self.problems]


class RunFailed(Exception):
    """A phase notebook failed while running; the snapshot is kept and marked failed."""


def missing_section(key: str, phase: int, contents: str) -> CampaignError:
    """A phase needs a section of campaign.yaml that the campaign does not have yet. `contents` is the
    catalogue key of what the section holds."""
    return CampaignError(
        Problem.of("campaign.yaml", key, "error.missing_section", key=key, phase=phase, contents=Label(contents))
    )
