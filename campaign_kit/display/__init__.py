"""What a phase notebook shows: headings, sentences, tables and figures, as self-contained HTML.

Every user-provided text is escaped here, so a name or note can never become markup in a report.
Under papermill and in JupyterLab the output is the same; the HTML export keeps only these outputs.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML, display
from matplotlib.figure import Figure

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.formats import date
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.core.paths import UNATTENDED_ENV
from campaign_kit.core.summary import CSS_FILE, Summary, summary_html
from campaign_kit.core.validation import load_campaign
from campaign_kit.run.progress import AFTER_ENV, progress_line

if TYPE_CHECKING:
    from campaign_kit.data.activity import SyncStep

FIGURE_DPI = 100
# JupyterLab right-aligns table cells; reports read left to right (the HTML export has its own CSS).
NOTEBOOK_CSS = ".ck-table th, .ck-table td, .ck-facts th, .ck-facts td { text-align: left !important; }"


# The campaign and phase this notebook reports on (set by `header`): a problem found later is said in
# the campaign's language and, in a run, handed to the runner for the command line and the index page.
_current: dict[str, object] = {}


def _problems_handler(shell, etype, value, tb, tb_offset=None):  # noqa: ANN001 - IPython's signature
    """Show a CampaignError as its list of problems instead of a traceback."""
    campaign = _current.get("campaign")
    language = value.language or (campaign.language if isinstance(campaign, Campaign) else "en")
    lines = [f"{etype.__name__}: {t('error.input_needs_fixing', language)}"] + [
        f"  - {line}" for line in value.lines(language)
    ]
    print("\n".join(lines))
    if isinstance(campaign, Campaign):
        from campaign_kit.data.history import snapshot_of
        from campaign_kit.run.snapshots import write_problems

        snapshot = snapshot_of(campaign.folder)
        if snapshot is not None:
            write_problems(snapshot, str(_current["phase"]), [p.as_dict(language) for p in value.problems])
    return lines


def setup() -> None:
    """Call once at the top of a phase notebook: user mistakes show as problem lists, not tracebacks."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CampaignError,), _problems_handler)


def open_campaign(campaign: str) -> Campaign:
    """Load and validate the campaign named in the parameters cell."""
    setup()
    return load_campaign(campaign)


def as_of_date(as_of: str | dt.date | None) -> dt.date:
    """The parameter `as_of` as a date; None means today."""
    if as_of is None or as_of == "":
        return dt.date.today()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise CampaignError(f"as_of: {as_of!r} is not a date; expected YYYY-MM-DD, e.g. 2027-03-01") from None


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def header_html(campaign: Campaign, as_of: dt.date, phase: str) -> str:
    lang = campaign.language
    rows = [
        (t("report.organisation", lang), campaign.organisation),
        (t("report.period", lang), f"{date(campaign.start, lang)} – {date(campaign.end, lang)}"),
        (t("report.population", lang), f"{campaign.population.description} ({campaign.population.size})"),
        (t("report.team", lang), campaign.team.ambassadors),
        (t("report.main_goal", lang), campaign.goal.statement),
    ]
    facts = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in rows)
    return (
        f"<style>{NOTEBOOK_CSS}</style>"
        f'<div class="ck-header"><p class="ck-kicker">{_esc(campaign.name)}</p>'
        f"<h1>{_esc(t(f'phase.{phase}', lang))}</h1>"
        f'<p class="ck-asof">{_esc(t("report.as_of", lang))} {_esc(date(as_of, lang))}</p>'
        f'<table class="ck-facts">{facts}</table></div>'
    )


def header(campaign: Campaign, as_of: dt.date, phase: str) -> None:
    _current.update(campaign=campaign, phase=phase)
    display(HTML(header_html(campaign, as_of, phase)))


def section(key: str, campaign: Campaign) -> None:
    """A translated section heading, with its introduction when the table has one."""
    lang = campaign.language
    parts = [f"<h2>{_esc(t(f'section.{key}', lang))}</h2>"]
    try:
        parts.append(f'<p class="ck-intro">{_esc(t(f"section.{key}.intro", lang))}</p>')
    except KeyError:
        pass
    display(HTML("".join(parts)))


