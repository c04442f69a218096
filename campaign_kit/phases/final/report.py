"""Phase-5 report: translated tables, sentences and charts over one `final.analyse()` result.

Testimonials are the one place where free text written by people reaches management: they are
rendered by `testimonials_html`, which escapes every character, so a testimonial containing markup or
a script is shown literally and runs nothing.
"""

from __future__ import annotations

import html

import pandas as pd

from campaign_kit.core.formats import date, money, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.phases.final.analysis import FinalAnalysis, cost_per_outcome, publishable, roi
from campaign_kit.phases.midterm.report import _n, kpi_tile, ledger_table, status_word
from campaign_kit.phases.midterm.report import status_flags as midterm_flags


def provisional_text(campaign: Campaign, analysis: FinalAnalysis) -> str:
    if analysis.as_of < campaign.end:
        lang = campaign.language
        return t("final.provisional", lang, date=date(analysis.as_of, lang), end=date(campaign.end, lang))
    return ""


def achievement_table(campaign: Campaign, analysis: FinalAnalysis) -> pd.DataFrame:
    lang = campaign.language
    if analysis.activity is None:
        return pd.DataFrame()
    rows = analysis.activity.progress[analysis.activity.progress["measured"]]
    return pd.DataFrame(
        {
            t("col.kpi", lang): rows["id"],
            t("col.name", lang): rows["name"],
            t("col.target", lang): [_n(v, lang) for v in rows["target"]],
            t("col.actual", lang): [_n(v, lang) for v in rows["actual"]],
            t("col.achieved", lang): [
                percent(a / g, lang) if g else "–" for a, g in zip(rows["actual"], rows["target"], strict=True)
            ],
            t("col.status", lang): [
                status_word(s, d, analysis.as_of, lang) for s, d in zip(rows["status"], rows["deadline"], strict=True)
            ],
        }
    )


def status_flags(campaign: Campaign) -> dict[str, str]:
    lang = campaign.language
    return {
        **midterm_flags(campaign),
        t("check.done", lang): "good",
        t("check.partial", lang): "warn",
        t("check.open", lang): "bad",
    }


def goal_text(campaign: Campaign, analysis: FinalAnalysis) -> str:
    lang = campaign.language
    if analysis.activity is None:
        return t("final.no_activity", lang)
    rows = analysis.activity.progress[analysis.activity.progress["measured"]]
    met = int((rows["status"] == "green").sum())
    key = "final.goal.so_far" if analysis.as_of < campaign.end else "final.goal"
    return t(key, lang, goal=campaign.goal.statement, met=met, of=len(rows))


def worked_table(campaign: Campaign) -> pd.DataFrame:
    """What worked and what did not: the evaluation session first, then every meeting's notes."""
    lang = campaign.language
    rows = []
    evaluation = campaign.evaluation
    if evaluation and (evaluation.worked or evaluation.did_not_work):
        when = date(evaluation.session_date, lang) if evaluation.session_date else ""
        rows.append((f"{t('final.session', lang)} {when}".strip(), evaluation.worked, evaluation.did_not_work))
    for meeting in sorted(campaign.activity.meetings if campaign.activity else [], key=lambda m: m.date):
        rows.append((t("meeting.title", lang, date=date(meeting.date, lang)), meeting.works, meeting.does_not_work))
    return pd.DataFrame(
        {
            t("col.source", lang): [r[0] for r in rows],
            t("col.works", lang): [r[1] for r in rows],
            t("col.does_not_work", lang): [r[2] for r in rows],
        }
    )


def cost_table(campaign: Campaign, analysis: FinalAnalysis) -> pd.DataFrame:
    lang = campaign.language
    costs = analysis.costs
    if costs is None:
        return pd.DataFrame()
    rows = [
        (t("final.cost.incentives", lang), costs.incentives),
        (t("final.cost.prizes", lang), costs.prizes),
        (t("final.cost.fixed", lang), costs.fixed),
        (t("final.cost.total", lang), costs.total),
        (t("final.cost.budget", lang), costs.budget),
    ]
    return pd.DataFrame(
        {
            t("col.cost_item", lang): [r[0] for r in rows],
            t("col.cost_amount", lang): [money(r[1], campaign) for r in rows],
        }
    )


