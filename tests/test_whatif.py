"""Phase 1's what-if form (issue 16): the sliders' numbers are the planner's own, recomputed here
from the model's functions; moving a slider redraws; scheduled runs get a static table."""

from __future__ import annotations

import datetime as dt
import html
import re

import numpy as np
import pytest
from conftest import EXAMPLES, PARAMETERS

from campaign_kit.core.formats import date, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.validation import load_campaign
from campaign_kit.forms import fields
from campaign_kit.phases.goals import whatif
from campaign_kit.phases.goals.analysis import team_outcome
from campaign_kit.phases.goals.whatif import WhatIf, summary_html, what_if
from campaign_kit.spread.campaign import assumptions, start_plan
from campaign_kit.spread.model import Rates
from campaign_kit.spread.plan import chance, expected_share
from campaign_kit.spread.priors import central, prior_draws

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def examples():
    """Each example campaign with its plan from the start (the planner takes a second each)."""
    found = {}
    for name in EXAMPLES:
        campaign = load_campaign(PARAMETERS / name)
        found[name] = (campaign, start_plan(campaign))
    return found


def independent(campaign, start, allocation, target):
    """The expected reach by the date and the chance of the target, straight from the model with the
    priors' central rates and 400 draws, as `campaign plan` computes them."""
    said = assumptions(campaign)
    rates = Rates(*central(said.recruiting), said.cross)
    sizes = np.array(list(start.result.departments.values()))
    team = np.array(allocation)
    share = float(expected_share(rates, sizes, team, start.result.weeks)[-1])
    odds = chance(prior_draws(said.recruiting), sizes, team, start.result.weeks, target, cross=said.cross)
    return share, odds


def shown(form: WhatIf) -> str:
    return html.unescape(form.sentence.value)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_form_starts_at_the_planned_team_and_the_plans_target(name, examples):
    campaign, start = examples[name]
    form = WhatIf(campaign, start)
    assert [s.value for s in form.sliders] == start.result.planned.tolist()
    assert [s.max for s in form.sliders] == list(start.result.departments.values())
    assert all(s.min == 0 for s in form.sliders)
    assert form.target.value == pytest.approx(start.target)
    # the planned team's expected reach is the plan's own curve
    assert form.outcome.reach == pytest.approx(float(start.result.planned_curve[-1]))
    assert form.chart.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_sentence_says_the_models_reach_and_chance_for_the_sliders(examples):
    campaign, start = examples["leerprogramma"]
    form = WhatIf(campaign, start)
    form.sliders[0].value = 3  # Planning en ondersteuning: 3 of 6
    form.sliders[2].value = 0  # Team Oost: none
    form.target.value = 0.6
    allocation = [3, start.result.planned[1], 0, start.result.planned[3]]
    share, odds = independent(campaign, start, allocation, 0.6)
    assert form.outcome.reach == pytest.approx(share, abs=1e-12)
    assert form.outcome.chance == pytest.approx(odds)
    n = sum(allocation)
    assert shown(form) == (
        f"Met {n} ambassadeurs, zo verdeeld, bereikt de campagne naar verwachting {percent(share, 'nl')} van de "
        f"groep op 26 feb 2027; de kans om het doel van 60% te halen is {percent(odds, 'nl')}."
    )
    assert html.unescape(form.readouts[0].value) == "3" and html.unescape(form.target_readout.value) == "60%"


def test_moving_a_slider_redraws_the_chart_and_rewrites_the_sentence(examples):
    campaign, start = examples["employer-branding-pilot"]
    form = WhatIf(campaign, start)
    before_chart, before_sentence = form.chart.value, shown(form)
    form.sliders[5].value += 4  # Sales
    assert form.chart.value != before_chart
    assert shown(form) != before_sentence
    allocation = start.result.planned.copy()
    allocation[5] += 4
    share, odds = independent(campaign, start, allocation, start.target)
    assert f"is {percent(share, 'en')} of the group" in shown(form)
    assert f"the target of 8% is {percent(odds, 'en')}." in shown(form)
    # the target alone: the same reach, another chance
    form.target.value = 0.5
    assert f"is {percent(share, 'en')} of the group" in shown(form)
    assert shown(form).endswith("the target of 50% is 0%.")
    assert form.seconds < 5  # one update (calculation and chart), measured by the form itself


