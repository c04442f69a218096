"""Phase-4 report: translated tables, sentences and charts over one `midterm.analyse()` result."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from campaign_kit.core.formats import date, money, month_label, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.phases.midterm.analysis import MidtermAnalysis, ranking
from campaign_kit.spread.fit import MIN_ADOPTIONS, MIN_WEEKS

RAG_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828"}


def _n(value: float | None, lang: str) -> str:
    """Counts as whole numbers; per-ambassador averages with one decimal."""
    if value is None or pd.isna(value):
        return "–"
    if abs(value) >= 100 or float(value).is_integer():
        return number(round(value), lang)
    return number(value, lang, 1)


def status_word(status: str, deadline: dt.date, as_of: dt.date, lang: str) -> str:
    """One vocabulary for a KPI's status: met or missed once its deadline has come, else on course,
    at risk, behind or too early to judge (never a colour name: the colour is the cell's)."""
    if as_of >= deadline and status != "early":
        return t("final.met" if status == "green" else "final.missed", lang)
    return t(f"course.{status}", lang)


def status_flags(campaign: Campaign) -> dict[str, str]:
    lang = campaign.language
    return {
        t("course.green", lang): "good",
        t("course.amber", lang): "warn",
        t("course.red", lang): "bad",
        t("course.early", lang): "muted",
        t("final.met", lang): "good",
        t("final.missed", lang): "bad",
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
            t("col.status", lang): [
                status_word(s, d, analysis.as_of, lang) for s, d in zip(rows["status"], rows["deadline"], strict=True)
            ],
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
                    t(f"count.{result}", lang),
                    previous.get("totals", {}).get(result, 0.0),
                    analysis.totals.get(result, 0.0),
                )
            )
    rows.append((t("figure.activation", lang), previous.get("active"), float(analysis.active)))
    if analysis.ledger is not None:
        rows.append(
            (t("figure.earned", lang), previous.get("earned"), float(analysis.ledger.totals["incentives"].sum()))
        )
    earned = t("figure.earned", lang)

    def shown(label: str, value: float | None) -> str:  # rewards earned are money, the rest counts
        return money(value, campaign) if label == earned and value is not None else _n(value, lang)

    before_day = date(dt.date.fromisoformat(previous["as_of"]), lang)
    now_day = date(analysis.as_of, lang)
    return pd.DataFrame(
        {
            t("col.figure", lang): [r[0] for r in rows],
            t("col.previous", lang, date=before_day): [shown(r[0], r[1]) for r in rows],
            t("col.now", lang, date=now_day): [shown(r[0], r[2]) for r in rows],
            t("col.change", lang): [
                "–" if r[1] is None else ("+" if r[2] - r[1] > 0 else "") + shown(r[0], r[2] - r[1]) for r in rows
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
        table[t(f"count.{result}", lang)] = [_n(v, lang) for v in ranked[result]]
    return table


def top_posts(campaign: Campaign, analysis: MidtermAnalysis, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The five posts shared most, or visited most when nothing is shared through the platform."""
    lang = campaign.language
    ranked, results = ranking(analysis.posts if frame is None else frame)
    # by title where an export or the campaign's posts file gives one; management does not know 'P004'
    table = pd.DataFrame({t("col.post", lang): [analysis.titles.get(p, p) for p in ranked.index]})
    for result in results:
        table[t(f"count.{result}", lang)] = [_n(v, lang) for v in ranked[result]]
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
        table[t(f"count.{result}", lang)] = [_n(v, lang) for v in order[result]]
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
        table[t(f"count.{result}", lang)] = [_n(v, lang) for v in grouped[result]]
    return table


def departments_text(campaign: Campaign, analysis: MidtermAnalysis) -> str:
    return "" if analysis.team.departments else t("midterm.no_departments", campaign.language)


# the kind of export that measures each figure of the monthly management report
MONTHLY = (
    ("visit", "web", "figure.visitors"),
    ("applicant", "recruitment", "figure.applicants"),
    ("share", "sharing", "figure.shared"),
)


def monthly_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    """Visitors via colleagues, applicants via employees and posts shared, per month; a figure the
    campaign has no export for says 'not measured' instead of a column of zeros."""
    lang = campaign.language
    data = analysis.monthly
    labels = []
    for month in data.index:
        year, number_ = (int(x) for x in month.split("-"))
        label = month_label(year, number_, lang)
        if (year, number_) == (analysis.as_of.year, analysis.as_of.month):
            label = t("midterm.month_to_date", lang, month=label, date=date(analysis.as_of, lang))
        labels.append(label)
    kinds = {source.kind for source in campaign.activity.sources} if campaign.activity else set()
    table = {t("col.month", lang): labels}
    for result, kind, key in MONTHLY:
        measured = kind in kinds or result in analysis.totals
        table[t(key, lang)] = [_n(v, lang) for v in _column(data, result)] if measured else t("cell.not_measured", lang)
    return pd.DataFrame(table)


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
    table = pd.DataFrame(
        {
            t("col.kind", lang): [t(f"kind.{k}", lang) for k in data["kind"]],
            t("col.ambassador", lang): data["ambassador"],
            t("col.events", lang): [number(v, lang) for v in data["events"]],
            t("col.first_seen", lang): [date(pd.Timestamp(d).date(), lang) for d in data["first"]],
            t("col.last_seen", lang): [date(pd.Timestamp(d).date(), lang) for d in data["last"]],
        }
    )
    if "employee" in data:  # the campaign has an employee list
        table[t("col.on_employee_list", lang)] = [t("yes" if bool(v) else "no", lang) for v in data["employee"]]
    return table


# activation at or above this share of the team is healthy, under the lower one a problem
ACTIVE_GOOD, ACTIVE_POOR = 0.8, 0.5


def kpi_tile(campaign: Campaign, progress: pd.DataFrame, as_of: dt.date, provisional: bool = True) -> Tile:
    """How many measured KPIs are met or on course, the others said in words: missed (deadline
    passed), behind, at risk. Once the campaign is over (`provisional` false): met and missed."""
    lang = campaign.language
    measured = progress[progress["measured"]]
    good = int((measured["status"] == "green").sum())
    value = f"{number(good, lang)} / {number(len(measured), lang)}"
    if measured.empty:  # no KPI is measured from the exports: neither met nor early, just unknown
        label = t("headline.kpis_on_course" if provisional else "headline.kpis_met", lang)
        return Tile(label, value, "info", t("summary.none_measured", lang))
    if not provisional:
        missed = len(measured) - good
        return Tile(
            t("headline.kpis_met", lang),
            value,
            "good" if not missed else "bad",
            t("summary.all_met", lang) if not missed else t("summary.missed", lang, count=missed),
        )
    label = t("headline.kpis_on_course", lang)
    over = measured["deadline"].map(lambda d: d <= as_of).astype(bool)  # the deadline has come
    counts = {
        "summary.missed": int(((measured["status"] == "red") & over).sum()),
        "summary.behind": int(((measured["status"] == "red") & ~over).sum()),
        "summary.at_risk": int((measured["status"] == "amber").sum()),
    }
    words = ", ".join(t(key, lang, count=n) for key, n in counts.items() if n)
    if words:
        bad = counts["summary.missed"] or counts["summary.behind"]
        return Tile(label, value, "bad" if bad else "warn", words)
    if (measured["status"] == "early").all():
        return Tile(label, value, "info", t("course.early", lang))
    return Tile(label, value, "good", t("course.green", lang))


def executive_summary(campaign: Campaign, analysis: MidtermAnalysis) -> Summary:
    """Phase 4 at a glance: KPIs on course, the team's activation, the main results so far; and
    which targets to re-set or whom to talk to."""
    lang = campaign.language
    team = len(analysis.team.ids)
    share = analysis.activation
    tiles = [
        kpi_tile(campaign, analysis.progress, analysis.as_of),
        Tile(
            t("figure.activation", lang),
            f"{number(analysis.active, lang)} / {number(team, lang)}",
            "info" if not team else "good" if share >= ACTIVE_GOOD else "warn" if share >= ACTIVE_POOR else "bad",
            "" if not team else t("summary.active_share", lang, share=percent(share, lang)),
            t("summary.active_days", lang, days=campaign.activity.active_days if campaign.activity else 30),
        ),
    ]
    for result, key in (("visit", "figure.visitors"), ("applicant", "figure.applicants"), ("share", "figure.shared")):
        if result in analysis.totals and len(tiles) < 4:
            tiles.append(Tile(t(key, lang), _n(analysis.totals[result], lang), reference=t("summary.so_far", lang)))
    measured = analysis.progress[analysis.progress["measured"]]
    sentences = []
    running = measured[(measured["deadline"] > analysis.as_of) & (measured["status"] != "early")]
    behind = running[running["status"].isin(["red", "amber"])]
    retarget = behind[behind["suggested"].notna()]
    if not behind.empty:
        targets = ", ".join(
            t("summary.retarget_one", lang, kpi=i, target=_n(v, lang))
            for i, v in zip(retarget["id"], retarget["suggested"], strict=True)
        )
        key = "summary.midterm.behind_retarget" if targets else "summary.midterm.behind"
        sentences.append(t(key, lang, count=len(behind), of=len(running), targets=targets))
    elif not running.empty:
        sentences.append(t("summary.midterm.on_course", lang))
    idle = team - analysis.active
    if team and idle:
        sentences.append(t("summary.midterm.idle", lang, count=idle))
    return Summary(tuple(tiles), tuple(sentences))


# the oil spot ----------------------------------------------------------------------------------------
def _source(source: str, lang: str) -> str:
    return t("plan.source.spread", lang) if source == "spread" else f"KPI {source}"


def _rate(value: float, lang: str) -> str:
    """A rate per week: small, so with two significant digits (0.0069, 0.24), at most four decimals."""
    if value < 0.00005:
        return number(0, lang)
    digits = min(max(2, 1 - math.floor(math.log10(value))), 4)
    return number(round(value, digits), lang, digits)


def _count(n: int, what: str, lang: str) -> str:
    """'1 ambassador' or '5 ambassadors', in the campaign's language."""
    return t(f"oilspot.one_{what}", lang) if n == 1 else t(f"oilspot.n_{what}s", lang, n=number(n, lang))


def oilspot_sentences(campaign: Campaign, analysis: MidtermAnalysis) -> list[str]:
    """Where the oil spot stands: reached so far, the fit or why there is none, the forecast for the
    target date, when the target is reached at this pace, and what one more ambassador would change."""
    lang = campaign.language
    s = analysis.spread
    if s is None:
        return [t(analysis.spread_note or "spread.no_target", lang)]
    said = [
        t(
            "oilspot.measured",
            lang,
            date=date(s.measured_until if s.weeks else s.begin, lang),
            share=percent(float(s.actual[-1]), lang),
            team=_count(int(s.team.sum()), "ambassador", lang),
            adopted=_count(int(s.adopted.sum()), "colleague", lang),
            adoption=t(f"result.{s.assumptions.adoption}", lang),
            weeks=_count(s.weeks, "week", lang),
        )
    ]
    if s.outside:
        said[-1] += " " + t("oilspot.outside", lang, n=number(s.outside, lang))
    if s.beyond:
        said[-1] += " " + t("oilspot.beyond", lang, n=number(s.beyond, lang))
    source = s.assumptions.source
    assumed = t("oilspot.assumed.spread", lang) if source == "spread" else f"KPI {source}"
    n = int(s.new.sum())
    if s.fit is not None:
        low, high = s.fit.interval()["r"]
        rates = {"p": _rate(s.rates.p, lang), "q": _rate(s.rates.q, lang)}
        if _rate(high, lang) == _rate(0, lang):  # "0 to 0" says nothing: say the recruiting does not show
            said.append(t("oilspot.fitted_no_r", lang, **rates))
        else:
            r = {"r": _rate(s.rates.r, lang), "low": _rate(low, lang), "high": _rate(high, lang)}
            said.append(t("oilspot.fitted", lang, **rates, **r))
    elif s.weeks < MIN_WEEKS:
        needed = number(MIN_WEEKS, lang)
        said.append(t("oilspot.thin_weeks", lang, weeks=number(s.weeks, lang), needed=needed, assumed=assumed))
    elif n < MIN_ADOPTIONS:
        needed = number(MIN_ADOPTIONS, lang)
        said.append(t("oilspot.thin_adoptions", lang, n=number(n, lang), needed=needed, assumed=assumed))
    else:
        said.append(t("oilspot.no_fit", lang, weeks=number(s.weeks, lang), n=number(n, lang), assumed=assumed))
    target, source = percent(s.target, lang), _source(s.source, lang)
    if s.past:
        said.append(
            t(
                "oilspot.past",
                lang,
                date=date(s.by, lang),
                share=percent(s.expected_by, lang),
                target=target,
                source=source,
            )
        )
    else:
        said.append(
            t(
                "oilspot.forecast",
                lang,
                date=date(s.by, lang),
                share=percent(s.expected_by, lang),
                low=percent(s.band_by[0], lang),
                high=percent(s.band_by[1], lang),
                target=target,
                source=source,
            )
        )
    if s.reached is not None and s.actual[-1] >= s.target - 1e-12:
        said.append(t("oilspot.reached_already", lang, date=date(s.reached, lang)))
    elif s.reached is not None:
        said.append(t("oilspot.reached_on", lang, date=date(s.reached, lang)))
    else:
        said.append(t("oilspot.reached_never", lang))
    if not s.past and s.lagging is not None:
        more, now = percent(s.one_more, lang), percent(s.as_is, lang)
        little = more == now  # less than a percentage point: say so rather than "75% instead of 75%"
        if len(s.departments) > 1:
            key = "oilspot.lagging_little" if little else "oilspot.lagging"
            own = percent(s.own_share(s.lagging), lang)
            said.append(t(key, lang, department=s.lagging, own=own, date=date(s.by, lang), more=more, now=now))
        else:
            key = "oilspot.one_more_little" if little else "oilspot.one_more"
            said.append(t(key, lang, date=date(s.by, lang), more=more, now=now))
    return said


def oilspot_table(campaign: Campaign, analysis: MidtermAnalysis) -> pd.DataFrame:
    """Per department: colleagues, ambassadors, reached now (team included) and expected by the target date."""
    lang = campaign.language
    s = analysis.spread
    if s is None:
        return pd.DataFrame()
    reached_now = s.adopted + s.team
    rows = [
        {
            t("col.department", lang): name or t("plan.whole_group", lang),
            t("col.colleagues", lang): number(size, lang),
            t("col.ambassadors", lang): number(int(team), lang),
            t("col.reached_now", lang): f"{number(int(now), lang)} ({percent(now / size, lang)})",
            # once the date has passed, what was measured then; before it, what is expected
            t("col.reached_on" if s.past else "col.expected_on", lang, date=date(s.by, lang)): percent(
                s.own_share(name), lang
            ),
        }
        for (name, size), team, now in zip(s.departments.items(), s.team, reached_now, strict=True)
    ]
    return pd.DataFrame(rows)
