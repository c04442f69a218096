"""The oil spot at the mid-term (campaign_kit.spread.progress and the phase-4 report): adoptions
counted from the exports by hand, the fit on a campaign whose colleagues' shares were simulated
person by person, and the forecast's claims (reached when, furthest behind, one more ambassador)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from ruamel.yaml import YAML

from campaign_kit.core.validation import load_campaign
from campaign_kit.phases.midterm import report
from campaign_kit.phases.midterm.analysis import analyse
from campaign_kit.phases.midterm.charts import oilspot_chart
from campaign_kit.spread.model import Rates
from campaign_kit.spread.progress import _one_more, weekly_adoptions
from tests.spread_agents import run_campaign

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "parameters" / "employer-branding-pilot"
LEER = ROOT / "parameters" / "leerprogramma"


def _events(rows: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE events (person VARCHAR, ambassador VARCHAR, result VARCHAR, ts TIMESTAMP)")
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows)
    return con


def test_weekly_adoptions_count_each_colleague_once_in_the_week_of_their_first_adoption():
    begin = dt.date(2026, 10, 5)  # a Monday; week 0 is 5-11 Oct, week 1 12-18 Oct, week 2 19-25 Oct
    con = _events(
        [
            ("A1", None, "completion", dt.datetime(2026, 10, 6)),  # week 0, Sales
            ("A1", None, "completion", dt.datetime(2026, 10, 20)),  # the same colleague again: not counted
            ("B1", "T1", "completion", dt.datetime(2026, 10, 12)),  # week 1, HR (a colleague via an ambassador)
            ("B2", None, "login", dt.datetime(2026, 10, 12)),  # another result: not an adoption
            (None, "B3", "completion", dt.datetime(2026, 10, 25)),  # no person: whoever the export names, week 2
            ("T1", None, "completion", dt.datetime(2026, 10, 7)),  # a team member: counted from the start
            ("A2", None, "completion", dt.datetime(2026, 10, 1)),  # before the start: a head start
            ("X9", None, "completion", dt.datetime(2026, 10, 8)),  # not on the employee list
            ("A3", None, "completion", dt.datetime(2026, 10, 26)),  # after the weeks measured
        ]
    )
    department_of = {"A1": "Sales", "A2": "Sales", "A3": "Sales", "B1": "HR", "B2": "HR", "B3": "HR", "T1": "HR"}
    new, head_start, outside = weekly_adoptions(con, "completion", begin, 3, ["T1"], department_of, ["HR", "Sales"])
    assert new.tolist() == [[0, 1], [1, 0], [1, 0]]
    assert head_start.tolist() == [0, 1]
    assert outside == 1


def test_leerprogramma_reached_so_far_matches_the_raw_exports(tmp_path):
    folder = tmp_path / "leerprogramma"
    shutil.copytree(LEER, folder)
    campaign = load_campaign(folder)
    as_of = dt.date(2026, 11, 30)
    analysis = analyse(campaign, as_of)
    s = analysis.spread
    assert s is not None
    # by hand from the files: the learning platform's monthly exports, semicolons, day-month-year
    frames = [pd.read_csv(f, sep=";", encoding="utf-8-sig") for f in sorted((folder / "activiteit").glob("leer*.csv"))]
    events = pd.concat(frames)
    events["Datum"] = pd.to_datetime(events["Datum"], format="%d-%m-%Y")
    weeks = ((as_of - campaign.start).days + 1) // 7  # 13 full weeks from 1 Sep
    cutoff = pd.Timestamp(campaign.start + dt.timedelta(days=7 * weeks))
    team = set(analysis.team.ids)
    done = events[(events["Gebeurtenis"] == "Afgerond") & (events["Datum"] < cutoff)]
    adopters = set(done["Medewerker"]) - team
    employees = pd.read_csv(folder / "medewerkers.csv", sep=";", encoding="utf-8-sig").set_index("Personeelsnummer")
    assert s.weeks == weeks == 13
    assert int(s.adopted.sum()) == len(adopters) == 5
    assert s.actual[-1] == pytest.approx((len(team) + len(adopters)) / len(employees))  # 10 of 30
    by_department = employees.loc[sorted(adopters), "Afdeling"].value_counts()
    assert {k: int(v) for k, v in zip(s.departments, s.adopted, strict=True) if v} == by_department.to_dict()
    assert dict(zip(s.departments, s.team.tolist(), strict=True)) == {
        d: int((employees.loc[sorted(team), "Afdeling"] == d).sum()) for d in s.departments
    }
    # 5 adoptions are too few for three rates: the priors stay, and the report says why
    assert s.fit is None and s.fitted is None
    said = report.oilspot_sentences(campaign, analysis)
    assert "Te weinig deelnemers om het model te schatten: 5 tot nu toe, een schatting vraagt er 15." in said[1]
    assert said[0].startswith("Op 30 nov 2026 is 33% van de groep bereikt: 5 ambassadeurs en 5 collega's")
    assert "het doel is 83% (KPI K2)" in said[2]  # 25 of 30 colleagues: K2's target
    table = report.oilspot_table(campaign, analysis)
    assert table["Collega's"].tolist() == ["6", "7", "9", "8"]
    assert oilspot_chart(campaign, analysis) is not None


def _simulated_pilot(tmp_path: Path, truth: Rates, weeks: int) -> tuple[Path, np.ndarray, dict[str, list[str]]]:
    """The pilot with a second advocacy export: colleagues' own first shares, simulated person by
    person (tests/spread_agents.py) from the pilot's own departments and team."""
    folder = tmp_path / "pilot"
    shutil.copytree(PILOT, folder)
    yaml = YAML()
    path = folder / "campaign.yaml"
    doc = yaml.load(path)
    doc["activity"]["sources"][0]["files"] = "activity/advocacy-shares*.xlsx"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
    campaign = load_campaign(folder)
    team = set(analyse(campaign, dt.date(2026, 10, 5)).team.ids)
    employees = pd.read_excel(folder / "employees.xlsx")
    groups = sorted(employees["Department"].unique())
    sizes = [int((employees["Department"] == g).sum()) for g in groups]
    allocation = [int(employees[employees["Employee ID"].isin(team)]["Department"].eq(g).sum()) for g in groups]
    new = run_campaign(sizes, allocation, truth.p, truth.q, truth.r, truth.cross, weeks, np.random.default_rng(7))
    rng = np.random.default_rng(8)
    free = {g: [e for e in employees.loc[employees["Department"] == g, "Employee ID"] if e not in team] for g in groups}
    chosen: dict[str, list[str]] = {g: [] for g in groups}
    rows = []
    for week in range(weeks):
        for d, g in enumerate(groups):
            for _ in range(int(new[week, d])):
                who = free[g].pop(int(rng.integers(len(free[g]))))
                chosen[g].append(who)
                day = campaign.start + dt.timedelta(days=7 * week + int(rng.integers(7)))
                rows.append([pd.Timestamp(day), who, "P001", 1, 3, 1, "Meet the Venlo plant team"])
    columns = ["Shared at", "User ID", "Post ID", "Shares", "Clicks", "Engagements", "Post title"]
    pd.DataFrame(rows, columns=columns).to_excel(folder / "activity" / "advocacy-shares-colleagues.xlsx", index=False)
    return folder, new, chosen