def test_one_and_no_ambassadors_are_said_as_such(examples):
    campaign, start = examples["employer-branding-pilot"]
    form = WhatIf(campaign, start)
    for slider in form.sliders:
        slider.value = 0
    share, _ = independent(campaign, start, [0] * 6, start.target)
    assert shown(form).startswith("Without ambassadors (posters, mail and word of mouth alone), the expected reach")
    assert percent(share, "en") in shown(form)
    form.sliders[0].value = 1
    assert shown(form).startswith("With one ambassador, the expected reach by 29 Jan 2027 is")


def test_back_to_the_plan_restores_the_planned_team_and_target(examples):
    campaign, start = examples["leerprogramma"]
    form = WhatIf(campaign, start)
    first = shown(form)
    form.sliders[1].value = 7
    form.target.value = 0.4
    form.reset()
    assert form.allocation().tolist() == start.result.planned.tolist()
    assert form.target.value == pytest.approx(start.target)
    assert shown(form) == first


def test_the_departments_add_up_to_the_group(examples):
    """Per department the expected reach by the date; weighted by the departments' sizes, the group's."""
    campaign, start = examples["employer-branding-pilot"]
    outcome = team_outcome(start, [0, 3, 0, 2, 1, 5], 0.1)
    sizes = np.array(list(start.result.departments.values()))
    assert float((outcome.departments * sizes).sum() / sizes.sum()) == pytest.approx(outcome.reach)
    # a department without ambassadors lags one with them (the oil spot)
    assert outcome.departments[0] < outcome.departments[1]
    with pytest.raises(ValueError):
        team_outcome(start, [0, 0, 0, 0, 0, 99])


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_static_summary_lists_every_department_with_its_planned_team(name, examples):
    campaign, start = examples[name]
    lang = campaign.language
    page = summary_html(campaign, start)
    rows = [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", page)
    ]
    rows = [row for row in rows if row]
    sizes = list(start.result.departments.values())
    for (department, size), planned, row in zip(
        start.result.departments.items(), start.result.planned, rows, strict=False
    ):
        assert row[:3] == [department, number(size, lang), number(int(planned), lang)]
    # and the whole group: everyone, the planned team, the plan's expected reach
    assert rows[-1] == [
        t("plan.whole_group", lang),
        number(sum(sizes), lang),
        number(int(start.result.planned.sum()), lang),
        percent(float(start.result.planned_curve[-1]), lang),
    ]
    assert len(rows) == len(sizes) + 1
    text = html.unescape(page)
    assert percent(start.target, lang) in text and date(start.by, lang) in text
    assert "<img" not in page and "<script" not in page


def test_a_campaign_without_a_target_says_so(examples, monkeypatch):
    campaign, _ = examples["employer-branding-pilot"]
    shown_html = []
    monkeypatch.setattr(whatif, "display", lambda obj: shown_html.append(obj.data))
    no_reach = campaign.model_copy(update={"spread": campaign.spread.model_copy(update={"reach": None})})
    assert what_if(no_reach) is None
    assert "Nothing to try yet: the campaign names no share of the group to reach" in html.unescape(shown_html[-1])
    bare = campaign.model_copy(update={"spread": None})
    assert what_if(bare) is None
    assert "does not say how many colleagues an ambassador wins over" in html.unescape(shown_html[-1])
    too_early = campaign.model_copy(
        update={"spread": campaign.spread.model_copy(update={"by": campaign.start}), "language": "nl"}
    )
    assert what_if(too_early) is None
    assert html.unescape(shown_html[-1]) == (
        '<p class="ck-whatif-none">Nog niets om uit te proberen: de doeldatum (5 okt 2026) ligt niet na de start '
        "van de campagne (5 okt 2026).</p>"
    )


