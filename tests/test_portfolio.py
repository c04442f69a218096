"""`campaign portfolio`: one page across campaigns, checked by value. Real snapshots of both examples
(a mid-term on two dates, so their trends have two points, and the final evaluation) beside generated
campaigns at every stage: finished, failed on its own files, interrupted, killed while running,
damaged files, only its goals, never run, and one whose parameters folder is gone."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, PARAMETERS

from campaign_kit.core.formats import amount, date
from campaign_kit.core.summary import Summary, Tile
from campaign_kit.portfolio import analysis as portfolio_analysis
from campaign_kit.portfolio.analysis import PORTFOLIO_DIR, Portfolio, read_portfolio
from campaign_kit.portfolio.report import write_portfolio
from campaign_kit.portfolio.synthetic import (
    campaign_data,
    final_figures,
    midterm_figures,
    midterm_tiles,
    write_campaign,
    write_snapshot,
)
from campaign_kit.run.cli import main

FIRST, SECOND = dt.date(2026, 11, 12), dt.date(2026, 11, 26)  # the examples' two runs
DAY = dt.date(2026, 12, 1)  # the portfolio's as-of date
PLANTED = "Jan Pietersen"  # a person's name that a failed run's error and problems quote
GENERATED = ("gen-broken", "gen-failed", "gen-final", "gen-goals", "gen-new", "gen-stopped")
ORPHAN = "gen-orphan"  # snapshots left, parameters folder gone


def _dead_pid() -> int:
    """The id of a process that has ended (a run killed without a word)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def write_generated(parameters: Path, outputs: Path) -> None:
    """The generated campaigns, written as runs leave their files."""
    # gen-final: mid-terms on three dates (one run twice on a day), the final evaluation last, and a
    # snapshot after the portfolio's date that must not count
    data = campaign_data("Vacatures via collega's", end=dt.date(2026, 12, 18))
    data["kpis"][2]["deadline"] = "2026-11-15"  # K3's deadline has passed by the last mid-term
    write_campaign(parameters, "gen-final", data)
    write_snapshot(outputs, "gen-final", dt.date(2026, 9, 1), {"goals": "ok"}, name=data["name"])
    for day, run, k1, earned in (
        (dt.date(2026, 10, 1), 1, 10.0, 120.0),
        (dt.date(2026, 11, 1), 1, 20.0, 240.0),
        (dt.date(2026, 11, 1), 2, 22.0, 250.0),
    ):
        figures = midterm_figures(day, {"K1": (k1, "green"), "K2": (12.0, "amber"), "K3": (4.0, "red")}, earned)
        write_snapshot(
            outputs, "gen-final", day, {"goals": "ok", "midterm": "ok"}, name=data["name"], run=run, midterm=figures
        )
    last = dt.date(2026, 11, 20)
    write_snapshot(
        outputs,
        "gen-final",
        last,
        {"goals": "ok", "midterm": "ok", "final": "ok"},
        name=data["name"],
        midterm=midterm_figures(last, {"K1": (30.0, "green"), "K2": (70.0, "green"), "K3": (9.0, "red")}, 300.0),
        final=final_figures(
            last,
            incentives=300.0,
            prizes=150.0,
            fixed=800.0,
            budget=5000.0,
            totals={"completion": 25.0, "click": 500.0, "hire": 0.0},
            provisional=True,
        ),
        headlines={
            "midterm": midterm_tiles(2, 3, 6, 8),
            "final": Summary((Tile("Cost so far", "€1,250", "good", "25% of the budget used"),)),
        },
    )
    later = dt.date(2026, 12, 5)
    write_snapshot(outputs, "gen-final", later, {"goals": "failed"}, name=data["name"])

    # gen-failed (a Dutch campaign): an ok mid-term, then a run stopped by a problem in its files
    data = campaign_data("Mislukte campagne", language="nl", budget=3000)
    write_campaign(parameters, "gen-failed", data)
    day = dt.date(2026, 10, 1)
    write_snapshot(
        outputs,
        "gen-failed",
        day,
        {"goals": "ok", "midterm": "ok"},
        name=data["name"],
        language="nl",
        midterm=midterm_figures(day, {"K1": (5.0, "red"), "K2": (9.0, "amber")}, 100.0),
    )
    problem = {
        "file": "campaign.yaml",
        "key": "activity.ambassadors[0]",
        "line": 12,
        "message": f"'{PLANTED}' is not in the team",
        "public": "is not in the team",
    }
    write_snapshot(
        outputs,
        "gen-failed",
        dt.date(2026, 11, 20),
        {"goals": "ok", "midterm": "failed"},
        name=data["name"],
        language="nl",
        problems={"midterm": [problem, problem]},
        error=f"KeyError: '{PLANTED}'",
    )

    # gen-stopped: an ok run, one interrupted (SIGTERM), then one killed while running (no index)
    data = campaign_data("Stopped campaign")
    write_campaign(parameters, "gen-stopped", data)
    day = dt.date(2026, 10, 1)
    write_snapshot(
        outputs,
        "gen-stopped",
        day,
        {"goals": "ok", "midterm": "ok"},
        name=data["name"],
        midterm=midterm_figures(day, {"K1": (7.0, "green")}, 80.0),
    )
    write_snapshot(
        outputs,
        "gen-stopped",
        dt.date(2026, 11, 5),
        {"goals": "ok", "midterm": "interrupted", "final": "interrupted"},
        name=data["name"],
        status="interrupted",
    )
    write_snapshot(
        outputs,
        "gen-stopped",
        dt.date(2026, 11, 25),
        {"goals": "ok", "midterm": "pending"},
        name=data["name"],
        status="running",
        process={"host": socket.gethostname(), "pid": _dead_pid(), "since": 0.0},
        index=False,
    )

    # gen-goals: only its goals, no reward budget
    data = campaign_data("Only goals", budget=None)
    write_campaign(parameters, "gen-goals", data)
    write_snapshot(
        outputs,
        "gen-goals",
        dt.date(2026, 11, 2),
        {"goals": "ok"},
        name=data["name"],
        headlines={"goals": Summary((Tile("KPIs SMART", "3 / 3", "good"),))},
    )

    # gen-broken: a good mid-term, a damaged midterm.json, a half-written manifest
    data = campaign_data("Broken files")
    write_campaign(parameters, "gen-broken", data)
    day = dt.date(2026, 10, 1)
    write_snapshot(
        outputs,
        "gen-broken",
        day,
        {"goals": "ok", "midterm": "ok"},
        name=data["name"],
        midterm=midterm_figures(day, {"K1": (3.0, "amber")}, 50.0),
    )
    folder = write_snapshot(outputs, "gen-broken", dt.date(2026, 10, 15), {"midterm": "ok"}, name=data["name"])
    (folder / "midterm.json").write_text('{"as_of": "2026-10-15", "kpis": {"K1": {"actu', encoding="utf-8")
    folder = write_snapshot(outputs, "gen-broken", dt.date(2026, 11, 1), {"goals": "ok"}, name=data["name"])
    (folder / "manifest.json").write_text('{"campaign": "gen-broken", "status": "ok", "pha', encoding="utf-8")

    # gen-new: set up, never run
    write_campaign(parameters, "gen-new", campaign_data("Brand new"))

    # gen-orphan: snapshots only
    write_snapshot(outputs, ORPHAN, dt.date(2026, 10, 1), {"goals": "ok"}, name="Orphaned campaign")


