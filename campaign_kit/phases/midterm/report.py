"""Phase-4 report: translated tables, sentences and charts over one `midterm.analyse()` result."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign_kit.core.formats import date, money, month_label, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.phases.midterm.analysis import MidtermAnalysis, ranking

RAG_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828"}


def _n(value: float | None, lang: str) -> str:
    """Counts as whole numbers; per-ambassador averages with one decimal."""
    if value is None or pd.isna(value):
        return "–"
    if abs(value) >= 100 or float(value).is_integer():
        return number(round(value), lang)
    return number(value, lang, 1)


def status_flags(campaign: Campaign) -> dict[str, str]:
    lang = campaign.language
    return {
        t("rag.green", lang): "good",
        t("rag.amber", lang): "warn",
        t("rag.red", lang): "bad",
        t("rag.early", lang): "muted",
    }


def imports_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    lang = campaign.language
    files = analysis.imports.files
    return pd.DataFrame(
        {
            t("col.kind", lang): [t(f"kind.{f['kind']}", lang) for f in files],
            t("col.file", lang): [f["file"] for f in files],
            t("col.import_status", lang): [t(f"import.{f['status']}", lang) for f in files],
            t("col.records", lang): [number(f["rows"], lang) if f["status"] == "imported" else "" for f in files],
            t("col.new_events", lang): [number(f["new"], lang) if f["status"] == "imported" else "" for f in files],
            t("col.not_counted", lang): [_not_counted(f.get("skipped") or {}, lang) for f in files],
        }
    )


def _not_counted(skipped: dict[str, int], lang: str) -> str:
    """Lines of an export that are not activity: its preamble, totals, comments, nobody's traffic."""
    return ", ".join(t(f"skip.{reason}", lang, n=number(n, lang)) for reason, n in skipped.items() if n)


def imports_text(campaign: Campaign, analysis: MidtermAnalysis) -> list[str]:
    lang = campaign.language
    notes = []
    if analysis.imports.rebuilt:
        kinds = ", ".join(t(f"kind.{k}", lang) for k in analysis.imports.rebuilt)
        notes.append(t("midterm.rebuilt", lang, kinds=kinds))
    if analysis.team.source == "data":
        notes.append(t("midterm.team_from_data", lang))
    return notes


def progress_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    lang = campaign.language
    rows = analysis.progress[analysis.progress["measured"]]
    return pd.DataFrame(
        {
            t("col.kpi", lang): rows["id"],
            t("col.name", lang): rows["name"],
            t("col.target", lang): [_n(v, lang) for v in rows["target"]],
            t("col.actual", lang): [_n(v, lang) for v in rows["actual"]],
            t("col.planned_now", lang): [_n(v, lang) for v in rows["planned"]],
            t("col.pace", lang): [percent(v, lang) if pd.notna(v) else "–" for v in rows["pace"]],
            t("col.forecast", lang): [_n(v, lang) for v in rows["forecast"]],
            t("col.band", lang): [
                f"{_n(lo, lang)} – {_n(hi, lang)}" for lo, hi in zip(rows["low"], rows["high"], strict=True)
            ],
            t("col.deadline", lang): [date(d, lang) for d in rows["deadline"]],
            t("col.status", lang): [t(f"rag.{s}", lang) for s in rows["status"]],
        }
    )


def not_measured_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    rows = analysis.progress[~analysis.progress["measured"]]
    if rows.empty:
        return ""
    kpis = ", ".join(f"{i} ({n})" for i, n in zip(rows["id"], rows["name"], strict=True))
    return t("midterm.not_measured", campaign.language, kpis=kpis)


def retarget_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    lang = campaign.language
    rows = analysis.progress[analysis.progress["measured"] & analysis.progress["suggested"].notna()]
    return pd.DataFrame(
        {
            t("col.kpi", lang): rows["id"],
            t("col.name", lang): rows["name"],
            t("col.target", lang): [_n(v, lang) for v in rows["target"]],
            t("col.forecast", lang): [_n(v, lang) for v in rows["forecast"]],
            t("col.suggested", lang): [_n(v, lang) for v in rows["suggested"]],
            t("col.why", lang): [
                t("midterm.retarget.red" if s == "red" else "midterm.retarget.over", lang) for s in rows["status"]
            ],
        }
    )


def retarget_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    table = retarget_table(campaign, analysis)
    return t("midterm.retarget_none", campaign.language) if table.empty else ""