def payouts_table(campaign: Campaign, analysis: FinalAnalysis) -> pd.DataFrame:
    """The final ledger per ambassador: rewards per result (caps applied), prize and total, by place."""
    return ledger_table(campaign, analysis.activity, final=True) if analysis.activity else pd.DataFrame()


def budget_text(campaign: Campaign, analysis: FinalAnalysis) -> str:
    costs = analysis.costs
    if costs is None or not costs.budget:
        return ""
    key = "final.within_budget" if costs.total <= costs.budget else "final.over_budget"
    if analysis.as_of < campaign.end:  # a provisional run: what has been spent so far
        key += ".so_far"
    return t(key, campaign.language, share=percent(costs.total / costs.budget, campaign.language))


def outcome_table(campaign: Campaign, analysis: FinalAnalysis) -> pd.DataFrame:
    """Value delivered and the cost of each outcome."""
    lang = campaign.language
    totals = analysis.activity.totals if analysis.activity else {}
    per = cost_per_outcome(analysis.costs.total, totals) if analysis.costs else {}
    rows = []
    for result in ("completion", "applicant", "hire", "visit", "click", "share", "impression"):
        if result not in totals:
            continue
        rows.append(
            (
                t(f"count.{result}", lang),
                _n(totals[result], lang),
                "–"  # no costs known (no rewards section): nothing to divide
                if analysis.costs is None
                else money(per[result], campaign)
                if per.get(result) is not None
                else t("cell.none_yet" if result in per else "cell.not_an_outcome", lang),
            )
        )
    return pd.DataFrame(
        {
            t("col.outcome", lang): [r[0] for r in rows],
            t("col.count", lang): [r[1] for r in rows],
            t("col.cost_each", lang): [r[2] for r in rows],
        }
    )


def _input_label(name: str, result: str | None, lang: str) -> str:
    label = t(f"media.{name}", lang)
    return f"{label}: {t(f'result.{result}', lang)}" if result else label


MONEY_INPUTS = {"cpm", "cpc", "cost_per_point"}


def media_table(campaign: Campaign, analysis: FinalAnalysis) -> pd.DataFrame:
    """The earned-media estimate's inputs, shown next to the figure so it can be reproduced."""
    lang = campaign.language
    media = analysis.media
    if media is None:
        return pd.DataFrame()
    labels = [
        _input_label(n, r, lang) + (f" ({t('final.assumed', lang)})" if n in media.assumed else "")
        for n, r, _ in media.inputs
    ]
    # prices carry the currency (CPM, cost per click, cost per point); counts are plain numbers
    values = [
        money(v, campaign)
        if n in MONEY_INPUTS and campaign.rewards is not None  # without rewards there is no currency
        else number(v, lang, 0 if float(v).is_integer() else 2)
        for n, _, v in media.inputs
    ]
    return pd.DataFrame({t("col.input", lang): labels, t("col.value", lang): values})


def media_text(campaign: Campaign, analysis: FinalAnalysis) -> list[str]:
    lang = campaign.language
    media = analysis.media
    if media is None:
        return [t("final.no_media", lang)]
    method = t(f"media.method.{media.method}", lang)
    if media.value is None:
        return [t("final.media_missing", lang, method=method, missing=", ".join(media.missing))]
    lines = [
        t(
            "final.media",
            lang,
            value=money(media.value, campaign),
            method=method,
            formula=t(f"media.formula.{media.method}", lang),
        )
    ]
    settings = campaign.evaluation
    both = sorted(set(settings.earned_media.points) & set(settings.value_per)) if settings.earned_media else []
    if media.method == "points" and both:
        lines.append(t("final.valued_twice", lang, results=", ".join(t(f"count.{r}", lang) for r in both)))
    if analysis.value is not None and analysis.costs is not None:
        parts = " + ".join(
            f"{_n(n, lang)} × {money(v, campaign)} ({t(f'result.{r}', lang)})" for r, n, v in analysis.value_parts
        )
        ratio = roi(analysis.value, analysis.costs.total)
        lines.append(
            t(
                "final.roi",
                lang,
                value=money(analysis.value, campaign),
                parts=(" + " + parts) if parts else "",
                cost=money(analysis.costs.total, campaign),
                roi=percent(ratio, lang) if ratio is not None else "–",
            )
        )
    return lines


