"""Worked-out US tax (core/money/tax.py), on cases worked out by hand.

2025 figures used below (IRS Rev. Proc. 2024-40 as amended by the One Big Beautiful Bill Act;
California FTB 2025 rate schedule X; New York IT-201 instructions; SSA contribution and benefit
base):
- federal standard deduction: single 15,750; married filing jointly 31,500;
- federal brackets, single: 10% to 11,925; 12% to 48,475; 22% to 103,350; 24% to 197,300;
  32% to 250,525; 35% to 626,350. Married filing jointly: 10% to 23,850; 12% to 96,950;
  22% to 206,700; 24% to 394,600;
- under 100,000 of taxable income the IRS tax table applies: the tax on the middle of its $50 row;
- Social Security 6.2% up to 176,100 (2025); Medicare 1.45%; additional Medicare 0.9% above
  200,000 (single) or 250,000 (married filing jointly).
Open Tax Solver rounds each line to whole dollars, as the forms do; the tests allow $1.
"""

from __future__ import annotations

import pytest

from core.money.tax import (
    TaxNotCovered,
    covered_states,
    library_years,
    payroll_taxes,
    share_of_year,
    social_security_wage_base,
    us_tax,
)


def test_single_150k_california_2025():
    """Single, $150,000 of wages, California, 2025.

    Federal: taxable 150,000 - 15,750 = 134,250.
      10% x 11,925 = 1,192.50; 12% x (48,475 - 11,925) = 4,386; 22% x (103,350 - 48,475) = 12,072.50;
      24% x (134,250 - 103,350) = 7,416. Total 25,067.
    California: taxable 150,000 - 5,706 (standard deduction) = 144,294.
      1% x 11,079 = 110.79; 2% x (26,264 - 11,079) = 303.70; 4% x (41,452 - 26,264) = 607.52;
      6% x (57,542 - 41,452) = 965.40; 8% x (72,724 - 57,542) = 1,214.56;
      9.3% x (144,294 - 72,724) = 6,656.01. Sum 9,857.98, less the personal exemption credit 153:
      9,704.98 (the form rounds to 9,705).
    Social Security 6.2% x 150,000 = 9,300; Medicare 1.45% x 150,000 = 2,175; additional 0.
    Total 25,067 + 9,705 + 9,300 + 2,175 = 46,247; after tax 103,753; effective 30.83%.
    Marginal: 24% + 9.3% + 6.2% + 1.45% = 40.95%, less the little the next $100 changes
      through whole-dollar rounding (the library says 40.65%): between 40% and 41.5%.
    """
    t = us_tax(2025, "CA", "single", 150_000)
    assert t.federal_income == pytest.approx(25_067, abs=1)
    assert t.state_income == pytest.approx(9_704.98, abs=1)
    assert (t.social_security, t.medicare, t.additional_medicare) == (9_300, 2_175, 0)
    assert t.total == pytest.approx(46_247, abs=1)
    assert t.after_tax == pytest.approx(103_753, abs=1)
    assert t.effective_rate == pytest.approx(46_247 / 150_000, abs=1e-5)
    assert 0.40 <= t.marginal_rate <= 0.415


def test_married_jointly_300k_new_york_2025():
    """Married filing jointly, $300,000, New York, 2025.

    Federal: taxable 300,000 - 31,500 = 268,500.
      10% x 23,850 = 2,385; 12% x (96,950 - 23,850) = 8,772; 22% x (206,700 - 96,950) = 24,145;
      24% x (268,500 - 206,700) = 14,832. Total 50,134.
    New York: taxable 300,000 - 16,050 = 283,950, in the 6% bracket (161,550 to 323,200). With
      New York AGI above 161,550 + 50,000 the benefit of the lower brackets is fully recaptured:
      the tax is 6% of all taxable income, 6% x 283,950 = 17,037.
    Social Security 6.2% x 176,100 (the wage base) = 10,918.20; Medicare 1.45% x 300,000 = 4,350;
      additional Medicare 0.9% x (300,000 - 250,000) = 450.
    Total 50,134 + 17,037 + 10,918.20 + 4,350 + 450 = 82,889.20.
    """
    t = us_tax(2025, "NY", "married filing jointly", 300_000)
    assert t.federal_income == pytest.approx(50_134, abs=1)
    assert t.state_income == pytest.approx(17_037, abs=1)
    assert (t.social_security, t.medicare, t.additional_medicare) == (10_918.2, 4_350, 450)
    assert t.total == pytest.approx(82_889.2, abs=2)


