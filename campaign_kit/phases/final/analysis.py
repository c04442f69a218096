"""Phase 5: the final evaluation. What the campaign achieved, what it cost, what it was worth, the
method's closing checklist and when to start again. Activity comes from the same store and
calculations as the mid-term check, read up to the campaign's end.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from campaign_kit.core.errors import Problem, missing_section
from campaign_kit.core.model import CHECKLIST_ITEMS, Campaign, EarnedMedia, Evaluation, Testimonial
from campaign_kit.core.storage import atomic_write_text
from campaign_kit.data.activity import SyncStep
from campaign_kit.data.history import snapshot_of
from campaign_kit.phases.midterm.analysis import MidtermAnalysis
from campaign_kit.phases.midterm.analysis import analyse as analyse_activity
from campaign_kit.phases.rewards.analysis import fixed_cost_total

FINAL_FILE = "final.json"  # the figures of a snapshot's final evaluation, for the portfolio


def _evaluation(campaign: Campaign) -> Evaluation:
    if campaign.evaluation is None:
        raise missing_section("evaluation", 5, "section.contents.evaluation")
    return campaign.evaluation


# value and cost (pure, tested on hand-computed cases) ---------------------------------------------
@dataclass(frozen=True)
class Estimate:
    """An estimate with the formula and inputs that produce it. Inputs are (name, result, value):
    name is a language-neutral key (cpc, clicks, impressions, ...), result the result type it is
    about (for points per result), so reports can translate and tests can check each input."""

    value: float | None  # None: an input is missing (named in `missing`)
    method: str
    inputs: list[tuple[str, str | None, float]]
    missing: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)  # input names that are assumptions, not measurements

    def input(self, name: str, result: str | None = None) -> float:
        return next(v for n, r, v in self.inputs if n == name and r == result)


def impressions(totals: dict[str, float], media: EarnedMedia) -> tuple[float | None, bool]:
    """Impressions from the export when it has them, else shares × the assumed impressions per share."""
    if totals.get("impression"):
        return totals["impression"], False
    if media.impressions_per_share is not None:
        return totals.get("share", 0.0) * media.impressions_per_share, True
    return None, False


def earned_media(totals: dict[str, float], media: EarnedMedia) -> Estimate:
    """What the same reach would have cost as paid media, by the chosen platform method."""
    clicks, reactions = totals.get("click", 0.0), totals.get("reaction", 0.0)
    if media.method == "cpc":
        missing = ["cost_per_click"] if media.cost_per_click is None else []
        value = None if missing else media.cost_per_click * clicks
        return Estimate(value, "cpc", [("cpc", None, media.cost_per_click or 0.0), ("clicks", None, clicks)], missing)
    if media.method == "cpm_cpc":
        shown, assumed = impressions(totals, media)
        missing = [k for k, v in (("cpm", media.cpm), ("cost_per_click", media.cost_per_click)) if v is None]
        if shown is None:
            missing.append("impressions_per_share")
        value = (
            None
            if missing
            else media.cpm * shown / 1000 + media.cost_per_click * (reactions * media.reaction_multiplier + clicks)
        )
        inputs = [
            ("cpm", None, media.cpm or 0.0),
            ("impressions", None, shown or 0.0),
            ("cpc", None, media.cost_per_click or 0.0),
            ("reactions", None, reactions),
            ("multiplier", None, media.reaction_multiplier),
            ("clicks", None, clicks),
        ]
        if assumed:
            inputs.insert(2, ("impressions_per_share", None, media.impressions_per_share or 0.0))
        return Estimate(value, "cpm_cpc", inputs, missing, ["impressions", "impressions_per_share"] if assumed else [])
    missing = [] if media.cost_per_point is not None else ["cost_per_point"]
    if not media.points:
        missing.append("points")
    points = sum(media.points.get(r, 0.0) * totals.get(r, 0.0) for r in media.points)
    inputs: list[tuple[str, str | None, float]] = []
    for result, per in media.points.items():
        inputs += [("points_per", result, per), ("results", result, totals.get(result, 0.0))]
    inputs += [("points", None, points), ("cost_per_point", None, media.cost_per_point or 0.0)]
    value = None if missing else points * media.cost_per_point
    return Estimate(value, "points", inputs, missing)


@dataclass(frozen=True)
class Costs:
    incentives: float
    prizes: float
    fixed: float
    budget: float | None

    @property
    def total(self) -> float:
        return self.incentives + self.prizes + self.fixed


def cost_per_outcome(total: float, totals: dict[str, float]) -> dict[str, float | None]:
    """Total cost divided by each outcome; None when there was none of it."""
    return {r: (total / totals[r] if totals.get(r) else None) for r in ("completion", "applicant", "hire", "click")}


def roi(value: float | None, cost: float) -> float | None:
    """(value − cost) / cost; None when the value cannot be estimated or nothing was spent."""
    if value is None or cost <= 0:
        return None
    return (value - cost) / cost


# consent -------------------------------------------------------------------------------------------
def publishable(
    testimonials: list[Testimonial], names: dict[str, str], lang: str, as_of: dt.date | None = None
) -> list[dict]:
    """Only consented testimonials given by the as-of date, newest last: by name when the ambassador
    agreed to that and a name is known (never a bare id), else anonymously. The text is returned as it
    was written; whoever renders it must escape it."""
    from campaign_kit.core.i18n import t

    shown = []
    for item in sorted(testimonials, key=lambda x: x.date):
        if item.consent == "none" or (as_of is not None and item.date > as_of):
            continue
        named = item.consent == "named" and item.ambassador in names
        who = names[item.ambassador] if named else t("final.anonymous", lang)
        shown.append({"who": who, "text": item.text, "date": item.date})
    return shown


# checklist and recommendation ----------------------------------------------------------------------
def checklist(campaign: Campaign, activity: MidtermAnalysis | None) -> list[dict]:
    """The method's closing checklist: a status per item from what the workbook knows, which the
    campaign's own `evaluation.checklist` entries override (with their note)."""
    smart_kpis = [k for k in campaign.kpis if k.target is not None and k.deadline and k.owner and k.metric]
    meetings = len(campaign.activity.meetings) if campaign.activity else 0
    planned_meetings = sum(1 for c in campaign.checkpoints if c.kind == "ambassador_meeting")
    reviews = {c.kind for c in campaign.checkpoints}
    measured = [k for k in campaign.kpis if k.measure is not None]
    team = len(activity.team.ids) if activity else 0

    def verdict(done: bool, partial: bool, key: str, **values: object) -> tuple[str, tuple[str, dict]]:
        return ("done" if done else "partial" if partial else "open"), (f"why.{key}", values)

    prizes = campaign.rewards is not None and bool(campaign.rewards.prizes)
    auto = {
        "goal_and_kpis": verdict(
            bool(campaign.goal.statement) and len(smart_kpis) == len(campaign.kpis) > 0,
            bool(smart_kpis),
            "goal_and_kpis",
            smart=len(smart_kpis),
            of=len(campaign.kpis),
        ),
        "plan": verdict(
            bool(campaign.actions) and all(a.owner for a in campaign.actions),
            bool(campaign.actions),
            "plan",
            actions=len(campaign.actions),
            owned=sum(1 for a in campaign.actions if a.owner),
        ),
        "team": verdict(
            team >= campaign.team.ambassadors and activity is not None and activity.activation >= 0.8,
            team > 0,
            "team",
            team=team,
            planned=campaign.team.ambassadors,
            active=activity.activation if activity else 0.0,
        ),
        "reward": verdict(
            campaign.rewards is not None and bool(campaign.rewards.rules) and bool(campaign.rewards.performance),
            campaign.rewards is not None,
            "reward",
            rules=len(campaign.rewards.rules) if campaign.rewards else 0,
        ),
        "motivation": verdict(
            prizes and meetings > 0,
            prizes or meetings > 0,
            "motivation",
            prizes=len(campaign.rewards.prizes) if campaign.rewards else 0,
            meetings=meetings,
        ),
        "meetings": verdict(
            planned_meetings > 0 and meetings >= planned_meetings,
            planned_meetings > 0 or meetings > 0,
            "meetings",
            held=meetings,
            planned=planned_meetings,
        ),
        "evaluations": verdict(
            {"midterm", "final"} <= reviews and len(measured) == len(campaign.kpis) > 0,
            bool({"midterm", "final"} & reviews) or bool(measured),
            "evaluations",
            measured=len(measured),
            of=len(campaign.kpis),
        ),
    }
    overrides = campaign.evaluation.checklist if campaign.evaluation else {}
    rows = []
    for item in CHECKLIST_ITEMS:
        status, why = auto[item]
        note = ""
        if item in overrides:
            status, note = overrides[item].status, overrides[item].note
        rows.append({"item": item, "status": status, "why": why, "note": note})
    return rows


