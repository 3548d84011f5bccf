"""The pay form: every part of pay for the current role or one option, bound to the scenario."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from core.edits.editing import Path, get_value, with_value, with_values
from core.model.bounds import bounds
from core.model.scenario import FREQUENCY_MONTHS, VESTING_PRESETS, EquityGrant, Pay, VestingSchedule
from core.money.currency import money_in as money
from core.money.plausibility import pay_warnings
from core.text import label_text, markdown_escape
from ui import state, table_notes
from ui.layout import slot
from ui.money_field import money_field
from ui.tax_form import currency_choice, job_of, label_currency, tax_choice

PRESET_NAMES = {k: v[0] for k, v in VESTING_PRESETS.items()}
FREQUENCIES = ["preset", *FREQUENCY_MONTHS]
FREQUENCY_NAMES = {"preset": "as the schedule says", **{f: f for f in FREQUENCY_MONTHS}}


def _money(label: str, path: Path, cur: str, help: str | None = None) -> None:
    """A money field: typed as people write amounts, refused with a message beside it otherwise
    (`ui.money_field`)."""
    money_field(label_text(f"{label} ({cur})"), path, help=help)


def _number(
    label: str,
    path: Path,
    step: float,
    help: str | None = None,
    warnings: list[str] | None = None,
) -> None:
    state.bound(st.number_input, label, path, step=step, help=help)  # bounds: the model's
    _warn(warnings)


def _warn(warnings: list[str] | None) -> None:
    """Plausibility warnings (`core.money.plausibility`) right under the field they are about, in a slot:
    they come and go as amounts are typed (`ui.layout`)."""
    with slot():
        for text in warnings or []:
            st.warning(markdown_escape(text), icon=":material/warning:")


def pay_form(base: Path, pay: Pay, cur: str, *, is_current: bool, continuing: bool = False) -> None:
    """All the parts of pay at `base` (e.g. ("current", "pay")), grouped as people think of them,
    one bordered section each.

    `continuing`: an internal role or counteroffer, where grants and retirement service carry over.
    """
    p = base
    scenario = state.scenario()
    cur = label_currency(scenario, job_of(scenario, base[:-1]))  # this job's own, if it has one
    found = pay_warnings(scenario, "current" if base[0] == "current" else base[1], date.today())
    money_col, _ = st.columns([1, 2])
    with money_col:
        currency_choice(base[:-1])
    _salary_and_bonus(p, pay, cur, found)
    _sign_on(p, cur, is_current)
    _equity(p, pay, cur, found, continuing)
    _retirement_match(p, pay, cur, is_current, continuing)
    _benefits_and_commute(p, cur)
    _where_taxed(p, found)


def _salary_and_bonus(p: Path, pay: Pay, cur: str, found: dict[str, list[str]]) -> None:
    """Base, raise and bonus, with the bonus payout's range."""
    with st.container(border=True):
        st.markdown("**Salary and bonus**")
        a, b, c, d = st.columns(4)
        with a:
            _money("Base salary per year", (*p, "base"), cur)
            _warn(found.get("base"))
        with b:
            _number(
                "Expected raise per year (%)",
                (*p, "raise_pct"),
                0.5,
                "Applied on each anniversary. Use 0 if you expect none.",
            )
        with c:
            _number(
                "Bonus target (% of base)",
                (*p, "bonus_target_pct"),
                1.0,
                "The bonus as quoted: a percentage of base salary.",
                found.get("bonus_target_pct"),
            )
        with d:
            _number(
                "Bonus you expect to be paid (% of target)",
                (*p, "bonus_payout_pct"),
                5.0,
                "Bonuses quoted at target are often paid below it. 100 means the full target.",
            )
        _range(
            "Payout could really be (% of target)",
            p,
            ("bonus_payout_low_pct", "bonus_payout_high_pct"),
            pay.bonus_payout_pct,
            (pay.bonus_payout_low_pct, pay.bonus_payout_high_pct),
            5.0,
        )
        st.caption(
            f"Expected bonus this year: {markdown_escape(money(pay.bonus, cur))} "
            f"({pay.bonus_target_pct:g}% target × {pay.bonus_payout_pct:g}% payout), paid at the end "
            "of each year."
        )


