"""An agent-level oil-spot campaign, to test the model's fit and plans by a route other than the
model's own formula: every colleague is a person, and adoption comes from contacts between people.

Each week, from the state at the week's start:
- each colleague still to win sees the posters and mail, and adopts from them with chance 1 - exp(-p);
- each colleague who adopted talks to Poisson(q) colleagues, in their own department with chance
  1 - cross and anywhere in the group otherwise; a colleague still to win who is talked to adopts;
- each ambassador approaches Poisson(r) colleagues of their own department, who adopt when still to win.
"""

from __future__ import annotations

import numpy as np


def run_campaign(
    sizes: list[int],
    ambassadors: list[int],
    p: float,
    q: float,
    r: float,
    cross: float,
    weeks: int,
    rng: np.random.Generator,
    active_from: int = 0,
) -> np.ndarray:
    """New adopters per week and department, (weeks, departments); ambassadors are not counted, and
    they start approaching colleagues in week `active_from` (counted from 0)."""
    dept = np.concatenate([np.full(n - a, d) for d, (n, a) in enumerate(zip(sizes, ambassadors, strict=True))])
    members = [np.flatnonzero(dept == d) for d in range(len(sizes))]
    adopted = np.zeros(dept.size, dtype=bool)
    out = np.zeros((weeks, len(sizes)), dtype=np.int64)
    for week in range(weeks):
        reached = rng.random(dept.size) < -np.expm1(-p)
        for person in np.flatnonzero(adopted):
            for _ in range(rng.poisson(q)):
                within = rng.random() >= cross
                pool = members[dept[person]] if within else None
                target = rng.choice(pool) if pool is not None else rng.integers(dept.size)
                reached[target] = True
        for d, a in enumerate(ambassadors):
            if members[d].size and week >= active_from:
                targets = rng.choice(members[d], size=rng.poisson(r * a))
                reached[targets] = True
        newly = reached & ~adopted
        out[week] = np.bincount(dept[newly], minlength=len(sizes))
        adopted |= newly
    return out
