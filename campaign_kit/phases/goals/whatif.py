"""Phase 1's what-if form: sliders for the ambassadors per department and for the target, and the
expected reach they give, so a programme owner can try another team than the plan's before settling.

The form only wires widgets to the planner's own calculations (`analysis.team_outcome`, with the
planner's rates and rate draws) and draws them (`charts.what_if_chart`). It writes nothing. In a
scheduled run (papermill, `campaign run`) it shows a static table of the planned team instead, so
the HTML export carries no widget.
"""

from __future__ import annotations

import html
import time

import ipywidgets as w
import numpy as np
import pandas as pd
from IPython.display import HTML, display

from campaign_kit.core.formats import date, number, percent
from campaign_kit.core.i18n import t
from campaign_kit.core.model import Campaign
from campaign_kit.display import figure_png, open_campaign, table_html
from campaign_kit.forms.base import show_widget
from campaign_kit.forms.fields import unattended
from campaign_kit.phases.goals.analysis import (
    TeamOutcome,
    planner_draws,
    spread_plan,
    team_outcome,
    why_no_plan,
)
from campaign_kit.phases.goals.charts import what_if_chart
from campaign_kit.spread.campaign import StartPlan, campaign_target

# The chart is redrawn on every slider move: a lighter PNG than the report's keeps it live.
LIVE_DPI = 80


def department_name(name: str, lang: str) -> str:
    """A department as the form names it: a campaign without an employee list is one group."""
    return name or t("plan.whole_group", lang)


def outcome_sentence(campaign: Campaign, start: StartPlan, outcome: TeamOutcome) -> str:
    """One sentence: the expected reach by the date, and the chance of reaching the target."""
    lang = campaign.language
    n = outcome.size
    # "placed like this" only when there is a placement to speak of: more than one department
    many = "whatif.sentence" if len(start.result.departments) > 1 else "whatif.sentence.group"
    return t(
        "whatif.sentence.none" if n == 0 else "whatif.sentence.one" if n == 1 else many,
        lang,
        n=number(n, lang),
        date=date(start.by, lang),
        share=percent(outcome.reach, lang),
        target=percent(outcome.target, lang),
        chance=percent(outcome.chance, lang),
    )


def no_plan_sentence(campaign: Campaign) -> str:
    """Why there is nothing to try, in the campaign's language."""
    lang = campaign.language
    reason = why_no_plan(campaign)
    if reason == "assumptions":
        return t("whatif.no_assumptions", lang)
    if reason == "target":
        return t("whatif.no_target", lang)
    target = campaign_target(campaign)
    by = target[1] if target is not None else None
    return t("whatif.by_past", lang, date=date(by, lang), start=date(campaign.start, lang))


def summary_html(campaign: Campaign, start: StartPlan, outcome: TeamOutcome | None = None) -> str:
    """The static view for scheduled runs and viewers without widgets: per department the planned
    ambassadors and the expected reach by the date, the target, and the chance of reaching it."""
    lang = campaign.language
    result = start.result
    outcome = outcome or team_outcome(start, result.planned)
    by = date(start.by, lang)
    department, colleagues = t("col.department", lang), t("col.colleagues", lang)
    planned, reach = t("whatif.col.planned", lang), t("whatif.col.reach", lang, date=by)
    rows = [
        {
            department: department_name(name, lang),
            colleagues: number(size, lang),
            planned: number(int(n), lang),
            reach: percent(float(share), lang),
        }
        for (name, size), n, share in zip(
            result.departments.items(), outcome.allocation, outcome.departments, strict=True
        )
    ]
    if len(rows) > 1:
        rows.append(
            {
                department: t("plan.whole_group", lang),
                colleagues: number(sum(result.departments.values()), lang),
                planned: number(outcome.size, lang),
                reach: percent(outcome.reach, lang),
            }
        )
    source = t("plan.source.spread", lang) if start.source == "spread" else f"KPI {start.source}"
    target = t("whatif.summary.target", lang, target=percent(start.target, lang), date=by, source=source)
    return (
        '<div class="ck-whatif-summary">'
        f"<p><b>{html.escape(t('whatif.summary.title', lang))}</b></p>"
        f"<p>{html.escape(target)}</p>"
        f"{table_html(pd.DataFrame(rows))}"
        f'<p class="ck-whatif-sentence">{html.escape(outcome_sentence(campaign, start, outcome))}</p>'
        "</div>"
    )