@dataclass
class Workbook:
    root: Path
    parameters: Path
    outputs: Path
    pages: dict[str, Path]  # language -> the portfolio's index.html

    def portfolio(self, as_of: dt.date = DAY) -> Portfolio:
        return read_portfolio(self.parameters, self.outputs, as_of)

    def text(self, lang: str = "en") -> str:
        return self.pages[lang].read_text(encoding="utf-8")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _section(page: str, slug: str) -> str:
    """The words of one campaign's section of the page."""
    match = re.search(rf'<article class="ck-campaign" id="campaign-{re.escape(slug)}">(.*?)</article>', page, re.S)
    assert match, slug
    return _plain(match.group(1))


def _overview_row(page: str, slug: str) -> str:
    match = re.search(rf'<tr><td><a href="#campaign-{re.escape(slug)}">(.*?)</tr>', page, re.S)
    assert match, slug
    return _plain(match.group(1))


def _make(root: Path, examples: bool) -> Workbook:
    parameters, outputs = root / "parameters", root / "outputs"
    (root / "notebooks").mkdir(parents=True)
    outputs.mkdir()
    write_generated(parameters, outputs)
    if examples:
        from campaign_kit.core.phases import parse_phase
        from campaign_kit.run.runner import run_snapshot

        for name in EXAMPLES:
            shutil.copytree(PARAMETERS / name, parameters / name)
            for day, phases in ((FIRST, ["midterm"]), (SECOND, ["goals", "midterm", "final"])):
                result = run_snapshot(name, [parse_phase(p) for p in phases], day, outputs)
                assert result.status == "ok", result.failures
    pages = {lang: write_portfolio(parameters, outputs, DAY, lang) / "index.html" for lang in ("en", "nl")}
    return Workbook(root, parameters, outputs, pages)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Workbook:
    """Generated campaigns only: quick."""
    return _make(tmp_path_factory.mktemp("generated"), examples=False)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Workbook:
    """Both examples run for real (two snapshots each) beside the generated campaigns."""
    return _make(tmp_path_factory.mktemp("workbook"), examples=True)


