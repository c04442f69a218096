"""Deterministic synthetic people for the example campaigns and the benchmarks.

The examples' committed files were written by `write_examples()`; the benchmarks generate large
organisations with `employees_frame()` and `nominations_frame()` at run time (never committed).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

FIRST = (
    "Anna Bram Chantal Daan Eva Fatima Gijs Hanna Ilse Jeroen Karim Lotte Mohamed Noor Olaf Priya Quinten "
    "Roos Sanne Tim Umut Vera Wouter Yara Zeynep Bas Lieke Mees Sophie Thijs Emma Luuk Julia Sem Iris"
).split()
# first names by the gender an HR file gives (V/M); anyone else keeps the name drawn from FIRST
FEMALE = tuple(
    "Anna Chantal Eva Fatima Hanna Ilse Lotte Noor Priya Roos Sanne Vera Yara Zeynep Lieke Sophie Emma Julia "
    "Iris".split()
)
MALE = tuple("Bram Daan Gijs Jeroen Karim Mohamed Olaf Quinten Tim Umut Wouter Bas Mees Thijs Luuk Sem".split())
LAST = (
    "de Vries|Jansen|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|"
    "van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|El Idrissi|Yilmaz|Kaya|Nguyen|Pinas"
).split("|")


def employees_frame(n: int, departments: list[str], seed: int, start: dt.date = dt.date(2026, 9, 1)) -> pd.DataFrame:
    """n employees: id, name, department, gender, hire date, contract and contract end."""
    rng = np.random.default_rng(seed)
    ids = [f"E{i:06d}" for i in range(1, n + 1)]
    first = rng.choice(FIRST, n)
    last = rng.choice(LAST, n)
    weights = rng.uniform(0.5, 1.5, len(departments))
    department = rng.choice(departments, n, p=weights / weights.sum())
    gender = rng.choice(["V", "M", "X"], n, p=[0.52, 0.46, 0.02])
    tenure_days = rng.integers(30, 20 * 365, n)
    hire = [start - dt.timedelta(days=int(d)) for d in tenure_days]
    permanent = rng.random(n) < 0.75
    contract = np.where(permanent, "vast", "tijdelijk")
    ends = [
        None if p else start + dt.timedelta(days=int(d))
        for p, d in zip(permanent, rng.integers(30, 720, n), strict=True)
    ]
    # a name that does not go with the gender is swapped for one that does, without drawing again (the
    # other columns stay as they were)
    first = [
        (FEMALE if g == "V" else MALE)[FIRST.index(f) % len(FEMALE if g == "V" else MALE)]
        if (g == "V" and f not in FEMALE) or (g == "M" and f not in MALE)
        else f
        for f, g in zip(first, gender, strict=True)
    ]
    return pd.DataFrame(
        {
            "id": ids,
            "name": [f"{a} {b}" for a, b in zip(first, last, strict=True)],
            "department": department,
            "gender": gender,
            "hire_date": hire,
            "contract": contract,
            "contract_end": ends,
        }
    )


def nominations_frame(employees: pd.DataFrame, share: float, seed: int) -> pd.DataFrame:
    """Team leads nominate a share of employees; signals drawn per nominee, some left unknown."""
    rng = np.random.default_rng(seed)
    chosen = employees.sample(frac=share, random_state=seed).sort_values("id")
    n = len(chosen)

    def some_unknown(values: np.ndarray, p: float) -> pd.Series:
        blank = rng.random(len(values)) < p
        series = pd.Series(values, dtype="Int64" if values.dtype.kind in "iu" else object)
        return series.mask(blank, None)

    return pd.DataFrame(
        {
            "id": chosen["id"].to_numpy(),
            "nominated_by": [f"Teamleider {d}" for d in chosen["department"]],
            "social_media": some_unknown(
                rng.choice(["geen", "laag", "gemiddeld", "hoog"], n, p=[0.2, 0.3, 0.3, 0.2]), 0.1
            ),
            "network_size": some_unknown(rng.integers(20, 1500, n), 0.15),
            "social_participation": some_unknown(rng.integers(0, 8, n), 0.05),
            "learning": some_unknown(rng.integers(0, 6, n), 0.05),
            "esteem": some_unknown(rng.integers(1, 6, n), 0),
            "endorsement": rng.integers(1, 6, n),
            "engaged_critic": some_unknown(rng.choice(["ja", "nee"], n, p=[0.25, 0.75]), 0.1),
        }
    )


def _dutch_csv(frame: pd.DataFrame, path: Path, headers: dict[str, str]) -> None:
    """A Dutch HR export: semicolon separated, day-month-year dates, UTF-8 with BOM."""
    out = frame.rename(columns=headers).copy()
    for column in out.columns:
        out[column] = [
            v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else ("" if v is None else v) for v in out[column]
        ]
    out.to_csv(path, sep=";", index=False, encoding="utf-8-sig")


def write_examples(parameters: Path) -> None:
    """Write the example campaigns' people files (deterministic; run once, files are committed)."""
    teams = ["Team Oost", "Team West", "Team Centrum", "Planning en ondersteuning"]
    employees = employees_frame(30, teams, seed=7)
    nominations = nominations_frame(employees, 0.4, seed=8)
    folder = parameters / "leerprogramma"
    _dutch_csv(
        employees,
        folder / "medewerkers.csv",
        {
            "id": "Personeelsnummer",
            "name": "Naam",
            "department": "Afdeling",
            "gender": "Geslacht",
            "hire_date": "Datum in dienst",
            "contract": "Contract",
            "contract_end": "Einde contract",
        },
    )
    _dutch_csv(
        nominations,
        folder / "voordrachten.csv",
        {
            "id": "Personeelsnummer",
            "nominated_by": "Voorgedragen door",
            "social_media": "Activiteit LinkedIn",
            "network_size": "Netwerkgrootte",
            "social_participation": "Sociale activiteiten",
            "learning": "Trainingen afgerond",
            "esteem": "Aanzien in vakgebied",
            "endorsement": "Aanbeveling teamleider",
            "engaged_critic": "Betrokken criticus",
        },
    )

    departments = ["Engineering", "Operations Rotterdam", "Operations Venlo", "Sales", "Finance", "HR"]
    staff = employees_frame(420, departments, seed=11, start=dt.date(2026, 10, 5))
    staff["gender"] = staff["gender"].map({"V": "Female", "M": "Male", "X": "Non-binary"})
    staff["contract"] = staff["contract"].map({"vast": "Permanent", "tijdelijk": "Temporary"})
    staff["location"] = np.where(staff["department"].str.contains("Venlo"), "Venlo", "Rotterdam")
    picks = nominations_frame(staff, 0.1, seed=12)
    picks["social_media"] = picks["social_media"].map(
        {"geen": "none", "laag": "low", "gemiddeld": "medium", "hoog": "high", None: None}
    )
    picks["engaged_critic"] = picks["engaged_critic"].map({"ja": "yes", "nee": "no", None: None})
    folder = parameters / "employer-branding-pilot"
    staff.rename(
        columns={
            "id": "Employee ID",
            "name": "Full name",
            "department": "Department",
            "gender": "Gender",
            "hire_date": "Hire date",
            "contract": "Contract type",
            "contract_end": "Contract end date",
            "location": "location",
        }
    ).to_excel(folder / "employees.xlsx", index=False)
    picks.rename(columns={"id": "Employee ID", "nominated_by": "Nominated by"}).to_excel(
        folder / "nominations.xlsx", index=False
    )


