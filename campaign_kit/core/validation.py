"""Loading `campaign.yaml` with every problem reported at once, each with file, line and key path.

Two layers, both always run: pydantic checks types and required keys field by field; `cross_checks`
checks what relates fields to each other (dates inside the campaign, references between KPIs and actions, unique
ids). Both report through `Problem`, so the command line, the forms and the notebooks show the same
messages.
"""

from __future__ import annotations

import datetime as dt
import difflib
import glob
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from campaign_kit.core.errors import CampaignError, Label, Problem
from campaign_kit.core.i18n import LANGUAGES, SOURCE_LANGUAGE
from campaign_kit.core.model import RESULT_TYPES, Campaign
from campaign_kit.core.paths import CAMPAIGN_FILE, parameters_dir, resolve_campaign_dir

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


def _show(value: Any) -> str | Label:
    """A value as the message quotes it (the file's own words are never translated)."""
    if isinstance(value, str):
        return repr(value) if value else Label("value.empty_text")
    if value is None:
        return Label("value.empty")
    return str(value)


_EXPECTED = {
    "date": Label("expected.date"),
    "int": Label("expected.int"),
    "float": Label("expected.float"),
    "bool": Label("expected.bool"),
    "string": Label("expected.string"),
    "list": Label("expected.list"),
    "model": Label("expected.mapping"),
    "dict": Label("expected.mapping"),
}


def friendly_message(error: dict[str, Any], allowed_keys: Iterable[str] = ()) -> tuple[str, dict[str, Any]]:
    """Turn one pydantic error into 'what is wrong; what is expected': a catalogue label and its values."""
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "error.required", {}
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(allowed_keys))
        return ("error.unknown_key_of", {"allowed": allowed}) if allowed else ("error.unknown_key", {})
    if kind == "literal_error":
        options = ", ".join(re.findall(r"'[^']*'", str(ctx.get("expected", "")))) or str(ctx.get("expected", ""))
        return "error.not_allowed", {"value": _show(value), "options": options}
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        label = "error.too_small.more_than" if kind == "greater_than" else "error.too_small.at_least"
        return label, {"value": _show(value), "bound": bound}
    if kind == "string_too_short":
        return "error.empty", {"expected": Label("expected.string")}
    if kind == "string_pattern_mismatch":
        return "error.bad_id", {"value": _show(value)}
    for prefix, expected in _EXPECTED.items():
        if kind.startswith(prefix):
            if value is None or value == "":
                return "error.empty", {"expected": expected}
            return "error.not_valid", {"value": _show(value), "expected": expected}
    if kind.endswith("_type"):
        return "error.wrong_type", {"value": _show(value), "detail": error.get("msg", "")}
    return "error.other", {"value": _show(value), "detail": error.get("msg", "invalid")}


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
        label, values = friendly_message(error, _allowed_keys(loc))
        if loc and loc[-1] == "currency" and error["type"].startswith("string_"):
            label = "error.not_valid"
            values = {"value": _show(error.get("input")), "expected": Label("expected.currency")}
        problems.append(Problem.of(file, format_loc(loc), label, line_of(data, loc), **values))
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


# a colleague adopts at their first event of this result: the exports name the colleague for these
# (a share: whoever shared); a click or a visit names nobody, an applicant or a hire is no colleague
ADOPTION_RESULTS = ("login", "start", "completion", "share")


def _spread_checks(data: Mapping[str, Any], start: dt.date | None) -> list[tuple[Loc, str, dict[str, Any]]]:
    """The oil-spot planner's section: an adoption the exports can attribute to a colleague, and a
    target date after the start that comes with a share to reach."""
    spread = data.get("spread")
    if not isinstance(spread, Mapping):
        return []
    found: list[tuple[Loc, str, dict[str, Any]]] = []
    adoption = spread.get("adoption")
    if isinstance(adoption, str) and adoption not in ADOPTION_RESULTS and adoption in RESULT_TYPES:
        found.append(
            (
                ("spread", "adoption"),
                "error.spread_adoption",
                {"result": adoption, "expected": ", ".join(ADOPTION_RESULTS)},
            )
        )
    by = _day(spread.get("by"))
    if by is not None and spread.get("reach") is None:
        found.append((("spread", "by"), "error.spread_by_without_reach", {}))
    if by is not None and start is not None and by <= start:
        found.append((("spread", "by"), "error.spread_by_before_start", {"day": by, "start": start}))
    return found


