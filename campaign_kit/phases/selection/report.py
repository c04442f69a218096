"""Phase-2 report tables and sentences, translated; every figure comes from selection.py.

`analyse(campaign)` does the work once (read people, score, select); the table functions only format.
Names appear only for the team and only when `selection.show_names` is true; otherwise pseudonyms.
"""

from __future__ import annotations

import math

import pandas as pd

from campaign_kit.core.formats import date, number, percent
from campaign_kit.core.i18n import label_or, t
from campaign_kit.core.model import Campaign
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.phases.selection.analysis import (
    SelectionAnalysis,
    departments_to_cover,
    funnel,
    gender_bounds,
    latest_status,
    shortlist,
    team_size,
)


def criterion_label(name: str, lang: str) -> str:
    return label_or(f"criterion.{name}", lang, name.replace("_", " "))


def display_names(campaign: Campaign, analysis: SelectionAnalysis) -> dict[str, str]:
    """Team member id -> what reports show: the name when allowed, else 'Ambassador 1..n' numbered in
    the order the team table shows them (so the list reads 1, 2, 3, not 2, 3, 5, 1, 4)."""
    selection = campaign.selection
    assert selection is not None
    ids = list(analysis.team_ids)
    if selection.show_names:
        names = analysis.scored.set_index("id")["name"]
        return {i: str(names[i]) for i in ids}
    return {i: f"{t('ambassador', campaign.language)} {n}" for n, i in enumerate(ids, start=1)}


def _status(campaign: Campaign, employee_id: str, default: str = "") -> str:
    latest = latest_status(campaign.selection)
    status = latest.get(employee_id, (default, None))[0]
    return t(f"candidate.{status}", campaign.language) if status else ""


def team_size_text(campaign: Campaign) -> str:
    rules = campaign.selection.team
    lang = campaign.language
    size = team_size(rules, campaign.population.size)
    if not rules.ratio:
        return t("team_size.no_ratio", lang, size=size, planned=campaign.team.ambassadors)
    maximum = t("team_size.maximum", lang, maximum=rules.maximum) if rules.maximum else ""
    return t(
        "team_size.text",
        lang,
        population=campaign.population.size,
        ratio=rules.ratio,
        raw=math.ceil(campaign.population.size / rules.ratio),
        minimum=rules.minimum,
        maximum=maximum,
        size=size,
        planned=campaign.team.ambassadors,
    )


def _points_columns(campaign: Campaign, rows: pd.DataFrame) -> dict[str, list[str]]:
    lang = campaign.language
    return {
        criterion_label(name, lang): [number(v, lang, 1) for v in rows[f"{name}_points"]]
        for name in campaign.selection.criteria
    }


def shortlist_table(campaign: Campaign, analysis: SelectionAnalysis) -> pd.DataFrame:
    """Analyst only: the short list with names, score, points per criterion, unknowns and status."""
    lang = campaign.language
    rows = shortlist(analysis.scored, campaign.selection)
    team = set(analysis.team_ids)
    return pd.DataFrame(
        {
            t("col.rank", lang): rows["rank"],
            t("col.name", lang): rows["name"],
            t("col.department", lang): rows["department"],
            t("col.gender", lang): [t(f"gender.{g or 'unknown'}", lang) for g in rows["gender"]],
            t("col.score", lang): [number(v, lang, 1) for v in rows["score"]],
            **_points_columns(campaign, rows),
            t("col.unknown", lang): [", ".join(criterion_label(u, lang) for u in us) for us in rows["unknown"]],
            t("col.candidate_status", lang): [
                _status(campaign, i, "proposed" if i in team else "") for i in rows["id"]
            ],
        }
    )


def team_table(campaign: Campaign, analysis: SelectionAnalysis) -> pd.DataFrame:
    """The proposed team (names or pseudonyms), with department, gender, score per criterion and status."""
    lang = campaign.language
    names = display_names(campaign, analysis)
    rows = analysis.scored.set_index("id").loc[analysis.team_ids].reset_index()
    table = pd.DataFrame(
        {
            t("ambassador", lang): [names[i] for i in rows["id"]],
            t("col.department", lang): rows["department"],
            t("col.gender", lang): [t(f"gender.{g or 'unknown'}", lang) for g in rows["gender"]],
            t("col.score", lang): [number(v, lang, 1) for v in rows["score"]],
            **_points_columns(campaign, rows),
            t("col.candidate_status", lang): [
                _status(campaign, i, "proposed" if analysis.proposal.result.feasible else "proposed_relaxed")
                for i in rows["id"]
            ],
        }
    )
    if not campaign.selection.show_names:
        # a pseudonym with department and gender can point at one person in a small team
        table = table.drop(columns=[t("col.gender", lang)])
    return table


