"""The translation table: both languages for every label, the same placeholders in each."""

from __future__ import annotations

import string

import pytest

from campaign_kit.i18n import LABELS, number, percent, t


def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_both_languages_with_the_same_placeholders(key):
    english, dutch = LABELS[key]
    assert english.strip() and dutch.strip()
    assert fields(english) == fields(dutch)


def test_numbers_follow_the_reader():
    assert number(1500, "en") == "1,500"
    assert number(1500, "nl") == "1.500"
    assert number(2.5, "nl", 1) == "2,5"
    assert percent(25 / 30, "nl") == "83%"
    assert t("smart.fail", "nl") == "voldoet niet"


def test_unknown_label_is_a_clear_error():
    with pytest.raises(KeyError, match="no label"):
        t("nope", "en")
