"""Candidate scoring and team selection (phase 2).

Scoring is a transparent weighted sum: each criterion turns a raw signal into 0..1 by its scale, and
contributes weight × scaled / total weight × 100 points; an unknown signal contributes nothing and is
shown as unknown. Selection is exact: a mixed-integer programme picks the team with the highest total
score that honours team size, department coverage, a cap per department and gender balance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from campaign_kit.core.errors import CampaignError, Problem, missing_section
from campaign_kit.core.model import Campaign, Criterion, Selection, TeamRules
from campaign_kit.phases.selection.people import People, load_people

FUNNEL_STAGES = ("longlist", "shortlist", "asked", "interested", "declined", "confirmed")


# scoring -------------------------------------------------------------------------------------------
def scaled_signal(values: pd.Series, criterion: Criterion) -> pd.Series:
    """A raw signal as 0..1 by its scale; missing or unmappable values stay NaN (unknown)."""
    scale = criterion.scale
    if scale.kind == "linear":
        numbers = pd.to_numeric(values, errors="coerce").astype(float)
        span = scale.max - scale.min
        if span:
            return ((numbers - scale.min) / span).clip(0, 1)
        return (numbers >= scale.max).astype(float).where(numbers.notna())  # unknown stays unknown
    if scale.kind == "levels":
        levels = {str(k).strip().lower(): float(v) for k, v in scale.levels.items()}
        return values.map(lambda v: levels.get(str(v).strip().lower(), np.nan) if v is not None else np.nan).astype(
            float
        )
    return values.map(lambda v: np.nan if v is None or (isinstance(v, float) and np.isnan(v)) else float(bool(v)))


def score_candidates(candidates: pd.DataFrame, criteria: dict[str, Criterion]) -> pd.DataFrame:
    """Scores from 0 to 100 with, per criterion, the scaled signal (`<c>`) and its points (`<c>_points`).

    Returns the candidates sorted by score (highest first, then id), with a `rank` from 1.
    """
    total_weight = sum(c.weight for c in criteria.values()) or 1.0
    out = candidates.copy()
    points_columns = []
    for name, criterion in criteria.items():
        column = criterion.column or name
        raw = out[column] if column in out else pd.Series([None] * len(out), index=out.index, dtype=object)
        scaled = scaled_signal(raw, criterion)
        out[f"{name}_scaled"] = scaled
        out[f"{name}_points"] = (100 * criterion.weight * scaled / total_weight).fillna(0.0)
        points_columns.append(f"{name}_points")
    out["score"] = out[points_columns].sum(axis=1) if points_columns else 0.0
    # which signals were unknown, per candidate (vectorised: 100,000 rows must stay fast)
    missing = out[[f"{n}_scaled" for n in criteria]].isna().to_numpy() if criteria else np.zeros((len(out), 0))
    names = list(criteria)
    out["unknown"] = [[names[j] for j in np.flatnonzero(row)] for row in missing]
    out = out.sort_values(["score", "id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def explain(scored: pd.DataFrame, criteria: dict[str, Criterion], ids: list[str] | None = None) -> pd.DataFrame:
    """Per candidate and criterion: raw value, scaled 0..1, weight and points; points add up to the score."""
    rows = []
    subset = scored if ids is None else scored[scored["id"].isin(ids)]
    for record in subset.to_dict("records"):
        for name, criterion in criteria.items():
            column = criterion.column or name
            scaled = record.get(f"{name}_scaled")
            rows.append(
                {
                    "id": record["id"],
                    "criterion": name,
                    "raw": record.get(column),
                    "scaled": None if scaled is None or pd.isna(scaled) else float(scaled),
                    "weight": criterion.weight,
                    "points": float(record.get(f"{name}_points", 0.0)),
                }
            )
    return pd.DataFrame(rows, columns=["id", "criterion", "raw", "scaled", "weight", "points"])


# team size and selection ---------------------------------------------------------------------------
def team_size(rules: TeamRules, population: int) -> int:
    """One ambassador per `ratio` people of the population, at least `minimum`, at most `maximum`."""
    size = math.ceil(population / rules.ratio) if rules.ratio else rules.minimum
    size = max(size, rules.minimum)
    return min(size, rules.maximum) if rules.maximum else size


@dataclass
class Constraint:
    """One group of constraints, kept by name so an infeasible set can say what to relax."""

    code: str  # size, coverage, cap, gender, confirmed
    rows: list[tuple[np.ndarray, float, float]]  # (indicator over candidates, lower, upper)


@dataclass
class TeamResult:
    size: int
    team: list[str] = field(default_factory=list)  # employee ids, best score first
    feasible: bool = True
    problems: list[tuple[str, dict]] = field(default_factory=list)  # why infeasible: (code, values)
    suggestions: list[tuple[str, dict]] = field(default_factory=list)  # what relaxing would make it work
    # when infeasible: the team shown anyway, marked: the best under the first rule whose relaxing works
    # ("coverage", "cap", "gender", "confirmed"), else the confirmed members alone ("confirmed_only")
    relaxed: str | None = None


def departments_to_cover(employees: pd.DataFrame, rules: TeamRules) -> list[str]:
    if not rules.cover_departments:
        return []
    sizes = employees.groupby("department").size()
    return sorted(sizes[sizes >= rules.min_department_size].index)


def gender_bounds(employees: pd.DataFrame, rules: TeamRules, size: int) -> dict[str, tuple[int, int]]:
    """For each gender in the population: the fewest and most team members of it the balance allows.

    The band is size × (share ± tolerance), rounded inwards; when that leaves no whole number (a team
    of 5 and a 50/50 population with a small tolerance), the nearest whole numbers around size × share.
    With target `equal`, women and men get equal shares; other genders are not bounded.
    """
    balance = rules.gender_balance
    if balance is None:
        return {}
    genders = employees["gender"].dropna()
    if genders.empty:
        return {}
    shares = genders.value_counts(normalize=True)
    if balance.target == "equal":
        binary = [g for g in ("female", "male") if g in shares.index]
        shares = pd.Series(1 / len(binary), index=binary) if binary else shares.iloc[:0]
    bounds = {}
    for gender, share in shares.sort_index().items():
        low = max(0, math.ceil(size * (share - balance.tolerance) - 1e-9))
        high = min(size, math.floor(size * (share + balance.tolerance) + 1e-9))
        if low > high:
            low, high = math.floor(size * share), math.ceil(size * share)
        bounds[str(gender)] = (low, high)
    return bounds


def _constraints(
    pool: pd.DataFrame, employees: pd.DataFrame, rules: TeamRules, size: int, fixed_in: set[str]
) -> list[Constraint]:
    n = len(pool)
    constraints = [Constraint("size", [(np.ones(n), size, size)])]
    department = pool["department"].to_numpy()
    cover = departments_to_cover(employees, rules)
    if cover:
        constraints.append(Constraint("coverage", [((department == d).astype(float), 1, np.inf) for d in cover]))
    if rules.max_per_department:
        cap = rules.max_per_department
        constraints.append(
            Constraint("cap", [((department == d).astype(float), 0, cap) for d in sorted(set(department))])
        )
    bounds = gender_bounds(employees, rules, size)
    if bounds:
        gender = pool["gender"].to_numpy()
        constraints.append(
            Constraint(
                "gender",
                [((gender == g).astype(float), low, high) for g, (low, high) in bounds.items()],
            )
        )
    if fixed_in:
        ids = pool["id"].to_numpy()
        constraints.append(Constraint("confirmed", [((ids == i).astype(float), 1, 1) for i in sorted(fixed_in)]))
    return constraints


def _solve(scores: np.ndarray, constraints: list[Constraint]) -> np.ndarray | None:
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(scores)
    if n == 0:
        return None
    rows = [row for c in constraints for row in c.rows]
    matrix = np.vstack([r[0] for r in rows])
    lower = np.array([r[1] for r in rows], dtype=float)
    upper = np.array([r[2] for r in rows], dtype=float)
    # maximise the total score; a tiny preference for earlier rank breaks ties deterministically
    cost = -(scores + np.linspace(1e-6, 0, n))
    result = milp(cost, constraints=LinearConstraint(matrix, lower, upper), integrality=np.ones(n), bounds=Bounds(0, 1))
    if result.status != 0 or result.x is None:
        return None
    return result.x > 0.5


def _pool(scored: pd.DataFrame, rules: TeamRules, size: int, fixed_in: set[str]) -> pd.DataFrame:
    """Only the best few of each (department, gender) group can ever be chosen: constraints count
    group members, so swapping a chosen member for a better-scored one of the same group never hurts.
    Keeping the top `size` (or the cap) per group makes the programme small and the answer exact."""
    keep = min(size, rules.max_per_department or size)
    # map(str), not astype(str): pandas 3 keeps a missing gender missing, and groupby would then drop
    # every candidate whose gender HR did not export from the pool, and so from any team
    key = scored["department"].map(str) + "\0" + scored["gender"].map(str)
    top = scored.groupby(key, sort=False).cumcount() < keep
    return scored[top | scored["id"].isin(fixed_in)].reset_index(drop=True)


def select_team(
    scored: pd.DataFrame,
    employees: pd.DataFrame,
    rules: TeamRules,
    size: int,
    excluded: set[str] = frozenset(),
    fixed_in: set[str] = frozenset(),
) -> TeamResult:
    """The highest-scoring team that meets every rule; when none does, why, and what to relax."""
    eligible = scored[~scored["id"].isin(excluded)]
    pool = _pool(eligible, rules, size, set(fixed_in))
    constraints = _constraints(pool, employees, rules, size, set(fixed_in))
    chosen = _solve(pool["score"].to_numpy(dtype=float), constraints)
    if chosen is not None:
        team = pool[chosen].sort_values(["score", "id"], ascending=[False, True])
        return TeamResult(size=size, team=list(team["id"]))
    result = TeamResult(size=size, feasible=False, problems=_diagnose(eligible, employees, rules, size, fixed_in))
    for code in ("coverage", "cap", "gender", "confirmed"):
        relaxed = [c for c in constraints if c.code != code]
        if len(relaxed) == len(constraints):
            continue
        if _solve(pool["score"].to_numpy(dtype=float), relaxed) is not None:
            result.suggestions.append((f"relax_{code}", {}))
            if result.relaxed is None:  # the best team under that rule relaxed, chosen afresh (its own pool)
                looser = {
                    "coverage": {"cover_departments": False},
                    "cap": {"max_per_department": None},
                    "gender": {"gender_balance": None},
                }.get(code, {})
                shown = select_team(
                    scored,
                    employees,
                    rules.model_copy(update=looser),
                    size,
                    excluded,
                    set() if code == "confirmed" else fixed_in,
                )
                if shown.feasible:
                    result.team, result.relaxed = shown.team, code
    if result.relaxed is None and fixed_in:  # no single rule to relax: at least who has said yes
        confirmed = eligible[eligible["id"].isin(fixed_in)].sort_values(["score", "id"], ascending=[False, True])
        result.team, result.relaxed = list(confirmed["id"]), "confirmed_only"
    if len(eligible) < size:
        result.suggestions.append(("more_candidates", {"needed": size - len(eligible)}))
    elif not result.suggestions:
        result.suggestions.append(("smaller_team", {}))
    return result


def _diagnose(
    eligible: pd.DataFrame, employees: pd.DataFrame, rules: TeamRules, size: int, fixed_in: set[str] = frozenset()
) -> list[tuple[str, dict]]:
    """Plain reasons a set of rules cannot be met, checked one by one."""
    found: list[tuple[str, dict]] = []
    if len(eligible) < size:
        found.append(("too_few_candidates", {"candidates": len(eligible), "size": size}))
    confirmed = int(eligible["id"].isin(fixed_in).sum())
    if confirmed > size:
        found.append(("too_many_confirmed", {"confirmed": confirmed, "size": size}))
    cover = departments_to_cover(employees, rules)
    if len(cover) > size:
        found.append(("too_many_departments", {"departments": len(cover), "size": size}))
    nominated = set(eligible["department"].dropna())
    for department in cover:
        if department not in nominated:
            found.append(("no_candidate_in_department", {"department": department}))
    if rules.max_per_department:
        departments = eligible.groupby("department").size()
        reachable = int(departments.clip(upper=rules.max_per_department).sum())
        if reachable < size:
            found.append(("cap_too_low", {"cap": rules.max_per_department, "reachable": reachable, "size": size}))
    bounds = gender_bounds(employees, rules, size)
    for gender, (low, _high) in bounds.items():
        available = int((eligible["gender"] == gender).sum())
        if available < low:
            found.append(("too_few_of_gender", {"gender": gender, "needed": low, "available": available}))
    if bounds and sum(low for low, _ in bounds.values()) > size:
        found.append(("gender_bounds_exceed_size", {"size": size}))
    if not found and bounds:
        found.append(("gender_with_other_rules", {}))  # each rule can be met, but not all together
    elif not found and confirmed:  # each rule can be met, but not with everyone who said yes
        found.append(("confirmed_with_other_rules", {}))
    return found


# funnel and status -----------------------------------------------------------------------------------
def latest_status(selection: Selection) -> dict[str, tuple[str, object]]:
    """Per candidate id: the most recent status and its date (later entries win on the same date)."""
    latest: dict[str, tuple[str, object]] = {}
    for update in sorted(enumerate(selection.status), key=lambda pair: (pair[1].date, pair[0])):
        latest[update[1].id] = (update[1].status, update[1].date)
    return latest


def shortlist(scored: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return scored.head(selection.shortlist_size)


def funnel(scored: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Counts per stage: long list → short list → asked → interested / declined → confirmed, with the
    first date each stage was reached (for the stages that have dates)."""
    latest = latest_status(selection)
    first_date: dict[str, object] = {}
    reached: dict[str, set[str]] = {stage: set() for stage in FUNNEL_STAGES}
    for update in sorted(selection.status, key=lambda u: u.date):
        statuses = {
            "asked": ("asked",),
            "interested": ("asked", "interested"),
            "declined": ("asked", "declined"),
            "confirmed": ("asked", "interested", "confirmed"),
        }[update.status]
        for stage in statuses:
            reached[stage].add(update.id)
            first_date.setdefault(stage, update.date)
    current = {stage: {i for i, (s, _) in latest.items() if s == stage} for stage in ("declined", "confirmed")}
    counts = {
        "longlist": len(scored),
        "shortlist": len(shortlist(scored, selection)),
        "asked": len(reached["asked"]),
        "interested": len(reached["interested"] - current["declined"]),
        "declined": len(current["declined"]),
        "confirmed": len(current["confirmed"]),
    }
    return pd.DataFrame(
        [{"stage": s, "count": counts[s], "first_date": first_date.get(s)} for s in FUNNEL_STAGES],
        columns=["stage", "count", "first_date"],
    )