def test_texas_has_no_state_income_tax():
    """Single, $100,000, Texas, 2025.

    Federal: taxable 100,000 - 15,750 = 84,250, under 100,000: the tax table row 84,250-84,300,
      taxed at its middle 84,275: 1,192.50 + 4,386 + 22% x (84,275 - 48,475) = 7,876; 13,454.50,
      rounded 13,455. State 0.
    Social Security 6,200; Medicare 1,450. Total 21,105; after tax 78,895.
    Marginal: 22% + 6.2% + 1.45% = 29.65%.
    """
    t = us_tax(2025, "TX", "single", 100_000)
    assert t.federal_income == pytest.approx(13_455, abs=1)
    assert t.state_income == 0
    assert t.total == pytest.approx(21_105, abs=1)
    assert t.after_tax == pytest.approx(78_895, abs=1)
    assert t.marginal_rate == pytest.approx(0.2965, abs=0.002)


def test_pre_tax_contributions_and_premiums_reduce_taxable_pay():
    """Single, $150,000, Texas, 2025, with 23,500 into a 401(k) and 3,000 of health premiums.

    Income-tax wages 150,000 - 23,500 - 3,000 = 123,500; taxable 123,500 - 15,750 = 107,750:
      1,192.50 + 4,386 + 12,072.50 + 24% x (107,750 - 103,350) = 1,056; 18,707.
    FICA wages 150,000 - 3,000 = 147,000 (401(k) deferrals are not exempt):
      Social Security 9,114; Medicare 2,131.50.
    Total 29,952.50; after tax 120,047.50; take-home 120,047.50 - 26,500 = 93,547.50.
    """
    t = us_tax(2025, "TX", "single", 150_000, retirement_pre_tax=23_500, health_pre_tax=3_000)
    assert t.income_tax_wages == 123_500
    assert t.federal_income == pytest.approx(18_707, abs=1)
    assert (t.social_security, t.medicare) == (9_114, 2_131.5)
    assert t.after_tax == pytest.approx(120_047.5, abs=1)
    assert t.take_home == pytest.approx(93_547.5, abs=1)


def test_a_big_vest_crosses_a_bracket():
    """Single, Texas, 2025: a $100,000 base, and in one year $150,000 of RSUs vest (taxed as wages).

    Without the vest: 13,455 federal (above). With it, wages 250,000, taxable 234,250:
      1,192.50 + 4,386 + 12,072.50 + 24% x (197,300 - 103,350) = 22,548, + 32% x (234,250 - 197,300)
      = 11,824; 52,023.
    Payroll: Social Security 6.2% x 176,100 = 10,918.20; Medicare 3,625; additional
      0.9% x 50,000 = 450.
    The vest year's marginal rate: 32% + 1.45% + 0.9% = 34.35% (Social Security is capped),
      against 29.65% in a year without it; the vest's own tax is 52,023 - 13,455 = 38,568 federal,
      25.7% of it, more than the 13.5% the base alone pays.
    """
    base = us_tax(2025, "TX", "single", 100_000)
    vest_year = us_tax(2025, "TX", "single", 250_000)
    assert vest_year.federal_income == pytest.approx(52_023, abs=1)
    assert (vest_year.social_security, vest_year.medicare, vest_year.additional_medicare) == (
        10_918.2,
        3_625,
        450,
    )
    assert vest_year.marginal_rate == pytest.approx(0.3435, abs=0.002)
    assert vest_year.federal_income - base.federal_income == pytest.approx(38_568, abs=2)


