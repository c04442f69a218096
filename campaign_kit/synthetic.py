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
