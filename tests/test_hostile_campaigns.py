"""Campaign files that are broken or hostile: each ends in the workbook's own located message within a
second, never a traceback, a hang or a value accepted that breaks a later phase. The property-based
tests mutate the example campaigns at random and hold the same promise for whatever comes out."""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import PARAMETERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import parse_yaml_bytes, read_yaml, validate_data

EXAMPLES = ["leerprogramma", "employer-branding-pilot"]


def _refused(raw: bytes) -> list[str]:
    """The labels of the problems a campaign file gives (refused before it is built into objects:
    these took minutes or hung before; benchmarks measure speed, tests what is said)."""
    with pytest.raises(CampaignError) as caught:
        validate_data(parse_yaml_bytes(raw, "campaign.yaml"))
    return [p.label for p in caught.value.problems]


def test_nesting_a_thousand_deep_is_refused_with_its_line():
    assert _refused(b"name: " + b"[" * 1500 + b"]" * 1500 + b"\n") == ["error.yaml_too_deep"]


def test_a_billion_laughs_is_refused_before_it_expands():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    assert _refused("\n".join(lines).encode()) == ["error.yaml_aliases"]


def test_a_number_of_five_thousand_digits_and_a_huge_file_are_refused():
    assert _refused(b"population: {size: " + b"9" * 5000 + b"}\n") == ["error.yaml_number_too_long"]
    assert _refused(b"name: x\n" + b"# filler\n" * 200_000) == ["error.yaml_too_large"]


def _example(name: str = "leerprogramma") -> dict:
    return read_yaml(PARAMETERS / name / "campaign.yaml")


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda d: d["selection"]["criteria"]["network_size"]["scale"].update(max=float("inf")), "max"),
        (lambda d: d["selection"]["criteria"]["network_size"]["scale"].update(min=float("nan")), "min"),
        (lambda d: d["selection"]["criteria"]["network_size"]["scale"].update(min=600), "scale"),
        (lambda d: d["selection"]["criteria"]["social_media"]["scale"]["levels"].update(hoog=float("nan")), "hoog"),
        (lambda d: d["selection"]["criteria"]["social_media"]["scale"]["levels"].update(hoog=-1), "hoog"),
        (lambda d: d["selection"]["criteria"]["social_media"]["scale"]["levels"].update(hoog=1e30), "hoog"),
        (lambda d: d["selection"]["team"].update(ratio="6"), "ratio"),
        (lambda d: d["selection"].update(shortlist_size=1e21), "shortlist_size"),
        (lambda d: d["selection"]["team"].update(minimum=1e12), "minimum"),
        (lambda d: d["selection"]["team"].update(minimum=10**12), "minimum"),
        (lambda d: d.update(end=__import__("datetime").date(9999, 12, 31)), "end"),
        (lambda d: d.update(name="Leer\x00programma"), "name"),
    ],
    ids=[
        "inf",
        "nan",
        "min-above-max",
        "level-nan",
        "level-negative",
        "level-huge",
        "ratio-text",
        "shortlist",
        "minimum-float",
        "minimum-huge",
        "end-9999",
        "nul",
    ],  # fmt: skip
)
def test_values_that_would_break_a_later_phase_are_refused(edit, key):
    data = _example()
    edit(data)
    with pytest.raises(CampaignError) as caught:
        validate_data(data)
    assert any(key in p.key for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_a_scale_whose_minimum_is_its_maximum_is_a_threshold_and_allowed():
    data = _example()
    data["selection"]["criteria"]["network_size"]["scale"].update(min=500, max=500)
    assert validate_data(data).selection.criteria["network_size"].scale.min == 500


# property-based: random edits of the examples --------------------------------------------------------
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(data, prefix=()):
    """Every key path of a campaign's data, to a mapping's value or a list's item."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _plain(data):
    """The YAML document as plain dicts and lists, so Hypothesis can copy it cheaply."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


PLAIN = {name: _plain(_example(name)) for name in EXAMPLES}
PATHS = {name: list(_paths(PLAIN[name])) for name in EXAMPLES}


# the same examples on every run (a suite that fails at random blocks everyone); HYPOTHESIS_EXPLORE=1
# draws fresh ones, many more, to look for new failures
EXPLORE = bool(os.environ.get("HYPOTHESIS_EXPLORE"))


@settings(
    max_examples=3000 if EXPLORE else 150,
    deadline=None,
    derandomize=not EXPLORE,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.sampled_from(EXAMPLES), st.data())
def test_any_edit_of_an_example_is_accepted_or_refused_in_the_workbooks_own_words(name, data):
    campaign = copy.deepcopy(PLAIN[name])
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(PATHS[name]))
        try:
            _set(campaign, path, data.draw(ODD))
        except (KeyError, IndexError, TypeError):
            pass  # an earlier edit replaced the branch this path went through
    try:
        validate_data(campaign)
    except CampaignError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