def test_scheduled_runs_show_the_table_and_jupyterlab_the_widget(examples, monkeypatch):
    campaign, start = examples["leerprogramma"]
    out = []
    monkeypatch.setattr(whatif, "display", lambda obj, **_kw: out.append(("html", obj.data)))
    monkeypatch.setattr(whatif, "show_widget", lambda widget, summary: out.append(("widget", widget, summary)))
    monkeypatch.setattr(whatif, "unattended", lambda: True)
    assert fields.unattended()  # under pytest there is no kernel: the real check says unattended too
    assert what_if(campaign, start) is None
    assert out[-1][0] == "html" and "ck-whatif-summary" in out[-1][1] and WIDGET_MIME not in out[-1][1]
    monkeypatch.setattr(whatif, "unattended", lambda: False)
    form = what_if(campaign, start)
    kind, widget, summary = out[-1]
    assert kind == "widget" and widget is form.widget and "ck-whatif-summary" in summary


def test_the_form_speaks_the_campaigns_language(examples):
    campaign, start = examples["leerprogramma"]
    german = campaign.model_copy(update={"language": "de"})
    form = WhatIf(german, start)
    assert shown(form).startswith("Mit 5 Botschaftern, so verteilt, erreicht die Kampagne bis zum 26.02.2027")
    assert "Chance, das Ziel von 83\u00a0% zu erreichen" in shown(form)  # Babel: a no-break space
    labels = [child.children[0].value for child in form.widget.children[1:5]]
    assert labels[0] == "Planning en ondersteuning (6 Kollegen)"


def test_the_chart_starts_with_the_plan_and_ends_at_the_date(examples):
    campaign, start = examples["leerprogramma"]
    outcome = team_outcome(start, start.result.planned)
    from campaign_kit.phases.goals.charts import what_if_chart

    fig = what_if_chart(campaign, start, outcome)
    ax = fig.axes[0]
    chosen, planned = ax.lines[1], ax.lines[0]
    assert np.allclose(chosen.get_ydata(), outcome.curve) and np.allclose(
        planned.get_ydata(), start.result.planned_curve
    )
    assert chosen.get_xdata()[0] == start.result.begin
    assert chosen.get_xdata()[-1] == start.result.begin + dt.timedelta(weeks=start.result.weeks)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["Gepland team van 5", "Deze 5 ambassadeurs"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_chart_reads_cleanly_wherever_the_sliders_stand(name, examples):
    """No two texts overlap and nothing is cut off (tests/chart_layout.py), for the plan, no team,
    everyone, a low and a high target."""
    from chart_layout import problems

    from campaign_kit.phases.goals.charts import what_if_chart

    campaign, start = examples[name]
    sizes = np.array(list(start.result.departments.values()))
    cases = [
        (start.result.planned, start.target),
        (np.zeros_like(sizes), start.target),
        (sizes, start.target),
        (start.result.planned, 0.01),
        (start.result.planned, 1.0),
    ]
    for allocation, target in cases:
        fig = what_if_chart(campaign, start, team_outcome(start, allocation, target))
        assert problems(fig) == [], (allocation.tolist(), target)


def test_a_campaign_without_departments_says_no_placement(examples):
    """Without an employee list the group is one: "placed like this" would speak of a choice not made."""
    campaign, _ = examples["employer-branding-pilot"]
    whole = campaign.model_copy(update={"selection": None})
    whole._folder = campaign.folder
    start = start_plan(whole)
    assert list(start.result.departments) == [""]  # one group of 420
    form = WhatIf(whole, start)
    form.sliders[0].value = 4
    share, odds = independent(whole, start, [4], start.target)
    assert shown(form) == (
        f"With 4 ambassadors, the expected reach by 29 Jan 2027 is {percent(share, 'en')} of the group; "
        f"the chance of reaching the target of 8% is {percent(odds, 'en')}."
    )
