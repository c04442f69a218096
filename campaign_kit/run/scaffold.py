"""`campaign new`: a new campaign folder from the template, ready to fill in."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.paths import CAMPAIGN_FILE, PACKAGE_DIR, parameters_dir
from campaign_kit.core.storage import atomic_write_text
from campaign_kit.core.validation import read_yaml, validate_data

TEMPLATES = PACKAGE_DIR / "run" / "templates" / "campaign"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def _yaml_value(value: object) -> str:
    if value is None or value == "":
        return "null" if not isinstance(value, str) else '""'
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML scalar


def render_template(slug: str, **values: object) -> str:
    fields = {
        "slug": slug,
        "name": values.get("name") or slug.replace("-", " ").capitalize(),
        "organisation": values.get("organisation") or "",
        "language": values.get("language") or "en",
        "start": values.get("start"),
        "end": values.get("end"),
        "population_description": values.get("population_description") or "",
        "population_size": values.get("population_size"),
        "ambassadors": values.get("ambassadors") or 5,
        "hours_per_month": values.get("hours_per_month"),
        "goal": values.get("goal") or "",
    }
    rendered = {k: (v if k == "slug" else _yaml_value(v)) for k, v in fields.items()}
    if fields["start"] is None:
        rendered["start"] = "null"
    if fields["end"] is None:
        rendered["end"] = "null"
    if fields["population_size"] is None:
        rendered["population_size"] = "null"
    if fields["hours_per_month"] is None:
        rendered["hours_per_month"] = "null"
    template = TEMPLATES / f"campaign.{fields['language']}.yaml"
    if not template.is_file():  # a language added by its catalogue alone: English comments, its own labels
        template = TEMPLATES / "campaign.en.yaml"
    return template.read_text(encoding="utf-8").format(**rendered)


def new_campaign(slug: str, root: Path | None = None, **values: object) -> tuple[Path, list[Problem]]:
    """Create parameters/<slug>/campaign.yaml. Returns its path and what is still to fill in."""
    if not SLUG.match(slug):
        raise CampaignError(Problem.of(slug, "", "error.bad_slug"))
    folder = (root or parameters_dir()) / slug
    if folder.exists():
        raise CampaignError(Problem.of(str(folder), "", "error.exists"))
    text = render_template(slug, **values)
    folder.mkdir(parents=True)
    path = folder / CAMPAIGN_FILE
    atomic_write_text(path, text)
    try:
        validate_data(read_yaml(path, str(path)), str(path))
        return path, []
    except CampaignError as exc:
        return path, exc.problems
