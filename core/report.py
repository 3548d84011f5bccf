"""The comparison and the money by year as files: CSV for the download and `stay-or-go report`,
plain records for `--format json`. Every column of money says its currency in its header."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import comparison_table
from core.files.csv_safety import safe_csv

if TYPE_CHECKING:
    import pandas as pd


def comparison_csv(comparison: DecisionMatrix) -> str:
    """The comparison as CSV: the same table in the app, the download and `stay-or-go report`.
    Every column of money says its currency in its header ("Pay: value ($)")."""
    table = comparison_table(comparison)
    pay_values = {f"{c.name}: value" for c in comparison.criteria if c.kind == "pay"}
    money = [
        c for c in table.columns if c in pay_values or (c.startswith("Money: ") and "break-even" not in c)
    ]
    return safe_csv(with_currency(table, comparison.currency, money))


def years_csv(table: pd.DataFrame, currency: str) -> str:
    """The year-by-year money table (core.money.compensation) as CSV, the currency in each money header."""
    return safe_csv(with_currency(table, currency, [c for c in table.columns if c not in ("Option", "Year")]))


def with_currency(table: pd.DataFrame, currency: str, columns: list[str]) -> pd.DataFrame:
    """`table` with " (<currency>)" after the name of each of `columns`."""
    return table.rename(columns={c: f"{c} ({currency})" for c in columns})


def comparison_records(comparison: DecisionMatrix) -> list[dict[str, Any]]:
    """The comparison as plain records (for `--format json`); a missing figure (no break-even
    month) is null, and no other non-finite number can get through."""
    records = comparison_table(comparison).to_dict(orient="records")
    for rec in records:
        for k, v in rec.items():
            if hasattr(v, "item"):
                v = rec[k] = v.item()
            if isinstance(v, float) and math.isnan(v) and k == "Money: break-even month":
                rec[k] = None
            elif isinstance(v, float) and not math.isfinite(v):
                raise ValueError(f"{k} is not a finite number")
    return records