def _state(portfolio: Portfolio, slug: str):
    return next(c for c in portfolio.campaigns if c.slug == slug)


# what the page shows, by value ----------------------------------------------------------------------
def test_every_campaign_under_parameters_is_shown_and_one_left_in_outputs(generated):
    portfolio = generated.portfolio()
    assert [c.slug for c in portfolio.campaigns] == [*GENERATED, ORPHAN]
    assert _state(portfolio, ORPHAN).parameters == "missing"
    assert _state(portfolio, ORPHAN).name == "Orphaned campaign"  # from its manifest
    page = generated.text()
    assert page.count('<article class="ck-campaign"') == len(GENERATED) + 1
    assert "parameters/gen-orphan is gone" in _section(page, ORPHAN)
    assert "No snapshots yet" in _section(page, "gen-new")


def test_phase_reached_is_the_furthest_phase_that_finished(generated):
    portfolio = generated.portfolio()
    reached = {c.slug: c.reached for c in portfolio.campaigns}
    assert reached == {
        "gen-broken": "midterm",
        "gen-failed": "midterm",  # its latest run failed there, an earlier one finished it
        "gen-final": "final",
        "gen-goals": "goals",
        "gen-new": None,
        "gen-stopped": "midterm",
        ORPHAN: "goals",
    }
    page = generated.text()
    assert "Final evaluation" in _overview_row(page, "gen-final")
    assert "none yet" in _overview_row(page, "gen-new")


def test_kpi_status_counts_are_the_latest_midterm_s_with_met_and_missed_after_a_deadline(generated):
    portfolio = generated.portfolio()
    # gen-final's last mid-term: K1 and K2 on course, K3 behind after its deadline of 15 Nov: missed
    assert _state(portfolio, "gen-final").kpi_counts() == {"green": 2, "missed": 1}
    assert _state(portfolio, "gen-failed").kpi_counts() == {"amber": 1, "red": 1}  # the failed run has none
    assert _state(portfolio, "gen-goals").kpi_counts() == {}
    page = generated.text()
    row = _overview_row(page, "gen-final")
    assert "2 on course" in row and "1 missed" in row and "mid-term check of 20 Nov 2026" in row
    assert "no mid-term check yet" in _overview_row(page, "gen-goals")
    nl = _overview_row(generated.text("nl"), "gen-final")
    assert "2 op koers" in nl and "1 niet behaald" in nl


def test_budget_used_is_the_final_cost_or_else_the_rewards_earned(generated):
    portfolio = generated.portfolio()
    final = _state(portfolio, "gen-final").spend
    assert (final.amount, final.budget, final.basis, final.provisional, final.snapshot) == (
        1250.0,
        5000.0,
        "cost",
        True,
        "2026-11-20",
    )
    failed = _state(portfolio, "gen-failed").spend  # the failed run left no figures: the mid-term before it
    assert (failed.amount, failed.budget, failed.basis, failed.snapshot) == (100.0, 3000.0, "earned", "2026-10-01")
    assert _state(portfolio, "gen-goals").spend is None
    page = generated.text()
    assert "€1,250 of €5,000 (25%)" in _overview_row(page, "gen-final")
    assert "cost so far (provisional), 20 Nov 2026" in _overview_row(page, "gen-final")
    assert "€100 of €3,000 (3%)" in _overview_row(page, "gen-failed")
    assert "rewards earned so far" in _overview_row(page, "gen-failed")
    assert "no reward budget" in _overview_row(page, "gen-goals")
    assert "€ 1.250 van € 5.000 (25%)" in _overview_row(generated.text("nl"), "gen-final")


