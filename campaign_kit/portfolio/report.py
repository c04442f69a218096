"""The portfolio page: one self-contained HTML page across campaigns, kept as a dated snapshot.

`outputs/_portfolio/<date>[-N]/index.html` with a manifest, claimed and written like a campaign's
snapshot (never overwritten). The page carries its CSS and its charts (PNG data URIs) and links only
to the campaigns' own snapshot pages beside it: nothing is fetched, no code is shown, it prints on
A4. Every text comes from the catalogues in the language asked for, except what campaigns wrote
themselves (their names, KPI names and the headline tiles of their reports, in their own language).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from matplotlib.figure import Figure

from campaign_kit.core.formats import amount, date, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.paths import PACKAGE_DIR
from campaign_kit.core.storage import atomic_write_text
from campaign_kit.core.summary import CSS_FILE, SIGNS, summary_html
from campaign_kit.data.history import this_process
from campaign_kit.portfolio.analysis import (
    INDEX,
    KPI_STATES,
    PORTFOLIO_DIR,
    CampaignState,
    Portfolio,
    Snapshot,
    Spend,
    read_portfolio,
)
from campaign_kit.portfolio.charts import chart_alt, trend_chart
from campaign_kit.run.snapshots import (
    _readable_time,
    allocate_snapshot,
    package_versions,
    page_start,
    write_manifest,
)

TEMPLATES = PACKAGE_DIR / "run" / "templates" / "report"
CHART_DPI = 100
UP = "../../"  # from outputs/_portfolio/<date>/ to outputs/
# how a snapshot's status reads: a class for its colour and a sign beside the word, so it reads in
# black and white too
STATUS_LOOK = {
    "ok": ("good", SIGNS["good"]),
    "failed": ("bad", SIGNS["bad"]),
    "interrupted": ("bad", SIGNS["bad"]),
    "unreadable": ("bad", "?"),
    "running": ("warn", "…"),
}
KPI_LOOK = {"met": "good", "green": "good", "amber": "warn", "red": "bad", "missed": "bad", "early": "muted"}

esc = html.escape


def _status_word(status: str, lang: str) -> str:
    return t("portfolio.status.unreadable" if status == "unreadable" else f"status.{status}", lang)


def _status_html(status: str, lang: str) -> str:
    css, sign = STATUS_LOOK.get(status, ("bad", "?"))
    return f'<span class="{css}">{esc(f"{sign} {_status_word(status, lang)}")}</span>'


def _kpi_word(state: str, lang: str) -> str:
    return t(f"final.{state}" if state in ("met", "missed") else f"course.{state}", lang)


def _snapshot_link(snapshot: Snapshot, text: str) -> str:
    """A link to the snapshot's own page; a run killed before it wrote one has none."""
    if not snapshot.has_index:
        return esc(text)
    return f'<a href="{esc(quote(UP + snapshot.link))}">{esc(text)}</a>'  # a hand-made folder may have a space


def _phase(name: str, lang: str) -> str:
    return t(f"phase.{name}", lang)


# the overview table --------------------------------------------------------------------------------
def latest_cell(state: CampaignState, lang: str) -> str:
    latest = state.latest
    if latest is None:
        return f'<span class="ck-empty">{esc(t("portfolio.no_snapshots", lang))}</span>'
    return f"{_snapshot_link(latest, date(latest.day, lang))}<br>{_status_html(latest.status, lang)}"


def kpi_cell(state: CampaignState, lang: str) -> str:
    counts = state.kpi_counts()
    point = state.kpi_point
    if point is None:
        return f'<span class="ck-empty">{esc(t("portfolio.kpis.none", lang))}</span>'
    if not counts:
        return f'<span class="ck-empty">{esc(t("portfolio.kpis.none_measured", lang))}</span>'
    parts = []
    for s in KPI_STATES:
        if s in counts:
            said = t("portfolio.kpi_count", lang, count=number(counts[s], lang), state=_kpi_word(s, lang))
            parts.append(f'<span class="{KPI_LOOK[s]}">{esc(said)}</span>')
    when = t("portfolio.kpis.when", lang, date=date(point.day, lang))
    return "<br>".join(parts) + f'<div class="ck-note">{esc(when)}</div>'


