"""Amounts read and shown one way everywhere: the shared number parser, one rounding rule for money
on screen and in the CLI, and labels that read as a person reads them."""

from __future__ import annotations

import doctest

import pytest

import core.numbers
import core.shown
from core.numbers import read_number
from core.shown import money, whole
from core.text import label_text


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (208_262.5, "208,263"),  # round() made it 208,262 (half to even)
        (-208_262.5, "-208,263"),
        (0.5, "1"),
        (1.5, "2"),
        (2.5, "3"),
        (208_262.49999999997, "208,263"),  # 208,262.5 computed with floating-point dust
        (208_262.4, "208,262"),
        (-0.4, "0"),  # never "-0"
        (0.0, "0"),
    ],
)
def test_whole_rounds_half_away_from_zero(amount, shown):
    assert whole(amount) == shown


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (208_262.5, "$", "$208,263"),
        (-13_533.2, "€", "-€13,533"),  # never "€-13,533"
        (-13_532.5, "€", "-€13,533"),
        (-0.2, "€", "€0"),
        (1_234.0, "CHF ", "CHF 1,234"),
    ],
)
def test_money_puts_the_minus_before_the_currency(amount, currency, shown):
    assert money(amount, currency) == shown


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("120000", 120_000.0),
        ("120,000", 120_000.0),
        ("120 000", 120_000.0),
        ("$120,000", 120_000.0),
        ("120000.50", 120_000.5),
    ],
)
def test_a_field_takes_amounts_as_people_write_them(typed, value):
    assert read_number(typed, "money", 0, 1e9, what="an amount", place="field") == (value, None)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("225k", '"225k" is not a number; write it as 225000'),
        ("12k", '"12k" is not a number; write it as 12000'),
        ("lots", '"lots" is not a number; write an amount of money with digits and a dot for decimals'),
        ("€ 95.000,50", '"€ 95.000,50" uses a comma as the decimal point; write it as 95000.50'),
        ("n/a", '"n/a" is not a number; write an amount of money, or leave the field empty'),
        ("=A1", '"=A1" is a formula; type the number itself'),
    ],
)
def test_a_field_refuses_what_could_be_misread_and_says_what_to_write(typed, message):
    assert read_number(typed, "money", 0, 1e9, what="an amount", place="field") == (None, message)


def test_the_csv_import_reads_numbers_with_the_same_parser():
    import core.files.options_csv.read

    assert core.files.options_csv.read.read_number is read_number


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Base salary per year ($)", "Base salary per year ($)"),  # was "(\\$)"
        ("Sign-on bonus (€)", "Sign-on bonus (€)"),
        ("Relocation (CHF)", "Relocation (CHF)"),
        ("Pay ($$)", "Pay (\\$\\$)"),  # a pair of dollars is math: escaped
        ("Pay (**x**)", "Pay (\\*\\*x\\*\\*)"),
    ],
)
def test_labels_are_escaped_only_where_they_hold_markup(label, name):
    assert label_text(label) == name


@pytest.mark.parametrize("module", [core.numbers, core.shown])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0