def test_cost_per_outcome_is_the_final_evaluation_s(generated):
    costs = _state(generated.portfolio(), "gen-final").outcomes
    assert costs.per == {"completion": 50.0, "click": 2.5}  # 1,250 / 25 and / 500; no hire: none
    page = generated.text()
    table = re.search(r'<table class="ck-table ck-outcomes">(.*?)</table>', page, re.S).group(1)
    assert _plain(table) == "Campaign Trainings completed Clicks on shared links Vacatures via collega's " + (
        "final evaluation of 20 Nov 2026 €50 (so far) €2.50 (so far)"
    )


def test_the_latest_snapshot_is_linked_and_every_other_one_too(generated):
    page = generated.text()
    portfolio_folder = generated.pages["en"].parent
    row = re.search(r'<tr><td><a href="#campaign-gen-final">.*?</tr>', page, re.S).group(0)
    links = re.findall(r'href="([^"#][^"]*)"', row)
    assert links == ["../../gen-final/2026-11-20/index.html"]  # not the run after the portfolio's date
    assert (portfolio_folder / links[0]).resolve().is_file()
    section = re.search(r'id="campaign-gen-final">(.*?)</article>', page, re.S).group(1)
    linked = re.findall(r'href="\.\./\.\./gen-final/([^/]+)/index.html"', section)
    assert linked == ["2026-09-01", "2026-10-01", "2026-11-01", "2026-11-01-2", "2026-11-20"]
    assert "2026-12-05" not in page
    # a run killed before it wrote its page has no link, and is said to be interrupted
    stopped = re.search(r'<tr><td><a href="#campaign-gen-stopped">.*?</tr>', page, re.S).group(0)
    assert "2026-11-25" not in stopped and "25 Nov 2026" in _plain(stopped) and "interrupted" in _plain(stopped)


@pytest.mark.parametrize(
    ("lang", "failed", "interrupted", "unreadable"),
    [
        (
            "en",
            "The latest snapshot, of 20 Nov 2026, failed: Mid-term check did not finish.",
            "The latest snapshot, of 25 Nov 2026, was interrupted before it finished: Mid-term check did not finish.",
            "Snapshot 2026-11-01: manifest.json cannot be read",
        ),
        (
            "nl",
            "De laatste momentopname, van 20 nov 2026, is mislukt: Tussentijdse meting niet afgerond.",
            "De laatste momentopname, van 25 nov 2026, is onderbroken voordat ze klaar was: "
            "Tussentijdse meting niet afgerond.",
            "Momentopname 2026-11-01: manifest.json is onleesbaar",
        ),
    ],
)
def test_failed_interrupted_and_unreadable_snapshots_are_said_in_words(
    generated, lang, failed, interrupted, unreadable
):
    page = generated.text(lang)
    assert failed in _section(page, "gen-failed")
    assert interrupted in _section(page, "gen-stopped")
    assert unreadable in _section(page, "gen-broken")
    last_ok = {
        "en": "The last complete snapshot is of 1 Oct 2026.",
        "nl": "De laatste volledige momentopname is van 1 okt 2026.",
    }
    assert last_ok[lang] in _section(page, "gen-failed")
    problems = {"en": "Problems in the campaign's files stopped it: 2.", "nl": "bestanden van de campagne: 2."}
    assert problems[lang] in _section(page, "gen-failed")
    # the first problem named where it is, without the value it quotes (a person's name)
    first = {"en": "The first: ", "nl": "Het eerste: "}[
        lang
    ] + "campaign.yaml activity.ambassadors[0]: is not in the team"
    assert first in _section(page, "gen-failed")


def test_a_dead_running_snapshot_reads_as_interrupted_and_nothing_is_written_into_it(generated):
    state = _state(generated.portfolio(), "gen-stopped")
    assert [s.status for s in state.snapshots] == ["ok", "interrupted", "interrupted"]
    assert [p.status for p in state.latest.phases] == ["ok", "interrupted"]
    manifest = json.loads((generated.outputs / "gen-stopped" / "2026-11-25" / "manifest.json").read_text())
    assert manifest["status"] == "running"  # the portfolio only reads


