"""Numbers as people type them, in a spreadsheet cell or a form field: one parser for both.

`parse_number` reads "120000", "120,000", "120 000", "$120,000" or "120000.50" and refuses, with
the number to write instead, anything that could be read two ways or not at all ("225k", "lots",
"€ 95.000,50"). `read_number` also checks the bounds a field declares. `core.files.options_csv` reads
CSV cells with them and `ui.pay_form` reads the money fields of the pay form. Pure: no streamlit.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Literal

NumberUnit = Literal["money", "percent", "rating"]
# Where the text was typed, as a message names it: "leave the cell empty", "leave the field empty".
Place = Literal["cell", "field"]

UNIT_WORDS = {"money": "an amount of money", "percent": "a percentage", "rating": "a rating from 0 to 10"}
_SHOWN_CHARS = 40

_NOT_NUMBERS = {
    "nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "infinity",
    "+infinity",
    "-infinity",
    "n/a",
    "na",
    "none",
    "null",
}
_CURRENCY_CODES = (
    "USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|SGD|HKD|ILS|KRW|TRY|"
    "RMB|kr|Fr"
)
_CURRENCY_SIGN = r"(?:[A-Za-z]{0,3}[$€£¥₹₩₽₺₪₫฿¢¤]|(?:" + _CURRENCY_CODES + r")\.?)"
_CURRENCY_PREFIX = re.compile(r"^" + _CURRENCY_SIGN + r"\s*", re.IGNORECASE)
_CURRENCY_SUFFIX = re.compile(r"\s*" + _CURRENCY_SIGN + r"$", re.IGNORECASE)
_GROUP_SPACES = " \u00a0\u202f\u2009\u2007"

_PLAIN = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACE_GROUPS = re.compile(r"\d{1,3}(?:[" + _GROUP_SPACES + r"]\d{3})+(?:\.\d+)?")
_APOSTROPHE_GROUPS = re.compile(r"\d{1,3}(?:['’]\d{3})+(?:\.\d+)?")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_ONE_DOT_GROUP = re.compile(r"\d{1,3}\.\d{3}")
_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:[." + _GROUP_SPACES + r"]\d{3})*,\d+|\d+,\d+")
_SHORTHAND = re.compile(r"(\d+(?:\.\d+)?)\s*(k|m|mn|mio)", re.IGNORECASE)


def quote(text: str) -> str:
    """Text a person typed, quoted for a message: one line, at most 40 characters."""
    flat = re.sub(r"[\r\n\t]+", " ", text)
    if len(flat) > _SHOWN_CHARS:
        flat = flat[: _SHOWN_CHARS - 1] + "…"
    return f'"{flat}"'


def parse_number(
    raw: str, unit: NumberUnit = "money", *, dots_may_group: bool = False, place: Place = "cell"
) -> float | str | None:
    """A number as people write it: `float`, None for a blank, or the reason it is not read (a
    string). The dot is the decimal point; commas, spaces or apostrophes may group thousands in
    threes ("$120,000", "120 000"); money may carry a currency sign or code, percentages a % sign.
    Ambiguous or shorthand numbers ("95.000,50", "12k") are refused with the number to write
    instead; so is an amount like "€ 95.000" (or "95.000" in a file separated by semicolons,
    `dots_may_group`), which could be 95 or 95000.

    >>> parse_number("$120,000"), parse_number("120 000"), parse_number("120000.50")
    (120000.0, 120000.0, 120000.5)
    >>> parse_number("225k")
    '"225k" is not a number; write it as 225000'
    """
    s = raw.strip()
    if not s:
        return None
    shown = quote(s)
    folded = s.casefold()
    if folded in _NOT_NUMBERS:
        return f"{shown} is not a number; write {UNIT_WORDS[unit]}, or leave the {place} empty"
    if s.startswith("#"):
        return f"{shown} is a spreadsheet error, not a number; fix the formula in the spreadsheet, or type the number"
    if s.startswith("'"):  # a spreadsheet's mark for "this is text", not part of the number
        s = s[1:].strip()
    if s.startswith(("=", "@")):
        if place == "field":
            return f"{shown} is a formula; type the number itself"
        return (
            f"{shown} is a formula; the import reads values and never runs formulas. Type the number itself"
        )
    negative = False
    if s.startswith("(") and s.endswith(")"):  # accounting style (1,000)
        negative, s = True, s[1:-1].strip()
    s, sign = _take_sign(s)
    negative ^= sign
    s, currency_before = _CURRENCY_PREFIX.subn("", s, count=1)
    s, sign = _take_sign(s)
    negative ^= sign
    s, currency_after = _CURRENCY_SUFFIX.subn("", s, count=1)
    currency = bool(currency_before or currency_after)
    percent = s.endswith("%")
    if percent:
        s = s[:-1].rstrip()
    what = "column" if place == "cell" else "field"
    if currency and unit != "money":
        return f"{shown} has a currency sign, but this {what} is {UNIT_WORDS[unit]}; write the number alone"
    if percent and unit != "percent":
        return f"{shown} is a percentage, but this {what} is {UNIT_WORDS[unit]}; write the number alone"
    value: Decimal | None = None
    if _PLAIN.fullmatch(s):
        if unit == "money" and (currency or dots_may_group) and _ONE_DOT_GROUP.fullmatch(s):
            whole = s.replace(".", "")
            return (
                f"{shown} could be {_plain(Decimal(s))} or {whole} (a dot between thousands); write "
                f"{whole}, or {_plain(Decimal(s))} if you mean that"
            )
        value = _decimal(s)
    elif _COMMA_GROUPS.fullmatch(s):
        value = _decimal(s.replace(",", ""))
    elif _SPACE_GROUPS.fullmatch(s):
        value = _decimal(re.sub(f"[{_GROUP_SPACES}]", "", s))
    elif _APOSTROPHE_GROUPS.fullmatch(s):
        value = _decimal(re.sub("['’]", "", s))
    elif _DOT_GROUPS.fullmatch(s):
        return f"{shown} has dots between thousands; write it as {s.replace('.', '')}"
    elif _DECIMAL_COMMA.fullmatch(s):
        fixed = re.sub(f"[.{_GROUP_SPACES}]", "", s).replace(",", ".")
        return f"{shown} uses a comma as the decimal point; write it as {('-' if negative else '') + fixed}"
    else:
        m = _SHORTHAND.fullmatch(s)
        if m:
            factor = 1000 if m.group(2).lower() == "k" else 1_000_000
            amount = _decimal(m.group(1))
            if amount is not None:
                return f"{shown} is not a number; write it as {('-' if negative else '') + _plain(amount * factor)}"
        return f"{shown} is not a number; write {UNIT_WORDS[unit]} with digits and a dot for decimals"
    if value is None:
        return f"{shown} is not a number; write {UNIT_WORDS[unit]} with digits and a dot for decimals"
    number = float(-value if negative else value)
    if not math.isfinite(number):
        return f"{shown} is too large to be a number here"
    return number + 0.0  # no -0.0


def read_number(
    raw: str,
    unit: NumberUnit,
    ge: float | None,
    le: float | None,
    *,
    what: str,
    dots_may_group: bool = False,
    place: Place = "cell",
) -> tuple[float | None, str | None]:
    """(value, None), (None, None) for a blank, or (None, what is wrong): `parse_number`, then the
    bounds `ge` and `le` of the field called `what`.

    >>> read_number("-5", "money", 0, 1e9, what="base")
    (None, '"-5" is negative; an amount of pay can\\'t be below 0 (leave the cell empty for none)')
    """
    shown = quote(raw.strip())
    number = parse_number(raw, unit, dots_may_group=dots_may_group, place=place)
    if number is None:
        return None, None
    if isinstance(number, str):
        return None, number
    if ge is not None and number < ge:
        if unit == "money":
            return (
                None,
                f"{shown} is negative; an amount of pay can't be below 0 (leave the {place} empty for none)",
            )
        if unit == "rating":
            return None, f"{shown} is below 0; ratings go from 0 to 10"
        return None, f"{shown} is below {ge:g}; {what} goes from {ge:g} to {le:g}"
    if le is not None and number > le:
        if unit == "rating":
            return None, f"{shown} is above 10; ratings go from 0 to 10"
        if unit == "money":
            return None, f"{shown} is more than {le:,.0f}; check the amount"
        return None, f"{shown} is above {le:g}; {what} goes from {ge:g} to {le:g}"
    return number, None


def _take_sign(s: str) -> tuple[str, bool]:
    if s[:1] in ("-", "−", "+"):
        return s[1:].lstrip(), s[0] != "+"
    return s, False


def _decimal(s: str) -> Decimal | None:
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