# activity exports ----------------------------------------------------------------------------------
def _days(rng: np.random.Generator, low: int, high: int, size: int) -> np.ndarray:
    return rng.integers(low, high + 1, size=size).astype("timedelta64[D]")


def activity_frames(
    team: list[str],
    population: list[str],
    start: dt.date,
    until: dt.date,
    seed: int,
    reach: float = 0.8,
    audience: float = 1.0,
    applicant_rate: float = 1 / 120,
) -> dict[str, pd.DataFrame]:
    """Deterministic exports of a campaign from `start` to `until`, in the workbook's own column names.

    learning: colleagues brought in by an ambassador log in, start and (most) complete; a few arrive on
    their own. sharing: a post a week, shared by each ambassador with their own zeal, with clicks and
    reactions. web: visits through the shared links (utm_campaign = sharer, utm_content = post).
    recruitment: some visits turn into applicants, and a few applicants into hires.
    Vectorised, so the benchmarks can ask for millions of events.
    """
    rng = np.random.default_rng(seed)
    first, last = np.datetime64(start, "D"), np.datetime64(until, "D")
    span = int((last - first).astype(int))
    people = np.array([p for p in population if p not in set(team)], dtype=object)
    zeal = rng.beta(2, 2, size=len(team))  # how active each ambassador is
    team_arr = np.array(team, dtype=object)

    # learning
    reached = people[rng.random(len(people)) < reach]
    brought_by = team_arr[rng.choice(len(team), size=len(reached), p=zeal / zeal.sum())]
    own = rng.random(len(reached)) < 0.15  # arrived without an ambassador
    login = first + _days(rng, 10, max(11, span), len(reached))
    started = login + _days(rng, 0, 14, len(reached))
    completed = started + _days(rng, 10, 45, len(reached))
    completes = rng.random(len(reached)) < 0.75
    frames = []
    for result, dates, mask in (
        ("login", login, np.ones(len(reached), bool)),
        ("start", started, np.ones(len(reached), bool)),
        ("completion", completed, completes),
    ):
        keep = mask & (dates <= last)
        frames.append(
            pd.DataFrame(
                {
                    "date": dates[keep],
                    "employee": reached[keep],
                    "event": result,
                    "ambassador": np.where(own[keep], None, brought_by[keep]),
                }
            )
        )
    learning = pd.concat(frames, ignore_index=True).sort_values(["date", "employee"], kind="stable")

    # sharing: one post a week from the second week
    post_days = np.arange(first + 7, last + 1, 7)
    posts = np.array([f"P{i + 1:03d}" for i in range(len(post_days))], dtype=object)
    pairs = np.array([(a, p) for a in range(len(team)) for p in range(len(posts))], dtype=int).reshape(-1, 2)
    shared = pairs[rng.random(len(pairs)) < 0.15 + 0.8 * zeal[pairs[:, 0]]] if len(pairs) else pairs
    share_day = post_days[shared[:, 1]] + _days(rng, 0, 5, len(shared))
    on_time = share_day <= last
    shared, share_day = shared[on_time], share_day[on_time]
    clicks = rng.poisson((6 + 20 * zeal[shared[:, 0]]) * audience)
    sharing = pd.DataFrame(
        {
            "date": share_day,
            "ambassador": team_arr[shared[:, 0]],
            "post": posts[shared[:, 1]],
            "shares": 1,
            "clicks": clicks,
            "reactions": rng.poisson(4 + 10 * zeal[shared[:, 0]]),
        }
    ).sort_values(["date", "ambassador"], kind="stable")

    # web: the clicks arrive as sessions over the first three days after a share
    spread = rng.multinomial(1, [0.6, 0.25, 0.15], size=len(sharing)).argmax(axis=1)
    web = pd.DataFrame(
        {
            "date": sharing["date"].to_numpy() + spread.astype("timedelta64[D]"),
            "ambassador": sharing["ambassador"].to_numpy(),
            "post": sharing["post"].to_numpy(),
            "medium": "employee_advocacy",
            "visits": np.maximum(0, (sharing["clicks"].to_numpy() * 0.85).round().astype(int)),
        }
    )
    web = web[(web["date"] <= last) & (web["visits"] > 0)].sort_values(["date", "ambassador"], kind="stable")

    # recruitment: about one applicant per 120 visits, one hire per five applicants a month later
    applicants = rng.binomial(web["visits"].to_numpy(), applicant_rate)
    rows = np.repeat(np.arange(len(web)), applicants)
    applied = web["date"].to_numpy()[rows] + _days(rng, 0, 7, len(rows))
    candidates = np.array([f"C{seed % 100:02d}{i + 1:05d}" for i in range(len(rows))], dtype=object)
    referrer = web["ambassador"].to_numpy()[rows]
    hired = rng.random(len(rows)) < 0.2
    hire_day = applied + _days(rng, 21, 40, len(rows))
    recruitment = pd.concat(
        [
            pd.DataFrame({"date": applied, "candidate": candidates, "ambassador": referrer, "stage": "applicant"}),
            pd.DataFrame(
                {
                    "date": hire_day[hired],
                    "candidate": candidates[hired],
                    "ambassador": referrer[hired],
                    "stage": "hire",
                }
            ),
        ],
        ignore_index=True,
    )
    recruitment = recruitment[recruitment["date"] <= last].sort_values(["date", "candidate"], kind="stable")
    out = {"learning": learning, "sharing": sharing, "web": web, "recruitment": recruitment}
    for frame in out.values():
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
        frame.reset_index(drop=True, inplace=True)
    return out


