"""Report tables: calculation results turned into translated, formatted DataFrames for display.

No calculation happens here; every figure comes from readiness, kpis or planning.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from campaign_kit.core.formats import date, month_label, number, percent
from campaign_kit.core.i18n import label_or, t
from campaign_kit.core.model import Campaign
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.phases.goals.analysis import (
    GoalsAnalysis,
    action_frame,
    analyse_goals,
    obstacle_frame,
    readiness_frame,
    readiness_summary,
)
from campaign_kit.spread.campaign import StartPlan
from campaign_kit.spread.priors import P_YEAR, Q_YEAR


def _date(day: dt.date | None, lang: str) -> str:
    if day is None or (not isinstance(day, dt.date) and pd.isna(day)):
        return "–"
    return date(day, lang)


def _readiness_label(item: str, lang: str) -> str:
    return label_or(f"readiness.{item}", lang, item)  # a condition the campaign added itself keeps its name


def readiness_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    frame = readiness_frame(campaign)
    return pd.DataFrame(
        {
            t("col.item", lang): [_readiness_label(i, lang) for i in frame["item"]],
            t("col.status", lang): [t(f"readiness.{s}", lang) for s in frame["status"]],
            t("col.evidence", lang): frame["evidence"],
            t("col.owner", lang): frame["owner"],
        }
    )


def readiness_text(campaign: Campaign) -> str:
    """One or two sentences: the counts and the verdict."""
    lang = campaign.language
    summary = readiness_summary(campaign)
    parts = [
        t(
            "readiness.summary",
            lang,
            ready=summary.ready,
            total=summary.total,
            partial=summary.partial,
            missing=summary.missing,
        )
    ]
    if summary.verdict == "nogo" and summary.missing_items:
        items = ", ".join(_readiness_label(i, lang) for i in summary.missing_items)
        parts.append(t("readiness.verdict.nogo", lang, items=items))
    elif summary.verdict != "nogo":
        parts.append(t(f"readiness.verdict.{summary.verdict}", lang))
    if summary.not_assessed:
        items = ", ".join(_readiness_label(i, lang) for i in summary.not_assessed)
        parts.append(t("readiness.not_listed", lang, items=items))
    return " ".join(parts)


def obstacle_table(campaign: Campaign) -> pd.DataFrame:
    lang = campaign.language
    frame = obstacle_frame(campaign)
    return pd.DataFrame(
        {
            t("col.obstacle", lang): [t(f"obstacle.{k}", lang) for k in frame["kind"]],
            t("col.description", lang): frame["description"],
            t("col.countermeasures", lang): ["; ".join(c) for c in frame["countermeasures"]],
            t("col.owner", lang): frame["owner"],
            t("col.attention", lang): [", ".join(t(f"obstacle.{a}", lang) for a in a_) for a_ in frame["attention"]],
        }
    )


def _failure_text(code: str, values: dict, campaign: Campaign) -> str:
    lang = campaign.language
    shown = dict(values)
    if code == "capacity":
        shown["months"] = ", ".join(month_label(y, m, lang) for y, m in values["months"])
    for key in ("total", "population", "children", "target", "baseline"):
        if key in shown:
            shown[key] = number(shown[key], lang, 1 if not float(shown[key]).is_integer() else 0)
    return t(f"smart.{code}", lang, **shown)


def kpi_table(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> pd.DataFrame:
    """The KPI table with the SMART verdict and, for each failed check, the reason."""
    lang = campaign.language
    analysis = analysis or analyse_goals(campaign)
    verdicts = {v.kpi: v for v in analysis.verdicts}
    rows = []
    for kpi in campaign.kpis:
        verdict = verdicts[kpi.id]
        rows.append(
            {
                t("col.kpi", lang): kpi.id,
                t("col.name", lang): kpi.name,
                t("col.metric", lang): kpi.metric or "–",
                t("col.target", lang): number(kpi.target, lang, 0 if kpi.target is None else 1)
                if kpi.target is not None and not float(kpi.target).is_integer()
                else number(kpi.target, lang),
                t("col.unit", lang): kpi.unit or "–",
                t("col.scope", lang): t(f"scope.{kpi.scope}", lang),
                t("col.baseline", lang): number(kpi.baseline, lang),
                t("col.deadline", lang): _date(kpi.deadline, lang),
                t("col.owner", lang): kpi.owner or "–",
                t("col.smart", lang): t("smart.pass" if verdict.passed else "smart.fail", lang),
                t("col.reasons", lang): "; ".join(_failure_text(c, v, campaign) for c, v in verdict.failures),
            }
        )
    columns = [
        "col.kpi",
        "col.name",
        "col.metric",
        "col.target",
        "col.unit",
        "col.scope",
        "col.baseline",
        "col.deadline",
        "col.owner",
        "col.smart",
        "col.reasons",
    ]
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


PERCENT_UNITS = {"%", "procent", "percent", "prozent", "pct", "percentage"}


def per_ambassador_text(per: float | None, unit: str, lang: str, stated: bool = False) -> str:
    """What each ambassador brings, as a person plans it. A target stated per ambassador is shown as
    typed. A total split over the team is rounded up to whole things once it is at least one each (17
    posts by 9 ambassadors is 2 each, not 1.9); below one it keeps a decimal (3 hires by 9 is 0.3 each,
    not 1). A percentage is a level of the whole group, not split."""
    if unit.strip().lower() in PERCENT_UNITS:
        return t("cell.not_per_person", lang)
    if per is None or pd.isna(per):
        return "–"
    if stated or per < 1:
        return number(per, lang, 0 if float(per).is_integer() else 1)
    return number(math.ceil(round(per, 9)), lang)  # round first: 3 × (1/3) stays 1, not 2


def cascade_table(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> pd.DataFrame:
    """Totals and per-ambassador targets side by side, with the share of the population and gaps."""
    lang = campaign.language
    analysis = analysis or analyse_goals(campaign)
    frame = analysis.cascade
    gaps = analysis.gaps.set_index("id")
    rows = []
    for row in frame.itertuples():
        gap = ""
        if row.id in gaps.index:
            value = gaps.at[row.id, "gap"]
            if value < 0:
                gap = t("cascade.gap_short", lang, gap=number(-value, lang))
            elif value > 0:
                gap = t("cascade.gap_over", lang, gap=number(value, lang))
            else:
                gap = t("cascade.gap_none", lang)
        per = row.per_ambassador
        rows.append(
            {
                t("col.kpi", lang): row.id,
                t("col.name", lang): row.name,
                # a KPI without a parent serves the main goal itself
                t("col.parent", lang): row.parent if isinstance(row.parent, str) else t("report.main_goal", lang),
                t("col.per_ambassador", lang): per_ambassador_text(per, row.unit, lang, row.scope == "per_ambassador"),
                t("col.total", lang): "–" if row.total is None or pd.isna(row.total) else number(row.total, lang),
                t("col.unit", lang): row.unit,
                t("col.share", lang): percent(row.share, lang)
                if row.share is not None and not pd.isna(row.share)
                else "–"
                if campaign.kpi(row.id).counts_people  # counts people, but has no target yet
                else t("cell.not_people", lang),
                t("col.gap", lang): gap,
            }
        )
    columns = [
        "col.kpi",
        "col.name",
        "col.parent",
        "col.per_ambassador",
        "col.total",
        "col.unit",
        "col.share",
        "col.gap",
    ]
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


def cascade_sentences(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> list[str]:
    """The method's arithmetic in words for per-ambassador KPIs that count people: 5 × 5 = 25 of 30 → 83%."""
    lang = campaign.language
    sentences = []
    for row in (analysis or analyse_goals(campaign)).cascade.itertuples():
        if row.scope != "per_ambassador" or row.total is None or pd.isna(row.total):
            continue
        values = {
            "ambassadors": campaign.team.ambassadors,
            "per": number(row.per_ambassador, lang, 0 if float(row.per_ambassador).is_integer() else 1),
            "total": number(row.total, lang),
            "unit": row.unit,
        }
        if row.share is not None and not pd.isna(row.share):
            text = t(
                "cascade.sentence",
                lang,
                population=campaign.population.size,
                share=percent(row.share, lang),
                **values,
            )
        else:
            text = t("cascade.sentence_plain", lang, **values)
        sentences.append(f"{row.id}: {text}")
    return sentences