def _sign_on(p: Path, cur: str, is_current: bool) -> None:
    """A sign-on: the one the current employer would claw back, or the one an offer pays."""
    with st.container(border=True):
        if is_current:
            st.markdown("**A sign-on bonus you would have to repay**")
            a, b = st.columns(2)
            with a:
                _money(
                    "Sign-on and relocation you'd repay",
                    (*p, "sign_on"),
                    cur,
                    "What your current employer would claw back if you left early.",
                )
            with b:
                _number(
                    "…if you leave within (months from today)",
                    (*p, "clawback_months"),
                    1,
                    "Leaving in the month this runs out costs nothing.",
                )
        else:
            st.markdown("**Sign-on and relocation**")
            a, b, c = st.columns(3)
            with a:
                _money("Sign-on bonus", (*p, "sign_on"), cur, "Paid in your first month.")
            with b:
                _money("Relocation", (*p, "relocation"), cur)
            with c:
                _number(
                    "Repaid if you leave within (months)",
                    (*p, "clawback_months"),
                    1,
                    "Until this runs out the sign-on counts as at risk, not guaranteed: you would owe it back if "
                    "you left. Money over time shows what leaving the new job at a month you choose would cost.",
                )


def _equity(p: Path, pay: Pay, cur: str, found: dict[str, list[str]], continuing: bool) -> None:
    """Grants, share price, refreshers and their vesting."""
    with st.container(border=True):
        st.markdown("**Equity**")
        with slot():  # the kind of option can change while this is shown
            if continuing:
                st.caption(
                    "Same employer: your current grants keep vesting as they are. Add only new grants here."
                )
        grants_editor(p, pay, cur)
        _warn(found.get("grants"))
        a, b, c = st.columns(3)
        with a:
            _number(
                "Share price change per year (%)",
                (*p, "share_price_change_pct"),
                1.0,
                "Your expectation. Vested shares are valued at the price on the day they vest.",
            )
        with b:
            _number(
                "Risk discount (%)",
                (*p, "equity_risk_discount_pct"),
                5.0,
                "For private-company equity you can't sell yet: 0 counts it in full; 50 counts half. "
                "Default 0: set it if the company is private.",
            )
        with c:
            _money(
                "Refresher grants per year",
                (*p, "refresher_value"),
                cur,
                "Grant value given on each anniversary, vesting on the schedule below.",
            )
        _range(
            "Share price change could really be (% a year)",
            p,
            ("share_price_change_low_pct", "share_price_change_high_pct"),
            pay.share_price_change_pct,
            (pay.share_price_change_low_pct, pay.share_price_change_high_pct),
            5.0,
        )
        state.bound(
            st.selectbox,
            "Refresher vesting",
            (*p, "refresher_schedule", "preset"),
            options=[k for k in PRESET_NAMES if k != "custom"],
            format_func=PRESET_NAMES.get,
        )


def _retirement_match(p: Path, pay: Pay, cur: str, is_current: bool, continuing: bool) -> None:
    """The employer's match, its vesting, and (now) the service and the match not yet yours."""
    with st.container(border=True):
        st.markdown("**Retirement match**")
        a, b, c, d = st.columns(4)
        with a:
            _number(
                "Employer matches (% of your contributions)",
                (*p, "match_rate_pct"),
                5.0,
            )
        with b:
            _number("…up to (% of salary)", (*p, "match_cap_pct"), 0.5)
        with slot():
            if continuing:
                st.caption("Same employer: your service and match vesting carry on from your current role.")
        if not continuing:
            with c:
                state.bound(
                    st.selectbox,
                    "Match vesting",
                    (*p, "match_vesting"),
                    options=["immediate", "cliff", "graded"],
                    help="Cliff: all at once after the years below. Graded: an equal share each year.",
                )
            with d:
                _number("Vesting years", (*p, "match_vesting_years"), 1)
        if is_current:
            a, b = st.columns(2)
            with a:
                _number("Years you have worked there", (*p, "service_years"), 0.5)
            with b:
                _money(
                    "Match paid in but not yet yours",
                    (*p, "match_unvested_now"),
                    cur,
                    "Paid in by your employer, not yet yours. Cliff vesting: all of it becomes yours once your "
                    "service reaches the vesting years. Graded: a share more each year of service. What is not "
                    "yet yours when you leave is forfeited.",
                )
        st.caption(
            f"The employer adds {pay.match_rate_pct * pay.match_cap_pct / 100:g}% of salary, assuming you "
            "contribute enough to get the whole match."
        )


