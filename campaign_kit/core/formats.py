"""Numbers, percentages, money, dates and months as the reader's locale writes them (Babel, CLDR).

Every figure a report, chart or form shows goes through here; the locale comes from the language's
catalogue (`core.i18n.locale`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from campaign_kit.core.i18n import locale

if TYPE_CHECKING:
    from campaign_kit.core.model import Campaign

MISSING = "–"


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal mark; whole numbers without decimals, other
    numbers with `decimals` (at least one)."""
    if value is None:
        return MISSING
    if decimals == 0 and float(value).is_integer():
        return format_decimal(int(value), format="#,##0", locale=locale(lang))
    return format_decimal(value, format="#,##0." + "0" * (decimals or 1), locale=locale(lang))


def percent(share: float | None, lang: str) -> str:
    """A share (0.83) as a whole percentage in the locale's way ('83%', '83 %')."""
    if share is None:
        return MISSING
    return format_percent(share, format=None, locale=locale(lang))


def money(value: float | None, campaign: Campaign) -> str:
    """An amount in the campaign's currency: whole units when it is whole or large, else cents.
    A campaign without a reward budget has no currency: the amount is shown as a whole number."""
    return amount(value, campaign.rewards.currency if campaign.rewards else None, campaign.language)


def amount(value: float | None, currency: str | None, lang: str) -> str:
    """An amount in a named currency, written as `money` writes it (the portfolio shows campaigns with
    different currencies on one page); without a currency, a whole number."""
    if value is None:
        return MISSING
    if currency is None:
        return number(round(value), lang)
    loc = locale(lang)
    whole = abs(value) >= 100 or float(value).is_integer()
    if not whole:
        return format_currency(value, currency, locale=loc, currency_digits=True)
    pattern = loc.currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(round(value), currency, format=pattern, locale=loc, currency_digits=False)


def date(day: dt.date | None, lang: str) -> str:
    """A date as the reader writes it ('30 Nov 2026', '30 nov 2026', '30.11.2026')."""
    if day is None:
        return MISSING
    return format_date(day, format="medium", locale=locale(lang))


def month_label(year: int, month: int, lang: str) -> str:
    """A month with its year ('Mar 2026', 'mrt 2026', 'März 2026')."""
    return format_skeleton("yMMM", dt.date(year, month, 1), locale=locale(lang))
