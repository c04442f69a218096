"""The example campaigns' mid-term figures, checked by a different route than the workbook's: pandas
(and plain DuckDB SQL for the Parquet file) straight on the example export files, with the counting
rules written out here, against what the snapshot's mid-term summary and index tiles say, in each
campaign's own number format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import AS_OF

from campaign_kit.core.formats import number, percent
from campaign_kit.core.i18n import t

PARAMETERS = Path(__file__).parents[1] / "parameters"
DAY = dt.date.fromisoformat(AS_OF)
NOBODY = {"", "(direct)", "(not set)", "(none)", "(organic)", "(referral)", "(other)", "not set"}


def tiles_of(folder: Path, phase: str) -> dict[str, dict]:
    """The executive summary's tiles a phase wrote for the index page, by label."""
    data = json.loads((folder / "headlines" / f"{phase}.json").read_text(encoding="utf-8"))
    return {tile["label"]: tile for tile in data["tiles"]}


def confirmed(name: str) -> set[str]:
    """The team by campaign.yaml's own words: everyone whose latest status is confirmed (both examples'
    teams confirmed before their start). Colleagues outside it share too: the oil spot."""
    import yaml

    settings = yaml.safe_load((PARAMETERS / name / "campaign.yaml").read_text(encoding="utf-8"))
    latest = {}
    for update in sorted(enumerate(settings["selection"]["status"]), key=lambda pair: (pair[1]["date"], pair[0])):
        latest[update[1]["id"]] = update[1]["status"]
    return {i for i, status in latest.items() if status == "confirmed"}