def _benefits_and_commute(p: Path, cur: str) -> None:
    """Benefits, health costs, time off and the commute."""
    with st.container(border=True):
        st.markdown("**Benefits, time off and commute**")
        a, b, c = st.columns(3)
        with a:
            _money("Benefits (value per year)", (*p, "benefits"), cur, "Health cover, insurance, perks.")
        with b:
            _money("Health costs you pay per year", (*p, "health_cost"), cur)
        with c:
            _number(
                "Paid time off (days)",
                (*p, "pto_days"),
                1.0,
                "Shown beside pay, not priced: weigh it under work-life balance.",
            )
        a, b, c = st.columns(3)
        with a:
            _number("Commute (minutes a day, both ways)", (*p, "commute_minutes"), 5.0)
        with b:
            _number("Office days per week", (*p, "office_days"), 1.0, "0 for fully remote.")
        with c:
            _money("Commute cost per year", (*p, "commute_cost"), cur)


def _where_taxed(p: Path, found: dict[str, list[str]]) -> None:
    """Cost of living and how the job is taxed."""
    with st.container(border=True):
        st.markdown("**Where and how it is taxed**")
        a, _ = st.columns(2)
        with a:
            _number(
                "Cost of living (where you live now = 100)",
                (*p, "col_index"),
                5.0,
                "A city 20% dearer is 120: its pay is divided by 1.2 to compare.",
            )
        tax_choice(p, found.get("tax_rate_pct"))


# The expected value each range sits on until the person sets it.
_EXPECTED_FOR = {
    "bonus_payout_low_pct": "bonus_payout_pct",
    "share_price_change_low_pct": "share_price_change_pct",
}


def _range(
    label: str,
    base: Path,
    fields: tuple[str, str],
    expected: float,
    current: tuple[float | None, float | None],
    step: float,
) -> None:
    """A low-high range around an expected value, for the How sure page. Until the person asks
    for one it is not set (counted as certain) and there is no slider: a slider that followed the
    expected value would be sent back by a browser still busy with key presses, and taken for the
    person's range."""
    low, high = current
    with slot():  # a caption and a button, or a slider: one place whichever (`ui.layout`)
        if low is None and high is None:
            st.caption(f"{label}: not set, so {expected:g} is counted as certain.")
            st.button(
                "Set a range",
                key="set_range:" + "/".join((*base, fields[0])),
                on_click=_set_range,
                args=(base, fields, expected),
                icon=":material/expand:",
                type="tertiary",
                help="For the uncertainty analysis on the How sure page: the lowest and highest you "
                "think it could really be.",
            )
            return

        def now() -> tuple[float, float]:
            pay = get_value(state.scenario(), base)
            expected_now = pay[_EXPECTED_FOR[fields[0]]]
            return tuple(expected_now if pay[f] is None else pay[f] for f in fields)

        def take(span: tuple[float, float]) -> bool:
            return state.apply(
                with_values, [((*base, fields[0]), float(span[0])), ((*base, fields[1]), float(span[1]))]
            )

        st.slider(
            label,
            **bounds((*base, fields[0])).widget(),
            step=step,
            **state.synced(state.widget_key((*base, fields[0])), now, take),
            help="For the uncertainty analysis on the How sure page: the lowest and highest you think "
            "it could really be. The expected value above counts as within it.",
        )


def _set_range(base: Path, fields: tuple[str, str], expected: float) -> None:
    state.apply(with_values, [((*base, fields[0]), float(expected)), ((*base, fields[1]), float(expected))])


GRANT_COLUMNS = ["label", "value", "vesting_start", "preset", "frequency", "cliff_months", "custom_pct"]


def _grant_rows(pay: Pay) -> pd.DataFrame:
    rows = [
        {
            "label": g.label,
            "value": g.value,
            "vesting_start": g.vesting_start,
            "preset": g.schedule.preset,
            "frequency": g.schedule.frequency or "preset",
            "cliff_months": g.schedule.cliff_months,
            "custom_pct": ", ".join(f"{x:g}" for x in g.schedule.custom_pct),
        }
        for g in pay.grants
    ]
    frame = pd.DataFrame(rows, columns=GRANT_COLUMNS)
    frame["vesting_start"] = pd.to_datetime(frame["vesting_start"]).dt.date
    frame["cliff_months"] = frame["cliff_months"].astype("Float64")
    return frame


