"""The portfolio: every campaign's state and history, read from the dated snapshots on disk.

Read only: the portfolio never writes into a campaign's snapshots (a run killed without a word is
shown as interrupted here; marking it so is the campaign's own next run's job). Every file is read
defensively, because a snapshot may be half written, damaged or from an older version of the
workbook: a manifest.json, midterm.json or final.json that cannot be read makes that snapshot (or
that figure) 'unreadable' on the page, never the page fail.

What comes back is numbers and states, no people: the portfolio names no ambassador, colleague or
testimonial, so it shows nobody a campaign's `selection.show_names` would not allow. The only texts
taken over are the headline tiles each phase report wrote for its index page (made under those
same rules) and the campaigns' own names and KPI names.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaign_kit.core.errors import CampaignError, public_line
from campaign_kit.core.model import Campaign
from campaign_kit.core.paths import CAMPAIGN_FILE
from campaign_kit.core.phases import PHASES
from campaign_kit.core.summary import Summary
from campaign_kit.data.history import MANIFEST, SNAPSHOT_NAME, list_snapshots, status_of

PORTFOLIO_DIR = "_portfolio"  # outputs/_portfolio/<date>[-N]/: never a campaign (slugs start with a-z0-9)
# written by the phases into each snapshot (run/snapshots.py, phases/midterm and phases/final); named
# here rather than imported so that reading a portfolio loads no report code and no DuckDB
# (tests/test_portfolio.py checks the names agree)
HEADLINES = "headlines"
MIDTERM_FILE = "midterm.json"
FINAL_FILE = "final.json"
INDEX = "index.html"

PHASE_NUMBER = {p.name: p.number for p in PHASES}
# KPI states as the reports say them: on course, at risk, behind, too early; met or missed once the
# KPI's deadline has come
KPI_STATES = ("met", "green", "amber", "red", "missed", "early")
OUTCOMES = ("completion", "applicant", "hire", "click")  # what the final evaluation divides its cost by


@dataclass(frozen=True)
class PhaseRun:
    name: str
    status: str  # ok, failed, interrupted, pending (a killed run), running
    problems: int = 0  # the campaign's own mistakes that stopped it, when it failed on them
    first_problem: str = ""  # the first of them, without quoted values (`public_line`)


@dataclass(frozen=True)
class Snapshot:
    """One dated snapshot of a campaign as its manifest describes it (or 'unreadable' without one)."""

    campaign: str
    name: str  # the folder: 2026-11-26, 2026-11-26-2
    day: dt.date  # its as-of date (the folder's name)
    status: str  # ok, failed, interrupted, running or unreadable
    phases: tuple[PhaseRun, ...] = ()
    has_index: bool = False

    @property
    def link(self) -> str:
        """Its index page, relative to the outputs folder."""
        return f"{self.campaign}/{self.name}/{INDEX}"

    @property
    def readable(self) -> bool:
        return self.status != "unreadable"

    def finished(self, phase: str) -> bool:
        return any(p.name == phase and p.status == "ok" for p in self.phases)

    @property
    def unfinished(self) -> tuple[PhaseRun, ...]:
        """The phases that did not finish ok: the failed one, or those an interruption cut off."""
        return tuple(p for p in self.phases if p.status != "ok")


@dataclass(frozen=True)
class KpiPlan:
    """A KPI as campaign.yaml plans it: the trend charts draw its target, the counts its deadline."""

    id: str
    name: str
    target: float | None
    deadline: dt.date | None


@dataclass(frozen=True)
class TrendPoint:
    """A mid-term's figures: KPI actuals and rewards earned so far, at one snapshot's as-of date."""

    snapshot: str
    day: dt.date
    actuals: dict[str, float]
    states: dict[str, str]  # KPI id -> green, amber, red or early
    earned: float | None  # rewards earned so far (None: the campaign has no reward rules)


@dataclass(frozen=True)
class Spend:
    """The budget used: the final evaluation's total cost where there is one, else the rewards earned
    so far at the mid-term (fixed costs and prizes are paid at the end)."""

    amount: float
    budget: float | None
    currency: str | None
    basis: str  # "cost" (incentives, prizes and fixed costs) or "earned" (rewards earned so far)
    provisional: bool  # a final evaluation before the campaign's end: costs so far
    snapshot: str
    day: dt.date

    @property
    def share(self) -> float | None:
        return self.amount / self.budget if self.budget else None


@dataclass(frozen=True)
class OutcomeCosts:
    """The final evaluation's total cost per outcome, in the campaign's currency."""

    per: dict[str, float]  # outcome -> cost of one, only outcomes the campaign had
    currency: str | None
    provisional: bool
    snapshot: str
    day: dt.date


@dataclass(frozen=True)
class Headlines:
    """The tiles of the furthest phase that finished in the newest snapshot that has any."""

    phase: str
    snapshot: str
    day: dt.date
    summary: Summary


@dataclass(frozen=True)
class Unreadable:
    snapshot: str
    file: str  # manifest.json, midterm.json, final.json


@dataclass
class CampaignState:
    slug: str
    name: str
    parameters: str  # ok, missing (only snapshots are left) or invalid (campaign.yaml has problems)
    currency: str | None = None
    budget: float | None = None
    end: dt.date | None = None
    kpis: list[KpiPlan] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)  # oldest first
    trend: list[TrendPoint] = field(default_factory=list)  # one per as-of date, oldest first
    headlines: Headlines | None = None
    spend: Spend | None = None
    outcomes: OutcomeCosts | None = None
    unreadable: list[Unreadable] = field(default_factory=list)

    @property
    def latest(self) -> Snapshot | None:
        return self.snapshots[-1] if self.snapshots else None

    @property
    def reached(self) -> str | None:
        """The furthest phase of the method that has finished in any snapshot."""
        done = {p.name for s in self.snapshots for p in s.phases if p.status == "ok"}
        return max(done, key=PHASE_NUMBER.__getitem__) if done else None

    @property
    def kpi_point(self) -> TrendPoint | None:
        """The newest mid-term figures: where the KPI counts come from."""
        return self.trend[-1] if self.trend else None

    def kpi_counts(self) -> dict[str, int]:
        """How many KPIs are in each state at the newest mid-term: met or missed once a KPI's
        deadline has come (as the reports say it), else on course, at risk, behind or too early."""
        point = self.kpi_point
        if point is None:
            return {}
        deadlines = {k.id: k.deadline or self.end for k in self.kpis}
        counts = dict.fromkeys(KPI_STATES, 0)
        for kpi, state in point.states.items():
            deadline = deadlines.get(kpi)
            if deadline is not None and point.day >= deadline and state != "early":
                state = "met" if state == "green" else "missed"
            counts[state] += 1
        return {state: n for state, n in counts.items() if n}


@dataclass
class Portfolio:
    as_of: dt.date
    campaigns: list[CampaignState]

    def shared_outcomes(self) -> list[tuple[str, int]]:
        """Outcomes with a cost per outcome, with how many campaigns have one: shared ones first."""
        counts = {o: sum(1 for c in self.campaigns if c.outcomes and o in c.outcomes.per) for o in OUTCOMES}
        found = [(o, n) for o, n in counts.items() if n]
        return sorted(found, key=lambda item: -item[1])  # stable: the method's order among equals


# reading files ------------------------------------------------------------------------------------
class _Broken(Exception):
    """A file that exists but does not hold what the workbook writes there."""


def _json(path: Path) -> Any:
    """A JSON file's content; None when it does not exist; _Broken when it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # half written, not UTF-8, not JSON, a folder
        raise _Broken(path.name) from exc


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Broken("not a number")
    return float(value)


