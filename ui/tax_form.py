"""The part of the pay form about money rules: the currency a job pays in, and how its tax is found
(an effective rate the person enters, or US tax worked out by `core.money.tax`).

Every control goes through `ui.state` (`synced`, `bound`, `money_field`) like the rest of the pay
form, so fast typing is never lost and a refused choice leaves the scenario as it was, with a
message saying what to change.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from core.edits.editing import Path, get_value, with_job_currency, with_value, with_values
from core.model.scenario import Job, Pay, Scenario
from core.money.compensation import tax_year
from core.money.currency import currencies, currency_name
from core.money.currency import money as money_in
from core.money.tax import FILING_STATUSES, US_STATES, TaxNotCovered, covered_states, library_years, us_tax
from core.shown import percent
from core.text import markdown_escape
from ui import state
from ui.layout import slot
from ui.money_field import money_field

TAX_MODE_NAMES = {"effective rate": "Effective rate (enter it)", "worked out": "Worked out (US)"}
EFFECTIVE_RATE_HELP = (
    "Everything taken from your gross pay, as a share of it: income tax (national, and state, "
    "regional or local where there is one) and social contributions (pension, health, "
    "unemployment and care insurance), plus any church or solidarity tax. From a payslip: "
    "100 × (1 − net ÷ gross). For a job in the US, 'Worked out (US)' does this for you."
)


def job_of(scenario: Scenario, job: Path) -> Job:
    """The job at ("current",) or ("options", id)."""
    return scenario.current if job == ("current",) else scenario.option(job[1])


def label_currency(scenario: Scenario, job: Job) -> str:
    """The currency a job's amount labels name: its own code, or the scenario's as written."""
    return job.currency or scenario.currency


def currency_choice(job: Path) -> None:
    """A selectbox of ISO 4217 currencies, named in words ("EUR — Euro")."""

    def now() -> str | None:
        s = state.scenario()
        return s.job_currency(job_of(s, job))

    def take(code: str | None) -> bool:
        if code is None:
            return False
        return state.apply(with_job_currency, job, code)

    is_current = job == ("current",)
    st.selectbox(
        "Currency you are paid in" if is_current else "Currency this job pays in",
        currencies(),
        format_func=currency_name,
        placeholder="Choose a currency",
        help=(
            "Every amount for this job is in it. Everything is compared in this currency unless you "
            "pick another on Money over time."
            if is_current
            else "Every amount for this job is in it; it is converted at a dated exchange rate "
            "(shown on Money over time, where you can enter your own)."
        ),
        **state.synced(state.widget_key((*job, "currency")), now, take),
    )


def _pending_key(base: Path) -> str:
    return "worked_out_pending:" + "/".join(base)


def tax_choice(base: Path, rate_warnings: list[str] | None = None) -> None:
    """How the job at `base` (its pay) is taxed: the choice, then its inputs."""
    mode = _mode_now(base)
    a, b = st.columns(2)
    with a:
        st.selectbox(
            "Income tax",
            list(TAX_MODE_NAMES),
            format_func=TAX_MODE_NAMES.get,
            help="Worked out: US federal, state and payroll taxes on each year's pay, from the tax "
            "year, filing status and state. Anywhere else, enter an effective rate.",
            **state.synced(
                state.widget_key((*base, "tax_mode")), partial(_mode_now, base), partial(_take_mode, base)
            ),
        )
    if mode != "worked out":
        with b:
            _effective_rate(base, rate_warnings or [])
        return
    # As they were before the inputs below were drawn.
    pay, money = _pay_now(base), state.scenario().money
    years = [tax_year(money.start, y) for y in range(money.horizon_years)]
    latest = library_years()[-1]
    _worked_out_inputs(base, latest)
    if state.tab().page.get(_pending_key(base)) and pay.tax_mode != "worked out":
        st.info("Choose the state the job is taxed in to work its tax out.", icon=":material/info:")
        return
    st.caption(_tax_years_caption(years, latest, pay.tax_later_years))
    _tax_preview(pay, years[0], base)


# The choice: "worked out" waits for a state ------------------------------------------------------
# Choosing "Worked out" before the job's state is known can't be saved yet (the tax needs the
# state): the choice is kept as pending on the page, shown as made, and saved with the state.


def _pay_now(base: Path) -> Pay:
    return Pay.model_validate(get_value(state.scenario(), base))


def _mode_now(base: Path) -> str:
    pay = _pay_now(base)
    if pay.tax_mode != "worked out" and state.tab().page.get(_pending_key(base)):
        return "worked out"  # chosen, waiting for the state
    return pay.tax_mode


def _take_mode(base: Path, mode: str) -> bool:
    t, pending = state.tab(), _pending_key(base)
    pay, scenario = _pay_now(base), state.scenario()
    if mode != "worked out":
        t.page.pop(pending, None)
        return state.apply(with_value, (*base, "tax_mode"), mode)
    if pay.tax_mode == "worked out":
        return True
    code = scenario.job_currency(job_of(scenario, base[:-1]))
    if code != "USD":
        t.notices.append(
            (
                "error",
                f"Worked-out tax is US tax on pay in US dollars, and this job pays in "
                f"{code or scenario.currency}. Choose US Dollar as its currency first, or keep an "
                "effective rate.",
            )
        )
        return False
    if not pay.tax_state:
        t.page[pending] = True  # saved with the state, once it is chosen
        return True
    kept = state.apply(
        with_values, [((*base, "tax_mode"), "worked out"), ((*base, "tax_later_years"), "latest law")]
    )
    if kept:
        _show((*base, "tax_later_years"), "latest law")
    return kept


def _take_state(base: Path, code: str | None) -> bool:
    if code is None:
        return False
    t, pending = state.tab(), _pending_key(base)
    changes = [((*base, "tax_state"), code)]
    if t.page.get(pending):
        changes += [((*base, "tax_mode"), "worked out"), ((*base, "tax_later_years"), "latest law")]
    kept = state.apply(with_values, changes)
    if kept and t.page.pop(pending, None):
        _show((*base, "tax_later_years"), "latest law")
    return kept


# The inputs of each way ----------------------------------------------------------------------------


def _effective_rate(base: Path, rate_warnings: list[str]) -> None:
    state.bound(
        st.number_input,
        "Effective tax rate (%)",
        (*base, "tax_rate_pct"),
        step=1.0,
        help=EFFECTIVE_RATE_HELP,
    )
    with slot():
        for text in rate_warnings:
            st.warning(markdown_escape(text), icon=":material/warning:")


def _worked_out_inputs(base: Path, latest: int) -> None:
    """The state, filing status, later years, and the pre-tax deductions."""
    covered = set(covered_states(latest))
    c, d, e = st.columns(3)
    with c:
        st.selectbox(
            "State the job is taxed in",
            list(US_STATES),
            format_func=lambda code: (
                US_STATES[code] + ("" if code in covered else " (not worked out here: enter a rate)")
            ),
            placeholder="Choose the state",
            help="Where you will live and work. The federal tax is the same everywhere.",
            **state.synced(
                state.widget_key((*base, "tax_state")),
                lambda: _pay_now(base).tax_state or None,
                partial(_take_state, base),
            ),
        )
    with d:
        state.bound(
            st.selectbox,
            "Filing status",
            (*base, "filing_status"),
            options=list(FILING_STATUSES),
            format_func=lambda s: s[0].upper() + s[1:],
            help="As on your tax return. Married filing jointly: enter the household's pay for this job only; "
            "your spouse's pay is not counted.",
        )
    with e:
        state.bound(
            st.selectbox,
            "Tax years after the law this app has",
            (*base, "tax_later_years"),
            options=["latest law", "refuse"],
            format_func=lambda v: (
                f"Tax them under {latest} law" if v == "latest law" else "Don't: I'll enter an effective rate"
            ),
            help=f"The tax library knows US tax law up to {latest}. Later years are taxed under "
            f"{latest} law, brackets and all, unless you say not to.",
        )
    f, g = st.columns(2)
    with f:
        money_field(
            "Your pre-tax retirement contributions per year (USD)",
            (*base, "retirement_pre_tax"),
            help="401(k) or 403(b) contributions taken from pay before income tax (Social Security "
            "and Medicare still apply to them). 0 if you contribute nothing.",
        )
    with g:
        money_field(
            "Health premiums taken before tax per year (USD)",
            (*base, "health_premiums_pre_tax"),
            help="Your share of health, dental and vision premiums paid through payroll before tax.",
        )


def _tax_years_caption(years: list[int], latest: int, later_years: str) -> str:
    """Which law each tax year of the horizon is worked out under.

    >>> _tax_years_caption([2027, 2028], 2025, "refuse")
    'Tax years 2027 to 2028; this app has US tax law up to 2025.'
    >>> _tax_years_caption([2025], 2025, "latest law")
    "Tax years 2025, each under its own year's law."
    """
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"
    if years[-1] > latest and later_years == "latest law":
        return (
            f"Tax years {span}: taxed under the tax law of {latest}, the latest this app has "
            "(each year's own Social Security wage base where it is published)."
        )
    if years[-1] > latest:
        return f"Tax years {span}; this app has US tax law up to {latest}."
    return f"Tax years {span}, each under its own year's law."


def _show(path: Path, value: object) -> None:
    """In a callback that changed the field at `path` besides its own: that field's widget shows
    the new value at once, so the person choosing the old one right after is not mistaken for the
    browser's older value and dropped (`ui.state.is_stale`)."""
    key = state.widget_key(path)
    if key in st.session_state:
        st.session_state[key] = value
        state.tab().seen[key] = value