def spend_text(spend: Spend, lang: str) -> tuple[str, str]:
    """The budget used in words: the amount against the budget, and what it counts."""
    spent = amount(spend.amount, spend.currency, lang)
    if spend.budget:
        figure = t(
            "portfolio.budget.of",
            lang,
            spent=spent,
            budget=amount(spend.budget, spend.currency, lang),
            share=percent(spend.share, lang),
        )
    else:
        figure = spent
    if spend.basis == "earned":
        basis = t("portfolio.budget.earned", lang)
    else:
        basis = t("portfolio.budget.cost_so_far" if spend.provisional else "portfolio.budget.cost", lang)
    return figure, t("portfolio.budget.basis", lang, basis=basis, date=date(spend.day, lang))


def budget_cell(state: CampaignState, lang: str) -> str:
    spend = state.spend
    if spend is None:
        no_budget = state.parameters == "ok" and state.budget is None
        said = t("portfolio.budget.no_rewards" if no_budget else "portfolio.budget.none", lang)
        return f'<span class="ck-empty">{esc(said)}</span>'
    figure, basis = spend_text(spend, lang)
    over = spend.share is not None and spend.share > 1
    css = ' class="bad"' if over else ""
    return f"<span{css}>{esc(figure)}</span>" + f'<div class="ck-note">{esc(basis)}</div>'


def overview_table(portfolio: Portfolio, lang: str) -> str:
    rows = []
    for state in portfolio.campaigns:
        reached = _phase(state.reached, lang) if state.reached else t("portfolio.reached.none", lang)
        rows.append(
            "<tr>"
            f'<td><a href="#{esc(_anchor(state))}">{esc(state.name)}</a></td>'
            f"<td>{esc(reached)}</td>"
            f"<td>{latest_cell(state, lang)}</td>"
            f"<td>{kpi_cell(state, lang)}</td>"
            f"<td>{budget_cell(state, lang)}</td>"
            "</tr>"
        )
    head = "".join(
        f"<th>{esc(t(k, lang))}</th>"
        for k in (
            "report.campaign",
            "portfolio.col.reached",
            "portfolio.col.latest",
            "portfolio.col.kpis",
            "portfolio.col.budget",
        )
    )
    table = f'<table class="ck-table ck-overview"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return f'<div class="ck-scroll">{table}</div>'


def outcome_table(portfolio: Portfolio, lang: str) -> str:
    """Cost per outcome, campaigns side by side under each outcome (the shared ones first)."""
    outcomes = portfolio.shared_outcomes()
    heading = f"<h2>{esc(t('portfolio.section.outcomes', lang))}</h2>"
    if not outcomes:
        return heading + f'<p class="ck-empty">{esc(t("portfolio.outcomes.none", lang))}</p>'
    intro = f'<p class="ck-intro">{esc(t("portfolio.outcomes.intro", lang))}</p>'
    head = f"<th>{esc(t('report.campaign', lang))}</th>" + "".join(
        f"<th>{esc(t(f'count.{o}', lang))}</th>" for o, _ in outcomes
    )
    rows = []
    for state in portfolio.campaigns:
        costs = state.outcomes
        if costs is None or not costs.per:
            continue
        cells = []
        for outcome, _ in outcomes:
            value = costs.per.get(outcome)
            text = "–" if value is None else amount(value, costs.currency, lang)
            if value is not None and costs.provisional:
                text += f" ({t('summary.so_far', lang)})"
            cells.append(f"<td>{esc(text)}</td>")
        when = t("portfolio.outcomes.when", lang, date=date(costs.day, lang))
        rows.append(f'<tr><td>{esc(state.name)}<div class="ck-note">{esc(when)}</div></td>{"".join(cells)}</tr>')
    table = f'<table class="ck-table ck-outcomes"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return heading + intro + f'<div class="ck-scroll">{table}</div>'