@dataclass
class TeamProposal:
    """The team to aim for now: confirmed members kept, decliners replaced by the next best."""

    result: TeamResult
    without_declines: TeamResult
    replacements: list[tuple[str, str]]  # (decliner, replacement)


def propose_team(campaign: Campaign, scored: pd.DataFrame, employees: pd.DataFrame) -> TeamProposal:
    """The team now: everyone of the best team who has not declined stays (asked, interested or
    confirmed people are not dropped behind their backs); only the places of decliners are filled
    again, by the best candidates under the same rules. If that cannot meet the rules, the whole team
    is chosen again with the confirmed members fixed."""
    selection = campaign.selection
    assert selection is not None
    size = team_size(selection.team, campaign.population.size)
    latest = latest_status(selection)
    declined = {i for i, (s, _) in latest.items() if s == "declined"}
    confirmed = {i for i, (s, _) in latest.items() if s == "confirmed"}
    base = select_team(scored, employees, selection.team, size, excluded=set(), fixed_in=confirmed - declined)
    if not base.feasible:
        base = select_team(scored, employees, selection.team, size)
    keep = {i for i in base.team if i not in declined} | confirmed
    now = select_team(scored, employees, selection.team, size, excluded=declined, fixed_in=keep)
    if not now.feasible:
        now = select_team(scored, employees, selection.team, size, excluded=declined, fixed_in=confirmed)
    out = [i for i in base.team if i not in now.team]
    new = [i for i in now.team if i not in base.team]
    # pair each leaver with a newcomer for the report; decliners first, in score order
    out.sort(key=lambda i: (i not in declined, base.team.index(i)))
    return TeamProposal(result=now, without_declines=base, replacements=list(zip(out, new, strict=False)))


@dataclass
class SelectionAnalysis:
    people: People
    scored: pd.DataFrame
    proposal: TeamProposal

    @property
    def team_ids(self) -> list[str]:
        return self.proposal.result.team


def analyse(campaign: Campaign) -> SelectionAnalysis:
    """Read the people files, score and select once; every phase-2 table and chart uses the result."""
    if campaign.selection is None:
        raise missing_section("selection", 2, "section.contents.selection")
    people = load_people(campaign)
    nominated = set(people.candidates["id"])
    unknown = [
        Problem.of(
            "campaign.yaml",
            f"selection.status[{i}].id",
            "error.not_nominated",
            id=repr(update.id),
            file=campaign.selection.nominations,
        )
        for i, update in enumerate(campaign.selection.status)
        if update.id not in nominated
    ]
    if unknown:
        raise CampaignError(unknown)
    scored = score_candidates(people.candidates, campaign.selection.criteria)
    return SelectionAnalysis(people, scored, propose_team(campaign, scored, people.employees))