@dataclass(frozen=True)
class Recommendation:
    months: int | None  # until the next campaign starts; 0 = continuous
    start: dt.date | None
    reasons: list[tuple[str, dict]]  # (i18n key, values)
    sharpen: list[str]  # KPI ids to sharpen


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, 1)


def recommend(campaign: Campaign, progress: pd.DataFrame) -> Recommendation:
    """When to start again, from step 8 of the method: faster turnover means sooner (or continuous);
    weak management support means secure a sponsor first; a campaign that missed most of its KPIs
    should sharpen them and run a short pilot first. KPIs to sharpen: missed, unmeasured or not SMART."""
    evaluation = _evaluation(campaign)
    reasons: list[tuple[str, dict]] = []
    measured = progress[progress["measured"]]
    met = int((measured["status"] == "green").sum())
    success = met / len(measured) if len(measured) else None
    turnover = evaluation.turnover
    if turnover is None:
        months = None
        reasons.append(("final.why.no_turnover", {}))
    elif turnover >= 0.15:
        months = 0
        reasons.append(("final.why.turnover_high", {"share": turnover}))
    elif turnover >= 0.08:
        months = 6
        reasons.append(("final.why.turnover_mid", {"share": turnover}))
    else:
        months = 12
        reasons.append(("final.why.turnover_low", {"share": turnover}))
    if success is not None:
        if success >= 0.75:
            reasons.append(("final.why.success", {"met": met, "of": len(measured)}))
        elif success < 0.5:
            months = None if months is None else max(months, 6)
            reasons.append(("final.why.missed", {"met": met, "of": len(measured)}))
        else:
            reasons.append(("final.why.mixed", {"met": met, "of": len(measured)}))
    if evaluation.management_support == "weak":
        months = None if months is None else max(months, 12)
        reasons.append(("final.why.weak_support", {}))
    elif evaluation.management_support == "strong":
        reasons.append(("final.why.strong_support", {}))
    sharpen = list(measured.loc[measured["status"] != "green", "id"])
    sharpen += [k.id for k in campaign.kpis if k.measure is None or not (k.metric and k.owner and k.deadline)]
    # the first of the month once `months` have passed after the end (0: straight after it)
    start = _add_months(campaign.end, months + 1) if months is not None else None
    return Recommendation(months, start, reasons, list(dict.fromkeys(sharpen)))