# one section per campaign ---------------------------------------------------------------------------
def _anchor(state: CampaignState) -> str:
    return f"campaign-{state.slug}"


def latest_sentences(state: CampaignState, lang: str) -> list[tuple[str, str]]:
    """The latest snapshot's state in words, with a CSS class: a failed, interrupted or unreadable
    one is said plainly, with the phases that did not finish, and the last complete one named."""
    latest = state.latest
    if latest is None:
        return [("muted", t("portfolio.no_snapshots_yet", lang))]
    day = date(latest.day, lang)
    unfinished = ", ".join(_phase(p.name, lang) for p in latest.unfinished)
    if latest.status == "ok":
        said = [("good", t("portfolio.latest.ok", lang, date=day))]
    elif latest.status == "running":
        said = [("warn", t("portfolio.latest.running", lang, date=day))]
    elif latest.status == "unreadable":
        said = [("bad", t("portfolio.latest.unreadable", lang, date=day))]
    else:
        said = [("bad", t(f"portfolio.latest.{latest.status}", lang, date=day, phases=unfinished or "–"))]
        problems = sum(p.problems for p in latest.unfinished)
        if problems:
            said.append(("bad", t("portfolio.latest.problems", lang, count=number(problems, lang))))
            first = next((p.first_problem for p in latest.unfinished if p.first_problem), "")
            if first:  # a manifest's problem may say nothing of where (a damaged or hand-made one)
                said.append(("bad", t("portfolio.latest.first_problem", lang, problem=first)))
    if latest.status != "ok":
        complete = [s for s in state.snapshots if s.status == "ok"]
        if complete:
            said.append(("muted", t("portfolio.latest.last_ok", lang, date=date(complete[-1].day, lang))))
    return said


def snapshot_list(state: CampaignState, lang: str) -> str:
    """Every snapshot, oldest first, each a link with its status as a sign (and in words when not ok)."""
    items = []
    for snapshot in state.snapshots:
        css, sign = STATUS_LOOK.get(snapshot.status, ("bad", "?"))
        label = date(snapshot.day, lang)
        if snapshot.name.count("-") > 2:  # a second run on one day: 2026-11-26-2
            label += f" ({snapshot.name.rsplit('-', 1)[1]})"
        word = "" if snapshot.status == "ok" else f" {_status_word(snapshot.status, lang)}"
        items.append(f'<li>{_snapshot_link(snapshot, label)} <span class="{css}">{esc(sign + word)}</span></li>')
    return (
        f'<div class="ck-snapshots"><span class="ck-note">{esc(t("portfolio.snapshots", lang))}</span>'
        f"<ul>{''.join(items)}</ul></div>"
    )


def campaign_section(state: CampaignState, lang: str, chart: str | None) -> str:
    parts = [f'<article class="ck-campaign" id="{esc(_anchor(state))}">', f"<h2>{esc(state.name)}</h2>"]
    reached = _phase(state.reached, lang) if state.reached else t("portfolio.reached.none", lang)
    parts.append(f'<p class="ck-asof">{esc(state.slug)} · {esc(t("portfolio.col.reached", lang))}: {esc(reached)}</p>')
    if state.parameters != "ok":
        parts.append(f'<p class="warn">{esc(t(f"portfolio.parameters.{state.parameters}", lang, slug=state.slug))}</p>')
    for css, sentence in latest_sentences(state, lang):
        parts.append(f'<p class="{css}">{esc(sentence)}</p>')
    if state.headlines is not None:
        found = state.headlines
        caption = t("portfolio.headlines", lang, phase=_phase(found.phase, lang), date=date(found.day, lang))
        parts.append(f'<p class="ck-note">{esc(caption)}</p>' + summary_html(found.summary, compact=True))
    if state.snapshots:  # a campaign never run has nothing more to show
        parts.append(f"<h3>{esc(t('portfolio.section.trends', lang))}</h3>")
        if chart is None:
            parts.append(f'<p class="ck-empty">{esc(t("portfolio.trend.none", lang))}</p>')
        else:
            alt = esc(chart_alt(state, lang))
            parts.append(f'<img class="ck-chart" src="data:image/png;base64,{chart}" alt="{alt}">')
        parts.append(snapshot_list(state, lang))
    for item in state.unreadable:
        parts.append(
            f'<p class="ck-empty">{esc(t("portfolio.unreadable", lang, snapshot=item.snapshot, file=item.file))}</p>'
        )
    parts.append("</article>")
    return "".join(parts)


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=CHART_DPI)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def charts(portfolio: Portfolio, lang: str) -> dict[str, str | None]:
    """Each campaign's trend chart as base64 PNG (None where it has no mid-term figures yet)."""
    found: dict[str, str | None] = {}
    for state in portfolio.campaigns:
        fig = trend_chart(state, lang)
        found[state.slug] = _png(fig) if fig is not None else None
    return found


