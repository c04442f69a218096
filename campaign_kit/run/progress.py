"""Progress of a long import on an interactive terminal: one line, rewritten in place.

Nothing is written before the import has taken `CAMPAIGN_PROGRESS_AFTER` seconds (2 by default), so
the examples' imports stay silent; nothing at all when the stream is not a terminal (cron, a pipe, a
log file) or under `--quiet` (the runner then passes no reporter).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from campaign_kit.core.formats import number
from campaign_kit.core.i18n import t

if TYPE_CHECKING:
    from campaign_kit.data.activity import SyncStep

AFTER_ENV = "CAMPAIGN_PROGRESS_AFTER"


def progress_line(step: SyncStep, lang: str) -> str:
    """'reading exports: 3 of 13 files, 2,125,000 rows, 8 s (lms-2027-04.csv)', or once done
    'read 13 files, 10,000,000 rows in 21 s'."""
    values = {
        "done": number(step.done, lang),
        "files": number(step.files, lang),
        "rows": number(step.rows, lang),
        "seconds": number(round(step.seconds), lang),
    }
    if step.file is None:
        return t("progress.import_done", lang, **values)
    return t("progress.import", lang, file=step.file, **values)


class TerminalProgress:
    """Callable for `activity.sync(progress=...)`: the import's progress on one terminal line."""

    def __init__(self, lang: str, stream: TextIO | None = None, after: float | None = None) -> None:
        self.lang = lang
        self.stream = stream or sys.stderr
        self.after = float(os.environ.get(AFTER_ENV, "2")) if after is None else after
        self.shown = False
        self.width = 0

    @property
    def enabled(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, step: SyncStep) -> None:
        if not self.enabled or (step.seconds < self.after and not self.shown):
            return
        line = progress_line(step, self.lang)
        # pad over what the previous, longer line left on the terminal
        self.stream.write("\r" + line.ljust(self.width) + ("\n" if step.file is None else ""))
        self.stream.flush()
        self.width = len(line)
        self.shown = True