def test_the_fit_on_simulated_colleague_shares_and_what_the_report_says(tmp_path):
    truth = Rates(0.001, 0.1, 0.4, 0.2)  # the ambassadors carry it; word of mouth is slow
    weeks = 10
    folder, new, chosen = _simulated_pilot(tmp_path, truth, weeks)
    campaign = load_campaign(folder)
    as_of = campaign.start + dt.timedelta(days=7 * weeks - 1)  # the last day of week 10
    analysis = analyse(campaign, as_of)
    s = analysis.spread
    assert s is not None and s.thin is None and s.fit is not None
    assert s.weeks == weeks
    assert s.new.tolist() == new.tolist()  # every simulated first share counted in its week and department
    assert int(s.new.sum()) == sum(len(v) for v in chosen.values()) >= 15
    # the ambassadors' own recruiting drives this campaign: its true rate lies in the fit's 90% band
    low, high = s.fit.interval()["r"]
    assert low <= truth.r <= high
    assert s.fitted is not None and s.fitted.shape == (weeks + 1,)
    # the fitted curve follows the measured one: within 3 percentage points at every week
    assert np.max(np.abs(s.fitted - s.actual)) < 0.03
    said = report.oilspot_sentences(campaign, analysis)
    assert said[1].startswith("Fitted to these weeks: outside influence p ")
    assert f"each ambassador brings in {s.rates.r:.2f} colleagues a week (90% range {low:.2f} to {high:.2f})" in said[1]
    # 9 ambassadors and every simulated colleague, of the pilot's 420
    assert said[0].startswith(f"By 13 Dec 2026, {round(100 * (9 + new.sum()) / 420)}% of the group has been reached")
    assert oilspot_chart(campaign, analysis) is not None


def test_a_department_without_ambassadors_lags_and_one_more_there_helps_most():
    rates = Rates(0.0005, 0.2, 0.5, 0.2)
    sizes = np.array([60, 60, 60])
    team = np.array([2, 2, 0])
    now = np.array([10, 10, 0])
    lagging, as_is, one_more, by_department = _one_more(rates, sizes, team, 12, now, ["A", "B", "C"])
    assert lagging == "C"
    assert one_more > as_is
    # by hand: one more anywhere else gains less than one more in C
    from campaign_kit.spread.plan import expected_share

    elsewhere = expected_share(rates, sizes, np.array([3, 2, 0]), 12, now)[-1]
    assert one_more > elsewhere
    assert by_department[2] < by_department[0]


def test_a_target_met_already_says_when(tmp_path):
    folder = tmp_path / "leerprogramma"
    shutil.copytree(LEER, folder)
    yaml = YAML()
    doc = yaml.load(folder / "campaign.yaml")
    doc["spread"] = {"adoption": "completion", "per_ambassador": 5, "weeks": 26, "reach": 0.3, "by": "2027-02-26"}
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
    campaign = load_campaign(folder)
    s = analyse(campaign, dt.date(2026, 11, 30)).spread
    # 5 ambassadors and the 3 colleagues who completed by 31 Oct make 8 of 30 (27%); the fourth
    # completion on 6 Nov makes 9 (30%) in the tenth week (3-9 Nov): the target is met at its end
    assert s.reached == dt.date(2026, 11, 9)