def cross_checks(data: Mapping[str, Any]) -> list[tuple[Loc, str, dict[str, Any]]]:
    """Checks that relate fields to each other, on the raw data so that they run even when some field
    has the wrong type (every problem is reported in one go). Returns (key path, message) pairs."""
    found: list[tuple[Loc, str, dict[str, Any]]] = []
    start, end = _day(data.get("start")), _day(data.get("end"))
    period_ok = start is not None and end is not None and end > start
    if start is not None and end is not None and end <= start:
        found.append((("end",), "error.end_before_start", {"end": end, "start": start}))

    def inside(loc: Loc, day: dt.date | None, what: str, before_start_ok: bool = False) -> None:
        if day is None or not period_ok:
            return
        if day > end:
            found.append((loc, f"error.after_end.{what}", {"day": day, "end": end}))
        elif day < start and not before_start_ok:
            found.append((loc, f"error.before_start.{what}", {"day": day, "start": start}))

    kpis = _items(data, "kpis")
    kpi_ids: dict[str, int] = {}
    for i, kpi in kpis:
        kpi_id = _text(kpi.get("id"))
        if kpi_id in kpi_ids:
            other = f"kpis[{kpi_ids[kpi_id]}]"
            found.append((("kpis", i, "id"), "error.duplicate_id", {"id": repr(kpi_id), "other": other}))
        elif kpi_id:
            kpi_ids[kpi_id] = i
        inside(("kpis", i, "deadline"), _day(kpi.get("deadline")), "deadline")
    known = ", ".join(kpi_ids) or Label("value.none_defined")
    parents: dict[str, str] = {}
    for i, kpi in kpis:
        parent, kpi_id = _text(kpi.get("parent")), _text(kpi.get("id"))
        if parent is None:
            continue
        if parent not in kpi_ids:
            found.append((("kpis", i, "parent"), "error.unknown_kpi", {"kpi": repr(parent), "known": known}))
        elif parent == kpi_id:
            found.append((("kpis", i, "parent"), "error.own_parent", {}))
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
            found.append((("kpis", i, "parent"), "error.parent_loop", {"chain": chain}))

    action_ids: dict[str, int] = {}
    for i, action in _items(data, "actions"):
        action_id = _text(action.get("id"))
        if action_id in action_ids:
            found.append(
                (
                    ("actions", i, "id"),
                    "error.duplicate_id",
                    {"id": repr(action_id), "other": f"actions[{action_ids[action_id]}]"},
                )
            )
        elif action_id:
            action_ids[action_id] = i
        kpi_ref = _text(action.get("kpi"))
        if kpi_ref is not None and kpi_ref not in kpi_ids:
            found.append((("actions", i, "kpi"), "error.unknown_kpi", {"kpi": repr(kpi_ref), "known": known}))
        due, begin = _day(action.get("due")), _day(action.get("start"))
        # preparation (a call for volunteers, the invitation mail) may come before the start
        inside(("actions", i, "due"), due, "due", before_start_ok=True)
        if begin is not None and due is not None and begin > due:
            found.append((("actions", i, "start"), "error.start_after_due", {"start": begin, "due": due}))
    for i, checkpoint in _items(data, "checkpoints"):
        inside(("checkpoints", i, "date"), _day(checkpoint.get("date")), "date")

    found.extend(_reward_checks(data))

    # phase 4: what a KPI counts must exist for its result; meetings happen during the campaign
    people_results, post_results = (
        {"login", "start", "completion", "applicant", "hire"},
        {"share", "click", "reaction", "impression", "visit"},  # exports of posts name no colleague
    )
    for i, kpi in kpis:
        measure = kpi.get("measure")
        if not isinstance(measure, Mapping):
            continue
        result, count = measure.get("result"), measure.get("count")
        if not isinstance(result, str):  # pydantic names what is wrong with it
            continue
        if count == "people" and result in post_results:
            found.append(
                (
                    ("kpis", i, "measure", "count"),
                    "error.count_people",
                    {"result": result},
                )
            )
        if count == "posts" and result in people_results:
            found.append(
                (
                    ("kpis", i, "measure", "count"),
                    "error.count_posts",
                    {"result": result},
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
                        "error.outside_campaign",
                        {"day": day, "start": start, "end": end},
                    )
                )
        ambassadors_seen: dict[str, int] = {}
        listed = activity.get("ambassadors")
        for i, who in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(who, str):
                continue  # the model reports the type
            if who in ambassadors_seen:
                found.append((("activity", "ambassadors", i), "error.duplicate_ambassador", {"id": repr(who)}))
            ambassadors_seen.setdefault(who, i)
        found.extend(_status_report_checks(activity))

    found.extend(_evaluation_checks(data, start if period_ok else None))
    found.extend(_spread_checks(data, start))

    team, population = data.get("team"), data.get("population")
    ambassadors = _number(team.get("ambassadors")) if isinstance(team, Mapping) else None
    size = _number(population.get("size")) if isinstance(population, Mapping) else None
    if ambassadors is not None and size is not None and ambassadors > size:
        found.append(
            (
                ("team", "ambassadors"),
                "error.team_over_population",
                {"ambassadors": ambassadors, "size": size},
            )
        )
    return found