def grants_from_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table rows -> grants, or ValueError naming the row and what to fix."""
    grants = []
    for n, raw in enumerate(rows, start=1):
        row = {k: (None if not isinstance(v, (list, tuple)) and pd.isna(v) else v) for k, v in raw.items()}
        label = (row.get("label") or "").strip() or f"Grant {n}"
        custom_text = str(row.get("custom_pct") or "").strip()
        try:
            custom = [float(x) for x in custom_text.replace(";", ",").split(",") if x.strip()]
        except ValueError:
            raise ValueError(
                f"Grant '{label}': write the custom yearly percentages as numbers separated by commas, "
                "like 10, 20, 30, 40."
            ) from None
        preset = row.get("preset") or ("custom" if custom else "4y_cliff_monthly")
        frequency = row.get("frequency")
        cliff = row.get("cliff_months")
        try:
            schedule = VestingSchedule(
                preset=preset,
                custom_pct=custom if preset == "custom" else [],
                frequency=None if frequency in (None, "", "preset") else frequency,
                cliff_months=None if cliff is None or pd.isna(cliff) else int(cliff),
            )
            grant = EquityGrant(
                label=label,
                value=float(row.get("value") or 0),
                vesting_start=row.get("vesting_start") or None,
                schedule=schedule,
            )
        except ValidationError as e:
            problems = "; ".join(
                f"{'.'.join(map(str, err['loc'])) + ': ' if err['loc'] else ''}"
                f"{err['msg'].removeprefix('Value error, ')}"
                for err in e.errors(include_url=False)
            )
            raise ValueError(f"Grant '{label}': {problems}") from None
        grants.append(grant.model_dump())
    return grants


def grants_editor(base: Path, pay: Pay, cur: str) -> None:
    table = "grants:" + "/".join(base)
    key = state.editor_key(table)

    def _save() -> None:
        edits = st.session_state[key]  # session state first (ui.state)
        t = state.tab()
        rows = _grant_rows(Pay.model_validate(get_value(t.edits.scenario, base))).to_dict(orient="records")
        for i, cells in edits["edited_rows"].items():
            rows[int(i)].update(cells)
        rows.extend(edits["added_rows"])
        for i in sorted(edits["deleted_rows"], reverse=True):
            del rows[int(i)]
        try:
            grants = grants_from_rows(rows)
        except (ValueError, TypeError) as e:
            table_notes.refuse(t, table, f"That grant was not saved. {e}")
            return
        table_notes.apply(
            t,
            table,
            with_value,
            (*base, "grants"),
            grants,
            refused="That grant was not saved.",
            deleted=bool(edits["deleted_rows"]),
        )

    state.data_editor(
        _grant_rows(pay),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        on_change=_save,
        column_config={
            "label": st.column_config.TextColumn("Grant", max_chars=200),
            "value": st.column_config.NumberColumn(
                f"Total grant value ({cur})",
                min_value=0,
                max_value=1e9,
                step=1000,
                format="%,.0f",
                help="The whole grant at today's share price, not what vests in a year.",
            ),
            "vesting_start": st.column_config.DateColumn(
                "Vesting starts", help="Leave empty for the day you start."
            ),
            "preset": st.column_config.SelectboxColumn(
                "Schedule", options=list(PRESET_NAMES), format_func=PRESET_NAMES.get, width="large"
            ),
            "frequency": st.column_config.SelectboxColumn(
                "Vests",
                options=FREQUENCIES,
                width="medium",
                format_func=FREQUENCY_NAMES.get,
                help="How often shares vest; 'as the schedule says' follows the schedule.",
            ),
            "cliff_months": st.column_config.NumberColumn(
                "Cliff (months)", min_value=0, max_value=60, step=1, help="Empty: the schedule's own."
            ),
            "custom_pct": st.column_config.TextColumn(
                "Custom yearly %", help="For a custom schedule: e.g. 10, 20, 30, 40 (must add up to 100)."
            ),
        },
        alt="Equity grants: value, vesting start and schedule.",
        placeholder="",
    )
    table_notes.show(table)
    with slot():
        if pay.grants:
            st.caption(
                "Schedules: "
                + "; ".join(
                    f"{PRESET_NAMES[g.schedule.preset]} for '{markdown_escape(g.label)}'" for g in pay.grants
                )
            )


def state_pay(base: Path) -> Pay:
    """The pay at `base` in the scenario as it is now (inside a callback, after other edits)."""
    return Pay.model_validate(get_value(state.scenario(), base))