def checklist_table(campaign: Campaign, analysis: FinalAnalysis) -> pd.DataFrame:
    lang = campaign.language
    rows = analysis.checklist
    return pd.DataFrame(
        {
            t("col.check", lang): [t(f"check.{r['item']}", lang) for r in rows],
            t("col.status", lang): [t(f"check.{r['status']}", lang) for r in rows],
            t("col.why", lang): [r["note"] or _why(r["why"], lang) for r in rows],
        }
    )


def _why(why: tuple[str, dict], lang: str) -> str:
    key, values = why
    shown = {k: percent(v, lang) if k == "active" else v for k, v in values.items()}
    return t(f"check.{key}", lang, **shown)


def lessons_html(campaign: Campaign) -> str:
    lessons = campaign.evaluation.lessons if campaign.evaluation else []
    if not lessons:
        return f'<p class="ck-empty">{html.escape(t("empty", campaign.language))}</p>'
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in lessons) + "</ul>"


def recommendation_text(campaign: Campaign, analysis: FinalAnalysis) -> list[str]:
    lang = campaign.language
    advice = analysis.recommendation
    if advice.months is None:
        lines = [t("final.next.unknown", lang)]
    elif advice.months == 0:
        lines = [t("final.next.continuous", lang)]
    else:
        lines = [t("final.next.start", lang, months=advice.months, date=date(advice.start, lang))]
    provisional = analysis.as_of < campaign.end
    for key, values in advice.reasons:
        if provisional and key in ("final.why.success", "final.why.mixed", "final.why.missed"):
            key += ".so_far"  # before the end nothing is missed yet: how it goes so far
        shown = {k: percent(v, lang) if k == "share" else v for k, v in values.items()}
        lines.append(t(key, lang, **shown))
    if advice.sharpen:
        names = {k.id: k.name for k in campaign.kpis}
        lines.append(t("final.sharpen", lang, kpis=", ".join(f"{i} ({names.get(i, i)})" for i in advice.sharpen)))
    return lines


def testimonials_html(campaign: Campaign, analysis: FinalAnalysis) -> str:
    """Consented testimonials as quotes. Everything written by a person is escaped: text stays text."""
    lang = campaign.language
    testimonials = campaign.evaluation.testimonials if campaign.evaluation else []
    items = publishable(testimonials, analysis.names, lang, analysis.as_of)
    if not items:
        return f'<p class="ck-empty">{html.escape(t("final.no_testimonials", lang))}</p>'
    return "".join(
        '<blockquote class="ck-quote"><p>'
        + html.escape(item["text"])
        + f"</p><footer>— {html.escape(item['who'])}, {html.escape(date(item['date'], lang))}</footer></blockquote>"
        for item in items
    )


def executive_summary(campaign: Campaign, analysis: FinalAnalysis) -> Summary:
    """Phase 5 at a glance: KPIs met (or, before the end, met or on course so far), cost against
    budget, earned media and return; then what it means and when to start again."""
    lang = campaign.language
    provisional = analysis.as_of < campaign.end
    tiles = []
    if analysis.activity is not None:
        tiles.append(kpi_tile(campaign, analysis.activity.progress, analysis.as_of, provisional))
    costs = analysis.costs
    if costs is not None:
        label = t("summary.cost_so_far" if provisional else "final.cost.total", lang)
        if costs.budget:
            within = costs.total <= costs.budget
            tiles.append(
                Tile(
                    label,
                    money(costs.total, campaign),
                    "good" if within else "bad",
                    t("summary.budget_used", lang, share=percent(costs.total / costs.budget, lang)),
                    t("summary.budget", lang, budget=money(costs.budget, campaign)),
                )
            )
        else:
            tiles.append(Tile(label, money(costs.total, campaign)))
    if analysis.media is not None and analysis.media.value is not None:
        tiles.append(Tile(t("section.media", lang), money(analysis.media.value, campaign)))
    if costs is not None and roi(analysis.value, costs.total) is not None:
        tiles.append(Tile(t("headline.roi", lang), percent(roi(analysis.value, costs.total), lang)))
    sentences = []
    if provisional:
        sentences.append(provisional_text(campaign, analysis))
    sentences.append(goal_text(campaign, analysis))
    budget = budget_text(campaign, analysis)
    if budget:
        sentences.append(budget)
    if not provisional:
        sentences.append(recommendation_text(campaign, analysis)[0])
    return Summary(tuple(tiles), tuple(sentences))