def test_damaged_files_leave_their_snapshot_out_and_the_rest_shown(generated):
    state = _state(generated.portfolio(), "gen-broken")
    assert [(s.name, s.status) for s in state.snapshots] == [
        ("2026-10-01", "ok"),
        ("2026-10-15", "ok"),
        ("2026-11-01", "unreadable"),
    ]
    assert [(u.snapshot, u.file) for u in state.unreadable] == [
        ("2026-10-15", "midterm.json"),
        ("2026-11-01", "manifest.json"),
    ]
    assert [p.day for p in state.trend] == [dt.date(2026, 10, 1)]
    section = _section(generated.text(), "gen-broken")
    assert "The latest snapshot, of 1 Nov 2026, cannot be read" in section
    assert "Snapshot 2026-10-15: midterm.json cannot be read and is left out." in section


def test_trends_take_every_midterm_once_per_date_up_to_the_portfolio_s_date(generated):
    state = _state(generated.portfolio(), "gen-final")
    assert [(p.snapshot, p.actuals["K1"], p.earned) for p in state.trend] == [
        ("2026-10-01", 10.0, 120.0),
        ("2026-11-01-2", 22.0, 250.0),  # the day's second run replaces its first
        ("2026-11-20", 30.0, 300.0),
    ]
    earlier = _state(generated.portfolio(dt.date(2026, 10, 31)), "gen-final")
    assert [p.snapshot for p in earlier.trend] == ["2026-10-01"]
    assert earlier.latest.name == "2026-10-01" and earlier.outcomes is None
    page = generated.text()
    assert '<img class="ck-chart"' in re.search(r'id="campaign-gen-final">(.*?)</article>', page, re.S).group(1)
    assert "No mid-term figures yet" in _section(page, "gen-goals")


def test_headline_tiles_are_the_furthest_finished_phase_s_of_the_newest_snapshot(generated):
    state = _state(generated.portfolio(), "gen-final")
    assert (state.headlines.phase, state.headlines.snapshot) == ("final", "2026-11-20")
    assert "Headline figures from Final evaluation, 20 Nov 2026 Cost so far €1,250" in _section(
        generated.text(), "gen-final"
    )
    goals = _state(generated.portfolio(), "gen-goals").headlines
    assert goals.phase == "goals" and goals.summary.tiles[0].value == "3 / 3"


def test_trend_charts_read_cleanly(generated):
    from chart_layout import problems

    from campaign_kit.portfolio.charts import trend_chart

    drawn = 0
    for state in generated.portfolio().campaigns:
        for lang in ("en", "nl"):
            fig = trend_chart(state, lang)
            if fig is None:
                assert not state.trend
                continue
            drawn += 1
            assert problems(fig) == [], (state.slug, lang)
            panels = [ax for ax in fig.axes if ax.get_visible()]
            assert len(panels) == len({k for p in state.trend for k in p.actuals}) + 1  # KPIs and the money
    assert drawn == 2 * 4


def test_no_name_leaves_a_campaign(generated):
    for lang in ("en", "nl"):
        page = generated.text(lang)
        assert PLANTED not in page and "Pietersen" not in page
        assert "KeyError" not in page


def test_a_portfolio_is_never_overwritten(generated):
    first = generated.pages["en"].parent
    before = hashlib.sha256(generated.pages["en"].read_bytes()).hexdigest()
    existing = sorted(p.name for p in first.parent.glob("2026-12-01*"))
    again = write_portfolio(generated.parameters, generated.outputs, DAY, "en")
    assert first.name == "2026-12-01" and generated.pages["nl"].parent.name == "2026-12-01-2"
    assert again.name == f"2026-12-01-{len(existing) + 1}"
    assert hashlib.sha256(generated.pages["en"].read_bytes()).hexdigest() == before
    manifest = json.loads((again / "manifest.json").read_text())
    assert (manifest["kind"], manifest["status"], manifest["as_of"], manifest["language"]) == (
        "portfolio",
        "ok",
        "2026-12-01",
        "en",
    )
    assert {c["campaign"]: c["status"] for c in manifest["campaigns"]}["gen-stopped"] == "interrupted"