def test_social_security_wage_base_crossed_mid_year():
    """The year you change jobs, single, Texas, 2025: 8 months at $180,000 a year (120,000) and
    4 at $240,000 (80,000). Each employer withholds 6.2% up to the base on its own pay
    (7,440 + 4,960 = 12,400), but the return refunds the excess: the tax is 6.2% x 176,100 =
    10,918.20 on the year's 200,000, shared 60/40: 6,550.92 and 4,367.28.

    Federal on 200,000: taxable 184,250: 1,192.50 + 4,386 + 12,072.50 + 24% x (184,250 - 103,350)
      = 19,416; 37,067. Shares 22,240.20 and 14,826.80.
    """
    year = us_tax(2025, "TX", "single", 200_000)
    assert year.social_security == 10_918.2
    assert year.federal_income == pytest.approx(37_067, abs=1)
    old, new = share_of_year(year, 120_000, 120_000), share_of_year(year, 80_000, 80_000)
    assert (old.social_security, new.social_security) == (6_550.92, 4_367.28)
    assert old.federal_income == pytest.approx(22_240.2, abs=1)
    assert old.total + new.total == pytest.approx(year.total, abs=0.02)
    assert old.marginal_rate == pytest.approx(year.marginal_rate)


def test_payroll_figures():
    """Wage bases from the SSA table; a later year uses the last published one."""
    assert social_security_wage_base(2024) == 168_600
    assert social_security_wage_base(2026) == 184_500
    assert payroll_taxes(2024, 200_000, "single") == (10_453.2, 2_900, 0)
    assert payroll_taxes(2025, 130_000, "married filing separately") == (8_060, 1_885, 45)


def test_a_state_the_library_cannot_do_says_so():
    """Illinois is not in Open Tax Solver's 2025 forms: an error that says what to do, never 0."""
    with pytest.raises(TaxNotCovered, match="Illinois.*effective tax rate"):
        us_tax(2025, "IL", "single", 100_000)


def test_a_year_the_library_cannot_do_says_so_or_uses_the_latest_law_when_asked():
    last = library_years()[-1]
    with pytest.raises(TaxNotCovered, match=f"not {last + 2}"):
        us_tax(last + 2, "CA", "single", 150_000)
    later = us_tax(last + 2, "CA", "single", 150_000, later_years="latest law")
    assert later.law_year == last
    assert later.federal_income == us_tax(last, "CA", "single", 150_000).federal_income
    assert any(f"under {last} law" in note for note in later.notes)


@pytest.mark.parametrize(
    ("state", "status", "retire", "message"),
    [
        ("Texas", "single", 0, "not a US state"),
        ("CA", "jointly", 0, "not a filing status"),
        ("CA", "single", -1_000, "negative"),
    ],
)
def test_bad_input_gets_a_message(state, status, retire, message):
    with pytest.raises(ValueError, match=message):
        us_tax(2025, state, status, 100_000, retirement_pre_tax=retire)


def test_breakdown_as_numbers_for_the_report():
    row = us_tax(2025, "TX", "single", 100_000).as_dict()
    assert row["total_tax"] == pytest.approx(21_105, abs=1)
    assert set(row) >= {"federal_income_tax", "state_income_tax", "social_security", "marginal_rate"}


def test_covered_states_are_the_ones_the_library_can_do():
    """Measured with tenforty 2025.12 (docs/methods.md): 11 states with a wage tax and the 8
    without one; Illinois is not among them, and 2030 is not a year it knows."""
    covered = covered_states(2025)
    assert set(covered) == {
        *("AZ", "CA", "MA", "MI", "NC", "NJ", "NY", "OH", "OR", "PA", "VA"),
        *("AK", "FL", "NV", "SD", "TN", "TX", "WA", "WY"),
    }
    assert covered_states(2030) == ()