def upto(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    days = frame["day"]
    return frame[(days >= start) & (days <= end)]


def leerprogramma() -> tuple[dict, dict]:
    """Totals and KPI actuals of the Dutch example, by hand rules on its CSV files."""
    folder = PARAMETERS / "leerprogramma" / "activiteit"
    read = {"sep": ";", "dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
    learning = pd.concat(pd.read_csv(f, **read) for f in sorted(folder.glob("leerplatform-*.csv")))
    learning["day"] = pd.to_datetime(learning["Datum"], format="%d-%m-%Y").dt.date
    learning["result"] = (
        learning["Gebeurtenis"].str.lower().map({"inlog": "login", "gestart": "start", "afgerond": "completion"})
    )
    sharing = pd.read_csv(folder / "teamapp-delen.csv", **read)
    sharing["day"] = pd.to_datetime(sharing["Gedeeld op"], format="%d-%m-%Y").dt.date
    start = dt.date(2026, 9, 1)
    learning, sharing = upto(learning, start, DAY), upto(sharing, start, DAY)
    totals = learning["result"].value_counts().to_dict() | {
        "share": len(sharing),  # the team app exports one row per share
        "click": sharing["Kliks"].astype(int).sum(),
        "reaction": sharing["Reacties"].astype(int).sum(),
    }
    logins = upto(learning[learning["result"] == "login"], start, dt.date(2026, 10, 30))  # K1's deadline
    completed = learning[learning["result"] == "completion"]
    kpis = {
        "K1": logins.loc[logins["Via ambassadeur"] != "", "Via ambassadeur"].nunique(),  # ambassadors
        "K2": completed["Medewerker"].nunique(),  # people who completed
        "K2a": completed.loc[completed["Via ambassadeur"] != "", "Medewerker"].nunique() / 5,  # per ambassador
    }
    return totals, kpis


def pilot() -> tuple[dict, dict]:
    """Totals and KPI actuals of the English example, by hand rules on its Excel, CSV and Parquet."""
    folder = PARAMETERS / "employer-branding-pilot" / "activity"
    sharing = pd.read_excel(folder / "advocacy-shares.xlsx")
    sharing["day"] = pd.to_datetime(sharing["Shared at"]).dt.date
    web = pd.read_csv(folder / "ga4-sessions.csv", dtype={"Date": str, "Session campaign": str}, keep_default_na=False)
    web["day"] = pd.to_datetime(web["Date"], format="%Y%m%d").dt.date
    web = web[~web["Session campaign"].str.strip().str.lower().isin(NOBODY)]  # nobody's visits
    ats = duckdb.sql(f"SELECT * FROM read_parquet('{folder / 'ats-referrals.parquet'}')").df()
    ats["day"] = pd.to_datetime(ats["Application date"]).dt.date
    start = dt.date(2026, 10, 5)
    sharing, web, ats = upto(sharing, start, DAY), upto(web, start, DAY), upto(ats, start, DAY)
    totals = {
        "share": sharing["Shares"].sum(),
        "click": sharing["Clicks"].sum(),
        "reaction": sharing["Engagements"].sum(),
        "visit": web["Sessions"].sum(),
        "applicant": (ats["Stage"] == "Applied").sum(),
        "hire": (ats["Stage"] == "Hired").sum(),
    }
    first_month = upto(sharing, dt.date(2026, 10, 1), dt.date(2026, 10, 30))  # 30 days to EB1's deadline
    team = confirmed("employer-branding-pilot")
    assert len(team) == 9
    own = sharing[sharing["User ID"].isin(team)]
    assert len(own) < len(sharing)  # colleagues outside the team shared too
    kpis = {
        "EB1": first_month.loc[(first_month["Shares"] > 0) & first_month["User ID"].isin(team), "User ID"].nunique(),
        "EB2": sharing.loc[sharing["Shares"] > 0, "Post ID"].nunique(),
        "EB3": own["Shares"].sum() / 9,  # the team's own shares (via_ambassadors) per ambassador of the team of 9
        "EB4": upto(web, DAY - dt.timedelta(days=29), DAY)["Sessions"].sum(),  # the last 30 days
        "EB5": ats.loc[ats["Stage"] == "Applied", "Candidate ID"].nunique(),
    }
    return totals, kpis


BY_HAND = {"leerprogramma": leerprogramma, "employer-branding-pilot": pilot}


@pytest.mark.parametrize("name", list(BY_HAND))
def test_the_mid_term_totals_and_kpis_match_the_export_files(example_snapshots, name):
    summary = json.loads((example_snapshots[name] / "midterm.json").read_text(encoding="utf-8"))
    totals, kpis = BY_HAND[name]()
    assert {r: summary["totals"].get(r, 0) for r in totals} == {r: float(n) for r, n in totals.items()}
    assert {k: summary["kpis"][k]["actual"] for k in kpis} == pytest.approx({k: float(v) for k, v in kpis.items()})


@pytest.mark.parametrize("name", list(BY_HAND))
def test_the_index_tiles_say_those_figures_in_the_campaigns_number_format(example_snapshots, name):
    folder = example_snapshots[name]
    summary = json.loads((folder / "midterm.json").read_text(encoding="utf-8"))
    lang = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["language"]
    tiles = tiles_of(folder, "midterm")
    totals, _ = BY_HAND[name]()
    # visitors, applicants and shares in the campaign's own format (1,234 or 1.234), activation in %
    # after the KPI and activation tiles, the first two of these the campaign measures
    shown = [
        (r, k)
        for r, k in (("visit", "figure.visitors"), ("applicant", "figure.applicants"), ("share", "figure.shared"))
        if r in totals
    ][:2]
    assert len(tiles) == 2 + len(shown) and shown
    for result, key in shown:
        assert tiles[t(key, lang)]["value"] == number(totals[result], lang), tiles
    activation = tiles[t("figure.activation", lang)]
    assert activation["value"] == f"{number(summary['active'], lang)} / {number(summary['team'], lang)}"
    assert activation["status_text"] == t(
        "summary.active_share", lang, share=percent(summary["active"] / summary["team"], lang)
    )


def hand_ledger(events: pd.DataFrame, rules: list[dict]) -> float:
    """What the reward rules pay, by hand rules: per ambassador, month and result the count × amount,
    capped per month, then the ambassador's running total capped over the campaign, month by month."""
    paid = 0.0
    for rule in rules:
        mine = events[events["result"] == rule["result"]]
        for _, per_ambassador in mine.groupby("ambassador"):
            so_far = 0.0
            for _, month in sorted(per_ambassador.groupby("month")):
                amount = month["n"].sum() * rule["amount"]
                amount = min(amount, rule.get("cap_per_period", amount))
                allowed = rule.get("cap_per_ambassador", float("inf")) - so_far
                so_far += min(amount, allowed)
            paid += so_far
    return paid


def events_leerprogramma() -> pd.DataFrame:
    folder = PARAMETERS / "leerprogramma" / "activiteit"
    read = {"sep": ";", "dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
    learning = pd.concat(pd.read_csv(f, **read) for f in sorted(folder.glob("leerplatform-*.csv")))
    day = pd.to_datetime(learning["Datum"], format="%d-%m-%Y")
    words = {"inlog": "login", "gestart": "start", "afgerond": "completion"}
    return pd.DataFrame(
        {"ambassador": learning["Via ambassadeur"], "result": learning["Gebeurtenis"].str.lower().map(words),
         "day": day.dt.date, "month": day.dt.strftime("%Y-%m"), "n": 1.0}
    )  # fmt: skip


def events_pilot() -> pd.DataFrame:
    folder = PARAMETERS / "employer-branding-pilot" / "activity"
    shares = pd.read_excel(folder / "advocacy-shares.xlsx")
    ats = duckdb.sql(f"SELECT * FROM read_parquet('{folder / 'ats-referrals.parquet'}')").df()
    frames = [
        pd.DataFrame(
            {
                "ambassador": shares["User ID"],
                "result": "share",
                "when": pd.to_datetime(shares["Shared at"]),
                "n": shares["Shares"].astype(float),
            }
        ),
        pd.DataFrame(
            {
                "ambassador": ats["Referrer"],
                "result": ats["Stage"].map({"Applied": "applicant", "Hired": "hire"}),
                "when": pd.to_datetime(ats["Application date"]),
                "n": 1.0,
            }
        ),
    ]
    events = pd.concat(frames, ignore_index=True)
    return events.assign(day=events["when"].dt.date, month=events["when"].dt.strftime("%Y-%m"))


FIXED = {"leerprogramma": 400 + 150 + 300 + 60 * 45, "employer-branding-pilot": 800 + 600 + 1200 + 80 * 55}
PRIZES = {"leerprogramma": 900 + 150 + 50, "employer-branding-pilot": 700 + 250 + 100}


@pytest.mark.parametrize("name", list(BY_HAND))
def test_the_final_costs_media_and_return_match_the_files_and_campaign_yaml(example_snapshots, name):
    """The index tiles of phase 5: total cost against budget, earned media and return, by hand."""
    import yaml

    from campaign_kit.core.formats import money
    from campaign_kit.core.validation import load_campaign

    folder = example_snapshots[name]
    settings = yaml.safe_load((PARAMETERS / name / "campaign.yaml").read_text(encoding="utf-8"))
    start = settings["start"]
    events = (events_leerprogramma if name == "leerprogramma" else events_pilot)()
    events = events[(events["day"] >= start) & (events["day"] <= DAY) & (events["ambassador"] != "")]
    # rewards are for the team: a colleague who shared a post on their own earns nothing
    incentives = hand_ledger(events[events["ambassador"].isin(confirmed(name))], settings["rewards"]["rules"])
    summary = json.loads((folder / "midterm.json").read_text(encoding="utf-8"))
    assert summary["earned"] == pytest.approx(incentives)  # the mid-term's ledger agrees with the hand one
    cost = incentives + PRIZES[name] + FIXED[name]  # every prize place is taken in both examples
    totals, _ = BY_HAND[name]()
    media = settings["evaluation"]["earned_media"]
    if media["method"] == "points":  # points per result × results × cost per point
        earned = sum(per * totals.get(r, 0) for r, per in media["points"].items()) * media["cost_per_point"]
    else:  # CPM × impressions / 1000 + CPC × (reactions × multiplier + clicks); impressions assumed per share
        shown = totals["share"] * media["impressions_per_share"]
        clicks = totals["click"] + totals["reaction"] * media["reaction_multiplier"]
        earned = media["cpm"] * shown / 1000 + media["cost_per_click"] * clicks
    value = earned + sum(v * totals.get(r, 0) for r, v in settings["evaluation"]["value_per"].items())
    campaign = load_campaign(folder / "parameters" / name)
    lang = campaign.language
    tiles = tiles_of(folder, "final")
    budget = settings["rewards"]["budget"]
    # the snapshot's as-of date is before the campaign's end: a provisional run, cost so far
    spent = tiles[t("summary.cost_so_far", lang)]
    assert (spent["value"], spent["reference"]) == (
        money(cost, campaign),
        t("summary.budget", lang, budget=money(budget, campaign)),
    )
    assert spent["status_text"] == t("summary.budget_used", lang, share=percent(cost / budget, lang))
    assert spent["status"] == ("good" if cost <= budget else "bad")
    assert tiles[t("section.media", lang)]["value"] == money(earned, campaign)
    assert tiles[t("headline.roi", lang)]["value"] == percent((value - cost) / cost, lang)


@pytest.mark.parametrize("name", list(BY_HAND))
def test_the_selection_and_goals_tiles_match_the_people_files_and_campaign_yaml(example_snapshots, name):
    import math

    import yaml

    folder = example_snapshots[name]
    settings = yaml.safe_load((PARAMETERS / name / "campaign.yaml").read_text(encoding="utf-8"))
    selection = settings["selection"]
    path = PARAMETERS / name / selection["nominations"]
    if path.suffix == ".csv":
        nominations = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
    else:
        nominations = pd.read_excel(path, dtype=str)
    id_header = (
        selection.get("nomination_columns", {}).get("id")
        or selection.get("columns", {}).get("id")
        or nominations.columns[0]
    )
    latest = {}
    for update in sorted(enumerate(selection["status"]), key=lambda pair: (pair[1]["date"], pair[0])):
        latest[update[1]["id"]] = update[1]["status"]
    rules = selection["team"]
    size = max(rules.get("minimum", 5), math.ceil(settings["population"]["size"] / rules["ratio"]))
    lang = settings["language"]
    tiles = tiles_of(folder, "selection")
    assert tiles[t("headline.candidates", lang)]["value"] == number(nominations[id_header].nunique(), lang)
    confirmed = sum(s == "confirmed" for s in latest.values())
    assert tiles[t("headline.confirmed", lang)]["value"] == f"{number(confirmed, lang)} / {number(size, lang)}"
    assert tiles[t("headline.team", lang)]["value"] == number(size, lang)
    goals = tiles_of(folder, "goals")
    assert goals[t("headline.team_planned", lang)]["value"] == number(settings["team"]["ambassadors"], lang)