def changes_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    """The previous snapshot's figures beside today's."""
    lang = campaign.language
    previous = analysis.previous
    if previous is None:
        return pd.DataFrame()
    rows = []
    for row in analysis.progress[analysis.progress["measured"]].itertuples():
        before = previous.get("kpis", {}).get(row.id)
        rows.append((f"{row.id} · {row.name}", before["actual"] if before else None, row.actual))
    for result in ("share", "click", "visit", "applicant", "hire", "completion"):
        if result in analysis.totals or result in previous.get("totals", {}):
            rows.append(
                (
                    t(f"result.{result}", lang),
                    previous.get("totals", {}).get(result, 0.0),
                    analysis.totals.get(result, 0.0),
                )
            )
    rows.append((t("figure.activation", lang), previous.get("active"), float(analysis.active)))
    if analysis.ledger is not None:
        rows.append(
            (t("figure.earned", lang), previous.get("earned"), float(analysis.ledger.totals["incentives"].sum()))
        )
    before_day = date(dt.date.fromisoformat(previous["as_of"]), lang)
    now_day = date(analysis.as_of, lang)
    return pd.DataFrame(
        {
            t("col.figure", lang): [r[0] for r in rows],
            t("col.previous", lang, date=before_day): [_n(r[1], lang) for r in rows],
            t("col.now", lang, date=now_day): [_n(r[2], lang) for r in rows],
            t("col.change", lang): [
                "–" if r[1] is None else ("+" if r[2] - r[1] > 0 else "") + _n(r[2] - r[1], lang) for r in rows
            ],
        }
    )


def changes_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    previous = analysis.previous
    if previous is None:
        return t("midterm.no_previous", campaign.language)
    return t("midterm.since", campaign.language, snapshot=previous["snapshot"], date=previous["as_of"])


def _name(analysis: MidtermAnalysis, ambassador: str) -> str:
    return analysis.team.names.get(ambassador, ambassador)


def _column(frame: pd.DataFrame, result: str) -> pd.Series:
    return frame[result] if result in frame else pd.Series(0.0, index=frame.index)


