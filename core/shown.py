"""Numbers and dates as a person reads them in a table or a sentence: never "None", never "-0.0%".

A table cell a person reads is text made here, not a raw value: a missing date or a figure that
does not apply (staying cannot beat itself) is a dash, and a share that rounds to zero shows
"0.0%" whatever the sign of the floating-point dust behind it. Pure: no streamlit.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# What a cell shows when there is nothing to show: no date recorded, a figure that does not apply.
BLANK = "—"


def percent(share: float | None, places: int = 1) -> str:
    """A share (0.25) as a percentage ("25.0%"); a missing or undefined share as a dash.

    >>> percent(0.1158), percent(-1e-17), percent(None), percent(float("nan"))
    ('11.6%', '0.0%', '—', '—')
    """
    if share is None or not math.isfinite(share):
        return BLANK
    value = round(100 * float(share), places) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{value:.{places}f}%"


def day(on: date | None) -> str:
    """A date as "2 Dec 2026"; no date as a dash.

    >>> day(date(2026, 12, 2)), day(None)
    ('2 Dec 2026', '—')
    """
    return BLANK if on is None else f"{on.day} {on:%b %Y}"


def weekday(on: date) -> str:
    """A date with its weekday, as a message says it: "Wednesday 2 December 2026".

    >>> weekday(date(2026, 12, 2))
    'Wednesday 2 December 2026'
    """
    return f"{on:%A} {on.day} {on:%B %Y}"


def whole(amount: float) -> str:
    """An amount rounded to a whole number as people round it, half away from zero (like
    `core.decision.scoring.format_score`, and unlike Python's round-half-even), grouped in thousands.

    >>> whole(208_262.5), whole(-208_262.5), whole(2.5), whole(-0.4)
    ('208,263', '-208,263', '3', '0')
    """
    exact = Decimal(repr(round(float(amount), 9)))  # floating-point dust off first
    rounded = exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{rounded + 0:,}" if rounded else "0"


def money(amount: float, currency: str) -> str:
    """An amount of money for display: rounded by `whole`, the minus sign before the currency.

    >>> money(208_262.5, "$"), money(-13_533.2, "€"), money(-0.2, "€")
    ('$208,263', '-€13,533', '€0')
    >>> money(-13_533.2, "EUR"), money(2_000, "GBP")
    ('-€13,533', '£2,000')
    """
    if len(currency) == 3 and currency.isalpha() and currency.isupper() and currency != "CHF":
        # An ISO code (a job's or the comparison's currency): formatted for it, "€13,533" not
        # "EUR13,533" (core.money.currency, babel). Older files' symbols and CHF stay as written.
        from core.money.currency import money as in_currency

        try:
            return in_currency(amount, currency)
        except ValueError:
            pass
    text = whole(amount)
    return f"-{currency}{text[1:]}" if text.startswith("-") else f"{currency}{text}"
