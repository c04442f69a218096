"""Phase 5 on hand-computed cases: earned media by each platform method, cost per outcome, return,
the consent filter, the recommendation and the checklist; and the reports of both examples."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from helpers import campaign, campaign_data, kpi

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.model import EarnedMedia
from campaign_kit.core.model import Testimonial as Quote
from campaign_kit.core.validation import load_campaign, validate_data
from campaign_kit.phases.final import analysis as final

TOTALS = {"click": 100.0, "reaction": 40.0, "share": 8.0, "completion": 4.0}


def test_cost_per_click():
    estimate = final.earned_media(TOTALS, EarnedMedia(method="cpc", cost_per_click=2))
    assert estimate.value == 200 and estimate.input("clicks") == 100


def test_cpm_and_cpc_with_impressions_from_the_export():
    media = EarnedMedia(method="cpm_cpc", cpm=10, cost_per_click=2, reaction_multiplier=0.5)
    estimate = final.earned_media(TOTALS | {"impression": 5000.0}, media)
    assert estimate.value == pytest.approx(10 * 5000 / 1000 + 2 * (40 * 0.5 + 100))  # 50 + 240
    assert estimate.assumed == []


def test_cpm_with_assumed_impressions_says_so():
    media = EarnedMedia(method="cpm_cpc", cpm=10, cost_per_click=2, reaction_multiplier=0.5, impressions_per_share=500)
    estimate = final.earned_media(TOTALS, media)
    assert estimate.input("impressions") == 4000
    assert estimate.value == pytest.approx(40 + 240)
    assert "impressions" in estimate.assumed


def test_missing_rates_give_no_number_and_name_the_rate():
    estimate = final.earned_media(TOTALS, EarnedMedia(method="cpm_cpc", cost_per_click=2))
    assert estimate.value is None
    assert estimate.missing == ["cpm", "impressions_per_share"]


def test_points():
    media = EarnedMedia(method="points", points={"share": 10, "click": 1}, cost_per_point=0.1)
    estimate = final.earned_media(TOTALS, media)
    assert estimate.value == pytest.approx((8 * 10 + 100 * 1) * 0.1)
    assert estimate.input("points_per", "share") == 10 and estimate.input("points") == 180


def test_cost_per_outcome_and_return():
    assert final.cost_per_outcome(1000, TOTALS) == {"completion": 250, "applicant": None, "hire": None, "click": 10}
    assert final.roi(290, 200) == pytest.approx(0.45)
    assert final.roi(None, 200) is None and final.roi(100, 0) is None
    assert final.Costs(incentives=100, prizes=50, fixed=25, budget=500).total == 175


def test_only_consented_testimonials_are_published():
    day = dt.date(2027, 3, 1)
    items = [
        Quote(ambassador="E2", text="later, by name", date=day, consent="named"),
        Quote(ambassador="E1", text="anonymous", date=day - dt.timedelta(days=1), consent="anonymous"),
        Quote(ambassador="E3", text="not for management", date=day, consent="none"),
    ]
    shown = final.publishable(items, {"E1": "Anna", "E2": "Bram"}, "nl")
    assert [(x["who"], x["text"]) for x in shown] == [("een ambassadeur", "anonymous"), ("Bram", "later, by name")]


def test_a_testimonial_after_the_as_of_date_or_without_a_known_name_is_not_shown_as_such():
    day = dt.date(2027, 3, 1)
    later = day + dt.timedelta(days=1)
    items = [
        Quote(ambassador="E1", text="given in time", date=day, consent="named"),
        Quote(ambassador="E9", text="named, but nobody knows E9", date=day, consent="named"),
        Quote(ambassador="E1", text="not given yet on the as-of date", date=later, consent="named"),
    ]
    shown = final.publishable(items, {"E1": "Anna"}, "en", as_of=day)
    assert [(x["who"], x["text"]) for x in shown] == [
        ("Anna", "given in time"),
        ("an ambassador", "named, but nobody knows E9"),  # never the bare id
    ]


def _progress(statuses: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"K{i}" for i in range(len(statuses))], "measured": True, "status": statuses})


def _with_evaluation(**evaluation) -> object:
    kpis = [kpi(f"K{i}", measure={"result": "completion"}) for i in range(3)]
    return campaign(kpis=kpis, evaluation=evaluation)


@pytest.mark.parametrize(
    ("evaluation", "statuses", "months"),
    [
        ({"turnover": 0.2}, ["green"] * 3, 0),  # high turnover, a success: keep going continuously
        ({"turnover": 0.1}, ["green", "green", "red"], 6),
        ({"turnover": 0.05}, ["green"] * 3, 12),
        ({"turnover": 0.2}, ["red", "red", "green"], 6),  # mostly missed: sharpen and pilot first
        ({"turnover": 0.05, "management_support": "weak"}, ["green"] * 3, 12),
        ({"turnover": 0.2, "management_support": "weak"}, ["green"] * 3, 12),  # secure a sponsor first
        ({}, ["green"] * 3, None),
    ],
)
def test_when_to_start_again(evaluation, statuses, months):
    advice = final.recommend(_with_evaluation(**evaluation), _progress(statuses))
    assert advice.months == months
    starts = {None: None, 0: dt.date(2027, 7, 1), 6: dt.date(2028, 1, 1), 12: dt.date(2028, 7, 1)}
    assert advice.start == starts[months]  # the campaign ends 2027-06-30


def test_kpis_to_sharpen_are_the_missed_and_the_unmeasured():
    c = campaign(
        kpis=[kpi("K0", measure={"result": "completion"}), kpi("K1", measure={"result": "login"}), kpi("K2")],
        evaluation={"turnover": 0.1},
    )
    advice = final.recommend(c, _progress(["green", "red"]))
    assert advice.sharpen == ["K1", "K2"]


def test_checklist_entries_override_the_automatic_status():
    c = campaign(evaluation={"checklist": {"plan": {"status": "open", "note": "no owner for half the actions"}}})
    rows = {r["item"]: r for r in final.checklist(c, None)}
    assert rows["plan"]["status"] == "open" and rows["plan"]["note"] == "no owner for half the actions"
    assert rows["goal_and_kpis"]["status"] == "open"  # no KPIs at all
    assert list(rows) == ["goal_and_kpis", "plan", "team", "reward", "motivation", "meetings", "evaluations"]


@pytest.mark.parametrize(
    ("media", "key"),
    [
        ({"method": "cpm_cpc", "cost_per_click": 2}, "evaluation.earned_media.cpm"),
        ({"method": "points", "cost_per_point": 0.1}, "evaluation.earned_media.points"),
        ({"method": "cpc"}, "evaluation.earned_media.cost_per_click"),
    ],
)
def test_a_method_without_its_rates_is_refused(media, key):
    with pytest.raises(CampaignError) as caught:
        validate_data(campaign_data(evaluation={"earned_media": media}), "campaign.yaml")
    problems = caught.value.problems
    assert any(p.key == key and "needs it" in p.message for p in problems), problems


def test_example_final_reports(example_snapshots):
    for name, folder in example_snapshots.items():
        html = (folder / "05_final.html").read_text(encoding="utf-8")
        c = load_campaign(folder / "parameters" / name)
        for item in c.evaluation.testimonials:
            shown = item.text.replace("'", "&#x27;").replace('"', "&quot;") in html or item.text in html
            assert shown == (item.consent != "none"), item
        # the formula of the campaign's own method is shown with the figure
        formula = {"points": "Σ (", "cpm_cpc": "CPM × ", "cpc": "CPC × "}[c.evaluation.earned_media.method]
        assert formula in html
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert index.count('<section class="ck-summary ck-compact">') == 5  # every phase has its tiles