# the whole evaluation ------------------------------------------------------------------------------
@dataclass
class FinalAnalysis:
    as_of: dt.date
    activity: MidtermAnalysis | None
    costs: Costs | None
    media: Estimate | None
    value: float | None
    value_parts: list[tuple[str, float, float]]  # (result, count, value each)
    checklist: list[dict]
    recommendation: Recommendation
    names: dict[str, str] = field(default_factory=dict)  # id -> name a named testimonial may show
    warnings: list[Problem] = field(default_factory=list)  # for the analyst: testimonials to look at


def real_names(campaign: Campaign, activity: MidtermAnalysis | None) -> dict[str, str]:
    """Id -> name: from the employee list (a testimonial by name shows the name the person agreed to),
    else the names the mid-term team has."""
    if campaign.selection is None:
        return activity.team.names if activity else {}
    from campaign_kit.phases.selection.people import load_people

    employees = load_people(campaign).employees
    if "name" not in employees:
        return {}
    return {str(i): str(n) for i, n in zip(employees["id"], employees["name"], strict=True) if n}


def testimonial_warnings(campaign: Campaign, known: set[str] | None) -> list[Problem]:
    """A testimonial dated after the campaign, or to be shown by name without a name to show."""
    warnings = []
    testimonials = campaign.evaluation.testimonials if campaign.evaluation else []
    for i, item in enumerate(testimonials):
        if item.date > campaign.end:
            warnings.append(
                Problem.of(
                    "campaign.yaml",
                    f"evaluation.testimonials[{i}].date",
                    "warning.testimonial_after_end",
                    day=item.date,
                    end=campaign.end,
                )
            )
        if item.consent == "named" and known is not None and item.ambassador not in known:
            warnings.append(
                Problem.of(
                    "campaign.yaml",
                    f"evaluation.testimonials[{i}].ambassador",
                    "warning.named_unknown",
                    id=repr(item.ambassador),
                )
            )
    return warnings