def colleague_shares(
    departments: pd.Series,
    team: list[str],
    sharing: pd.DataFrame,
    start: dt.date,
    until: dt.date,
    rates: tuple[float, float, float],
    seed: int,
) -> pd.DataFrame:
    """Colleagues (not on the team) who share the campaign's posts too, in the sharing frame's columns:
    the oil spot. Who joins in which week follows the workbook's own spread model (campaign_kit.spread)
    with weekly rates (p, q, r) per department; each joins by sharing a post the team shared that week
    or before, and some share a later one again. `departments`: employee id -> department."""
    from campaign_kit.spread.model import Rates, simulate

    rng = np.random.default_rng(seed)
    names = sorted(departments.unique())
    in_team = departments.index.isin(team)
    sizes = np.array([int((departments == d).sum()) for d in names])
    crew = np.array([int(((departments == d) & in_team).sum()) for d in names])
    weeks = ((until - start).days + 1) // 7
    runs = simulate(Rates(*rates, 0.2), sizes - crew, crew, weeks, 1, rng)[0]  # (weeks + 1, departments)
    new = np.diff(runs, axis=0)
    posted = sharing.groupby("post")["date"].min().sort_values()
    rows = []
    for d, name in enumerate(names):
        free = list(departments.index[(departments == name) & ~in_team])
        for week in range(weeks):
            for _ in range(int(new[week, d])):
                who = free.pop(int(rng.integers(len(free))))
                day = start + dt.timedelta(days=7 * week + int(rng.integers(7)))
                ready = posted[posted <= day]
                if ready.empty:
                    continue  # nothing shared yet to pass on
                for again in range(1 + int(rng.random() < 0.3)):  # three in ten share a second post later
                    when = day + dt.timedelta(days=int(rng.integers(7, 28)) * again)
                    if when > until:
                        break
                    post = ready.index[-1] if not again else rng.choice(posted[posted <= when].index)
                    rows.append((when, who, post, 1, int(rng.poisson(4)), int(rng.poisson(2))))
    columns = ["date", "ambassador", "post", "shares", "clicks", "reactions"]
    return pd.DataFrame(rows, columns=columns)