@settings(max_examples=1000 if EXPLORE else 60, deadline=None, derandomize=not EXPLORE, database=None)
@given(st.sampled_from(EXAMPLES), st.binary(max_size=40), st.integers(min_value=0, max_value=20_000))
def test_any_bytes_spliced_into_a_campaign_file_end_in_the_workbooks_own_words(name, junk, at):
    raw = (PARAMETERS / name / "campaign.yaml").read_bytes()
    at = min(at, len(raw))
    spliced = raw[:at] + junk + raw[at:]
    try:
        validate_data(parse_yaml_bytes(spliced, "campaign.yaml"))
    except CampaignError as exc:
        assert exc.problems


def test_the_examples_themselves_stay_valid():
    for name in EXAMPLES:
        assert validate_data(copy.deepcopy(PLAIN[name])).name
    assert Path(PARAMETERS).is_dir()


def _nudge(value, draw):
    """A value of the same type, moved: what an analyst's slip makes of it (kept in range, so the
    campaign is often still accepted and its analyses must then run)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return draw(st.sampled_from([0, 1, 2, 3, 7, 50, 1000, value * 2]))
    if isinstance(value, float):
        return draw(st.sampled_from([0.0, 0.01, 0.5, 1.0, 99.9, value * 3]))
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=draw(st.integers(min_value=-400, max_value=400)))
    if isinstance(value, str):
        return draw(st.sampled_from([value, value.upper(), "x"]))
    return value


@settings(max_examples=200 if EXPLORE else 8, deadline=None, derandomize=not EXPLORE, database=None)
@given(st.sampled_from(EXAMPLES), st.data())
def test_an_accepted_edit_runs_every_phase_without_a_crash(tmp_path_factory, name, data):
    """A campaign validate accepts must run: every phase's analysis ends in a result or in the
    workbook's own error, never another exception (a traceback in a manager's report)."""
    import shutil

    from ruamel.yaml import YAML

    from campaign_kit.core.validation import load_campaign
    from campaign_kit.phases.final import analysis as final
    from campaign_kit.phases.goals.analysis import analyse_goals
    from campaign_kit.phases.midterm import analysis as midterm
    from campaign_kit.phases.rewards import analysis as rewards
    from campaign_kit.phases.selection import analysis as selection

    campaign = copy.deepcopy(PLAIN[name])
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(PATHS[name]))
        value = campaign
        try:
            for key in path:
                value = value[key]
            _set(campaign, path, _nudge(value, data.draw))
        except (KeyError, IndexError, TypeError):
            pass
    root = tmp_path_factory.mktemp("root")
    folder = root / "parameters" / name
    shutil.copytree(PARAMETERS / name, folder)
    with (folder / "campaign.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(campaign, handle)
    before = os.environ.get("CAMPAIGN_ROOT")
    os.environ["CAMPAIGN_ROOT"] = str(root)  # the store goes to this root's outputs/
    try:
        try:
            model = load_campaign(folder)
        except CampaignError:
            return  # refused in its own words: the other tests' business
        as_of = model.start + dt.timedelta(days=60)
        for run in (
            lambda: analyse_goals(model, as_of),
            lambda: selection.analyse(model),
            lambda: rewards.analyse(model),
            lambda: midterm.analyse(model, as_of),
            lambda: final.analyse(model, as_of),
        ):
            try:
                run()
            except CampaignError as exc:
                assert exc.problems
    finally:
        if before is None:
            os.environ.pop("CAMPAIGN_ROOT", None)
        else:
            os.environ["CAMPAIGN_ROOT"] = before
