"""The decision matrix: every alternative (staying put and each option) scored on every criterion.

One immutable, labelled object, as scikit-criteria's DecisionMatrix: alternatives and criteria
carry their ids, names and kinds (`core.model.scenario.Alternative`, `core.model.scenario.Criterion`); staying put is the alternative whose id is `STAYING_ID`, found by
that label wherever it stands; weights are the criteria's own, made into fractions once
(`core.decision.weights.weight_fractions`). The arrays are (alternatives x criteria), in the order of
`alternatives`, and read-only.

Totals, ranks and the difference from staying are worked out once, when first asked for:

    contributions[i, k] = scores[i, k] * weights[k]
    totals[i]           = sum_k contributions[i, k]
    vs_staying[i]       = totals[i] - totals[staying]

>>> m = DecisionMatrix(
...     alternatives=(Alternative("job", "Take the offer", "offer"), Alternative(STAYING_ID, "Stay", "current role")),
...     criteria=(
...         Criterion(id="pay", name="Pay", kind="pay", weight=30),
...         Criterion(id="growth", name="Growth", weight=10),
...     ),
...     raw=np.array([[120_000.0, 8.0], [100_000.0, 4.0]]),
...     scores=np.array([[6.0, 8.0], [5.0, 4.0]]),
...     currency="USD",
... )
>>> m.weights.tolist()
[0.75, 0.25]
>>> m.staying, [float(t) for t in m.totals]
(1, [6.5, 4.75])
>>> [(s.alternative.label, s.rank, float(s.vs_staying)) for s in m.standings()]
[('Take the offer', 1, 1.75), ('Stay', 2, 0.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from core.decision.weights import weight_fractions
from core.model.scenario import STAYING_ID, Alternative, Criterion, RowsByAlternative

if TYPE_CHECKING:
    import pandas as pd

    from core.money.compensation import Projection

# Two totals closer than this (on the 0-10 scale) are the same number up to rounding: a tie.
TIE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Standing:
    """Where one alternative stands: its row, total, rank (1 is best) and difference from staying."""

    row: int
    alternative: Alternative
    total: float
    rank: int
    tied: bool  # shares its total with another alternative
    vs_staying: float


@dataclass(frozen=True, eq=False)
class DecisionMatrix(RowsByAlternative):
    """Alternatives x criteria: raw values, 0-10 scores and the weights; see the module's text."""

    alternatives: tuple[Alternative, ...]
    criteria: tuple[Criterion, ...]
    raw: np.ndarray  # pay in money per year for a pay criterion, the 0-10 rating otherwise
    scores: np.ndarray  # 0-10
    currency: str
    # The money model behind the pay criterion, each alternative taken now (leaving at month 0).
    projection: Projection | None = None

    def __post_init__(self) -> None:
        shape = (len(self.alternatives), len(self.criteria))
        for name in ("raw", "scores"):
            array = np.array(getattr(self, name), dtype=float)
            if array.shape != shape:
                raise ValueError(f"{name} is {array.shape}; {shape} (alternatives x criteria) was expected.")
            object.__setattr__(self, name, _read_only(array))
        ids = [a.id for a in self.alternatives]
        if ids.count(STAYING_ID) != 1:
            raise ValueError("A decision matrix holds staying put exactly once.")
        if len(set(ids)) != len(ids):
            raise ValueError("Each alternative appears once.")
        if self.projection is not None and tuple(a.id for a in self.projection.alternatives) != tuple(ids):
            # The money table is read row for row alongside the scores: the same alternatives, in the same order.
            raise ValueError("The money projection is for other alternatives than the decision matrix.")

    # Labels ------------------------------------------------------------------------------------

    @property
    def option_rows(self) -> list[int]:
        """The rows of the options (every alternative but staying), in the scenario's order."""
        return [i for i, a in enumerate(self.alternatives) if not a.is_staying]

    def column(self, criterion_id: str) -> int:
        """The column of the criterion with this id; KeyError when there is none."""
        for k, criterion in enumerate(self.criteria):
            if criterion.id == criterion_id:
                return k
        raise KeyError(f"No criterion has the id {criterion_id!r}.")

    def column_of_kind(self, kind: str) -> int | None:
        """The first criterion of this kind ("pay"), or None."""
        return next((k for k, c in enumerate(self.criteria) if c.kind == kind), None)

    # Weights -----------------------------------------------------------------------------------

    @cached_property
    def weights(self) -> np.ndarray:
        """(criteria,) each criterion's share of the decision, as fractions adding up to 1."""
        return _read_only(weight_fractions([c.weight for c in self.criteria]))

    # Results (worked out once: pages, charts and tables ask for these hundreds of times per run
    # with 200 options) ---------------------------------------------------------------------------

    @cached_property
    def contributions(self) -> np.ndarray:
        """Weighted points each criterion adds to the total (rows sum to the totals)."""
        return _read_only(self.scores * self.weights)

    @cached_property
    def totals(self) -> np.ndarray:
        return _read_only(self.contributions.sum(axis=1))

    @cached_property
    def diff_vs_staying(self) -> np.ndarray:
        return _read_only(self.totals - self.totals[self.staying])

    @cached_property
    def contribution_vs_staying(self) -> np.ndarray:
        """Per criterion, how many points of the difference from staying it accounts for."""
        return _read_only(self.contributions - self.contributions[self.staying])

    @cached_property
    def ranks(self) -> np.ndarray:
        """1 is best; tied totals share the better rank (1, 2, 2, 4)."""
        t = self.totals
        return _read_only(1 + (t[None, :] > t[:, None] + TIE_TOLERANCE).sum(axis=1))

    def tied_with(self, i: int) -> list[int]:
        """The other rows whose total equals row i's."""
        t = self.totals
        return [j for j in range(len(t)) if j != i and abs(t[j] - t[i]) <= TIE_TOLERANCE]

    @property
    def order(self) -> list[int]:
        """Rows best first; ties keep the scenario's order, staying first among equals."""
        return list(self._order)

    @cached_property
    def _order(self) -> tuple[int, ...]:
        ranks = self.ranks.tolist()
        staying = self.staying
        return tuple(sorted(range(len(self.alternatives)), key=lambda i: (ranks[i], i != staying, i)))

    @property
    def options_best_first(self) -> list[int]:
        """The options' rows best first (staying left out)."""
        return [i for i in self._order if i != self.staying]

    def standings(self) -> list[Standing]:
        """Every alternative best first, with its total, rank and difference from staying."""
        return [
            Standing(
                row=i,
                alternative=self.alternatives[i],
                total=float(self.totals[i]),
                rank=int(self.ranks[i]),
                tied=bool(self.tied_with(i)),
                vs_staying=float(self.diff_vs_staying[i]),
            )
            for i in self._order
        ]

    @cached_property
    def money(self) -> pd.DataFrame | None:
        """`Projection.summary()`, one row per alternative: worked out when a table asks for it
        (building it loads pandas, which the first page drawn does without)."""
        return self.projection.summary() if self.projection is not None else None


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array