# the pilot's colleagues: posters and mail (p), word of mouth (q) and each ambassador (r), per week
PILOT_SPREAD = (0.0005, 0.1, 0.15)

# the examples' posts as people read them (the exports and the reports name them P001, P002, ...)
EXAMPLE_POSTS = {
    "leerprogramma": [
        "Waarom ik de module Dementie deed",
        "Veilig tillen: 5 tips uit de training",
        "Leren in je eigen tempo, ook in de nachtdienst",
        "Medicatie veilig: wat ik anders doe",
        "Een jaar leerprogramma in Wijkteam Oost",
        "Vraag het een ambassadeur",
        "Inschrijven voor de najaarsmodules",
        "Collega's vertellen: de eerste module",
        "Terugblik op de leerdag",
        "Nieuwe module: omgaan met agressie",
        "Certificaat gehaald!",
        "Het leerplatform op je telefoon",
    ],
    "employer-branding-pilot": [
        "Meet the Venlo plant team",
        "Why I stayed ten years: maintenance",
        "Open day on 7 November",
        "Vacancy: process operator, night shift",
        "Our referral bonus explained",
        "A day with our lab technicians",
        "Graduate programme 2027",
        "Team video: Finance goes outdoors",
    ],
}


def example_post_titles(slug: str) -> dict[str, str]:
    return {f"P{i:03d}": title for i, title in enumerate(EXAMPLE_POSTS[slug], start=1)}