def test_the_page_is_offline_and_has_no_code(generated):
    page = generated.text()
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page
    assert not re.search(r'(src|href)="(?!data:image/png;base64,|#|\.\./\.\./)', page)
    assert "@page { size: A4" in page
    assert '<html lang="en">' in page and '<html lang="nl">' in generated.text("nl")


def test_the_page_speaks_the_language_asked_for(generated, tmp_path):
    folder = write_portfolio(generated.parameters, generated.outputs, DAY, "de")
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "Alle Kampagnen" in page and "Verbrauchtes Budget" in page and "fehlgeschlagen" in page
    for english in ("Latest snapshot", "Budget used", "Phase reached", "did not finish", "cannot be read"):
        assert english not in page


# the command line -------------------------------------------------------------------------------
def test_the_command_writes_a_dated_portfolio(generated, monkeypatch, capsys):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(generated.root))
    assert main(["portfolio", "--as-of", "2026-11-30", "--language", "nl"]) == 0
    written = generated.outputs / PORTFOLIO_DIR / "2026-11-30" / "index.html"
    assert capsys.readouterr().out.strip() == f"portfolio geschreven: {written}"
    assert "Alle campagnes" in written.read_text(encoding="utf-8")
    assert main(["list", "--outputs", str(generated.outputs)]) == 0
    assert PORTFOLIO_DIR not in capsys.readouterr().out  # not a campaign


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (
            ["--language", "fr"],
            "campaign portfolio: --language 'fr': not a language of the workbook; expected one of de, en, nl",
        ),
        (
            ["--as-of", "2026-13-01"],
            "campaign portfolio: --as-of '2026-13-01': not a date; expected YYYY-MM-DD, e.g. 2026-12-01",
        ),
        (
            ["--as-of", "1-12-2026", "--language", "nl"],
            "campaign portfolio: --as-of '1-12-2026': geen datum; verwacht JJJJ-MM-DD, bijv. 2026-12-01",
        ),
        (
            ["--outputs", "nowhere"],
            "campaign portfolio: --outputs nowhere: no such folder; "
            "expected the folder that holds the campaigns' snapshots",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(generated, monkeypatch, capsys, tmp_path, arguments, said):
    monkeypatch.setenv("CAMPAIGN_ROOT", str(generated.root))
    monkeypatch.chdir(tmp_path)
    before = sorted((generated.outputs / PORTFOLIO_DIR).iterdir())
    assert main(["portfolio", "--outputs", str(generated.outputs), *arguments]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [said] and captured.out == ""
    assert sorted((generated.outputs / PORTFOLIO_DIR).iterdir()) == before
    assert not (tmp_path / "nowhere").exists()


def test_the_default_outputs_folder_missing_is_said_too(tmp_path, monkeypatch, capsys):
    (tmp_path / "parameters").mkdir()
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    assert main(["portfolio"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"campaign portfolio: --outputs {tmp_path / 'outputs'}: no such folder")
    assert not (tmp_path / "outputs").exists()


def test_the_files_it_reads_are_the_ones_the_phases_write():
    from campaign_kit.phases.final.analysis import FINAL_FILE
    from campaign_kit.phases.midterm.analysis import SUMMARY_FILE
    from campaign_kit.run.snapshots import HEADLINES, INDEX

    assert portfolio_analysis.MIDTERM_FILE == SUMMARY_FILE
    assert portfolio_analysis.FINAL_FILE == FINAL_FILE
    assert (portfolio_analysis.HEADLINES, portfolio_analysis.INDEX) == (HEADLINES, INDEX)


# the examples, run for real ------------------------------------------------------------------------
@pytest.mark.notebook
def test_examples_trends_have_both_midterms_with_their_own_figures(workbook):
    portfolio = workbook.portfolio()
    assert [c.slug for c in portfolio.campaigns] == sorted([*EXAMPLES, *GENERATED]) + [ORPHAN]
    for name in EXAMPLES:
        state = _state(portfolio, name)
        assert [p.day for p in state.trend] == [FIRST, SECOND]
        for point in state.trend:
            written = json.loads((workbook.outputs / name / point.snapshot / "midterm.json").read_text())
            assert point.actuals == {k: v["actual"] for k, v in written["kpis"].items()}
            assert point.earned == written["earned"]
        assert state.reached == "final" and state.latest.name == SECOND.isoformat()
        assert (state.headlines.phase, state.headlines.snapshot) == ("final", SECOND.isoformat())
        assert '<img class="ck-chart"' in re.search(
            rf'id="campaign-{name}">(.*?)</article>', workbook.text(), re.S
        ).group(1)


@pytest.mark.notebook
@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_budget_and_cost_per_outcome_are_the_final_report_s(workbook, name):
    """final.json holds the figures the final report shows: its cost tile, in the campaign's own
    format, is the portfolio's amount; each cost per outcome is the total over that outcome."""
    state = _state(workbook.portfolio(), name)
    folder = workbook.outputs / name / SECOND.isoformat()
    figures = json.loads((folder / "final.json").read_text())
    headline = json.loads((folder / "headlines" / "final.json").read_text())
    language = json.loads((folder / "manifest.json").read_text())["language"]
    cost_tile = next(t for t in headline["tiles"] if t["value"] == amount(state.spend.amount, "EUR", language))
    assert cost_tile["reference"].endswith(amount(state.spend.budget, "EUR", language))
    assert (state.spend.basis, state.spend.provisional) == ("cost", True)  # both run before their end
    costs = figures["costs"]
    assert costs["total"] == pytest.approx(costs["incentives"] + costs["prizes"] + costs["fixed"])
    assert state.outcomes.per  # each example has at least one outcome with a cost
    for outcome, each in state.outcomes.per.items():
        assert each == pytest.approx(costs["total"] / figures["totals"][outcome])
    row = _overview_row(workbook.text(), name)
    assert amount(state.spend.amount, "EUR", "en") in row and f"{date(SECOND, 'en')}" in row


@pytest.mark.notebook
def test_examples_names_never_reach_the_page(workbook):
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.phases.selection.people import load_people

    names = set()
    for name in EXAMPLES:
        employees = load_people(load_campaign(workbook.parameters / name)).employees
        names |= {str(n) for n in employees["name"] if isinstance(n, str) and len(n) > 4}
    assert len(names) > 100
    for lang in ("en", "nl"):
        page = workbook.text(lang)
        assert [n for n in names if n in page] == []


@pytest.mark.browser
@pytest.mark.notebook
def test_the_page_in_a_browser_offline_with_its_charts_links_and_a4(workbook, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(workbook.pages["en"].as_uri())
        page.wait_for_load_state("load")
        assert errors == [] and [u for u in requests if not u.startswith(("file:", "data:"))] == []
        images = page.locator("img.ck-chart")
        with_trend = sum(1 for c in workbook.portfolio().campaigns if c.trend)
        assert images.count() == with_trend == 6  # two examples and four generated campaigns
        for i in range(images.count()):
            assert images.nth(i).evaluate("img => img.complete ? img.naturalWidth : 0") > 300
        assert page.locator("article.ck-campaign").count() == len(EXAMPLES) + len(GENERATED) + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
        page.click('table.ck-overview a[href$="leerprogramma/2026-11-26/index.html"]')
        page.wait_for_load_state("load")
        assert page.url.endswith("/leerprogramma/2026-11-26/index.html")
        assert page.locator("h1").first.inner_text() == "Leerprogramma Leven Lang Ontwikkelen"
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    finally:
        page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        phone.goto(workbook.pages["nl"].as_uri())
        phone.wait_for_load_state("load")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        phone.close()


# final.json: the final evaluation's figures, by hand ----------------------------------------------
def _final(as_of: dt.date, costs, totals: dict[str, float], value: float | None = None):
    from types import SimpleNamespace

    from campaign_kit.phases.final.analysis import FinalAnalysis, Recommendation

    activity = SimpleNamespace(totals=totals)  # the summary reads only the totals of the activity
    return FinalAnalysis(as_of, activity, costs, None, value, [], [], Recommendation(None, None, [], []))


def test_final_figures_are_the_report_s_numbers_unformatted():
    from helpers import campaign

    from campaign_kit.phases.final.analysis import Costs, summary

    c = campaign(rewards={"currency": "USD", "budget": 2000, "hours_per_month": 2})  # ends 2027-06-30
    costs = Costs(incentives=300.0, prizes=100.0, fixed=200.0, budget=2000.0)
    figures = summary(c, _final(dt.date(2027, 6, 30), costs, {"completion": 8.0, "click": 0.0, "visit": 40.0}, 900.0))
    assert figures == {
        "as_of": "2027-06-30",
        "provisional": False,
        "currency": "USD",
        "budget": 2000.0,
        "costs": {"incentives": 300.0, "prizes": 100.0, "fixed": 200.0, "total": 600.0},
        "totals": {"completion": 8.0, "click": 0.0, "visit": 40.0},
        "cost_per_outcome": {"completion": 75.0, "applicant": None, "hire": None, "click": None},
        "value": 900.0,
        "media": None,
        "roi": 0.5,
    }
    early = summary(c, _final(dt.date(2027, 6, 29), costs, {}))
    assert early["provisional"] is True and early["roi"] is None and early["totals"] == {}
    bare = summary(campaign(), _final(dt.date(2027, 6, 30), None, {"completion": 3.0}))
    assert (bare["currency"], bare["budget"], bare["costs"], bare["cost_per_outcome"], bare["roi"]) == (
        None,
        None,
        None,
        {},
        None,
    )


def test_final_figures_are_kept_only_in_a_snapshot(tmp_path):
    from helpers import campaign

    from campaign_kit.phases.final.analysis import FINAL_FILE, Costs, summary, write_summary

    costs = Costs(incentives=10.0, prizes=0.0, fixed=5.0, budget=100.0)
    analysis = _final(dt.date(2027, 3, 1), costs, {"hire": 3.0})
    c = campaign(rewards={"currency": "EUR", "budget": 100, "hours_per_month": 2})
    snapshot = tmp_path / "outputs" / "x" / "2027-03-01"
    copy = snapshot / "parameters" / "x"
    copy.mkdir(parents=True)
    (snapshot / "manifest.json").write_text("{}")
    c._folder = tmp_path / "analyst"  # an analyst's own folder: nothing written
    write_summary(c, analysis)
    assert not (tmp_path / "analyst").exists() and not (snapshot / FINAL_FILE).exists()
    c._folder = copy  # a run: the snapshot keeps them
    write_summary(c, analysis)
    assert json.loads((snapshot / FINAL_FILE).read_text()) == summary(c, analysis)
    assert json.loads((snapshot / FINAL_FILE).read_text())["cost_per_outcome"]["hire"] == 5.0


def test_a_damaged_final_json_or_campaign_yaml_is_said_and_the_rest_shown(tmp_path):
    parameters, outputs = tmp_path / "parameters", tmp_path / "outputs"
    write_campaign(parameters, "bad-final", campaign_data("Bad final"))
    day = dt.date(2026, 10, 1)
    folder = write_snapshot(
        outputs,
        "bad-final",
        day,
        {"midterm": "ok", "final": "ok"},
        midterm=midterm_figures(day, {"K1": (4.0, "green")}, 60.0),
        final=final_figures(day, incentives=60, prizes=0, fixed=10, budget=5000, totals={"hire": 2.0}),
    )
    (folder / "final.json").write_text('{"as_of": "2026-10-01", "costs": {"total": "seventy"}}', encoding="utf-8")
    (parameters / "bad-yaml").mkdir(parents=True)
    (parameters / "bad-yaml" / "campaign.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    write_snapshot(outputs, "bad-yaml", day, {"goals": "ok"}, name="Named in its manifest")
    page = (write_portfolio(parameters, outputs, DAY, "en") / "index.html").read_text(encoding="utf-8")
    portfolio = read_portfolio(parameters, outputs, DAY)
    bad = _state(portfolio, "bad-final")
    assert [(u.snapshot, u.file) for u in bad.unreadable] == [("2026-10-01", "final.json")]
    assert (bad.spend.amount, bad.spend.basis, bad.outcomes) == (60.0, "earned", None)  # the mid-term's figures
    assert "Snapshot 2026-10-01: final.json cannot be read and is left out." in _section(page, "bad-final")
    yaml = _state(portfolio, "bad-yaml")
    assert (yaml.parameters, yaml.name, yaml.budget, yaml.kpis) == ("invalid", "Named in its manifest", None, [])
    assert "Its campaign.yaml has problems (campaign validate bad-yaml lists them)" in _section(page, "bad-yaml")
