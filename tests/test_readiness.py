"""Readiness summary and obstacle plan."""

from __future__ import annotations

from helpers import campaign

from campaign_kit.core.model import READINESS_ITEMS
from campaign_kit.phases.goals.analysis import obstacle_frame, readiness_summary
from campaign_kit.phases.goals.report import readiness_text


def items(**statuses):
    return [{"item": name, "status": statuses.get(name, "ready"), "owner": "HR"} for name in READINESS_ITEMS]


def test_all_ready_is_go():
    summary = readiness_summary(campaign(readiness=items()))
    assert (summary.ready, summary.partial, summary.missing, summary.verdict) == (5, 0, 0, "go")


def test_partial_is_conditional_and_missing_is_nogo():
    assert readiness_summary(campaign(readiness=items(content_strategy="partial"))).verdict == "conditional"
    summary = readiness_summary(campaign(readiness=items(management_sponsor="missing", core_values="unknown")))
    assert summary.verdict == "nogo"
    assert summary.missing_items == ("core_values", "management_sponsor")
    text = readiness_text(campaign(readiness=items(management_sponsor="missing")))
    assert text == (
        "4 of 5 conditions ready, 0 partly, 1 missing or unknown. Not ready: missing conditions Management sponsor."
    )


def test_conditions_nobody_assessed_are_named():
    summary = readiness_summary(campaign(readiness=[{"item": "core_values", "status": "ready"}]))
    assert summary.verdict == "nogo"
    assert summary.not_assessed == READINESS_ITEMS[1:]


def test_obstacles_without_plan_or_owner_need_attention():
    c = campaign(obstacles=[{"kind": "fear", "countermeasures": ["guideline"], "owner": "HR"}, {"kind": "time"}])
    frame = obstacle_frame(c)
    assert list(frame["attention"]) == [[], ["no_plan", "no_owner"]]
