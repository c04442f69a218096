"""What the final report says in the cases the examples never reach (coverage found them unseen):
no activity data, no or incomplete earned-media rates, a result valued twice, no date for the next
campaign or a continuous one, no lessons, no testimonials. Said in full, in English."""

from __future__ import annotations

import datetime as dt

from helpers import campaign

from campaign_kit.phases.final import report
from campaign_kit.phases.final.analysis import Estimate, FinalAnalysis, Recommendation


def evaluated(media=None, months=None, start=None, reasons=(), value=None):
    return FinalAnalysis(
        as_of=dt.date(2027, 6, 30),
        activity=None,
        costs=None,
        media=media,
        value=value,
        value_parts=[],
        checklist=[],
        recommendation=Recommendation(months, start, list(reasons), []),
    )


def test_without_activity_data_no_kpi_is_measured():
    c, analysis = campaign(evaluation={}), evaluated()
    assert report.goal_text(c, analysis) == "No activity data (activity: in campaign.yaml), so no KPI is measured."
    assert report.achievement_table(c, analysis).empty and report.cost_table(c, analysis).empty
    assert report.provisional_text(c, analysis) == ""  # evaluated on the last day: final, not provisional


def test_earned_media_without_rates_or_with_some_missing():
    c = campaign(evaluation={})
    assert report.media_text(c, evaluated()) == [
        "No earned-media rates set (evaluation.earned_media in campaign.yaml)."
    ]
    assert report.media_table(c, evaluated()).empty
    missing = Estimate(None, "cpm_cpc", [], ["cpm", "cost_per_click"])
    assert report.media_text(c, evaluated(missing)) == [
        "The CPM and cost per click method needs: cpm, cost_per_click (evaluation.earned_media in campaign.yaml)."
    ]


def test_a_result_in_the_points_and_in_the_value_per_outcome_is_said_to_count_twice():
    c = campaign(
        evaluation={
            "earned_media": {"method": "points", "points": {"hire": 100}, "cost_per_point": 1},
            "value_per": {"hire": 4000},
        }
    )
    media = Estimate(200.0, "points", [], [])
    lines = report.media_text(c, evaluated(media))
    assert lines[1] == (
        "Note: Hires count both in the points and in the value per outcome, so the value below "
        "counts them twice; leave them out of one of the two (evaluation.earned_media.points or evaluation.value_per)."
    )


def test_when_to_start_again_in_words():
    c = campaign(evaluation={})
    unknown = evaluated(reasons=[("final.why.no_turnover", {})])
    assert report.recommendation_text(c, unknown) == [
        "Set the organisation's yearly turnover (evaluation.turnover) to get a date for the next campaign.",
        "Turnover is unknown.",
    ]
    continuous = evaluated(months=0, start=dt.date(2027, 7, 1), reasons=[("final.why.turnover_high", {"share": 0.2})])
    assert report.recommendation_text(c, continuous) == [
        "Keep ambassadors going continuously rather than in separate campaigns.",
        "Turnover is high (20% a year): newcomers arrive all the time.",
    ]
    later = evaluated(months=6, start=dt.date(2028, 1, 1))
    assert report.recommendation_text(c, later) == ["Start the next campaign in about 6 months: from 1 Jan 2028."]


def test_no_lessons_and_no_testimonials_say_so():
    c = campaign(evaluation={})
    assert report.lessons_html(c) == '<p class="ck-empty">Nothing entered yet.</p>'
    assert report.testimonials_html(c, evaluated()) == (
        '<p class="ck-empty">No testimonials with consent yet: add them in the form above.</p>'
    )


def test_the_dutch_report_says_earned_media_in_dutch():
    from campaign_kit.core.i18n import t

    # 'Earned media: €124' stood in the Dutch report (issue 14); Dutch says 'verdiende media'
    for key in ("final.media", "final.roi", "final.no_media"):
        assert "earned media" not in t(key, "nl").lower().replace("evaluation.earned_media", ""), key
    assert t("final.media", "nl", value="€ 124", method="CPM", formula="x").startswith("Verdiende media: € 124")