# the events a status report of each kind can date (one date column per event)
STATUS_RESULTS = {"learning": ("login", "start", "completion"), "recruitment": ("applicant", "hire")}


def _status_report_checks(activity: Mapping[str, Any]) -> list[tuple[Loc, str, dict[str, Any]]]:
    """A source's `dates:` name events its kind has; `key:` only makes sense for a status report."""
    found: list[tuple[Loc, str, dict[str, Any]]] = []
    for i, source in _items(activity, "sources"):
        kind, dates = source.get("kind"), source.get("dates")
        if isinstance(dates, Mapping) and dates:
            if kind not in STATUS_RESULTS:
                found.append((("activity", "sources", i, "dates"), "error.dates_kind", {"kind": repr(kind)}))
                continue
            for result in dates:
                if result not in STATUS_RESULTS[kind]:
                    options = ", ".join(STATUS_RESULTS[kind])
                    found.append(
                        (
                            ("activity", "sources", i, "dates", result),
                            "error.dates_result",
                            {"result": repr(result), "kind": repr(kind), "options": options},
                        )
                    )
        elif source.get("key"):
            found.append((("activity", "sources", i, "key"), "error.key_without_dates", {}))
        # a word both counted and not counted: `ignore:` would silently win
        values, ignore = source.get("values"), source.get("ignore")
        if isinstance(values, Mapping) and isinstance(ignore, list):
            ignored = {str(w).strip().lower() for w in ignore}
            for result, words in values.items():
                for word in words if isinstance(words, list) else []:
                    if str(word).strip().lower() in ignored:
                        loc = ("activity", "sources", i, "ignore")
                        found.append((loc, "error.word_ignored_and_counted", {"word": repr(word), "result": result}))
    return found


def _evaluation_checks(data: Mapping[str, Any], start: dt.date | None) -> list[tuple[Loc, str, dict[str, Any]]]:
    """Phase 5: the earned-media method has the rates it multiplies; nothing dated before the campaign."""
    found: list[tuple[Loc, str, dict[str, Any]]] = []
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
        for key in needs.get(method, ()) if isinstance(method, str) else ():
            if media.get(key) in (None, {}, ""):
                found.append((("evaluation", "earned_media", key), "error.media_rate", {"method": method}))
    for loc, day in [(("evaluation", "session_date"), _day(evaluation.get("session_date")))] + [
        (("evaluation", "testimonials", i, "date"), _day(item.get("date")))
        for i, item in _items(evaluation, "testimonials")
    ]:
        if day is not None and start is not None and day < start:
            found.append((loc, "error.before_start", {"day": day, "start": start}))
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


def _reward_checks(data: Mapping[str, Any]) -> list[tuple[Loc, str, dict[str, Any]]]:
    """Caps that make a reward impossible, one currency, performance ranges in order, prize places."""
    rewards = data.get("rewards")
    if not isinstance(rewards, Mapping):
        return []
    found: list[tuple[Loc, str, dict[str, Any]]] = []
    currency = rewards.get("currency")
    for section in ("rules", "prizes", "fixed_costs"):
        for i, item in _items(rewards, section):
            other = item.get("currency")
            if isinstance(other, str) and isinstance(currency, str) and other != currency:
                found.append(
                    (
                        ("rewards", section, i, "currency"),
                        "error.currency_differs",
                        {"other": other, "currency": currency},
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
                        "error.cap_below_reward",
                        {"limit": limit, "amount": amount},
                    )
                )
    places = [(i, _number(p.get("place"))) for i, p in _items(rewards, "prizes")]
    seen: dict[float, int] = {}
    for i, place in places:
        if place is None:
            continue
        if place in seen:
            found.append((("rewards", "prizes", i, "place"), "error.place_twice", {"place": place}))
        seen[place] = i
    ambassadors = _team_size(data)
    for i, place in places:
        if place is not None and ambassadors is not None and place > ambassadors:
            found.append(
                (
                    ("rewards", "prizes", i, "place"),
                    "error.place_over_team",
                    {"place": place, "team": ambassadors},
                )
            )
    performance = rewards.get("performance")
    for i, rule in _items(rewards, "rules"):
        result = rule.get("result")
        if isinstance(result, str) and not (isinstance(performance, Mapping) and result in performance):
            found.append(
                (
                    ("rewards", "rules", i, "result"),
                    "error.no_performance",
                    {"result": repr(result), "key": f"rewards.performance.{result}"},
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
                        "error.performance_order",
                        {"low": low, "mid": mid, "high": high},
                    )
                )
    for i, cost in _items(rewards, "fixed_costs"):
        has_amount = cost.get("amount") is not None
        has_hours = cost.get("hours") is not None or cost.get("rate") is not None
        if has_amount == has_hours or (has_hours and (cost.get("hours") is None or cost.get("rate") is None)):
            found.append((("rewards", "fixed_costs", i), "error.fixed_cost_shape", {}))
    return found