def rules_text(campaign: Campaign, analysis: SelectionAnalysis) -> list[str]:
    """Which rules the team meets, or why no team can and what to relax; replacements of decliners."""
    lang = campaign.language
    rules = campaign.selection.team
    result = analysis.proposal.result
    if not result.feasible:
        lines = [t("rules.infeasible", lang)]
        lines += [f"– {t(f'why.{code}', lang, **_shown(values, lang))}" for code, values in result.problems]
        lines.append(t("suggest.title", lang))
        lines += [f"– {t(f'suggest.{code}', lang, **values)}" for code, values in result.suggestions]
        if result.relaxed:  # the team below is shown anyway, and says under which rule
            lines.append(t(f"rules.shown_relaxed.{result.relaxed}", lang, count=len(result.team)))
        return lines
    met = [t("rules.size", lang, size=result.size)]
    cover = departments_to_cover(analysis.people.employees, rules)
    if cover:
        met.append(t("rules.coverage", lang, count=len(cover)))
    if rules.max_per_department:
        met.append(t("rules.cap", lang, cap=rules.max_per_department))
    if rules.gender_balance:
        met.append(t("rules.gender", lang, tolerance=percent(rules.gender_balance.tolerance, lang)))
    lines = [t("rules.met", lang, rules=", ".join(met))]
    names = display_names(campaign, analysis)
    # a decliner was not selected, so is never named: only the replacement is
    for _out, new in analysis.proposal.replacements:
        lines.append(t("replacement", lang, new=names.get(new, new)))
    return lines


def _shown(values: dict, lang: str) -> dict:
    shown = dict(values)
    if "gender" in shown:
        shown["gender"] = t(f"gender.{shown['gender']}", lang)
    return shown


def composition_table(campaign: Campaign, analysis: SelectionAnalysis) -> pd.DataFrame:
    """Per department, gender and any extra dimension: population count and share against the team."""
    lang = campaign.language
    employees = analysis.people.employees
    team = employees[employees["id"].isin(analysis.team_ids)]
    rows = []
    dimensions = ["department", "gender", *campaign.selection.dimensions]
    for dimension in dimensions:
        if dimension not in employees:
            continue
        population = employees[dimension].fillna("unknown").value_counts()
        members = team[dimension].fillna("unknown").value_counts()
        for value in sorted(population.index, key=str):
            if dimension == "gender":
                shown = t(f"gender.{value}", lang)
            else:
                shown = t("value.unknown", lang) if value == "unknown" else str(value)
            # a dimension the campaign added itself ('location') is shown as a heading would be
            own = dimension.replace("_", " ")
            rows.append(
                {
                    t("col.dimension", lang): label_or(f"col.{dimension}", lang, own[:1].upper() + own[1:]),
                    t("col.value", lang): shown,
                    t("col.population_count", lang): int(population[value]),
                    t("col.population_share", lang): percent(population[value] / len(employees), lang),
                    t("col.team_count", lang): int(members.get(value, 0)),
                    t("col.team_share", lang): percent(members.get(value, 0) / len(team), lang) if len(team) else "–",
                }
            )
    return pd.DataFrame(rows)


def funnel_table(campaign: Campaign, analysis: SelectionAnalysis) -> pd.DataFrame:
    lang = campaign.language
    frame = funnel(analysis.scored, campaign.selection)
    return pd.DataFrame(
        {
            t("col.stage", lang): [t(f"stage.{s}", lang) for s in frame["stage"]],
            t("col.count", lang): frame["count"],
            t("col.first_date", lang): ["" if d is None else date(d, lang) for d in frame["first_date"]],
        }
    )


def gender_rule_text(campaign: Campaign, analysis: SelectionAnalysis) -> str:
    """The gender bounds as numbers, e.g. 'female 2–4, male 1–3' (empty when no balance is asked)."""
    lang = campaign.language
    bounds = gender_bounds(analysis.people.employees, campaign.selection.team, analysis.proposal.result.size)
    return ", ".join(f"{t(f'gender.{g}', lang)} {low}–{high}" for g, (low, high) in bounds.items())


def executive_summary(campaign: Campaign, analysis: SelectionAnalysis) -> Summary:
    """Phase 2 at a glance: the team proposed against the size needed, how many confirmed, the pool;
    then what to do next (ask the rest, or which rule to relax)."""
    from campaign_kit.phases.selection.analysis import latest_status

    lang = campaign.language
    result = analysis.proposal.result
    team = analysis.team_ids
    latest = latest_status(campaign.selection) if campaign.selection else {}
    confirmed = sum(1 for i in team if latest.get(i, ("",))[0] == "confirmed")
    complete = result.feasible and len(team) >= result.size
    tiles = (
        Tile(
            t("headline.team", lang),
            number(len(team), lang),
            "good" if complete else "bad",
            t("summary.rules_met", lang) if result.feasible else t("summary.rules_not_met", lang),
            t("summary.needed", lang, size=number(result.size, lang)),
        ),
        Tile(
            t("headline.confirmed", lang),
            f"{number(confirmed, lang)} / {number(len(team), lang)}",
            "good" if team and confirmed == len(team) else "warn",
            t("summary.all_confirmed", lang)
            if team and confirmed == len(team)
            else t("summary.to_confirm", lang, count=len(team) - confirmed),
        ),
        Tile(t("headline.candidates", lang), number(len(analysis.scored), lang)),
    )
    if not result.feasible:
        first = result.suggestions[0] if result.suggestions else None
        advice = t(f"suggest.{first[0]}", lang, **first[1]) if first else ""
        sentences = (t("summary.selection.infeasible", lang, advice=advice).strip(),)
    elif confirmed < len(team):
        sentences = (t("summary.selection.ask", lang, count=len(team) - confirmed),)
    else:
        sentences = (t("summary.selection.complete", lang, count=len(team)),)
    return Summary(tiles, sentences)