def write_example_activity(parameters: Path) -> None:
    """The examples' activity exports up to their mid-term, as each source system would export them."""
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.phases.selection.analysis import analyse

    for slug in ("leerprogramma", "employer-branding-pilot"):
        folder = parameters / slug
        campaign = load_campaign(folder)
        analysis = analyse(campaign)
        team = sorted(analysis.team_ids)
        population = sorted(analysis.people.employees["id"])
        pilot = slug != "leerprogramma"  # LinkedIn networks: a larger audience per share
        frames = activity_frames(
            team,
            population,
            campaign.start,
            dt.date(2026, 11, 30),
            seed=len(slug),
            audience=5.0 if pilot else 1.0,
            applicant_rate=1 / 250,
        )
        (folder / "activiteit" if slug == "leerprogramma" else folder / "activity").mkdir(exist_ok=True)
        if slug == "leerprogramma":
            # the learning platform's monthly exports (Dutch, semicolon) and the intranet app's shares
            learning = frames["learning"].assign(
                event=frames["learning"]["event"].map({"login": "Inlog", "start": "Gestart", "completion": "Afgerond"})
            )
            months = pd.to_datetime(learning["date"]).dt.strftime("%Y-%m")
            for month in sorted(months.unique()):
                _dutch_csv(
                    learning[months == month],
                    folder / "activiteit" / f"leerplatform-{month}.csv",
                    {
                        "date": "Datum",
                        "employee": "Medewerker",
                        "event": "Gebeurtenis",
                        "ambassador": "Via ambassadeur",
                    },
                )
            sharing = frames["sharing"].drop(columns=["shares"])
            _dutch_csv(
                sharing,
                folder / "activiteit" / "teamapp-delen.csv",
                {
                    "date": "Gedeeld op",
                    "ambassador": "Ambassadeur",
                    "post": "Bericht",
                    "clicks": "Kliks",
                    "reactions": "Reacties",
                },
            )
            # the intranet app exports ids only: the communications team keeps the titles in a list
            titles = example_post_titles(slug)
            shared = sorted(set(sharing["post"]))
            _dutch_csv(
                pd.DataFrame({"post": shared, "title": [titles[p] for p in shared]}),
                folder / "activiteit" / "berichten.csv",
                {"post": "Bericht", "title": "Titel"},
            )
        else:
            titles = example_post_titles(slug)  # the advocacy platform exports each post's title
            # colleagues pass the posts on too (the oil spot the mid-term fits): the platform's export
            # lists every user's shares, the team's and theirs, by date
            departments = analysis.people.employees.set_index("id")["department"]
            others = colleague_shares(
                departments, team, frames["sharing"], campaign.start, dt.date(2026, 11, 30), PILOT_SPREAD, seed=3
            )
            sharing = pd.concat([frames["sharing"], others], ignore_index=True).sort_values("date", kind="stable")
            sharing.assign(title=[titles[p] for p in sharing["post"]]).rename(
                columns={
                    "date": "Shared at",
                    "ambassador": "User ID",
                    "post": "Post ID",
                    "shares": "Shares",
                    "clicks": "Clicks",
                    "reactions": "Engagements",
                    "title": "Post title",
                }
            ).to_excel(folder / "activity" / "advocacy-shares.xlsx", index=False)
            web = frames["web"].assign(date=[d.strftime("%Y%m%d") for d in frames["web"]["date"]])
            web.rename(
                columns={
                    "date": "Date",
                    "ambassador": "Session campaign",
                    "post": "Session manual ad content",
                    "medium": "Session medium",
                    "visits": "Sessions",
                }
            ).to_csv(folder / "activity" / "ga4-sessions.csv", index=False)
            recruitment = frames["recruitment"].rename(
                columns={
                    "date": "Application date",
                    "candidate": "Candidate ID",
                    "ambassador": "Referrer",
                    "stage": "Stage",
                }
            )
            recruitment["Stage"] = recruitment["Stage"].map({"applicant": "Applied", "hire": "Hired"})
            recruitment["Application date"] = pd.to_datetime(recruitment["Application date"])
            write_parquet(recruitment, folder / "activity" / "ats-referrals.parquet")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Parquet through DuckDB (the workbook does not need pyarrow for anything else)."""
    import duckdb

    con = duckdb.connect()
    con.register("frame", frame)
    con.execute(f"COPY frame TO '{path.as_posix()}' (FORMAT parquet)")
    con.close()