def _optional_number(value: Any) -> float | None:
    return None if value is None else _number(value)


def _day(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Broken("not a date") from None


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Broken("not a mapping")
    return value


def read_snapshot(campaign: str, folder: Path) -> Snapshot:
    """A snapshot as its manifest says it stands now: a run still marked running whose process is
    gone is interrupted. A manifest that is missing, damaged or not what a run writes: unreadable."""
    match = SNAPSHOT_NAME.match(folder.name)
    assert match is not None  # list_snapshots gives only dated folders
    day = dt.date.fromisoformat(match.group(1))
    has_index = (folder / INDEX).is_file()
    try:
        manifest = _mapping(_json(folder / MANIFEST))
        status = status_of(manifest)
        phases = tuple(
            PhaseRun(
                str(_mapping(p)["name"]),
                "interrupted"
                if status == "interrupted" and p.get("status") in ("pending", "running")
                else str(p["status"]),
                len(p.get("problems") or ()),
                public_line(_mapping(p["problems"][0])) if p.get("problems") else "",
            )
            for p in manifest.get("phases", [])
        )
        if status not in ("ok", "failed", "interrupted", "running") or not all(p.name in PHASE_NUMBER for p in phases):
            raise _Broken("unknown status or phase")
    except (_Broken, KeyError, TypeError, AttributeError):
        return Snapshot(campaign, folder.name, day, "unreadable", has_index=has_index)
    return Snapshot(campaign, folder.name, day, status, phases, has_index)


def read_midterm(snapshot: Snapshot, folder: Path) -> TrendPoint | None:
    """The mid-term figures of a snapshot whose mid-term finished (a failed or killed one may have
    left them half way); None when there are none. Raises _Broken for a damaged file."""
    if not snapshot.finished("midterm"):
        return None
    data = _json(folder / MIDTERM_FILE)
    if data is None:
        return None
    try:
        data = _mapping(data)
        kpis = {str(k): _mapping(v) for k, v in _mapping(data.get("kpis", {})).items()}
        actuals = {k: _number(v["actual"]) for k, v in kpis.items()}
        states = {k: str(v["status"]) for k, v in kpis.items()}
        if not set(states.values()) <= {"green", "amber", "red", "early"}:
            raise _Broken("unknown KPI status")
        return TrendPoint(snapshot.name, _day(data["as_of"]), actuals, states, _optional_number(data.get("earned")))
    except (KeyError, TypeError, AttributeError) as exc:
        raise _Broken(MIDTERM_FILE) from exc


@dataclass(frozen=True)
class FinalFigures:
    spend: Spend | None
    outcomes: OutcomeCosts | None


def read_final(snapshot: Snapshot, folder: Path) -> FinalFigures | None:
    """The final evaluation's costs of a snapshot whose final phase finished; None without them."""
    if not snapshot.finished("final"):
        return None
    data = _json(folder / FINAL_FILE)
    if data is None:
        return None
    try:
        data = _mapping(data)
        day, provisional = _day(data["as_of"]), bool(data.get("provisional", False))
        currency = data.get("currency")
        if currency is not None and not isinstance(currency, str):
            raise _Broken("currency")
        costs = data.get("costs")
        if costs is None:  # a campaign without rewards: no cost, so no cost per outcome either
            return FinalFigures(None, None)
        total = _number(_mapping(costs)["total"])
        spend = Spend(total, _optional_number(data.get("budget")), currency, "cost", provisional, snapshot.name, day)
        per = {
            str(k): _number(v)
            for k, v in _mapping(data.get("cost_per_outcome", {})).items()
            if v is not None and k in OUTCOMES
        }
        return FinalFigures(spend, OutcomeCosts(per, currency, provisional, snapshot.name, day))
    except (KeyError, TypeError, AttributeError) as exc:
        raise _Broken(FINAL_FILE) from exc


def read_headlines(folder: Path, phase: str) -> Summary | None:
    try:
        data = _json(folder / HEADLINES / f"{phase}.json")
        return Summary.from_json(data) if data is not None else None
    except (_Broken, TypeError, KeyError, AttributeError, ValueError):
        return None


# one campaign -------------------------------------------------------------------------------------
def _load(folder: Path) -> Campaign | None:
    from campaign_kit.core.validation import load_campaign

    try:
        return load_campaign(folder)
    except (CampaignError, OSError):
        return None


def campaign_state(slug: str, parameters: Path, outputs: Path, as_of: dt.date) -> CampaignState:
    """Everything the portfolio shows of one campaign, from its snapshots up to `as_of`."""
    folder = parameters / slug
    model = _load(folder) if (folder / CAMPAIGN_FILE).is_file() else None
    state = CampaignState(slug, slug, "ok" if model else "invalid" if (folder / CAMPAIGN_FILE).is_file() else "missing")
    if model is not None:
        state.name, state.end = model.name, model.end
        state.kpis = [KpiPlan(k.id, k.name, k.target, k.deadline) for k in model.kpis]
        if model.rewards is not None:
            state.currency, state.budget = model.rewards.currency, float(model.rewards.budget)
    points: dict[dt.date, TrendPoint] = {}
    for path in list_snapshots(outputs / slug):
        snapshot = read_snapshot(slug, path)
        if snapshot.day > as_of:
            continue  # the portfolio as it stood on its as-of date
        state.snapshots.append(snapshot)
        if not snapshot.readable:
            state.unreadable.append(Unreadable(snapshot.name, MANIFEST))
            continue
        try:
            point = read_midterm(snapshot, path)
        except _Broken:
            state.unreadable.append(Unreadable(snapshot.name, MIDTERM_FILE))
            point = None
        if point is not None:
            points[point.day] = point  # a same-day re-run replaces the earlier figures
            if point.earned is not None:
                state.spend = Spend(
                    point.earned, state.budget, state.currency, "earned", False, snapshot.name, snapshot.day
                )
        try:
            final = read_final(snapshot, path)
        except _Broken:
            state.unreadable.append(Unreadable(snapshot.name, FINAL_FILE))
            final = None
        if final is not None:
            state.spend = final.spend or state.spend  # the whole cost outranks rewards earned
            state.outcomes = final.outcomes or state.outcomes
    state.trend = [points[day] for day in sorted(points)]
    if model is None:  # no campaign.yaml to read: the name the newest readable snapshot gave it
        state.name = _manifest_name(outputs / slug, state.snapshots) or slug
    state.headlines = _headlines(outputs / slug, state.snapshots)
    return state


def _manifest_name(campaign_outputs: Path, snapshots: list[Snapshot]) -> str | None:
    for snapshot in reversed(snapshots):
        try:
            name = _mapping(_json(campaign_outputs / snapshot.name / MANIFEST)).get("name")
        except _Broken:
            continue
        if isinstance(name, str) and name.strip():
            return name
    return None


def _headlines(campaign_outputs: Path, snapshots: list[Snapshot]) -> Headlines | None:
    for snapshot in reversed(snapshots):
        done = sorted((p.name for p in snapshot.phases if p.status == "ok"), key=PHASE_NUMBER.__getitem__)
        for phase in reversed(done):
            summary = read_headlines(campaign_outputs / snapshot.name, phase)
            if summary is not None and summary.tiles:
                return Headlines(phase, snapshot.name, snapshot.day, summary)
    return None


# every campaign -------------------------------------------------------------------------------------
def campaign_slugs(parameters: Path, outputs: Path) -> list[str]:
    """Every campaign under parameters/, then any campaign with snapshots whose folder is gone."""
    known = sorted(p.name for p in parameters.iterdir() if (p / CAMPAIGN_FILE).is_file()) if parameters.is_dir() else []
    left = sorted(
        p.name
        for p in outputs.iterdir()
        if p.is_dir() and p.name != PORTFOLIO_DIR and p.name not in known and list_snapshots(p)
    )
    return known + left


def read_portfolio(parameters: Path, outputs: Path, as_of: dt.date) -> Portfolio:
    """The state of every campaign as its snapshots up to `as_of` show it."""
    return Portfolio(
        as_of, [campaign_state(slug, parameters, outputs, as_of) for slug in campaign_slugs(parameters, outputs)]
    )
