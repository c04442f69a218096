"""Reward budgeting (phase 3): the rules of the game, what they cost, and the payout ledger.

Cost projection: per result type, each ambassador's number of results over the campaign is uncertain
(a triangular distribution from the pessimistic, expected and optimistic figures in the parameters).
A reward rule turns a count into a payout (amount per result, capped per month and per ambassador),
so each ambassador's payout has a known distribution. Ambassadors perform independently, so the
distribution of the team's total is a convolution, computed exactly in Fourier space; the simulated
campaigns are drawn from it. That is the same distribution as simulating every ambassador in every
campaign, at a tiny fraction of the cost (500 ambassadors, 100,000 campaigns: well under a second).

The ledger applies the same rules to real activity (events per ambassador and date), month by month,
and assigns the prizes; the mid-term check and the final evaluation use it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from campaign_kit.core.model import Campaign, Performance, RewardRule, Rewards
from campaign_kit.phases.goals.analysis import month_range
from campaign_kit.phases.selection.analysis import team_size

SCENARIOS = ("pessimistic", "expected", "optimistic")
MAX_SUPPORT = 64  # counts beyond this many values are grouped into bins for the simulation


# the team and the time -----------------------------------------------------------------------------
def ambassadors_for(campaign: Campaign) -> int:
    """The team size: from the selection rules when phase 2 is set up, else the planned team."""
    if campaign.selection is not None:
        return team_size(campaign.selection.team, campaign.population.size)
    return campaign.team.ambassadors


def months_for(campaign: Campaign) -> int:
    """Reward periods are calendar months; a campaign touching six months has six."""
    return len(month_range(campaign.start, campaign.end))


# one rule, one count ---------------------------------------------------------------------------------
def payout_for_count(rule: RewardRule, counts: np.ndarray, months: int) -> np.ndarray:
    """What an ambassador earns under one rule for `counts` results over the campaign, with the
    results spread evenly over the months (the per-month cap applies to each month's share)."""
    counts = np.asarray(counts, dtype=float)
    per_month = rule.amount * counts / months
    if rule.cap_per_period is not None:
        per_month = np.minimum(per_month, rule.cap_per_period)
    total = per_month * months
    if rule.cap_per_ambassador is not None:
        total = np.minimum(total, rule.cap_per_ambassador)
    return total


def payout_by_result(rewards: Rewards, result: str, counts: np.ndarray, months: int) -> np.ndarray:
    """All rules for one result type together (a completion may earn under two rules)."""
    total = np.zeros(np.shape(counts), dtype=float)
    for rule in rewards.rules:
        if rule.result == result:
            total = total + payout_for_count(rule, counts, months)
    return total


def fixed_cost_total(rewards: Rewards) -> float:
    return float(sum(c.amount if c.amount is not None else c.hours * c.rate for c in rewards.fixed_costs))


def prize_total(rewards: Rewards, ambassadors: int) -> float:
    """Prizes for places the team can fill (a 5-person team never pays out a 6th prize)."""
    return float(sum(p.value for p in rewards.prizes if p.place <= ambassadors))


def result_types(rewards: Rewards) -> list[str]:
    """Result types that earn a reward, in the order the rules name them."""
    return list(dict.fromkeys(rule.result for rule in rewards.rules))


# scenarios -----------------------------------------------------------------------------------------
def scenario_costs(campaign: Campaign) -> pd.DataFrame:
    """Cost under pessimistic, expected and optimistic performance, by part, against the budget."""
    rewards = _rewards(campaign)
    ambassadors, months = ambassadors_for(campaign), months_for(campaign)
    fixed, prizes = fixed_cost_total(rewards), prize_total(rewards, ambassadors)
    rows = []
    for scenario in SCENARIOS:
        row: dict[str, object] = {"scenario": scenario}
        incentives = 0.0
        for result in result_types(rewards):
            count = getattr(rewards.performance[result], scenario)
            paid = float(payout_by_result(rewards, result, np.array([count]), months)[0]) * ambassadors
            row[f"results_{result}"] = count * ambassadors
            row[f"reward_{result}"] = paid
            incentives += paid
        row.update(
            incentives=incentives, prizes=prizes, fixed=fixed, total=incentives + prizes + fixed, budget=rewards.budget
        )
        row["within_budget"] = row["total"] <= rewards.budget
        rows.append(row)
    return pd.DataFrame(rows)


# Monte Carlo ---------------------------------------------------------------------------------------
def _triangular_cdf(x: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    x = np.clip(x, low, high)
    left = (x - low) ** 2 / ((high - low) * (mode - low)) if mode > low else np.zeros_like(x)
    right = 1 - (high - x) ** 2 / ((high - low) * (high - mode)) if high > mode else np.ones_like(x)
    return np.where(x <= mode, left, right)


def count_distribution(performance: Performance) -> tuple[np.ndarray, np.ndarray]:
    """Whole-number results per ambassador and their probabilities, from the triangle (pessimistic,
    expected = most likely, optimistic). Each value of the triangle splits its probability between
    the whole numbers on either side, so the mean is kept exactly (2.5 is half 2, half 3).

    Wide ranges are grouped into at most MAX_SUPPORT equally spaced points, in the same way.
    """
    low, mode, high = performance.pessimistic, performance.expected, performance.optimistic
    first, last = math.floor(low), math.ceil(high)
    step = max(1.0, (last - first) / (MAX_SUPPORT - 1))
    support = first + step * np.arange(math.floor((last - first) / step + 1e-9) + 1)
    if support[-1] < last:
        support = np.append(support, last)
    if high - low < 1e-9:
        x, weights = np.array([mode]), np.array([1.0])
    else:
        x = np.linspace(low, high, 4001)
        weights = np.diff(_triangular_cdf(np.concatenate([[low], (x[:-1] + x[1:]) / 2, [high]]), low, mode, high))
    index = np.clip(np.searchsorted(support, x, side="right") - 1, 0, len(support) - 1)
    upper = np.minimum(index + 1, len(support) - 1)
    span = np.where(upper > index, support[upper] - support[index], 1.0)
    to_upper = np.where(upper > index, (x - support[index]) / span, 0.0)
    probabilities = np.zeros(len(support))
    np.add.at(probabilities, index, weights * (1 - to_upper))
    np.add.at(probabilities, upper, weights * to_upper)
    keep = probabilities > 1e-15
    return support[keep], probabilities[keep] / probabilities[keep].sum()


@dataclass
class Simulation:
    totals: np.ndarray  # total cost per simulated campaign
    incentives: dict[str, float]  # expected reward cost per result type
    results: dict[str, float]  # expected team results per result type
    fixed: float
    prizes: float
    budget: float


GRID_POINTS = 1 << 18  # resolution of the cost distribution: a few euros on a campaign of a million


def _on_grid(payouts: np.ndarray, probabilities: np.ndarray, unit: float, size: int) -> np.ndarray:
    """One ambassador's payout distribution on a grid of `unit`, each amount's probability split
    between its two neighbouring grid points so that the mean is kept exactly."""
    position = payouts / unit
    low = np.floor(position).astype(int)
    weight_high = position - low
    grid = np.zeros(size)
    np.add.at(grid, low, probabilities * (1 - weight_high))
    np.add.at(grid, np.minimum(low + 1, size - 1), probabilities * weight_high)
    return grid


def _nice_unit(smallest: float) -> float:
    """A grid step of 1, 2 or 5 times a power of ten (at least a cent): round amounts such as
    rewards and caps then fall exactly on the grid, so a certain cost stays certain."""
    smallest = max(smallest, 0.01)
    power = 10 ** math.floor(math.log10(smallest))
    for factor in (1, 2, 5, 10):
        if factor * power >= smallest - 1e-12:
            return factor * power
    return 10 * power


def total_cost_distribution(campaign: Campaign, ambassadors: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distribution of the campaign's total cost: grid of amounts and their probabilities.

    Ambassadors perform independently, so the team's reward cost for a result type is the
    `ambassadors`-fold convolution of one ambassador's payout distribution, and the result types
    add up by convolution too; both are products in Fourier space. Exact up to the grid's resolution.
    """
    rewards = _rewards(campaign)
    ambassadors = ambassadors or ambassadors_for(campaign)
    months = months_for(campaign)
    per_type = []
    for result in result_types(rewards):
        values, probabilities = count_distribution(rewards.performance[result])
        per_type.append((payout_by_result(rewards, result, values, months), probabilities))
    highest = sum(float(payouts.max()) for payouts, _ in per_type) * ambassadors
    unit = _nice_unit(highest / (GRID_POINTS // 2))
    size = GRID_POINTS
    spectrum = np.ones(size // 2 + 1, dtype=complex)
    for payouts, probabilities in per_type:
        spectrum *= np.fft.rfft(_on_grid(payouts, probabilities, unit, size)) ** ambassadors
    pmf = np.clip(np.fft.irfft(spectrum, size), 0, None)
    pmf /= pmf.sum()
    base = fixed_cost_total(rewards) + prize_total(rewards, ambassadors)
    return base + np.arange(size) * unit, pmf


def simulate(campaign: Campaign, draws: int | None = None, ambassadors: int | None = None) -> Simulation:
    """Many simulated campaigns, drawn from the exact cost distribution (reproducible: the seed is
    in the parameters), with the expected reward cost and results per result type."""
    rewards = _rewards(campaign)
    ambassadors = ambassadors or ambassadors_for(campaign)
    draws = draws or rewards.simulation.draws
    months = months_for(campaign)
    amounts, pmf = total_cost_distribution(campaign, ambassadors)
    rng = np.random.default_rng(rewards.simulation.seed)
    totals = amounts[rng.choice(len(pmf), size=draws, p=pmf)]
    incentives, results = {}, {}
    for result in result_types(rewards):
        values, probabilities = count_distribution(rewards.performance[result])
        incentives[result] = ambassadors * float(probabilities @ payout_by_result(rewards, result, values, months))
        results[result] = ambassadors * float(probabilities @ values)
    return Simulation(
        totals, incentives, results, fixed_cost_total(rewards), prize_total(rewards, ambassadors), rewards.budget
    )


def simulation_summary(simulation: Simulation) -> dict[str, float]:
    totals = simulation.totals
    p5, p50, p95 = np.percentile(totals, [5, 50, 95])
    return {
        "mean": float(totals.mean()),
        "p5": float(p5),
        "p50": float(p50),
        "p95": float(p95),
        "p_over_budget": float((totals > simulation.budget).mean()),
        "budget": simulation.budget,
    }


def cost_per_result(simulation: Simulation) -> pd.DataFrame:
    """Expected total cost per expected result, per result type (e.g. per completed training)."""
    mean_total = float(simulation.totals.mean())
    rows = []
    for result, expected in simulation.results.items():
        rows.append(
            {
                "result": result,
                "expected_results": expected,
                "expected_reward_cost": simulation.incentives[result],
                "total_cost_per_result": mean_total / expected if expected else None,
            }
        )
    return pd.DataFrame(rows, columns=["result", "expected_results", "expected_reward_cost", "total_cost_per_result"])


# reward against effort -------------------------------------------------------------------------------
@dataclass(frozen=True)
class EffortCheck:
    hours_asked: float  # per ambassador over the campaign
    reward_per_ambassador: float  # expected incentives plus an equal share of the prizes
    reward_per_hour: float
    incentive_share: float  # incentives and prizes as a share of the expected total cost
    symbolic: bool
    incentives_dominate: bool


def effort_check(campaign: Campaign, simulation: Simulation) -> EffortCheck:
    rewards = _rewards(campaign)
    ambassadors = ambassadors_for(campaign)
    hours = rewards.hours_per_month * months_for(campaign)
    incentives = float(sum(simulation.incentives.values()))
    per_ambassador = (incentives + simulation.prizes) / ambassadors
    per_hour = per_ambassador / hours
    share = (incentives + simulation.prizes) / float(simulation.totals.mean())
    return EffortCheck(
        hours,
        per_ambassador,
        per_hour,
        share,
        per_hour < rewards.symbolic_below_per_hour,
        share > rewards.incentive_share_warning,
    )


def expectations(campaign: Campaign) -> pd.DataFrame:
    """What is asked of each ambassador: the KPIs the cascade states per ambassador (a total such
    as 'active ambassadors' or a percentage does not divide over the team meaningfully)."""
    rows = [
        {"id": k.id, "name": k.name, "per_ambassador": k.target, "unit": k.unit, "deadline": k.deadline}
        for k in campaign.kpis
        if k.scope == "per_ambassador" and k.target is not None
    ]
    return pd.DataFrame(rows, columns=["id", "name", "per_ambassador", "unit", "deadline"])


# the ledger ----------------------------------------------------------------------------------------
@dataclass
class Ledger:
    payouts: pd.DataFrame  # ambassador, period, result, count, gross, paid (caps applied)
    totals: pd.DataFrame  # per ambassador: paid incentives, prize, total, rank
    prizes: pd.DataFrame  # place, description, value, ambassador(s), amount each


def payout_ledger(rewards: Rewards, events: pd.DataFrame, ambassadors: list[str] | None = None) -> Ledger:
    """Apply the rules to activity: `events` has columns ambassador, date, result (and optionally count).

    Per rule, ambassador and calendar month: gross = count × amount, capped per month; then capped
    over the campaign in month order (what is left of the ambassador's cap). Results without a rule
    earn nothing. Prizes go to the top of the scoreboard (`prize_ranking`), ties by `tie_rule`.
    """
    frame = events.copy()
    if "count" not in frame:
        frame["count"] = 1
    frame["date"] = pd.to_datetime(frame["date"])
    frame["period"] = frame["date"].dt.to_period("M")
    grouped = frame.groupby(["ambassador", "period", "result"], as_index=False, observed=True).agg(
        count=("count", "sum"), last=("date", "max")
    )
    parts = []
    for index, rule in enumerate(rewards.rules):
        part = grouped[grouped["result"] == rule.result].copy()
        if part.empty:
            continue
        part["rule"] = index
        part["gross"] = part["count"] * rule.amount
        capped = part["gross"].clip(upper=rule.cap_per_period) if rule.cap_per_period else part["gross"]
        part = part.assign(capped=capped).sort_values(["ambassador", "period"], kind="stable")
        if rule.cap_per_ambassador:
            running = part.groupby("ambassador")["capped"].cumsum()
            cap = rule.cap_per_ambassador
            part["paid"] = running.clip(upper=cap) - (running - part["capped"]).clip(upper=cap)
        else:
            part["paid"] = part["capped"]
        parts.append(part)
    columns = ["ambassador", "period", "result", "rule", "count", "gross", "capped", "paid", "last"]
    payouts = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)

    everyone = sorted(set(ambassadors or []) | set(frame["ambassador"]))
    paid = payouts.groupby("ambassador")["paid"].sum().reindex(everyone, fill_value=0.0)
    if rewards.prize_ranking == "reward":
        score = paid
        # the score was reached with the last month that still paid something (later, capped
        # activity does not move an ambassador back in a tie)
        paying = payouts[payouts["paid"] > 0]
        reached = paying.groupby("ambassador")["last"].max().reindex(everyone)
    else:
        mine = frame[frame["result"] == rewards.prize_ranking]
        score = mine.groupby("ambassador")["count"].sum().reindex(everyone, fill_value=0).astype(float)
        reached = mine.groupby("ambassador")["date"].max().reindex(everyone)
    prizes, prize_money = assign_prizes(rewards, score, reached)
    totals = pd.DataFrame(
        {
            "ambassador": everyone,
            "score": score.to_numpy(),
            "incentives": paid.to_numpy(),
            "prize": prize_money.reindex(everyone, fill_value=0.0).to_numpy(),
        }
    )
    totals["total"] = totals["incentives"] + totals["prize"]
    if rewards.tie_rule == "earliest":  # list a tie in the order the tie rule decides it
        totals["reached"] = reached.reindex(everyone).to_numpy()
        totals = totals.sort_values(["score", "reached", "ambassador"], ascending=[False, True, True], kind="stable")
        totals = totals.drop(columns=["reached"])
    else:
        totals = totals.sort_values(["score", "ambassador"], ascending=[False, True], kind="stable")
    totals["rank"] = totals["score"].rank(method="min", ascending=False).astype(int)  # ties share a rank
    payouts = payouts.assign(period=payouts["period"].astype(str)).drop(columns=["last"])
    return Ledger(payouts.reset_index(drop=True), totals.reset_index(drop=True), prizes)


def assign_prizes(rewards: Rewards, score: pd.Series, reached: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Give each prize place to the ambassador ranked there (only scores above zero win).

    split: ambassadors tied on score share the prizes of the places they occupy equally.
    earliest: a tie goes to whoever reached the score first (the date of their last counted result).
    """
    prizes = sorted(rewards.prizes, key=lambda p: p.place)
    contenders = pd.DataFrame({"score": score, "reached": reached})
    contenders = contenders[contenders["score"] > 0]
    contenders = contenders.sort_values(["score", "reached"], ascending=[False, True], kind="stable")
    money = pd.Series(0.0, index=score.index)
    rows = []
    if rewards.tie_rule == "earliest":
        by_place = {p.place: p for p in prizes}
        for position, who in enumerate(contenders.index, start=1):
            prize = by_place.get(position)
            if prize is not None:
                money[who] += prize.value
                rows.append(
                    {
                        "place": prize.place,
                        "description": prize.description,
                        "value": prize.value,
                        "winners": [who],
                        "each": prize.value,
                    }
                )
    else:
        order = list(contenders.index)
        position = 0
        by_place = {p.place: p for p in prizes}
        while position < len(order) and position < (max(by_place) if by_place else 0):
            tied = [who for who in order if contenders.at[who, "score"] == contenders.at[order[position], "score"]]
            places = range(position + 1, position + len(tied) + 1)
            pot = [by_place[p] for p in places if p in by_place]
            if pot:
                each = sum(p.value for p in pot) / len(tied)
                for who in tied:
                    money[who] += each
                for prize in pot:
                    rows.append(
                        {
                            "place": prize.place,
                            "description": prize.description,
                            "value": prize.value,
                            "winners": tied,
                            "each": each,
                        }
                    )
            position += len(tied)
    frame = pd.DataFrame(rows, columns=["place", "description", "value", "winners", "each"])
    return frame, money


def _rewards(campaign: Campaign) -> Rewards:
    from campaign_kit.core.errors import missing_section

    if campaign.rewards is None:
        raise missing_section("rewards", 3, "section.contents.rewards")
    return campaign.rewards


@dataclass
class RewardsAnalysis:
    scenarios: pd.DataFrame
    simulation: Simulation
    summary: dict[str, float]
    effort: EffortCheck


def analyse(campaign: Campaign) -> RewardsAnalysis:
    simulation = simulate(campaign)
    return RewardsAnalysis(
        scenario_costs(campaign), simulation, simulation_summary(simulation), effort_check(campaign, simulation)
    )