def warnings(campaign: Campaign, found: list[Problem]) -> None:
    """Values that were read but deserve a look (a rating above its scale, a testimonial dated after
    the campaign), each with file, row and column as `campaign validate` lists them. Call it in a cell
    tagged analyst-only: the values can be personal."""
    if not found:
        return
    lang = campaign.language
    items = "".join(f"<li>{_esc(w.describe(lang))}</li>" for w in found)
    display(
        HTML(
            f"<h2>{_esc(t('section.warnings', lang))}</h2><p>{_esc(t('section.warnings.intro', lang))}</p>"
            f'<ul class="ck-warnings">{items}</ul>'
        )
    )


def block(fragment: str) -> None:
    """Display HTML built by a report function (which escaped whatever a person typed)."""
    display(HTML(fragment))


def summary(campaign: Campaign, phase: str, found: Summary) -> None:
    """Open the report with its executive summary, and give the snapshot's index page the same tiles
    (during a run)."""
    from campaign_kit.data.history import snapshot_of
    from campaign_kit.run.snapshots import write_summary

    css = CSS_FILE.read_text(encoding="utf-8")  # JupyterLab has no report CSS; the export keeps this too
    display(HTML(f"<style>{css}</style>" + summary_html(found, t("summary.title", campaign.language))))
    snapshot = snapshot_of(campaign.folder)
    if snapshot is not None:
        write_summary(snapshot, phase, found)


def paragraph(*sentences: str) -> None:
    display(HTML("".join(f"<p>{_esc(s)}</p>" for s in sentences if s)))


def table_html(frame: pd.DataFrame, flags: dict[str, str] | None = None) -> str:
    """An escaped HTML table; cells whose text is a key of `flags` get that CSS class (e.g. 'bad')."""
    flags = flags or {}
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            css = flags.get(text)
            cells.append(f'<td class="{css}">{_esc(text)}</td>' if css else f"<td>{_esc(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = f'<table class="ck-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return f'<div class="ck-scroll">{table}</div>'  # a wide table scrolls inside itself, not the page


def show(
    frame: pd.DataFrame, campaign: Campaign | None = None, flags: dict[str, str] | None = None, said: bool = False
) -> None:
    """Display a report table; an empty one says so in the campaign's language, unless a sentence
    above it already `said` why there is nothing to show."""
    if frame.empty and said:
        return
    if frame.empty:
        display(HTML(f'<p class="ck-empty">{_esc(t("empty", campaign.language if campaign else "en"))}</p>'))
        return
    # a column with nothing in it (no overdue actions, no attention points) is noise
    blank = [c for c in frame.columns if frame[c].map(lambda v: v is None or str(v).strip() in ("", "nan")).all()]
    display(HTML(table_html(frame.drop(columns=blank), flags)))


def status_flags(campaign: Campaign) -> dict[str, str]:
    """Cell texts that mark a problem or a success in phase-1 tables, in the campaign's language."""
    lang = campaign.language
    return {
        t("smart.fail", lang): "bad",
        t("smart.pass", lang): "good",
        t("action.overdue", lang): "bad",
        t("readiness.missing", lang): "bad",
        t("readiness.unknown", lang): "bad",
        t("readiness.partial", lang): "warn",
        t("readiness.ready", lang): "good",
    }


def figure_png(fig: Figure, dpi: int = FIGURE_DPI) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def figure(fig: Figure | None, alt: str = "", said: bool = False) -> None:
    """Display a figure as an embedded PNG (exports carry the image itself, never a link). Its alt
    text is the chart's own (translated) title unless one is given. A chart with nothing to draw yet
    (None) is said in words instead of an empty frame."""
    if fig is None and said:  # a sentence above already says why there is no chart
        return
    if fig is None:
        campaign = _current.get("campaign")
        lang = campaign.language if isinstance(campaign, Campaign) else "en"
        display(HTML(f'<p class="ck-empty">{_esc(t("empty", lang))}</p>'))
        return
    title = fig.get_suptitle() or next((ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")), "")
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    display({"image/png": data, "text/plain": alt or title or "chart"}, raw=True)


def import_progress(campaign: Campaign) -> Callable[[SyncStep], None] | None:
    """In JupyterLab, one line that follows a long import of the exports (files and rows read, time
    so far) and stays as its summary. None under papermill: a report shows results, not their reading."""
    if os.environ.get(UNATTENDED_ENV):
        return None
    after = float(os.environ.get(AFTER_ENV, "2"))
    handle = None

    def report(step: SyncStep) -> None:
        nonlocal handle
        if step.seconds < after and handle is None:
            return
        shown = HTML(f'<p class="ck-progress">{html.escape(progress_line(step, campaign.language))}</p>')
        if handle is None:
            handle = display(shown, display_id=True)
        else:
            handle.update(shown)

    return report
