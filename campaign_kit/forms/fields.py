"""The pieces every form is made of: a field (one editable value), a list of items, and the typed
text of a number field."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.i18n import locale, t
from campaign_kit.core.paths import UNATTENDED_ENV


def unattended() -> bool:
    """True in scheduled runs (`campaign run` sets the variable for its kernels) and outside a kernel."""
    if os.environ.get(UNATTENDED_ENV):
        return True
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return True
    shell = get_ipython()
    return shell is None or not hasattr(shell, "kernel")


@dataclass(frozen=True)
class Field:
    """One editable value: its key (relative to the form section or list item) and widget kind."""

    key: str
    kind: str = "text"  # text, textarea, int, number, date, choice, bool, lines, ref
    choices: tuple[str, ...] = ()
    label_prefix: str = ""  # i18n prefix for choice labels, e.g. "readiness."
    optional: bool = False
    default: Any = None  # what the model assumes when the key is absent (shown, not written)
    label_key: str = ""  # an i18n key for the label when field.<key> does not fit
    empty_removes_parent: bool = False  # emptying it switches the whole optional rule off


@dataclass(frozen=True)
class ListSpec:
    """A list of items a form edits (KPIs, actions, meetings): where it lives in campaign.yaml, the
    fields of one item, the starting values of a new item and the title shown above each item."""

    path: tuple[str, ...]
    fields: tuple[Field, ...]
    new_item: Callable[[CampaignDocument], dict[str, Any]]
    title: Callable[[dict[str, Any], int, str], str] | None = None  # (item, index, language)


def css_key(loc: tuple[str | int, ...]) -> str:
    """A CSS class for a field, e.g. ('kpis', 3, 'deadline') -> 'ck-key-kpis-3-deadline'."""
    return "ck-key-" + re.sub(r"[^A-Za-z0-9]+", "-", "-".join(str(p) for p in loc)).strip("-")


def number_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_number(text: str, whole: bool) -> Any:
    """Typed text to a number; text that is not a number stays text so validation can name it."""
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", ".")) if not whole else int(text)
    except ValueError:
        return text
    return int(number) if not whole and number.is_integer() else number


# A date is typed the way the campaign's language writes it (26-11-2026 in Dutch), whatever the
# browser's own locale: the browser's date picker would show mm/dd/yyyy in an American browser.
STRPTIME = {"dd": "%d", "MM": "%m", "yyyy": "%Y"}


def date_text(value: Any, language: str) -> str:
    """A date as the form shows it (Babel, in the campaign's pattern); other values as they are."""
    if isinstance(value, dt.date):
        return format_date(value, t("form.date_pattern", language), locale=locale(language))
    return "" if value is None else str(value)


def parse_date_text(text: str, language: str) -> Any:
    """Typed text to a date: the language's day-first pattern, or ISO (2026-11-26). Text that is not a
    date stays text, so the form can say what it expects; empty is None."""
    text = text.strip()
    if not text:
        return None
    pattern = re.sub(r"dd|MM|yyyy", lambda m: STRPTIME[m.group()], t("form.date_pattern", language))
    for shape in (pattern, "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, shape).date()
        except ValueError:
            continue
    return text


def date_expected(language: str) -> str:
    """What a date field expects, with an example in the same pattern."""
    return t(
        "form.date_expected",
        language,
        placeholder=t("form.date_placeholder", language),
        example=date_text(dt.date(2027, 3, 1), language),
    )