def data_paths(data: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Every data file (or pattern) campaign.yaml names, with its key."""
    found: list[tuple[Loc, str]] = []
    selection = data.get("selection")
    if isinstance(selection, Mapping):
        found += [(("selection", k), selection[k]) for k in ("employees", "nominations") if k in selection]
    activity = data.get("activity")
    if isinstance(activity, Mapping):
        found += [(("activity", "sources", i, "files"), s.get("files")) for i, s in _items(activity, "sources")]
        if "posts" in activity:
            found.append((("activity", "posts"), activity["posts"]))
    return [(loc, value) for loc, value in found if isinstance(value, str)]


def path_checks(data: Mapping[str, Any]) -> list[tuple[Loc, str, dict[str, Any]]]:
    """Data files are named inside the campaign folder: no absolute path, no way up with '..'."""
    found = []
    for loc, value in data_paths(data):
        path = Path(value)
        if path.is_absolute() or ".." in path.parts or value.startswith("~"):
            found.append((loc, "error.path_outside", {"path": repr(value)}))
    return found


def folder_checks(folder: Path, data: Mapping[str, Any], label: str) -> list[Problem]:
    """What the folder holds, seen through its links: every data file must lead to a file inside the
    campaign folder, and no folder link may be copied into a snapshot (a link loop, or data elsewhere)."""
    root = folder.resolve()
    problems = []
    for loc, value in data_paths(data):
        for match in sorted(glob.glob(str(folder / value))):
            target = Path(match).resolve()
            if not target.is_relative_to(root):
                where = format_loc(loc)
                problems.append(Problem.of(label, where, "error.path_leaves", line_of(data, loc), path=repr(value)))
                break
    for parent, folders, files in os.walk(folder):  # does not follow folder links
        for name in sorted(folders + files):
            path = Path(parent) / name
            if not path.is_symlink():
                continue
            shown = display_path(path)
            if path.is_dir():
                problems.append(Problem.of(shown, "", "error.symlink_folder"))
            elif not path.resolve().is_relative_to(root):
                problems.append(Problem.of(shown, "", "error.symlink_outside"))
    return problems


def read_yaml(path: Path, label: str | None = None) -> Any:
    """Read a YAML file round-trip; malformed YAML becomes a Problem with its line."""
    label = label or path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CampaignError(Problem.of(label, "", "error.file_not_found")) from None
    return parse_yaml_bytes(raw, label)


# A campaign file is a few kilobytes, a few levels deep, with an alias or two: far beyond that it is
# a mistake or an attack ("billion laughs"), refused before it is built into objects.
MAX_YAML_BYTES = 1_000_000
MAX_YAML_DEPTH = 40
MAX_YAML_VALUES = 100_000  # values in the document with its aliases expanded
MAX_YAML_SCALAR = 100_000  # characters in one value; also keeps int() off 5,000-digit numbers
MAX_NUMBER_DIGITS = 30


def _nesting(text: str) -> tuple[int, int]:
    """How deep the text nests, read character by character (the YAML scanner takes quadratic time on
    a thousand '[' in a row): the deepest [ { nesting outside quotes and comments, or indentation, and
    its line."""
    deepest, where, depth, quote = 0, 1, 0, ""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = (len(line) - len(line.lstrip(" "))) // 2
        if indent > deepest:
            deepest, where = indent, number
        for char in line:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > deepest:
                    deepest, where = depth, number
            elif char in "]}":
                depth = max(0, depth - 1)
        quote = "" if quote == "'" else quote  # a plain apostrophe (it's) does not run on
    return deepest, where


def _yaml_limits(text: str, label: str) -> None:
    """Refuse what is out of all proportion before it is built: nesting, then the YAML's events (no
    objects built, no recursion) for aliases and huge values."""
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent

    deepest, line = _nesting(text)
    if deepest > MAX_YAML_DEPTH:
        raise CampaignError(Problem.of(label, "", "error.yaml_too_deep", line, most=MAX_YAML_DEPTH))
    # what the document would be with every alias expanded, counted in values per anchor ("billion
    # laughs": nine aliases of nine aliases of ... grow to billions)
    sizes: dict[str, int] = {}
    open_: list[list] = [[None, 0]]  # per open collection: its anchor and its expanded size so far
    for event in round_trip_yaml().parse(text):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, CollectionStartEvent):
            open_.append([event.anchor, 1])
            continue
        if isinstance(event, CollectionEndEvent) and len(open_) > 1:
            anchor, size = open_.pop()
        elif isinstance(event, AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
        elif isinstance(event, ScalarEvent):
            if len(event.value) > MAX_YAML_SCALAR:
                raise CampaignError(Problem.of(label, "", "error.yaml_value_too_long", line, most=MAX_YAML_SCALAR))
            if event.style is None and _long_number(event.value):
                raise CampaignError(Problem.of(label, "", "error.yaml_number_too_long", line, most=MAX_NUMBER_DIGITS))
            anchor, size = event.anchor, 1
        else:
            continue
        if anchor:
            sizes[anchor] = size
        open_[-1][1] += size
        if open_[-1][1] > MAX_YAML_VALUES:
            raise CampaignError(Problem.of(label, "", "error.yaml_aliases", line, most=MAX_YAML_VALUES))


def _long_number(value: str) -> bool:
    digits = value.lstrip("+-").replace("_", "")
    return len(digits) > MAX_NUMBER_DIGITS and digits[:2].isdigit() and all(c.isdigit() or c in ".eE+-" for c in digits)


def parse_yaml_bytes(raw: bytes, label: str) -> Any:
    """Parse YAML text (UTF-8, with or without BOM); malformed YAML becomes a Problem with its line."""
    if len(raw) > MAX_YAML_BYTES:
        raise CampaignError(Problem.of(label, "", "error.yaml_too_large", size=len(raw), most=MAX_YAML_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CampaignError(Problem.of(label, "", "error.not_utf8", reason=exc.reason)) from None
    try:
        _yaml_limits(text, label)
        return round_trip_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or "malformed YAML").strip()
        raise CampaignError(Problem.of(label, "", "error.malformed_yaml", line, what=what)) from None
    except YAMLError as exc:
        raise CampaignError(Problem.of(label, "", "error.malformed_yaml_plain", what=str(exc))) from None


def validate_data(data: Any, label: str = CAMPAIGN_FILE) -> Campaign:
    """Validate already-read YAML data; raise CampaignError listing every problem."""
    if data is None:
        raise CampaignError(Problem.of(label, "", "error.empty_campaign"))
    if not isinstance(data, dict):
        raise CampaignError(Problem.of(label, "", "error.not_mapping", 1))
    problems: list[Problem] = []
    campaign = None
    try:
        campaign = Campaign.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation_error(exc, data, label)
    flagged = {p.key for p in problems}
    try:
        found = [*cross_checks(data), *path_checks(data)]
    except (TypeError, ValueError, AttributeError):
        # the cross-checks read values of the right type; a value of the wrong type (a list where a
        # word belongs) is what pydantic has already reported, and that report is the one to give
        if not problems:
            raise
        found = []
    problems += [
        Problem.of(label, format_loc(loc), message, line_of(data, loc), **values)
        for loc, message, values in found
        if format_loc(loc) not in flagged
    ]
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        raise CampaignError(problems, language=_language_of(data))
    assert campaign is not None
    return campaign


def _language_of(data: Mapping[str, Any]) -> str:
    """The campaign's language when the file names one the workbook has, for saying its problems."""
    language = data.get("language")
    return language if isinstance(language, str) and language in LANGUAGES else SOURCE_LANGUAGE


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
        known = [d.name for d in parameters_dir().glob("*") if (d / CAMPAIGN_FILE).is_file()]
        close = difflib.get_close_matches(Path(str(campaign)).name, known, n=1, cutoff=0.6)
        if close:  # a typo of a campaign's name: say which one was probably meant
            raise CampaignError(
                Problem.of(str(campaign), "", "error.no_campaign_like", file=CAMPAIGN_FILE, name=close[0])
            )
        raise CampaignError(Problem.of(str(campaign), "", "error.no_campaign", file=CAMPAIGN_FILE))
    label = display_path(path)
    data = read_yaml(path, label)
    model = validate_data(data, label)
    problems = folder_checks(folder, data, label)
    if problems:
        raise CampaignError(problems, language=model.language)
    model._folder = folder
    return model
