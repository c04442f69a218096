"""The oil spot at the mid-term (campaign_kit.spread.progress and the phase-4 report): adoptions
counted from the exports by hand, the fit on a campaign whose colleagues' shares were simulated
person by person, and the forecast's claims (reached when, furthest behind, one more ambassador)."""

from __future__ import annotations

import dataclasses
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
from campaign_kit.spread.progress import _one_more, _within, weekly_adoptions
from tests.spread_agents import run_campaign

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "parameters" / "employer-branding-pilot"
LEER = ROOT / "parameters" / "leerprogramma"


@pytest.fixture(autouse=True)
def _own_outputs(tmp_path, monkeypatch):
    """The activity stores these analyses fill go under the test's folder, not the project's outputs/."""
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))


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
    # spread: adoption start: a colleague joins at their first started training ("Gestart")
    started = events[(events["Gebeurtenis"] == "Gestart") & (events["Datum"] < cutoff)]
    adopters = set(started["Medewerker"]) - team
    employees = pd.read_csv(folder / "medewerkers.csv", sep=";", encoding="utf-8-sig").set_index("Personeelsnummer")
    assert s.weeks == weeks == 13
    assert int(s.adopted.sum()) == len(adopters) == 19
    assert s.actual[-1] == pytest.approx((len(team) + len(adopters)) / len(employees))  # 24 of 30
    by_department = employees.loc[sorted(adopters), "Afdeling"].value_counts()
    assert {k: int(v) for k, v in zip(s.departments, s.adopted, strict=True) if v} == by_department.to_dict()
    assert dict(zip(s.departments, s.team.tolist(), strict=True)) == {
        d: int((employees.loc[sorted(team), "Afdeling"] == d).sum()) for d in s.departments
    }
    # the week of each first start, by hand: 19 adoptions over 13 weeks are enough to fit
    first = started[started["Medewerker"].isin(adopters)].groupby("Medewerker")["Datum"].min()
    per_week = ((first - pd.Timestamp(campaign.start)).dt.days // 7).value_counts()
    assert s.new.sum(axis=1).tolist() == [int(per_week.get(w, 0)) for w in range(13)]
    assert s.fit is not None and s.thin is None and s.fitted is not None
    said = report.oilspot_sentences(campaign, analysis)
    assert said[0].startswith("Op 30 nov 2026 is 80% van de groep bereikt: 5 ambassadeurs en 19 collega's")
    assert said[1].startswith("Geschat op deze weken: invloed van buiten p ")
    assert "het doel is 83% (campaign.yaml, spread)" in said[2]  # 25 of 30 colleagues, spread: reach 0.83
    # one colleague more than now (24 of 30) reaches it: at this pace within weeks, well before the date
    assert s.reached is not None and dt.date(2026, 12, 1) <= s.reached <= dt.date(2027, 2, 26)
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
    # the example's own export lists its colleagues' shares too: keep only the team's, the simulated
    # colleagues take their place
    shares = folder / "activity" / "advocacy-shares.xlsx"
    own = pd.read_excel(shares)
    own[own["User ID"].isin(team)].to_excel(shares, index=False)
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


def test_adopters_beyond_the_colleagues_to_win_are_left_out_and_counted():
    # two departments with 3 and 2 colleagues to win; head start 1 and 0
    new = np.array([[1, 2], [2, 1], [1, 0]])
    capped, start, beyond = _within(new, np.array([1, 0]), np.array([3, 2]))
    # first: 1 + 1 = 2, then 2 + 2 = 4 > 3: one left (3), then nothing; second: 2, then 2 + 1 > 2: none
    assert capped.tolist() == [[1, 2], [1, 0], [0, 0]]
    assert start.tolist() == [1, 0]
    assert beyond == 2 + 1  # first: 1 + 4 wanted, room for 3; second: 3 wanted, room for 2


def _leerprogramma(tmp_path: Path, change) -> Path:
    folder = tmp_path / "leerprogramma"
    shutil.copytree(LEER, folder)
    yaml = YAML()
    doc = yaml.load(folder / "campaign.yaml")
    change(doc)
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
    return folder


def test_a_population_smaller_than_the_adopters_does_not_break_the_report(tmp_path):
    """No employee list and a population of 15: the team found in the exports (5) and 19 colleagues
    who started would be 24 of 15. The first ten count, nine are reported as beyond the group."""

    def smaller(doc):
        del doc["selection"]
        doc["population"]["size"] = 15

    campaign = load_campaign(_leerprogramma(tmp_path, smaller))
    analysis = analyse(campaign, dt.date(2026, 11, 30))
    s = analysis.spread
    assert analysis.team.source == "data" and s.team.tolist() == [5]
    assert s.adopted.tolist() == [10] and s.beyond == 9 and s.actual[-1] == 1.0
    said = report.oilspot_sentences(campaign, analysis)
    assert "Nog 9 deden dat, meer dan de groep collega's telt; die tellen niet mee" in said[0]
    assert said[1] == (
        "Te weinig deelnemers om het model te schatten: 10 tot nu toe, een schatting vraagt er 15. De voorspelling "
        "rekent nog met de gepubliceerde snelheden en de werving die de spread:-sectie in campaign.yaml aanneemt."
    )


def test_shares_as_adoption_need_a_known_team(tmp_path):
    """The pilot without its selection: the team would be whoever shared, and so would the adopters."""
    folder = tmp_path / "pilot"
    shutil.copytree(PILOT, folder)
    yaml = YAML()
    doc = yaml.load(folder / "campaign.yaml")
    del doc["selection"]
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
    campaign = load_campaign(folder)
    analysis = analyse(campaign, dt.date(2026, 12, 1))
    assert analysis.team.source == "data"
    assert analysis.spread is None and analysis.spread_note == "oilspot.team_unknown"
    assert report.oilspot_sentences(campaign, analysis)[0].startswith(
        "The oil spot needs to know who the ambassadors are: with shares as the adoption, everyone who shared"
    )


def test_a_mid_term_before_the_start_counts_nothing_after_its_own_date(tmp_path):
    """Two colleagues start before the campaign, on 25 and 30 Aug: a mid-term as of 27 Aug counts the
    first as a head start and not the second, who had not started yet on that day."""
    folder = _leerprogramma(tmp_path, lambda doc: None)
    export = folder / "activiteit" / "leerplatform-2026-09.csv"
    with export.open("a", encoding="utf-8") as handle:
        handle.write("25-08-2026;E000006;Gestart;\n30-08-2026;E000007;Gestart;\n")
    campaign = load_campaign(folder)
    s = analyse(campaign, dt.date(2026, 8, 27)).spread
    assert s.weeks == 0 and s.new.shape == (0, 4)
    assert int(s.head_start.sum()) == 1
    later = analyse(campaign, dt.date(2026, 8, 31)).spread  # the day before the start: both
    assert int(later.head_start.sum()) == 2


def test_the_forecast_is_read_on_the_target_date_itself(tmp_path):
    """The forecast runs in whole weeks from now; the target date falls inside one: the share on it
    lies between the two weeks' ends, in proportion to the days (and the date passed: what was measured)."""
    campaign = load_campaign(_leerprogramma(tmp_path, lambda doc: None))
    s = analyse(campaign, dt.date(2026, 11, 30)).spread
    assert s.now == dt.date(2026, 12, 1) and s.by == dt.date(2027, 2, 26)
    # row k of the forecast is the end of day 1 Dec + 7k - 1: row 12 the end of 22 Feb, row 13 of 1 Mar;
    # the end of 26 Feb is 4 days into that week
    assert s.weeks_to_go == 13
    by_hand = s.ahead[12] + (s.ahead[13] - s.ahead[12]) * 4 / 7
    assert s.expected_by == pytest.approx(by_hand)
    low = s.band[0, 12] + (s.band[0, 13] - s.band[0, 12]) * 4 / 7
    assert s.band_by[0] == pytest.approx(low)
    # the chart's forecast ends there too: on 26 Feb at the share the sentence says, not on 2 Mar
    from matplotlib.dates import num2date

    analysis = analyse(campaign, dt.date(2026, 11, 30))
    (forecast,) = [line for line in oilspot_chart(campaign, analysis).axes[0].lines if line.get_linestyle() == "--"]
    days, shares = forecast.get_xdata(), forecast.get_ydata()
    last = days[-1] if isinstance(days[-1], dt.date) else num2date(days[-1]).date()
    assert last == dt.date(2027, 2, 27) and shares[-1] == pytest.approx(by_hand)  # the end of 26 Feb
    assert shares[0] == pytest.approx(s.actual[-1])  # from the share measured now
    # a date already passed: the share measured by then, not the share now
    early = dataclasses.replace(s, by=dt.date(2026, 10, 20))  # week 7 (13-19 Oct) is the last full one
    assert early.past and early.expected_by == pytest.approx(s.actual[7]) and s.actual[7] < s.actual[-1]
    passed = dataclasses.replace(analyse(campaign, dt.date(2026, 11, 30)), spread=early)
    said = report.oilspot_sentences(campaign, passed)
    assert f"De doeldatum 20 okt 2026 is voorbij: {round(100 * s.actual[7])}% van de groep bereikt" in said[2]
    # the last day measured is 30 Nov: a target of 1 Dec (tomorrow) is still ahead, 30 Nov is past
    assert not dataclasses.replace(s, by=dt.date(2026, 12, 1)).past
    assert dataclasses.replace(s, by=dt.date(2026, 11, 30)).past


def test_after_the_target_date_the_table_says_what_was_reached_then(tmp_path):
    """The sentence and the table agree on the date passed: per department what was measured by then."""

    def early(doc):
        doc["spread"]["by"] = "2026-10-15"

    campaign = load_campaign(_leerprogramma(tmp_path, early))
    analysis = analyse(campaign, dt.date(2026, 11, 30))
    s = analysis.spread
    assert s.past
    # 15 Oct closes week 6 (6-12 Oct is the last full one): the first starts up to 12 Oct, by hand
    frames = [pd.read_csv(f, sep=";", encoding="utf-8-sig") for f in sorted((LEER / "activiteit").glob("leer*.csv"))]
    events = pd.concat(frames)
    events["Datum"] = pd.to_datetime(events["Datum"], format="%d-%m-%Y")
    team = set(analysis.team.ids)
    started = events[(events["Gebeurtenis"] == "Gestart") & ~events["Medewerker"].isin(team)]
    first = started.groupby("Medewerker")["Datum"].min()
    then = first[first < pd.Timestamp(2026, 10, 13)]
    employees = pd.read_csv(LEER / "medewerkers.csv", sep=";", encoding="utf-8-sig").set_index("Personeelsnummer")
    size = len(employees)
    said = report.oilspot_sentences(campaign, analysis)
    share = (len(team) + len(then)) / size
    assert f"De doeldatum 15 okt 2026 is voorbij: {round(100 * share)}% van de groep bereikt" in said[2]
    table = report.oilspot_table(campaign, analysis)
    column = "Bereikt op 15 okt 2026"
    per_department = employees["Afdeling"].value_counts()
    reached = employees.loc[sorted(team | set(then.index)), "Afdeling"].value_counts()
    expected = [f"{round(100 * reached.get(d, 0) / per_department[d])}%" for d in s.departments]
    assert table[column].tolist() == expected


def test_a_recruiting_rate_at_zero_is_said_in_words(tmp_path):
    campaign = load_campaign(_leerprogramma(tmp_path, lambda doc: None))
    analysis = analyse(campaign, dt.date(2026, 11, 30))
    s = analysis.spread
    draws = s.fit.draws.copy()
    draws[:, 2] = 1e-7  # every bootstrap refit puts r on its lower bound
    nothing = dataclasses.replace(analysis, spread=dataclasses.replace(s, fit=dataclasses.replace(s.fit, draws=draws)))
    said = report.oilspot_sentences(campaign, nothing)[1]
    assert said.endswith("de eigen werving van de ambassadeurs is in deze weken niet te zien (r ongeveer 0).")
    assert "0 tot 0" not in said


def test_one_of_each_is_said_in_the_singular(tmp_path):
    """One ambassador, one colleague and one full week: no '1 colleagues'."""
    campaign = load_campaign(_leerprogramma(tmp_path, lambda doc: None))
    analysis = analyse(campaign, dt.date(2026, 11, 30))
    s = analysis.spread
    one = dataclasses.replace(
        s,
        weeks=1,
        new=s.new[:1] * 0 + np.array([[1, 0, 0, 0]]),
        head_start=s.head_start * 0,
        team=np.array([1, 0, 0, 0]),
    )
    said = report.oilspot_sentences(campaign, dataclasses.replace(analysis, spread=one))[0]
    assert "bereikt: 1 ambassadeur en 1 collega met een eerste 'collega start een training' in de exports " in said
    assert said.endswith("(1 volle week).")
    english = campaign.model_copy(update={"language": "en"})
    said = report.oilspot_sentences(english, dataclasses.replace(analysis, spread=one))[0]
    assert "reached: 1 ambassador and 1 colleague whose first" in said and said.endswith("(1 full week).")