def portfolio_html(portfolio: Portfolio, lang: str, generated: str, images: dict[str, str | None]) -> str:
    """The whole page, CSS inline, charts embedded."""
    css = "".join(
        (TEMPLATES / name).read_text(encoding="utf-8") for name in ("report.css", "portfolio.css")
    ) + CSS_FILE.read_text(encoding="utf-8")
    title = f"{t('portfolio.title', lang)} – {date(portfolio.as_of, lang)}"
    facts = " · ".join(
        [
            f"{t('report.as_of', lang)} {date(portfolio.as_of, lang)}",
            t("portfolio.count", lang, count=number(len(portfolio.campaigns), lang)),
            f"{t('report.generated', lang)} {generated}",
        ]
    )
    if portfolio.campaigns:
        body = overview_table(portfolio, lang) + outcome_table(portfolio, lang)
        body += "".join(campaign_section(s, lang, images.get(s.slug)) for s in portfolio.campaigns)
    else:
        body = f'<p class="ck-empty">{esc(t("portfolio.empty", lang))}</p>'
    return f"""{page_start(lang, title, css)}
<main class="ck-portfolio">
<p class="ck-kicker">{esc(t("portfolio.kicker", lang))}</p>
<h1>{esc(t("portfolio.title", lang))}</h1>
<p class="ck-asof">{esc(facts)}</p>
{body}
</main>
</body>
</html>
"""


# the snapshot ------------------------------------------------------------------------------------
def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def write_portfolio(parameters: Path, outputs: Path, as_of: dt.date, lang: str) -> Path:
    """Read every campaign, write a new portfolio snapshot and return its folder. The manifest says
    running first and ok last, so a portfolio stopped half way is never taken for a whole one."""
    started = time.perf_counter()
    portfolio = read_portfolio(parameters, outputs, as_of)
    images = charts(portfolio, lang)
    folder = allocate_snapshot(outputs / PORTFOLIO_DIR, as_of)
    manifest: dict[str, Any] = {
        "kind": "portfolio",
        "language": lang,
        "as_of": as_of.isoformat(),
        "snapshot": folder.name,
        "status": "running",
        "process": this_process(),
        "started": _now(),
        "finished": None,
        "seconds": None,
        "campaigns": [
            {
                "campaign": s.slug,
                "latest": s.latest.name if s.latest else None,
                "status": s.latest.status if s.latest else None,
                "snapshots": len(s.snapshots),
            }
            for s in portfolio.campaigns
        ],
        "versions": package_versions(),
    }
    write_manifest(folder, manifest)
    try:
        page = portfolio_html(portfolio, lang, _readable_time(manifest["started"], lang), images)
        atomic_write_text(folder / INDEX, page)
    except BaseException as exc:
        manifest.update(status="interrupted" if isinstance(exc, KeyboardInterrupt) else "failed", finished=_now())
        try:
            write_manifest(folder, manifest)
        except OSError:
            pass
        raise
    manifest.update(status="ok", finished=_now(), seconds=round(time.perf_counter() - started, 2), html=INDEX)
    write_manifest(folder, manifest)
    return folder