def action_table(campaign: Campaign, as_of: dt.date) -> pd.DataFrame:
    lang = campaign.language
    frame = action_frame(campaign, as_of)
    return pd.DataFrame(
        {
            t("col.action", lang): frame["id"],
            t("col.kpi", lang): frame["kpi"],
            t("col.description", lang): frame["description"],
            t("col.owner", lang): frame["owner"],
            t("col.start", lang): [_date(d, lang) for d in frame["start"]],
            t("col.due", lang): [_date(d, lang) for d in frame["due"]],
            t("col.hours", lang): [number(h, lang, 0 if float(h).is_integer() else 1) for h in frame["hours"]],
            t("col.status", lang): [t(f"action.{s}", lang) for s in frame["status"]],
            t("col.flag", lang): [t("action.overdue", lang) if o else "" for o in frame["overdue"]],
        }
    )


def capacity_table(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> pd.DataFrame:
    lang = campaign.language
    if not campaign.actions:  # months of zeros say nothing: the report says nothing is entered yet
        return pd.DataFrame()
    frame = (analysis or analyse_goals(campaign)).capacity
    return pd.DataFrame(
        {
            t("col.month", lang): [month_label(y, m, lang) for y, m in zip(frame["year"], frame["month"], strict=True)],
            t("col.needed", lang): [number(v, lang, 1) for v in frame["needed"]],
            t("col.available", lang): [number(v, lang, 1) for v in frame["available"]],
            t("col.balance", lang): [number(v, lang, 1) for v in frame["balance"]],
            t("col.kpis_at_risk", lang): [", ".join(k) for k in frame["kpis_at_risk"]],
        }
    )


def capacity_text(campaign: Campaign, analysis: GoalsAnalysis | None = None) -> str:
    lang = campaign.language
    frame = (analysis or analyse_goals(campaign)).capacity
    over = frame[frame["over"] & ~frame["past"]]
    past = frame[frame["over"] & frame["past"]]
    lines = []
    if not campaign.actions:
        lines.append(t("capacity.no_actions", lang))
    elif over.empty:
        lines.append(t("capacity.ok", lang, hours=number(campaign.team.hours_per_month, lang)))
    else:
        months = ", ".join(month_label(y, m, lang) for y, m in zip(over["year"], over["month"], strict=True))
        kpis = sorted({k for ks in over["kpis_at_risk"] for k in ks}, key=[k.id for k in campaign.kpis].index)
        lines.append(t("capacity.over", lang, months=months, kpis=", ".join(kpis)))
    if not past.empty:
        months = ", ".join(month_label(y, m, lang) for y, m in zip(past["year"], past["month"], strict=True))
        lines.append(t("capacity.past", lang, months=months))
    return " ".join(lines)


def executive_summary(campaign: Campaign, analysis: GoalsAnalysis, as_of: dt.date) -> Summary:
    """Phase 1 at a glance: are the KPIs SMART, does the team have the hours, is the organisation
    ready, is anything overdue; and what to do before the start."""
    lang = campaign.language
    passed = sum(v.passed for v in analysis.verdicts)
    failed = [v.kpi for v in analysis.verdicts if not v.passed]
    capacity = analysis.capacity
    short = capacity[capacity["over"] & ~capacity["past"]]
    ahead = capacity[~capacity["past"]]  # a crunch already over is history, not a need
    needed = float(ahead["needed"].max()) if not ahead.empty else 0.0
    ready = readiness_summary(campaign)
    overdue = action_frame(campaign, as_of)["overdue"].sum()
    tiles = [
        Tile(
            t("summary.goals.smart", lang),
            f"{number(passed, lang)} / {number(len(analysis.verdicts), lang)}",
            "good" if analysis.verdicts and not failed else "bad",
            t("summary.no_kpis", lang)
            if not analysis.verdicts
            else t("summary.all_smart", lang)
            if not failed
            else t("summary.to_sharpen", lang, count=len(failed)),
        ),
        Tile(
            t("headline.team_planned", lang),
            number(campaign.team.ambassadors, lang),
            reference=t("summary.of_population", lang, size=number(campaign.population.size, lang)),
        ),
        Tile(
            t("summary.goals.hours", lang),
            number(campaign.team.hours_per_month, lang),
            "info" if not campaign.actions else "good" if short.empty else "bad",
            ""
            if not campaign.actions
            else t("summary.enough", lang)
            if short.empty
            else t("summary.short_months", lang, count=len(short)),
            t("summary.no_actions", lang)
            if not campaign.actions
            else t("summary.most_needed", lang, hours=number(needed, lang)),
        ),
    ]
    unknown = ready.missing + len(ready.not_assessed)  # a condition nobody assessed is not in place
    if ready.total or ready.not_assessed:
        state = "bad" if unknown else "warn" if ready.partial else "good"
        words = {
            "good": t("summary.ready", lang),
            "warn": t("summary.partly_ready", lang, count=ready.partial),
            "bad": t("summary.missing", lang, count=unknown),
        }[state]
        tiles.append(
            Tile(
                t("summary.goals.readiness", lang),
                f"{number(ready.ready, lang)} / {number(ready.total + len(ready.not_assessed), lang)}",
                state,
                words,
            )
        )
    if campaign.actions:
        tiles.append(
            Tile(
                t("summary.goals.overdue", lang),
                number(int(overdue), lang),
                "good" if not overdue else "bad",
                t("summary.on_time", lang) if not overdue else t("summary.act_now", lang),
            )
        )
    todo = []
    if not campaign.kpis:
        todo.append(t("summary.todo.kpis", lang))
    if not campaign.actions:
        todo.append(t("summary.todo.actions", lang))
    if failed:
        todo.append(t("summary.todo.smart", lang, kpis=", ".join(failed)))
    if not short.empty:
        months = ", ".join(month_label(y, m, lang) for y, m in zip(short["year"], short["month"], strict=True))
        todo.append(t("summary.todo.hours", lang, months=months))
    if unknown:
        items = [*ready.missing_items, *ready.not_assessed]
        todo.append(t("summary.todo.ready", lang, items=", ".join(_readiness_label(i, lang) for i in items)))
    if overdue:
        todo.append(t("summary.todo.overdue", lang, count=int(overdue)))
    sentence = t("summary.goals.todo", lang, todo="; ".join(todo)) if todo else t("summary.goals.ok", lang)
    return Summary(tuple(tiles), (sentence,))


def spread_sentences(campaign: Campaign, start: StartPlan | None) -> list[str]:
    """What the oil-spot plan says: the planned team's expected reach with its range, and the team
    the target needs (or that no team allowed reaches it)."""
    lang = campaign.language
    if start is None:
        return [t("spread.no_target", lang)]
    plan, result = start.result.plan, start.result
    by, target = date(start.by, lang), percent(start.target, lang)
    source = t("plan.source.spread", lang) if start.source == "spread" else f"KPI {start.source}"
    said = [
        t(
            "spread.planned",
            lang,
            n=int(result.planned.sum()),
            date=by,
            share=percent(float(result.planned_curve[-1]), lang),
            low=percent(float(result.band[0, -1]), lang),
            high=percent(float(result.band[1, -1]), lang),
        )
    ]
    if plan is None:
        said.append(
            t("spread.none", lang, target=target, source=source, date=by, largest=result.largest)
            + " "
            + t("plan.largest", lang, n=result.largest, date=by, share=percent(result.largest_share, lang))
        )
    else:
        said.append(t("spread.needs", lang, target=target, source=source, date=by, n=plan.size))
    assumed = result.assumptions
    said.append(
        t(
            "spread.assumed",
            lang,
            n=number(assumed.per_ambassador, lang),
            weeks=number(round(assumed.weeks), lang),
            adoption=t(f"result.{assumed.adoption}", lang),
            p=number(P_YEAR[1], lang, 2),
            q=number(Q_YEAR[1], lang, 2),
        )
    )
    return said


def spread_table(campaign: Campaign, start: StartPlan | None) -> pd.DataFrame:
    """Per department: colleagues, the planned team placed the best way, the team the target needs."""
    lang = campaign.language
    if start is None:
        return pd.DataFrame()
    result = start.result
    needed = result.plan.allocation if result.plan is not None else [None] * len(result.departments)
    needs = t("col.spread_needed", lang, target=percent(start.target, lang))
    rows = [
        {
            t("col.department", lang): name or t("plan.whole_group", lang),
            t("col.colleagues", lang): number(size, lang),
            t("col.spread_planned", lang, n=int(result.planned.sum())): number(int(planned), lang),
            needs: "–" if n is None else number(int(n), lang),
        }
        for (name, size), planned, n in zip(result.departments.items(), result.planned, needed, strict=True)
    ]
    return pd.DataFrame(rows)