def analyse(campaign: Campaign, as_of: dt.date, progress: Callable[[SyncStep], None] | None = None) -> FinalAnalysis:
    evaluation = _evaluation(campaign)
    cutoff = min(as_of, campaign.end)  # results after the campaign do not count for it
    activity = analyse_activity(campaign, cutoff, progress) if campaign.activity is not None else None
    totals = activity.totals if activity else {}
    costs = None
    if campaign.rewards is not None:
        ledger = activity.ledger if activity else None
        incentives = float(ledger.totals["incentives"].sum()) if ledger is not None else 0.0
        prizes = float(ledger.totals["prize"].sum()) if ledger is not None else 0.0
        costs = Costs(incentives, prizes, fixed_cost_total(campaign.rewards), campaign.rewards.budget)
    media = earned_media(totals, evaluation.earned_media) if evaluation.earned_media else None
    parts = [(r, totals.get(r, 0.0), v) for r, v in evaluation.value_per.items()]
    value = None
    if media is not None and media.value is not None:
        value = media.value + sum(n * v for _, n, v in parts)
    elif parts:
        value = sum(n * v for _, n, v in parts)
    progress = (
        activity.progress if activity else pd.DataFrame({"id": [], "measured": pd.Series(dtype=bool), "status": []})
    )
    return FinalAnalysis(
        as_of=cutoff,
        activity=activity,
        costs=costs,
        media=media,
        value=value,
        value_parts=parts,
        checklist=checklist(campaign, activity),
        recommendation=recommend(campaign, progress),
        names=(names := real_names(campaign, activity)),
        warnings=testimonial_warnings(campaign, set(names)),
    )


# kept in the snapshot ------------------------------------------------------------------------------
def summary(campaign: Campaign, analysis: FinalAnalysis) -> dict:
    """The figures the report shows, unformatted: small, plain JSON for the portfolio, which compares
    campaigns' budgets and costs per outcome without reading their reports."""
    costs = analysis.costs
    totals = analysis.activity.totals if analysis.activity else {}
    return {
        "as_of": analysis.as_of.isoformat(),
        "provisional": analysis.as_of < campaign.end,  # before the end: costs and results so far
        "currency": campaign.rewards.currency if campaign.rewards else None,
        "budget": costs.budget if costs else None,
        "costs": None
        if costs is None
        else {"incentives": costs.incentives, "prizes": costs.prizes, "fixed": costs.fixed, "total": costs.total},
        "totals": totals,
        "cost_per_outcome": cost_per_outcome(costs.total, totals) if costs else {},
        "value": analysis.value,
        "media": analysis.media.value if analysis.media else None,
        "roi": roi(analysis.value, costs.total) if costs else None,
    }


def write_summary(campaign: Campaign, analysis: FinalAnalysis) -> None:
    """Keep the figures in the snapshot being written (an analyst's interactive run writes nothing)."""
    folder = snapshot_of(campaign.folder)
    if folder is not None:
        atomic_write_text(folder / FINAL_FILE, json.dumps(summary(campaign, analysis), indent=2, sort_keys=True))
