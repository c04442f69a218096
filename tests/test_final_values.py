"""Phase 5 by value: whole estimates (value, method, every input by name, what is missing or assumed),
whole recommendations (months, start, every reason with its figures) and the whole checklist, on
cases computed by hand. A renamed input or reason key would reach the report as a raw key."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest
from helpers import action, campaign, kpi

from campaign_kit.core.model import EarnedMedia
from campaign_kit.core.model import Testimonial as Quote
from campaign_kit.phases.final import analysis as final
from campaign_kit.phases.final.analysis import Estimate

TOTALS = {"click": 100.0, "reaction": 40.0, "share": 8.0, "completion": 4.0}


def test_cost_per_click_in_full():
    assert final.earned_media(TOTALS, EarnedMedia(method="cpc", cost_per_click=2)) == Estimate(
        200.0, "cpc", [("cpc", None, 2), ("clicks", None, 100.0)], []
    )
    # no clicks in the data: 0 clicks, not a missing input; no rate: no value, the rate named
    assert final.earned_media({}, EarnedMedia(method="cpc", cost_per_click=2)).inputs[1] == ("clicks", None, 0.0)
    assert final.earned_media(TOTALS, EarnedMedia(method="cpc")) == Estimate(
        None, "cpc", [("cpc", None, 0.0), ("clicks", None, 100.0)], ["cost_per_click"]
    )


def test_cpm_and_cpc_in_full():
    media = EarnedMedia(method="cpm_cpc", cpm=10, cost_per_click=2, reaction_multiplier=0.5)
    # 10 × 5000 / 1000 + 2 × (40 × 0.5 + 100) = 50 + 240
    assert final.earned_media(TOTALS | {"impression": 5000.0}, media) == Estimate(
        290.0,
        "cpm_cpc",
        [
            ("cpm", None, 10),
            ("impressions", None, 5000.0),
            ("cpc", None, 2),
            ("reactions", None, 40.0),
            ("multiplier", None, 0.5),
            ("clicks", None, 100.0),
        ],
        [],
        [],
    )
    # without reactions or clicks in the data both count 0: 10 × 5000 / 1000 = 50
    assert final.earned_media({"impression": 5000.0}, media).value == 50
    assumed = EarnedMedia(method="cpm_cpc", cpm=10, cost_per_click=2, impressions_per_share=500)
    # 8 shares × 500 assumed = 4000 impressions: 40 + 2 × (40 × 1 + 100) = 320
    assert final.earned_media(TOTALS, assumed) == Estimate(
        320.0,
        "cpm_cpc",
        [
            ("cpm", None, 10),
            ("impressions", None, 4000.0),
            ("impressions_per_share", None, 500),
            ("cpc", None, 2),
            ("reactions", None, 40.0),
            ("multiplier", None, 1.0),
            ("clicks", None, 100.0),
        ],
        [],
        ["impressions", "impressions_per_share"],
    )
    bare = final.earned_media(TOTALS, EarnedMedia(method="cpm_cpc"))
    assert bare.value is None and bare.missing == ["cpm", "cost_per_click", "impressions_per_share"]
    assert [v for _, _, v in bare.inputs[:3]] == [0.0, 0.0, 0.0]


def test_points_in_full():
    media = EarnedMedia(method="points", points={"share": 10, "hire": 100}, cost_per_point=0.5)
    # 10 × 8 shares + 100 × 0 hires = 80 points × 0.5 = 40
    assert final.earned_media(TOTALS, media) == Estimate(
        40.0,
        "points",
        [
            ("points_per", "share", 10),
            ("results", "share", 8.0),
            ("points_per", "hire", 100),
            ("results", "hire", 0.0),
            ("points", None, 80.0),
            ("cost_per_point", None, 0.5),
        ],
        [],
    )
    nothing = final.earned_media(TOTALS, EarnedMedia(method="points"))
    assert nothing == Estimate(
        None, "points", [("points", None, 0), ("cost_per_point", None, 0.0)], ["cost_per_point", "points"]
    )


def test_cost_per_outcome_and_return_in_full():
    assert final.cost_per_outcome(1000.0, {"completion": 8.0, "applicant": 0.0, "hire": 2.0}) == {
        "completion": 125.0,
        "applicant": None,  # none of them: no cost per one
        "hire": 500.0,
        "click": None,
    }
    assert final.roi(1500.0, 1000.0) == 0.5 and final.roi(500.0, 1000.0) == -0.5
    assert final.roi(None, 1000.0) is None and final.roi(100.0, 0.0) is None


def progress(statuses: list[str], unmeasured: int = 0) -> pd.DataFrame:
    ids = [f"K{i}" for i in range(len(statuses) + unmeasured)]
    return pd.DataFrame(
        {"id": ids, "measured": [True] * len(statuses) + [False] * unmeasured, "status": statuses + [None] * unmeasured}
    )


def advice(statuses: list[str], **evaluation) -> final.Recommendation:
    kpis = [kpi(f"K{i}", measure={"result": "completion"}) for i in range(len(statuses))]
    return final.recommend(campaign(kpis=kpis, evaluation=evaluation), progress(statuses))


def test_the_recommendation_in_full_at_each_boundary():
    # turnover 15% is high (continuous), 8% is middle (6 months), just under 8% is low (12 months)
    assert advice(["green"] * 4, turnover=0.15) == final.Recommendation(
        0,
        dt.date(2027, 7, 1),
        [("final.why.turnover_high", {"share": 0.15}), ("final.why.success", {"met": 4, "of": 4})],
        [],
    )
    # 3 of 4 met is a success (75%); the campaign ends 30 June 2027, 6 months later: 1 January 2028
    assert advice(["green", "green", "green", "red"], turnover=0.08) == final.Recommendation(
        6,
        dt.date(2028, 1, 1),
        [("final.why.turnover_mid", {"share": 0.08}), ("final.why.success", {"met": 3, "of": 4})],
        ["K3"],
    )
    # 1 of 2 met is mixed (50%), not missed
    assert advice(["green", "red"], turnover=0.0799).reasons == [
        ("final.why.turnover_low", {"share": 0.0799}),
        ("final.why.mixed", {"met": 1, "of": 2}),
    ]
    assert advice(["green", "red"], turnover=0.0799).months == 12
    # 1 of 3 met: missed, so at least 6 months to sharpen the KPIs, also with high turnover
    missed = advice(["green", "red", "red"], turnover=0.2, management_support="strong")
    assert (missed.months, missed.start, missed.sharpen) == (6, dt.date(2028, 1, 1), ["K1", "K2"])
    assert missed.reasons[1:] == [("final.why.missed", {"met": 1, "of": 3}), ("final.why.strong_support", {})]
    # weak support: a year at least, to secure a sponsor first
    weak = advice(["green"], turnover=0.2, management_support="weak")
    assert (weak.months, weak.start, weak.reasons[-1]) == (12, dt.date(2028, 7, 1), ("final.why.weak_support", {}))
    # no turnover known: no date, said so; moderate support says nothing
    unknown = advice(["green"], management_support="moderate")
    assert unknown == final.Recommendation(
        None, None, [("final.why.no_turnover", {}), ("final.why.success", {"met": 1, "of": 1})], []
    )


def test_nothing_measured_gives_no_success_reason_and_every_kpi_to_sharpen():
    c = campaign(kpis=[kpi("A"), kpi("B", owner="")], evaluation={"turnover": 0.1})
    result = final.recommend(c, progress([], unmeasured=2))
    assert result == final.Recommendation(
        6, dt.date(2028, 1, 1), [("final.why.turnover_mid", {"share": 0.1})], ["A", "B"]
    )


def test_months_are_added_across_years():
    assert final._add_months(dt.date(2027, 6, 30), 1) == dt.date(2027, 7, 1)
    assert final._add_months(dt.date(2027, 12, 15), 1) == dt.date(2028, 1, 1)
    assert final._add_months(dt.date(2027, 6, 30), 13) == dt.date(2028, 7, 1)
    assert final._add_months(dt.date(2027, 1, 31), 0) == dt.date(2027, 1, 1)


def activity(team: int, activation: float) -> SimpleNamespace:
    return SimpleNamespace(team=SimpleNamespace(ids=[f"A{i}" for i in range(team)]), activation=activation)


def test_the_whole_checklist_of_a_campaign_that_did_everything():
    c = campaign(
        kpis=[kpi("K1", measure={"result": "completion"}), kpi("K2", measure={"result": "login"})],
        actions=[
            action("A1", "K1", dt.date(2027, 2, 1), 4, owner="Ann"),
            action("A2", "K2", dt.date(2027, 3, 1), 2, owner="Bo"),
        ],
        checkpoints=[
            {"kind": "ambassador_meeting", "date": dt.date(2027, 2, 1)},
            {"kind": "midterm", "date": dt.date(2027, 3, 1)},
            {"kind": "final", "date": dt.date(2027, 6, 30)},
        ],
        rewards={
            "currency": "EUR",
            "budget": 1000,
            "hours_per_month": 2,
            "rules": [{"result": "completion", "amount": 25}],
            "prizes": [{"place": 1, "description": "Dinner", "value": 100}],
            "performance": {"completion": {"pessimistic": 1, "expected": 2, "optimistic": 3}},
        },
        activity={"sources": [], "meetings": [{"date": dt.date(2027, 2, 1)}]},
    )
    rows = final.checklist(c, activity(5, 0.8))  # the planned 5, 80% active
    assert rows == [
        {"item": "goal_and_kpis", "status": "done", "why": ("why.goal_and_kpis", {"smart": 2, "of": 2}), "note": ""},
        {"item": "plan", "status": "done", "why": ("why.plan", {"actions": 2, "owned": 2}), "note": ""},
        {"item": "team", "status": "done", "why": ("why.team", {"team": 5, "planned": 5, "active": 0.8}), "note": ""},
        {"item": "reward", "status": "done", "why": ("why.reward", {"rules": 1}), "note": ""},
        {"item": "motivation", "status": "done", "why": ("why.motivation", {"prizes": 1, "meetings": 1}), "note": ""},
        {"item": "meetings", "status": "done", "why": ("why.meetings", {"held": 1, "planned": 1}), "note": ""},
        {"item": "evaluations", "status": "done", "why": ("why.evaluations", {"measured": 2, "of": 2}), "note": ""},
    ]
    # one ambassador short, or under 80% active, is only partly done
    assert final.checklist(c, activity(4, 0.9))[2]["status"] == "partial"
    assert final.checklist(c, activity(5, 0.79))[2]["status"] == "partial"


def test_the_whole_checklist_of_a_campaign_that_did_little():
    c = campaign(
        kpis=[kpi("K1", measure={"result": "completion"}), kpi("K2", owner="")],  # one SMART, one measured
        actions=[
            action("A1", "K1", dt.date(2027, 2, 1), 4, owner=""),
            action("A2", "K1", dt.date(2027, 2, 1), 1, owner="Bo"),
        ],
        checkpoints=[
            {"kind": "midterm", "date": dt.date(2027, 3, 1)},
            {"kind": "ambassador_meeting", "date": dt.date(2027, 2, 1)},
        ],
        rewards={"currency": "EUR", "budget": 1000, "hours_per_month": 2},
    )
    rows = {r["item"]: (r["status"], r["why"][1]) for r in final.checklist(c, None)}
    assert rows == {
        "goal_and_kpis": ("partial", {"smart": 1, "of": 2}),
        "plan": ("partial", {"actions": 2, "owned": 1}),
        "team": ("open", {"team": 0, "planned": 5, "active": 0.0}),
        "reward": ("partial", {"rules": 0}),  # a rewards section without rules
        "motivation": ("open", {"prizes": 0, "meetings": 0}),
        "meetings": ("partial", {"held": 0, "planned": 1}),  # planned, none held yet
        "evaluations": ("partial", {"measured": 1, "of": 2}),  # a mid-term but no final review
    }
    empty = {r["item"]: r["status"] for r in final.checklist(campaign(), None)}
    assert empty == dict.fromkeys(empty, "open") | {"reward": "open"}


def test_testimonials_shown_in_date_order_by_name_only_with_a_name():
    quotes = [
        Quote(ambassador="E2", text="Later", date=dt.date(2027, 3, 1), consent="named"),
        Quote(ambassador="E1", text="First", date=dt.date(2027, 2, 1), consent="named"),
        Quote(ambassador="E9", text="Unknown", date=dt.date(2027, 2, 15), consent="named"),
        Quote(ambassador="E3", text="Hidden", date=dt.date(2027, 2, 2), consent="none"),
        Quote(ambassador="E4", text="Too late", date=dt.date(2027, 4, 2), consent="anonymous"),
    ]
    shown = final.publishable(quotes, {"E1": "Ann", "E2": "Bo"}, "en", as_of=dt.date(2027, 4, 1))
    assert [(q["who"], q["text"], q["date"]) for q in shown] == [
        ("Ann", "First", dt.date(2027, 2, 1)),
        ("an ambassador", "Unknown", dt.date(2027, 2, 15)),
        ("Bo", "Later", dt.date(2027, 3, 1)),
    ]
    # on the as-of date itself a testimonial is shown
    assert len(final.publishable(quotes, {}, "en", as_of=dt.date(2027, 4, 2))) == 4


@pytest.mark.parametrize(("day", "warned"), [(dt.date(2027, 6, 30), False), (dt.date(2027, 7, 1), True)])
def test_a_testimonial_after_the_last_day_is_a_warning(day, warned):
    c = campaign(evaluation={"testimonials": [{"ambassador": "E1", "text": "x", "date": day, "consent": "named"}]})
    found = final.testimonial_warnings(c, {"E1"})
    assert [(w.key, w.label) for w in found] == (
        [("evaluation.testimonials[0].date", "warning.testimonial_after_end")] if warned else []
    )
    assert [w.label for w in final.testimonial_warnings(c, set())][-1] == "warning.named_unknown"
    assert final.testimonial_warnings(c, None) == found  # names unknown: nothing to say about them


def test_more_checklist_boundaries():
    one = campaign(kpis=[kpi("K1", measure={"result": "completion"})])  # a single SMART, measured KPI
    rows = {r["item"]: r for r in final.checklist(one, activity(1, 0.0))}
    assert rows["goal_and_kpis"]["status"] == "done"
    assert rows["team"]["status"] == "partial"  # one ambassador of five
    assert rows["reward"]["why"] == ("why.reward", {"rules": 0})  # no rewards section
    assert rows["motivation"]["why"] == ("why.motivation", {"prizes": 0, "meetings": 0})
    assert rows["evaluations"]["status"] == "partial"  # measured, but no reviews planned

    def status(item: str, **fields) -> str:
        c = campaign(kpis=[kpi("K1", measure={"result": "completion"})], **fields)
        return {r["item"]: r["status"] for r in final.checklist(c, None)}[item]

    review = {"midterm": dt.date(2027, 3, 1), "final": dt.date(2027, 6, 30)}
    both = [{"kind": k, "date": d} for k, d in review.items()]
    assert status("evaluations", checkpoints=both) == "done"  # exactly both reviews, every KPI measured
    unmeasured = campaign(kpis=[kpi("K1", measure={"result": "completion"}), kpi("K2")], checkpoints=both)
    assert {r["item"]: r["status"] for r in final.checklist(unmeasured, None)}["evaluations"] == "partial"
    no_kpis = {r["item"]: r["status"] for r in final.checklist(campaign(checkpoints=both), None)}
    assert no_kpis["evaluations"] == "partial"  # reviews planned, nothing to measure
    only_final = campaign(kpis=[kpi("K2")], checkpoints=both[1:])
    assert {r["item"]: r["status"] for r in final.checklist(only_final, None)}["evaluations"] == "partial"
    meeting = {"sources": [], "meetings": [{"date": dt.date(2027, 2, 1)}]}
    assert status("meetings", activity=meeting) == "partial"  # one held, none planned
    assert status("motivation", activity=meeting) == "partial"  # meetings but no prizes
    prizes = {
        "currency": "EUR",
        "budget": 1,
        "hours_per_month": 1,
        "prizes": [{"place": 1, "description": "x", "value": 1}],
    }
    assert status("motivation", rewards=prizes) == "partial"  # prizes but no meetings
    assert status("motivation", rewards=prizes, activity=meeting) == "done"


def test_no_turnover_known_stays_undated_also_when_kpis_were_missed_or_support_is_weak():
    assert advice(["red", "red"]).months is None
    assert advice(["green"], management_support="weak").months is None


def test_kpis_missing_a_deadline_or_a_metric_are_to_sharpen():
    kpis = [
        kpi("A", measure={"result": "completion"}, deadline=None),
        kpi("B", measure={"result": "completion"}, metric=""),
        kpi("C", measure={"result": "completion"}, owner=""),
        kpi("D", measure={"result": "completion"}),
    ]
    result = final.recommend(campaign(kpis=kpis, evaluation={"turnover": 0.1}), progress(["green"] * 4))
    assert result.sharpen == ["A", "B", "C"]


def test_impressions_from_shares_or_none_at_all():
    assumed = EarnedMedia(method="cpm_cpc", impressions_per_share=500)
    assert final.impressions({}, assumed) == (0.0, True)  # no shares: 0 assumed impressions
    assert final.impressions({"share": 3.0}, assumed) == (1500.0, True)
    assert final.impressions({"share": 3.0}, EarnedMedia(method="cpm_cpc")) == (None, False)
    assert final.roi(100.0, 0.5) == 199.0  # any cost above 0 gives a return


def test_a_phase_5_without_an_evaluation_section_says_which_section_and_phase():
    from campaign_kit.core.errors import CampaignError

    with pytest.raises(CampaignError) as caught:
        final.recommend(campaign(), progress([]))
    problem = caught.value.problems[0]
    assert (problem.file, problem.key, problem.label) == ("campaign.yaml", "evaluation", "error.missing_section")
    assert problem.values["phase"] == 5 and problem.values["contents"] == "section.contents.evaluation"
    assert final.testimonial_warnings(campaign(), set()) == []  # no evaluation: nothing to warn about


def test_testimonial_warnings_point_at_campaign_yaml():
    c = campaign(
        evaluation={
            "testimonials": [{"ambassador": "E9", "text": "x", "date": dt.date(2027, 7, 2), "consent": "named"}]
        }
    )
    found = final.testimonial_warnings(c, set())
    assert [(w.file, w.key, w.label) for w in found] == [
        ("campaign.yaml", "evaluation.testimonials[0].date", "warning.testimonial_after_end"),
        ("campaign.yaml", "evaluation.testimonials[0].ambassador", "warning.named_unknown"),
    ]
    assert found[0].values == {"day": dt.date(2027, 7, 2), "end": dt.date(2027, 6, 30)}
    assert found[1].values == {"id": "'E9'"}


def test_the_dutch_example_evaluated_in_process(campaign_copy, tmp_path, monkeypatch):
    """final.analyse on the Dutch example, its figures recomputed from campaign.yaml by hand rules."""
    from campaign_kit.core.validation import load_campaign

    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    c = load_campaign(campaign_copy("leerprogramma"))
    result = final.analyse(c, dt.date(2027, 5, 1))  # after the end (26 Feb 2027): counted up to the end
    assert result.as_of == dt.date(2027, 2, 26)
    totals = result.activity.totals
    # fixed 400 + 150 + 300 + 60 × 45 = 3,550; prizes 900 + 150 + 50 paid out
    assert result.costs.fixed == 3550 and result.costs.budget == 6000
    assert result.costs.prizes == 1100 and result.costs.total == result.costs.incentives + 1100 + 3550
    # points: 10 a share, 1 a click, 2 a reaction, at 0.10 a point; a completion is worth 150
    points = 10 * totals["share"] + totals["click"] + 2 * totals["reaction"]
    assert result.media.value == pytest.approx(points * 0.10)
    assert result.value_parts == [("completion", totals["completion"], 150)]
    assert result.value == pytest.approx(points * 0.10 + 150 * totals["completion"])
    # names from the employee list; the named testimonial's ambassador has one
    assert result.names["E000026"] == "Ilse Kaya" and len(result.names) == 30
    assert result.warnings == []
    assert [row["item"] for row in result.checklist] == list(final.CHECKLIST_ITEMS)
    assert result.recommendation.months == 6  # turnover 12%: six months
