"""Cascade arithmetic and SMART checks on hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import action, campaign, kpi

from campaign_kit.phases.goals.analysis import cascade_frame, cascade_gaps, smart_checks
from campaign_kit.phases.goals.report import cascade_sentences, cascade_table, kpi_table


def failures(c):
    return {v.kpi: [code for code, _ in v.failures] for v in smart_checks(c)}


def test_method_example_five_times_five_is_25_of_30():
    c = campaign(
        kpis=[
            kpi("K1", target=5, unit="ambassadors", counts_people=True),
            kpi("K2", target=25, unit="completions", counts_people=True),
            kpi("K2a", target=5, unit="completions", scope="per_ambassador", parent="K2", counts_people=True),
        ]
    )
    frame = cascade_frame(c).set_index("id")
    assert frame.at["K2a", "total"] == 25
    assert frame.at["K2a", "per_ambassador"] == 5
    assert frame.at["K2", "per_ambassador"] == 5  # derived from the total: 25 / 5
    assert frame.at["K2", "share"] == pytest.approx(25 / 30)
    assert cascade_sentences(c) == ["K2a: 5 ambassadors × 5 per ambassador = 25 completions of 30 → 83%"]
    gaps = cascade_gaps(c).set_index("id")
    assert gaps.at["K2", "gap"] == 0
    assert failures(c) == {"K1": [], "K2": [], "K2a": []}


def test_per_ambassador_target_that_falls_short_of_the_total_is_flagged():
    c = campaign(
        kpis=[
            kpi("K2", target=25, unit="completions"),
            kpi("K2a", target=4, unit="completions", scope="per_ambassador", parent="K2"),
        ]
    )
    gaps = cascade_gaps(c).set_index("id")
    assert gaps.at["K2", "children"] == 20
    assert gaps.at["K2", "gap"] == -5
    assert failures(c)["K2"] == ["cascade"]
    table = cascade_table(c).set_index("KPI")
    assert table.at["K2", "Gap"] == "short by 5"


def test_children_in_another_unit_do_not_count_towards_the_parent():
    c = campaign(
        kpis=[
            kpi("P", target=17, unit="posts"),
            kpi("S", target=16, unit="shares", scope="per_ambassador", parent="P"),
        ]
    )
    assert cascade_gaps(c).empty
    assert failures(c)["P"] == []


def test_total_more_than_the_population_fails_plausibility():
    c = campaign(kpis=[kpi("K", target=7, scope="per_ambassador", counts_people=True)])  # 35 of 30
    verdict = smart_checks(c)[0]
    assert [code for code, _ in verdict.failures] == ["population"]
    assert verdict.failures[0][1] == {"total": 35, "population": 30}
    assert "total 35 is more than the population of 30" in kpi_table(c).iloc[0]["Why it fails"]


def test_people_cap_does_not_apply_to_counts_of_things():
    c = campaign(kpis=[kpi("K", target=100, unit="posts", scope="per_ambassador")])  # 500 posts, 30 people
    assert failures(c)["K"] == []


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"metric": ""}, "metric"),
        ({"target": None}, "target"),
        ({"target": 0}, "target"),
        ({"unit": ""}, "unit"),
        ({"baseline": None}, "baseline"),
        ({"owner": " "}, "owner"),
        ({"deadline": None}, "deadline"),
    ],
)
def test_each_smart_check_names_its_reason(fields, code):
    c = campaign(kpis=[kpi("K", **fields)])
    assert failures(c)["K"] == [code]


def test_deadline_outside_the_campaign_is_a_smart_failure_too():
    c = campaign(kpis=[kpi("K")])
    c.kpis[0].deadline = dt.date(2027, 9, 1)  # forms assign values one by one; the check must catch it
    verdict = smart_checks(c)[0]
    assert verdict.failures == [("deadline_outside", {"deadline": dt.date(2027, 9, 1), "start": c.start, "end": c.end})]


def test_kpis_with_actions_in_an_over_committed_month_fail_realism():
    c = campaign(
        kpis=[kpi("A"), kpi("B")],
        actions=[
            action("x", "A", due=dt.date(2027, 2, 28), start=dt.date(2027, 2, 1), hours=8),
            action("y", "A", due=dt.date(2027, 2, 14), hours=4),  # February: 12 h needed, 10 h available
            action("z", "B", due=dt.date(2027, 4, 10), hours=9),
        ],
    )
    verdicts = {v.kpi: v.failures for v in smart_checks(c)}
    assert verdicts["A"] == [("capacity", {"months": [(2027, 2)]})]
    assert verdicts["B"] == []
    row = kpi_table(c).set_index("KPI").loc["A"]
    assert row["SMART"] == "fails"
    assert row["Why it fails"] == "its actions fall in over-committed months (Feb 2027)"


def test_dutch_kpi_table_speaks_dutch():
    c = campaign(language="nl", kpis=[kpi("K", baseline=None, target=2.5)])
    row = kpi_table(c).iloc[0]
    assert row["SMART"] == "voldoet niet"
    assert row["Waarom niet"] == "geen nulmeting"
    assert row["Doel"] == "2,5"


def test_a_target_that_does_not_improve_on_the_baseline_fails():
    c = campaign(kpis=[kpi("K", target=5, baseline=10)])
    assert failures(c)["K"] == ["baseline_reached"]
    assert kpi_table(c).iloc[0]["Why it fails"] == "target 5 does not improve on the baseline 10"


def test_the_children_of_a_short_parent_fail_too():
    c = campaign(
        kpis=[
            kpi("K2", target=25, unit="completions"),
            kpi("K2a", target=4, unit="completions", scope="per_ambassador", parent="K2"),
        ]
    )
    assert failures(c)["K2a"] == ["cascade_child"]
