"""Labels from the gettext catalogues in `campaign_kit/locale/<language>/LC_MESSAGES/campaign_kit.po`.

Code asks `t("key", lang)`; it never branches on the language itself. The msgids are stable keys
(monolingual gettext): the English catalogue holds the source text, every other catalogue its
translation, and a new language is a new catalogue (its `Language:` header names the CLDR locale
that numbers, money and dates are formatted by, see `core.formats`). The catalogues are read once
per process with Babel; `tests/test_i18n.py` checks that none misses a label the code uses.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "campaign_kit"
SOURCE_LANGUAGE = "en"


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> tuple[str, ...]:
    """Every language with a catalogue, e.g. ('de', 'en', 'nl')."""
    return tuple(sorted(p.name for p in LOCALE_DIR.iterdir() if catalogue_path(p.name).is_file()))


LANGUAGES = available_languages()


@cache
def _catalogue(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


@cache
def labels(lang: str) -> dict[str, str]:
    """The translated labels of one language: key -> text (untranslated and fuzzy entries left out)."""
    if lang not in LANGUAGES:
        return {}
    return {m.id: m.string for m in _catalogue(lang) if m.id and m.string and not m.fuzzy}


@cache
def locale(lang: str) -> Locale:
    """The CLDR locale a language's catalogue names in its header (en -> en_GB, nl -> nl_NL)."""
    if lang not in LANGUAGES:
        lang = SOURCE_LANGUAGE
    return _catalogue(lang).locale or Locale.parse(lang)


def t(key: str, lang: str, /, **values: object) -> str:
    """The label for `key` in `lang`, with {placeholders} filled in; the English text where a
    catalogue lacks it (the test suite makes sure none does)."""
    text = labels(lang).get(key) or labels(SOURCE_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"no label {key!r} in {catalogue_path(SOURCE_LANGUAGE).relative_to(LOCALE_DIR.parent)}")
    return text.format(**values) if values else text


def has_label(key: str) -> bool:
    return key in labels(SOURCE_LANGUAGE)


def label_or(key: str, lang: str, fallback: str) -> str:
    """The label for `key`, or `fallback` for a value the catalogues do not know (a campaign's own)."""
    return t(key, lang) if has_label(key) else fallback
