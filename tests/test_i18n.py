"""The translation catalogues: every label the code uses is in every language, with the same
placeholders; numbers, money, dates and months are formatted by the reader's locale (Babel)."""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from campaign_kit.core.formats import date, money, month_label, number, percent
from campaign_kit.core.i18n import LANGUAGES, SOURCE_LANGUAGE, catalogue_path, label_or, labels, t
from campaign_kit.core.validation import load_campaign

PACKAGE = Path(__file__).resolve().parents[1] / "campaign_kit"
PARAMETERS = Path(__file__).resolve().parents[1] / "parameters"
LABEL_FUNCTIONS = {"t", "tr", "label_or"}


def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def catalogue(lang):
    with catalogue_path(lang).open("rb") as handle:
        return read_po(handle)


def literal_keys(node):
    """The label keys a call's first argument can be: a string, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return literal_keys(node.body) + literal_keys(node.orelse)
    return []


def keys_in_code():
    """(key, where) for every label the package asks for by a literal key."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in LABEL_FUNCTIONS:
                    found += [(key, f"{path.relative_to(PACKAGE)}:{node.lineno}") for key in literal_keys(node.args[0])]
    return found


def test_three_languages_from_catalogues_alone():
    assert {"en", "nl", "de"} <= set(LANGUAGES)
    assert str(catalogue("de").locale) == "de_DE"


def test_the_code_asks_for_labels_the_catalogues_have():
    found = keys_in_code()
    assert len(found) > 200  # the scan sees the code's labels (it would pass vacuously otherwise)
    for lang in LANGUAGES:
        known = labels(lang)
        missing = sorted({f"{key} ({where})" for key, where in found if key not in known})
        assert not missing, f"{catalogue_path(lang)} lacks {missing}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_catalogue_translates_every_label_with_its_placeholders(lang):
    source = {m.id: m for m in catalogue(SOURCE_LANGUAGE) if m.id}
    other = {m.id: m for m in catalogue(lang) if m.id}
    assert sorted(set(source) - set(other)) == [], f"{lang}: labels missing"
    assert sorted(set(other) - set(source)) == [], f"{lang}: labels the source language does not have"
    untranslated = sorted(k for k, m in other.items() if not m.string.strip() or m.fuzzy)
    assert not untranslated, f"{lang}: untranslated or fuzzy: {untranslated}"
    differ = sorted(k for k in source if fields(source[k].string) != fields(other[k].string))
    assert not differ, f"{lang}: placeholders differ from English in {differ}"


def test_source_catalogue_is_complete():
    empty = sorted(m.id for m in catalogue(SOURCE_LANGUAGE) if m.id and not m.string.strip())
    assert not empty


def test_numbers_follow_the_reader():
    assert number(1500, "en") == "1,500"
    assert number(1500, "nl") == "1.500"
    assert number(1500, "de") == "1.500"
    assert number(2.5, "nl", 1) == "2,5"
    assert number(2.25, "en", 2) == "2.25"
    assert number(None, "en") == "–"
    assert percent(25 / 30, "nl") == "83%"
    assert percent(25 / 30, "de") == "83\u00a0%"  # CLDR: a no-break space
    assert t("smart.fail", "nl") == "voldoet niet"


def test_money_dates_and_months_follow_the_reader(tmp_path):
    campaign = load_campaign(PARAMETERS / "employer-branding-pilot")
    currency = campaign.rewards.currency
    assert currency == "EUR"
    shown = {}
    for lang in ("en", "nl", "de"):
        c = campaign.model_copy(update={"language": lang})
        shown[lang] = (money(5570, c), money(12.5, c), money(-250, c))
    assert shown["en"] == ("€5,570", "€12.50", "-€250")
    assert shown["nl"] == ("€\u00a05.570", "€\u00a012,50", "€\u00a0-250")
    assert shown["de"] == ("5.570\u00a0€", "12,50\u00a0€", "-250\u00a0€")
    day = dt.date(2027, 3, 1)
    assert (date(day, "en"), date(day, "nl"), date(day, "de")) == ("1 Mar 2027", "1 mrt 2027", "01.03.2027")
    assert (month_label(2027, 3, "en"), month_label(2027, 3, "nl"), month_label(2027, 3, "de")) == (
        "Mar 2027",
        "mrt 2027",
        "März 2027",
    )


def test_money_without_a_reward_budget_is_a_plain_number():
    campaign = load_campaign(PARAMETERS / "leerprogramma").model_copy(update={"rewards": None})
    assert money(1234.4, campaign) == "1.234"


def test_unknown_label_is_a_clear_error():
    with pytest.raises(KeyError, match="no label 'nope'"):
        t("nope", "en")
    assert label_or("nope", "de", "own value") == "own value"
