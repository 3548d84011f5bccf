"""The parts of pay, in the order every table and chart shows them, and the month arithmetic the
money model counts in (docs/methods.md)."""

from __future__ import annotations

from datetime import date

import numpy as np

# Parts of pay, in the order tables and charts show them.
COMPONENTS: tuple[str, ...] = (
    "base",
    "bonus",
    "sign_on",
    "equity",
    "match",
    "benefits",
    "health",
    "commute",
    "clawback",
)
COMPONENT_NAMES: dict[str, str] = {
    "base": "Base salary",
    "bonus": "Bonus",
    "sign_on": "Sign-on and relocation",
    "equity": "Equity vested",
    "match": "Retirement match vested",
    "benefits": "Benefits",
    "health": "Health costs",
    "commute": "Commute (cost and time)",
    "clawback": "Sign-on repaid",
}
TAXED = np.array([c in ("base", "bonus", "sign_on", "equity") for c in COMPONENTS])
GUARANTEED = np.array([c in ("base", "sign_on") for c in COMPONENTS])
AT_RISK = np.array([c in ("bonus", "equity") for c in COMPONENTS])
INDEX = {c: k for k, c in enumerate(COMPONENTS)}  # a part's row in a (parts, months) array

WORK_WEEKS_PER_YEAR = 46  # weeks you commute in a year, after holidays and time off


def months_between(start: date, later: date) -> int:
    """Whole months from `start` to `later` (negative when `later` is earlier)."""
    months = (later.year - start.year) * 12 + later.month - start.month
    if later.day < start.day:
        months -= 1
    return months


def calendar_month(start: date, month: int) -> str:
    """Month index `month` counted from `start` as a calendar month: "Feb 2028".

    >>> calendar_month(date(2027, 1, 15), 13)
    'Feb 2028'
    """
    y, m = divmod(start.month - 1 + month, 12)
    return date(start.year + y, m + 1, 1).strftime("%b %Y")
