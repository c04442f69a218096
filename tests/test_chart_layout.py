"""Every chart of both example campaigns, drawn as the reports draw it, read as a reader reads it: no
two texts overlap, no value is struck through by a line or cut by a bar, every figure has a title
for its text alternative, and tick labels are numbers in the campaign's own format."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from chart_layout import problems, texts
from conftest import AS_OF
from matplotlib.figure import Figure

from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.final import analysis as final_analysis
from campaign_kit.phases.final import charts as final_charts
from campaign_kit.phases.goals import analysis as goals_analysis
from campaign_kit.phases.goals import charts as goals_charts
from campaign_kit.phases.midterm import analysis as midterm_analysis
from campaign_kit.phases.midterm import charts as midterm_charts
from campaign_kit.phases.rewards import analysis as rewards_analysis
from campaign_kit.phases.rewards import charts as rewards_charts
from campaign_kit.phases.selection import analysis as selection_analysis
from campaign_kit.phases.selection import charts as selection_charts
from campaign_kit.spread.campaign import start_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("leerprogramma", "employer-branding-pilot")
CHARTS = (
    "cascade",
    "timeline",
    "capacity",
    "spread",
    "oilspot",
    "contributions",
    "composition",
    "funnel",
    "distribution",
    "scenarios",
    "breakdown",
    "progress",
    "trend",
    "cost",
)


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[tuple[str, str], Figure]:
    """Each chart of each example as its notebook draws it (the activity stores in a scratch root)."""
    root = tmp_path_factory.mktemp("charts")
    shutil.copytree(ROOT / "parameters", root / "parameters")
    day = dt.date.fromisoformat(AS_OF)
    drawn = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAMPAIGN_ROOT", str(root))
        for name in EXAMPLES:
            c = load_campaign(name)
            goals = goals_analysis.analyse_goals(c, day)
            selection = selection_analysis.analyse(c)
            rewards = rewards_analysis.analyse(c)
            midterm = midterm_analysis.analyse(c, day)
            final = final_analysis.analyse(c, day)
            charts = {
                "cascade": goals_charts.cascade_chart(c, goals),
                "timeline": goals_charts.timeline_chart(c, day),
                "capacity": goals_charts.capacity_chart(c, goals),
                "spread": goals_charts.spread_chart(c, start_plan(c)),
                "contributions": selection_charts.contributions_chart(c, selection),
                "composition": selection_charts.composition_chart(c, selection),
                "funnel": selection_charts.funnel_chart(c, selection),
                "distribution": rewards_charts.distribution_chart(c, rewards),
                "scenarios": rewards_charts.scenarios_chart(c, rewards),
                "breakdown": rewards_charts.breakdown_chart(c, rewards),
                "progress": midterm_charts.progress_chart(c, midterm),
                "trend": midterm_charts.trend_chart(c, midterm),
                "oilspot": midterm_charts.oilspot_chart(c, midterm),
                "cost": final_charts.cost_chart(c, final),
            }
            assert sorted(charts) == sorted(CHARTS)
            drawn |= {(name, chart): figure for chart, figure in charts.items()}
    return drawn


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_chart_reads_cleanly(figures, example, chart):
    assert problems(figures[(example, chart)]) == []


# a number as Babel writes it: grouped thousands, the language's decimal mark, maybe a currency sign
NUMBER = {"nl": r"-?(€\s?)?\d{1,3}(\.\d{3})*(,\d+)?(\s?%)?", "en": r"-?(€)?\d{1,3}(,\d{3})*(\.\d+)?%?"}


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_tick_labels_are_numbers_as_the_tables_write_them(figures, example, chart):
    language = "nl" if example == "leerprogramma" else "en"
    figure = figures[(example, chart)]
    problems(figure)  # draws it: tick labels exist once drawn
    ticks = {id(label) for ax in figure.axes for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]}
    numeric = [
        text.get_text().replace("\u2212", "-").replace("\xa0", " ")
        for text in texts(figure)
        if id(text) in ticks and re.fullmatch(r"[-\u2212€\d.,\s\xa0%]+", text.get_text())
    ]
    wrong = [label for label in numeric if not re.fullmatch(NUMBER[language], label)]
    assert wrong == [], f"tick labels not in the {language} number format: {wrong}"


def test_checkpoint_labels_close_together_go_on_rows_above_each_other():
    days = [dt.date(2026, 11, 23), dt.date(2026, 11, 30), dt.date(2026, 12, 14), dt.date(2027, 1, 25)]
    labels = ["Ambassador meeting 23-11", "Mid-term check 30-11", "Ambassador meeting 14-12", "Final 25-01"]
    limits = (float(dt.date(2026, 9, 1).toordinal() - 719163), float(dt.date(2027, 2, 28).toordinal() - 719163))
    # 180 days over 6.5 inches is 27.7 days an inch; a 7-point label of about 24 characters is about
    # 1.3 inches, 36 days: the 30-11 label starts 7 days after the 23-11 one and needs a row of its
    # own, the 14-12 one (21 days after) a third, and 25-01 (63 days after 23-11) fits on the first
    assert goals_charts.label_rows(days, labels, limits, 6.5, 7) == [0, 1, 2, 0]
    far = [dt.date(2026, 9, 1), dt.date(2026, 12, 1)]
    assert goals_charts.label_rows(far, ["A 01-09", "B 01-12"], limits, 6.5, 7) == [0, 0]