def _use_rate(base: Path) -> None:
    """Back to an effective rate: the choice above shows it at once, so choosing "Worked out"
    again right after is taken as a choice, not as the browser's older value."""
    if state.apply(with_value, (*base, "tax_mode"), "effective rate"):
        _show((*base, "tax_mode"), "effective rate")


def _tax_preview(pay: Pay, first_year: int, base: Path) -> None:
    """The first year's tax on base and bonus, in words; or what the library can't do, and the
    way out (an effective rate), never a tax of 0."""
    wages = pay.base + pay.bonus
    try:
        year = us_tax(
            first_year,
            pay.tax_state,
            pay.filing_status,
            round(wages, 2),
            retirement_pre_tax=round(min(pay.retirement_pre_tax, wages), 2),
            health_pre_tax=round(
                min(pay.health_premiums_pre_tax, max(0.0, wages - pay.retirement_pre_tax)), 2
            ),
            later_years=pay.tax_later_years,
        )
    except TaxNotCovered as problem:
        st.error(markdown_escape(str(problem)), icon=":material/error:")
        st.button(
            "Enter an effective rate for this job instead",
            key="use_rate:" + "/".join(base),
            on_click=_use_rate,
            args=(base,),
            icon=":material/edit:",
        )
        return
    usd = lambda amount: markdown_escape(money_in(amount, "USD"))  # noqa: E731
    st.caption(
        f"A year of base and bonus, {usd(wages)}, under {year.law_year} law in {US_STATES[year.state]}: "
        f"federal income tax {usd(year.federal_income)}, state income tax {usd(year.state_income)}, "
        f"Social Security and Medicare {usd(year.payroll)}; take-home {usd(year.take_home)}. "
        f"Effective rate {percent(year.effective_rate)}, marginal rate {percent(year.marginal_rate)}. "
        "Money over time has every year, with equity and sign-on."
    )