def top_sharers(campaign: Campaign, analysis: MidtermAnalysis, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The five ambassadors who shared most (clicks break ties); by visits or clicks when the
    campaign's exports count no shares."""
    lang = campaign.language
    ranked, results = ranking(analysis.per_ambassador if frame is None else frame)
    table = pd.DataFrame({t("col.ambassador", lang): [_name(analysis, a) for a in ranked.index]})
    for result in results[:2]:
        table[t(f"result.{result}", lang)] = [_n(v, lang) for v in ranked[result]]
    return table


def top_posts(campaign: Campaign, analysis: MidtermAnalysis, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The five posts shared most, or visited most when nothing is shared through the platform."""
    lang = campaign.language
    ranked, results = ranking(analysis.posts if frame is None else frame)
    # by title where an export or the campaign's posts file gives one; management does not know 'P004'
    table = pd.DataFrame({t("col.post", lang): [analysis.titles.get(p, p) for p in ranked.index]})
    for result in results:
        table[t(f"result.{result}", lang)] = [_n(v, lang) for v in ranked[result]]
    return table


def scoreboard_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    """Every team member: results so far and whether they were active lately, best first."""
    lang = campaign.language
    data = analysis.per_ambassador
    results = [
        r for r in ("share", "click", "reaction", "visit", "login", "completion", "applicant", "hire") if r in data
    ]
    order = data.sort_values(results[:2] or ["active"], ascending=False, kind="stable") if results else data
    table = pd.DataFrame({t("col.ambassador", lang): [_name(analysis, a) for a in order.index]})
    for result in results:
        table[t(f"result.{result}", lang)] = [_n(v, lang) for v in order[result]]
    table[t("col.active", lang)] = [t("yes", lang) if a else t("no", lang) for a in order["active"]]
    return table


def activation_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    lang = campaign.language
    return t(
        "midterm.activation",
        lang,
        active=analysis.active,
        team=len(analysis.team.ids),
        rate=percent(analysis.activation, lang),
        days=campaign.activity.active_days if campaign.activity else 30,
    )


def departments_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    lang = campaign.language
    departments = analysis.team.departments
    if not departments:
        return pd.DataFrame()
    data = analysis.per_ambassador.assign(department=[departments.get(a, "–") for a in analysis.per_ambassador.index])
    results = [r for r in ("share", "login", "completion", "visit", "applicant") if r in data]
    grouped = data.groupby("department").agg(
        ambassadors=("active", "size"), active=("active", "sum"), **{r: (r, "sum") for r in results}
    )
    table = pd.DataFrame(
        {
            t("col.department", lang): list(grouped.index),
            t("col.ambassadors", lang): [number(v, lang) for v in grouped["ambassadors"]],
            t("col.active_ambassadors", lang): [
                f"{number(a, lang)} ({percent(a / n, lang)})"
                for a, n in zip(grouped["active"], grouped["ambassadors"], strict=True)
            ],
        }
    )
    for result in results:
        table[t(f"result.{result}", lang)] = [_n(v, lang) for v in grouped[result]]
    return table


def departments_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    return "" if analysis.team.departments else t("midterm.no_departments", campaign.language)


def monthly_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    """Visitors via colleagues, applicants via employees and posts shared, per month."""
    lang = campaign.language
    data = analysis.monthly
    labels = []
    for month in data.index:
        year, number_ = (int(x) for x in month.split("-"))
        label = month_label(year, number_, lang)
        if (year, number_) == (analysis.as_of.year, analysis.as_of.month):
            label = t("midterm.month_to_date", lang, month=label, date=date(analysis.as_of, lang))
        labels.append(label)
    return pd.DataFrame(
        {
            t("col.month", lang): labels,
            t("figure.visitors", lang): [_n(v, lang) for v in _column(data, "visit")],
            t("figure.applicants", lang): [_n(v, lang) for v in _column(data, "applicant")],
            t("figure.shared", lang): [_n(v, lang) for v in _column(data, "share")],
        }
    )


def latest_month_title(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    lang = campaign.language
    return t("midterm.top_of", lang, month=month_label(analysis.as_of.year, analysis.as_of.month, lang))


def meetings_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    meetings = sorted(campaign.activity.meetings if campaign.activity else [], key=lambda m: m.date)
    return pd.DataFrame(
        {
            t("field.date", lang): [date(m.date, lang) for m in meetings],
            t("col.attendees", lang): [number(m.attendees, lang) if m.attendees is not None else "–" for m in meetings],
            t("col.works", lang): [m.works for m in meetings],
            t("col.does_not_work", lang): [m.does_not_work for m in meetings],
            t("col.stuck", lang): [m.stuck for m in meetings],
            t("col.agreed", lang): [m.actions for m in meetings],
        }
    )


def meetings_text(campaign: Campaign) -> str:
    meetings = campaign.activity.meetings if campaign.activity else []
    return "" if meetings else t("midterm.no_meetings", campaign.language)


def earned_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:

    if analysis.ledger is None or campaign.rewards is None:
        return ""
    total = float(analysis.ledger.totals["incentives"].sum())
    return t(
        "midterm.earned",
        campaign.language,
        total=money(total, campaign),
        budget=money(campaign.rewards.budget, campaign),
        share=percent(total / campaign.rewards.budget, campaign.language),
    )


def ledger_table(campaign: Campaign, analysis: MidtermAnalysis, final: bool = False) -> pd.DataFrame:
    """The ledger per ambassador by place: score, rewards per result (caps applied) and prize. At the
    mid-term the prize is the standing if the campaign ended today; at the end it is paid, with a total."""

    lang = campaign.language
    if analysis.ledger is None:
        return pd.DataFrame()
    totals = analysis.ledger.totals
    table = pd.DataFrame(
        {
            t("col.rank", lang): totals["rank"],
            t("col.ambassador", lang): [_name(analysis, a) for a in totals["ambassador"]],
            t("col.score", lang): [_n(v, lang) for v in totals["score"]],
            t("col.earned", lang): [money(v, campaign) for v in totals["incentives"]],
            t("final.cost.prizes" if final else "col.prize_standing", lang): [
                money(v, campaign) if v else "" for v in totals["prize"]
            ],
        }
    )
    if final:
        table[t("final.cost.total", lang)] = [money(v, campaign) for v in totals["total"]]
    return table


def unknown_text(campaign: Campaign) -> str:
    return t("midterm.unknown", campaign.language)


def unknown_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    lang = campaign.language
    data = analysis.unknown
    return pd.DataFrame(
        {
            t("col.kind", lang): [t(f"kind.{k}", lang) for k in data["kind"]],
            t("col.ambassador", lang): data["ambassador"],
            t("col.events", lang): [number(v, lang) for v in data["events"]],
            t("col.first_seen", lang): [date(pd.Timestamp(d).date(), lang) for d in data["first"]],
            t("col.last_seen", lang): [date(pd.Timestamp(d).date(), lang) for d in data["last"]],
        }
    )


def headlines(campaign: Campaign, analysis: MidtermAnalysis) -> list[tuple[str, str]]:
    """Phase 4 on the index page: KPI status counts, activation and the monthly report's figures."""
    lang = campaign.language
    measured = analysis.progress[analysis.progress["measured"]]
    shown = [s for s in ("green", "amber", "red", "early") if s != "early" or (measured["status"] == s).any()]
    counts = " · ".join(f"{int((measured['status'] == s).sum())} {t(f'rag.{s}', lang)}" for s in shown)
    items = [
        (t("headline.kpi_status", lang), counts),
        (t("figure.activation", lang), percent(analysis.activation, lang)),
    ]
    for result, key in (("visit", "figure.visitors"), ("applicant", "figure.applicants"), ("share", "figure.shared")):
        if result in analysis.totals:
            items.append((t(key, lang), _n(analysis.totals[result], lang)))
    return items