class WhatIf:
    """The live form: a slider per department (0 to its colleagues, starting at the planned team's
    placement) and one for the target, above the chart and the sentence they update."""

    def __init__(self, campaign: Campaign, start: StartPlan):
        self.campaign, self.start = campaign, start
        self.language = lang = campaign.language
        result = start.result
        self.draws = planner_draws(start)  # once: every move is judged against the same runs
        self.sliders: list[w.IntSlider] = []
        self.readouts: list[w.HTML] = []
        rows = []
        for i, ((name, size), planned) in enumerate(zip(result.departments.items(), result.planned, strict=True)):
            slider = w.IntSlider(
                value=int(planned), min=0, max=int(size), step=1, readout=False, layout=w.Layout(width="320px")
            )
            slider.add_class(f"ck-whatif-dept-{i}")
            readout = w.HTML(layout=w.Layout(width="60px"))
            readout.add_class(f"ck-whatif-readout-{i}")
            label = t(
                "whatif.department.one" if size == 1 else "whatif.department",
                lang,
                department=department_name(name, lang),
                n=number(size, lang),
            )
            self.sliders.append(slider)
            self.readouts.append(readout)
            rows.append(w.HBox([self._label(label), slider, readout]))
        self.target = w.FloatSlider(
            value=start.target, min=0.01, max=1.0, step=0.01, readout=False, layout=w.Layout(width="320px")
        )
        self.target.add_class("ck-whatif-target")
        self.target_readout = w.HTML(layout=w.Layout(width="60px"))
        self.target_readout.add_class("ck-whatif-target-readout")
        rows.append(
            w.HBox([self._label(t("whatif.target", lang, date=date(start.by, lang))), self.target, self.target_readout])
        )
        self.reset_button = w.Button(description=t("whatif.reset", lang), icon="undo", layout=w.Layout(width="auto"))
        self.reset_button.add_class("ck-whatif-reset")
        self.reset_button.on_click(lambda _b: self.reset())
        self.chart = w.Image(format="png", layout=w.Layout(width="100%", max_width="900px"))
        self.chart.add_class("ck-whatif-chart")
        self.sentence = w.HTML(layout=w.Layout(max_width="900px"))
        self.sentence.add_class("ck-whatif-sentence")
        heading = w.HTML(
            f"<b>{html.escape(t('whatif.title', lang))}</b><br>"
            f'<span style="color:#546e7a">{html.escape(t("whatif.intro", lang))}</span>'
        )
        self.widget = w.VBox([heading, *rows, w.HBox([self.reset_button]), self.chart, self.sentence])
        self.widget.add_class("ck-whatif")
        self.outcome: TeamOutcome | None = None
        self.seconds = 0.0  # how long the last update took
        self._holding = False
        # continuous updates stay live without a backlog: the widget front end sends only the latest
        # value while the kernel is still busy with the previous one
        for slider in [*self.sliders, self.target]:
            slider.observe(lambda _change: self.update(), names="value")
        self.update()

    @staticmethod
    def _label(text: str) -> w.HTML:
        return w.HTML(html.escape(text), layout=w.Layout(width="300px"))

    def allocation(self) -> np.ndarray:
        """Ambassadors per department as the sliders stand."""
        return np.array([slider.value for slider in self.sliders], dtype=np.int64)

    def update(self) -> TeamOutcome | None:
        """Recompute for the sliders' values and redraw the chart and the sentence."""
        if self._holding:
            return None
        began = time.perf_counter()
        lang = self.language
        outcome = team_outcome(self.start, self.allocation(), self.target.value, self.draws)
        for slider, readout in zip(self.sliders, self.readouts, strict=True):
            readout.value = html.escape(number(slider.value, lang))
        self.target_readout.value = html.escape(percent(self.target.value, lang))
        self.chart.value = figure_png(what_if_chart(self.campaign, self.start, outcome), dpi=LIVE_DPI)
        self.sentence.value = html.escape(outcome_sentence(self.campaign, self.start, outcome))
        self.outcome = outcome
        self.seconds = time.perf_counter() - began
        return outcome

    def reset(self) -> None:
        """Back to the planned team and the plan's target, redrawn once."""
        self._holding = True
        try:
            for slider, planned in zip(self.sliders, self.start.result.planned, strict=True):
                slider.value = int(planned)
            self.target.value = self.start.target
        finally:
            self._holding = False
        self.update()


def what_if(campaign: str | Campaign, start: StartPlan | None = None) -> WhatIf | None:
    """The what-if form in JupyterLab (with the static table for viewers without widgets), only the
    table in scheduled runs, or one sentence saying why there is nothing to try. `start` is the plan
    the report above already computed (`spread_plan`), so it is not computed twice."""
    c = open_campaign(campaign) if isinstance(campaign, str) else campaign
    start = start or spread_plan(c)
    if start is None:
        display(HTML(f'<p class="ck-whatif-none">{html.escape(no_plan_sentence(c))}</p>'))
        return None
    if unattended():
        display(HTML(summary_html(c, start)))
        return None
    form = WhatIf(c, start)
    show_widget(form.widget, summary_html(c, start))
    return form
