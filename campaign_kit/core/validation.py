"""Loading `campaign.yaml` with every problem reported at once, each with file, line and key path.

Two layers, both always run: pydantic checks types and required keys field by field; `cross_checks`
checks what relates fields to each other (dates inside the campaign, references between KPIs and actions, unique
ids). Both report through `Problem`, so the command line, the forms and the notebooks show the same
messages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.model import Campaign
from campaign_kit.core.paths import CAMPAIGN_FILE, resolve_campaign_dir

Loc = Sequence[str | int]


def _timestamp_or_text(constructor: RoundTripConstructor, node: Any) -> Any:
    """An impossible date such as 2026-31-09 stays text, so validation can name its line and key."""
    try:
        return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


class _Constructor(RoundTripConstructor):
    pass


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def round_trip_yaml() -> YAML:
    """The one YAML configuration used to read and write parameter files (keeps comments and order)."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def format_loc(loc: Loc) -> str:
    """('kpis', 2, 'deadline') -> 'kpis[2].deadline'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def line_of(data: Any, loc: Loc) -> int | None:
    """1-based line of the deepest part of `loc` that exists in the round-trip data."""
    line = None
    node = data
    for part in loc:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if value else "an empty text"
    if value is None:
        return "an empty value"
    return str(value)


_EXPECTED = {
    "date": "a date as YYYY-MM-DD, e.g. 2027-03-01",
    "int": "a whole number",
    "float": "a number (use a dot for decimals in YAML, e.g. 2.5)",
    "bool": "true or false",
    "string": "a text",
    "list": "a list (lines starting with '- ')",
    "model": "a mapping of keys and values",
    "dict": "a mapping of keys and values",
}


def friendly_message(error: dict[str, Any], allowed_keys: Iterable[str] = ()) -> str:
    """Turn one pydantic error into 'what is wrong; what is expected'."""
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(allowed_keys))
        return f"unknown key; expected one of: {allowed}" if allowed else "unknown key"
    if kind == "literal_error":
        return f"{_show(value)} is not allowed; expected one of {ctx.get('expected', '')}"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        word = "more than" if kind == "greater_than" else "at least"
        return f"{_show(value)} is too small; expected a number {word} {bound}"
    if kind == "string_too_short":
        return "is empty; expected a text"
    if kind == "string_pattern_mismatch":
        return f"{_show(value)} is not a valid id; expected letters, digits, '-', '_' or '.' only"
    for prefix, expected in _EXPECTED.items():
        if kind.startswith(prefix):
            if value is None or value == "":
                return f"is empty; expected {expected}"
            return f"{_show(value)} is not valid; expected {expected}"
    if kind.endswith("_type"):
        return f"{_show(value)} has the wrong type: {error.get('msg', '')}"
    return f"{_show(value)}: {error.get('msg', 'invalid')}"


def _allowed_keys(loc: Loc) -> list[str]:
    """Field names of the model that owns the key at `loc` (for 'unknown key' messages)."""
    model: Any = Campaign
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        model = next((c for c in candidates if hasattr(c, "model_fields")), None)
        if model is None:
            return []
    return list(model.model_fields)


def problems_from_validation_error(exc: ValidationError, data: Any, file: str) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = [part for part in error["loc"] if not (isinstance(part, str) and "[" in part)]
        message = friendly_message(error, _allowed_keys(loc))
        if loc and loc[-1] == "currency" and error["type"].startswith("string_"):
            message = f"{_show(error.get('input'))} is not valid; expected a currency code in capitals, e.g. EUR"
        problems.append(Problem(file=file, key=format_loc(loc), message=message, line=line_of(data, loc)))
    return problems


def _day(value: Any) -> dt.date | None:
    """A date from raw data, or None when it is missing or malformed (pydantic reports that)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _items(data: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    seq = data.get(key)
    if not isinstance(seq, list):
        return []
    return [(i, item) for i, item in enumerate(seq) if isinstance(item, Mapping)]


def cross_checks(data: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Checks that relate fields to each other, on the raw data so that they run even when some field
    has the wrong type (every problem is reported in one go). Returns (key path, message) pairs."""
    found: list[tuple[Loc, str]] = []
    start, end = _day(data.get("start")), _day(data.get("end"))
    period_ok = start is not None and end is not None and end > start
    if start is not None and end is not None and end <= start:
        found.append((("end",), f"{end} is not after the campaign start {start}; expected a later date"))

    def inside(loc: Loc, day: dt.date | None, what: str, before_start_ok: bool = False) -> None:
        if day is None or not period_ok:
            return
        if day > end:
            found.append((loc, f"{day} is after the campaign end {end}; expected a {what} inside the campaign"))
        elif day < start and not before_start_ok:
            found.append((loc, f"{day} is before the campaign start {start}; expected a {what} inside the campaign"))

    kpis = _items(data, "kpis")
    kpi_ids: dict[str, int] = {}
    for i, kpi in kpis:
        kpi_id = _text(kpi.get("id"))
        if kpi_id in kpi_ids:
            found.append((("kpis", i, "id"), f"duplicate id {kpi_id!r}; kpis[{kpi_ids[kpi_id]}] has it too"))
        elif kpi_id:
            kpi_ids[kpi_id] = i
        inside(("kpis", i, "deadline"), _day(kpi.get("deadline")), "deadline")
    known = ", ".join(kpi_ids) or "none defined"
    parents: dict[str, str] = {}
    for i, kpi in kpis:
        parent, kpi_id = _text(kpi.get("parent")), _text(kpi.get("id"))
        if parent is None:
            continue
        if parent not in kpi_ids:
            found.append((("kpis", i, "parent"), f"unknown KPI {parent!r}; expected one of: {known}"))
        elif parent == kpi_id:
            found.append((("kpis", i, "parent"), "a KPI cannot be its own parent"))
        elif kpi_id:
            parents[kpi_id] = parent
    for i, kpi in kpis:
        kpi_id = _text(kpi.get("id"))
        seen = [kpi_id]
        current = parents.get(kpi_id)
        while current is not None and current not in seen:
            seen.append(current)
            current = parents.get(current)
        if kpi_id and current == kpi_id:
            chain = " -> ".join([*seen, kpi_id])
            found.append((("kpis", i, "parent"), f"the parents form a loop ({chain}); expected a tree"))

    action_ids: dict[str, int] = {}
    for i, action in _items(data, "actions"):
        action_id = _text(action.get("id"))
        if action_id in action_ids:
            found.append(
                (("actions", i, "id"), f"duplicate id {action_id!r}; actions[{action_ids[action_id]}] has it too")
            )
        elif action_id:
            action_ids[action_id] = i
        kpi_ref = _text(action.get("kpi"))
        if kpi_ref is not None and kpi_ref not in kpi_ids:
            found.append((("actions", i, "kpi"), f"unknown KPI {kpi_ref!r}; expected one of: {known}"))
        due, begin = _day(action.get("due")), _day(action.get("start"))
        # preparation (a call for volunteers, the invitation mail) may come before the start
        inside(("actions", i, "due"), due, "due date", before_start_ok=True)
        if begin is not None and due is not None and begin > due:
            found.append((("actions", i, "start"), f"{begin} is after the due date {due}; expected an earlier date"))
    for i, checkpoint in _items(data, "checkpoints"):
        inside(("checkpoints", i, "date"), _day(checkpoint.get("date")), "date")

    found.extend(_reward_checks(data))

    # phase 4: what a KPI counts must exist for its result; meetings happen during the campaign
    people_results, post_results = (
        {"login", "start", "completion", "applicant", "hire"},
        {"share", "click", "reaction", "visit"},
    )
    for i, kpi in kpis:
        measure = kpi.get("measure")
        if not isinstance(measure, Mapping):
            continue
        result, count = measure.get("result"), measure.get("count")
        if count == "people" and result in post_results:
            found.append(
                (
                    ("kpis", i, "measure", "count"),
                    f"people cannot be counted for {result} (the exports name no person "
                    "for it); expected events, ambassadors or posts",
                )
            )
        if count == "posts" and result in people_results:
            found.append(
                (
                    ("kpis", i, "measure", "count"),
                    f"posts cannot be counted for {result}; expected events, people or ambassadors",
                )
            )
    activity = data.get("activity")
    if isinstance(activity, Mapping):
        for i, meeting in _items(activity, "meetings"):
            day = _day(meeting.get("date"))
            if day is not None and period_ok and (day < start or day > end):
                found.append(
                    (
                        ("activity", "meetings", i, "date"),
                        f"{day} is outside the campaign ({start} – {end}); expected a date inside it",
                    )
                )
        ambassadors_seen: dict[str, int] = {}
        listed = activity.get("ambassadors")
        for i, who in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(who, str):
                continue  # the model reports the type
            if who in ambassadors_seen:
                found.append((("activity", "ambassadors", i), f"duplicate id {who!r}; expected each ambassador once"))
            ambassadors_seen.setdefault(who, i)

    found.extend(_evaluation_checks(data, start if period_ok else None))

    team, population = data.get("team"), data.get("population")
    ambassadors = _number(team.get("ambassadors")) if isinstance(team, Mapping) else None
    size = _number(population.get("size")) if isinstance(population, Mapping) else None
    if ambassadors is not None and size is not None and ambassadors > size:
        found.append(
            (
                ("team", "ambassadors"),
                f"{ambassadors} ambassadors is more than the population of {size}; expected at most {size}",
            )
        )
    return found


def _evaluation_checks(data: Mapping[str, Any], start: dt.date | None) -> list[tuple[Loc, str]]:
    """Phase 5: the earned-media method has the rates it multiplies; nothing dated before the campaign."""
    found: list[tuple[Loc, str]] = []
    evaluation = data.get("evaluation")
    if not isinstance(evaluation, Mapping):
        return found
    media = evaluation.get("earned_media")
    if isinstance(media, Mapping):
        method = media.get("method", "cpc")
        needs = {
            "cpc": ("cost_per_click",),
            "cpm_cpc": ("cpm", "cost_per_click"),
            "points": ("cost_per_point", "points"),
        }
        for key in needs.get(method, ()):
            if media.get(key) in (None, {}, ""):
                found.append(
                    (("evaluation", "earned_media", key), f"is missing; the {method} method needs it (expected a rate)")
                )
    for loc, day in [(("evaluation", "session_date"), _day(evaluation.get("session_date")))] + [
        (("evaluation", "testimonials", i, "date"), _day(item.get("date")))
        for i, item in _items(evaluation, "testimonials")
    ]:
        if day is not None and start is not None and day < start:
            found.append((loc, f"{day} is before the campaign start {start}; expected a later date"))
    return found


def _team_size(data: Mapping[str, Any]) -> float | None:
    """The team rewards are for: from the selection rules when phase 2 is set up, else the plan."""
    selection, population = data.get("selection"), data.get("population")
    rules = selection.get("team") if isinstance(selection, Mapping) else None
    size = _number(population.get("size")) if isinstance(population, Mapping) else None
    if isinstance(selection, Mapping):
        rules = rules if isinstance(rules, Mapping) else {}
        ratio, minimum, maximum = (_number(rules.get(k)) for k in ("ratio", "minimum", "maximum"))
        minimum = 5 if minimum is None else minimum
        team = max(minimum, math.ceil(size / ratio)) if ratio and size else minimum
        return min(team, maximum) if maximum else team
    team = data.get("team")
    return _number(team.get("ambassadors")) if isinstance(team, Mapping) else None


def _reward_checks(data: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Caps that make a reward impossible, one currency, performance ranges in order, prize places."""
    rewards = data.get("rewards")
    if not isinstance(rewards, Mapping):
        return []
    found: list[tuple[Loc, str]] = []
    currency = rewards.get("currency")
    for section in ("rules", "prizes", "fixed_costs"):
        for i, item in _items(rewards, section):
            other = item.get("currency")
            if isinstance(other, str) and isinstance(currency, str) and other != currency:
                found.append(
                    (
                        ("rewards", section, i, "currency"),
                        f"{other} differs from the budget's currency {currency}; expected {currency}",
                    )
                )
    for i, rule in _items(rewards, "rules"):
        amount = _number(rule.get("amount"))
        for cap in ("cap_per_ambassador", "cap_per_period"):
            limit = _number(rule.get(cap))
            if amount is not None and limit is not None and limit < amount:
                found.append(
                    (
                        ("rewards", "rules", i, cap),
                        f"{limit} is below a single reward of {amount}; expected at least {amount}",
                    )
                )
    places = [(i, _number(p.get("place"))) for i, p in _items(rewards, "prizes")]
    seen: dict[float, int] = {}
    for i, place in places:
        if place is None:
            continue
        if place in seen:
            found.append((("rewards", "prizes", i, "place"), f"place {place:g} has two prizes; expected one"))
        seen[place] = i
    ambassadors = _team_size(data)
    for i, place in places:
        if place is not None and ambassadors is not None and place > ambassadors:
            found.append(
                (
                    ("rewards", "prizes", i, "place"),
                    f"place {place:g} needs more ambassadors than the team of {ambassadors:g}; "
                    f"expected at most {ambassadors:g}",
                )
            )
    performance = rewards.get("performance")
    for i, rule in _items(rewards, "rules"):
        result = rule.get("result")
        if isinstance(result, str) and not (isinstance(performance, Mapping) and result in performance):
            found.append(
                (
                    ("rewards", "rules", i, "result"),
                    f"no expected performance for {result!r}; expected rewards.performance.{result} with "
                    "pessimistic, expected and optimistic results per ambassador",
                )
            )
    if isinstance(performance, Mapping):
        for result, spec in performance.items():
            if not isinstance(spec, Mapping):
                continue
            low, mid, high = (_number(spec.get(k)) for k in ("pessimistic", "expected", "optimistic"))
            if None not in (low, mid, high) and not low <= mid <= high:
                found.append(
                    (
                        ("rewards", "performance", result),
                        f"{low:g} / {mid:g} / {high:g} is out of order; expected pessimistic <= expected <= optimistic",
                    )
                )
    for i, cost in _items(rewards, "fixed_costs"):
        has_amount = cost.get("amount") is not None
        has_hours = cost.get("hours") is not None or cost.get("rate") is not None
        if has_amount == has_hours or (has_hours and (cost.get("hours") is None or cost.get("rate") is None)):
            found.append(
                (("rewards", "fixed_costs", i), "expected either an amount, or hours with a rate (organisers' time)")
            )
    return found


def read_yaml(path: Path, label: str | None = None) -> Any:
    """Read a YAML file round-trip; malformed YAML becomes a Problem with its line."""
    label = label or path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CampaignError(Problem(file=label, key="", message="file not found")) from None
    return parse_yaml_bytes(raw, label)


def parse_yaml_bytes(raw: bytes, label: str) -> Any:
    """Parse YAML text (UTF-8, with or without BOM); malformed YAML becomes a Problem with its line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CampaignError(
            Problem(file=label, key="", message=f"cannot be read as UTF-8 text ({exc.reason}); save it as UTF-8")
        ) from None
    try:
        return round_trip_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or "malformed YAML").strip()
        raise CampaignError(
            Problem(file=label, key="", message=f"malformed YAML: {what}; check indentation and colons", line=line)
        ) from None
    except YAMLError as exc:
        raise CampaignError(Problem(file=label, key="", message=f"malformed YAML: {exc}")) from None


def validate_data(data: Any, label: str = CAMPAIGN_FILE) -> Campaign:
    """Validate already-read YAML data; raise CampaignError listing every problem."""
    if data is None:
        raise CampaignError(Problem(file=label, key="", message="the file is empty; expected campaign settings"))
    if not isinstance(data, dict):
        raise CampaignError(
            Problem(
                file=label,
                key="",
                message="expected a mapping of keys (name:, start:, ...) at the top",
                line=1,
            )
        )
    problems: list[Problem] = []
    campaign = None
    try:
        campaign = Campaign.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation_error(exc, data, label)
    flagged = {p.key for p in problems}
    problems += [
        Problem(file=label, key=format_loc(loc), message=message, line=line_of(data, loc))
        for loc, message in cross_checks(data)
        if format_loc(loc) not in flagged
    ]
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        raise CampaignError(problems)
    assert campaign is not None
    return campaign


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_campaign(campaign: str | Path) -> Campaign:
    """Load and validate a campaign by folder path or name under parameters/."""
    folder = resolve_campaign_dir(campaign)
    path = folder / CAMPAIGN_FILE
    if not path.is_file():
        raise CampaignError(
            Problem(
                file=str(campaign),
                key="",
                message=f"no campaign found; expected a folder with {CAMPAIGN_FILE} or a name under parameters/",
            )
        )
    label = display_path(path)
    model = validate_data(read_yaml(path, label), label)
    model._folder = folder
    return model
