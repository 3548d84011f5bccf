"""Why the person started looking, and what has changed since: the reasons still open, the
ones resolved, and the raises or promotions had since. The rules and the summary both weigh them.
"""

from __future__ import annotations

from datetime import date

from core.decision.matrix import DecisionMatrix
from core.model.scenario import Scenario
from core.shown import day
from core.text import and_list


def open_reasons(scenario: Scenario) -> list[tuple[str | None, str]]:
    """Unresolved reasons for looking: (criterion id or None, name in words)."""
    ids = {c.id for c in scenario.criteria}
    out = []
    for r in scenario.current.reflection.reasons:
        if r.resolved:
            continue
        crit = r.criterion if r.criterion in ids else None
        out.append((crit, scenario.criterion(crit).name if crit else r.text.strip() or str(r.criterion)))
    return out


CHANGE_WORDS: dict[str, str] = {
    "raise": "a raise",
    "promotion": "a promotion",
    "recognition": "recognition",
    "other": "a change",
}


def recent_changes_in_words(scenario: Scenario) -> list[str]:
    """The current role's recent changes as the person entered them, oldest first: "a raise (8%
    raise at mid-year review, 1 Sep 2026)"."""
    changes = sorted(scenario.current.recent_changes, key=lambda ch: (ch.when is None, ch.when or date.min))
    out = []
    for ch in changes:
        details = [x for x in (ch.note.strip(), day(ch.when) if ch.when else "") if x]
        out.append(CHANGE_WORDS[ch.kind] + (f" ({', '.join(details)})" if details else ""))
    return out


def since_you_started_looking(scenario: Scenario) -> list[str]:
    """What changed in the current role since you started looking, and which of your reasons for
    looking are resolved and which still open: up to three plain sentences (none if nothing is
    entered), shown under a "Since you started looking" heading. The decision turns on this
    question, so the advice and the summary cite it too."""
    changes = recent_changes_in_words(scenario)
    still, resolved = reasons_for_looking(scenario)
    out = []
    if changes:
        out.append(f"Changes in your current role: {and_list(changes)}.")
    if resolved:
        out.append(f"Reasons for looking you marked resolved: {'; '.join(resolved)}.")
    if still:
        out.append(f"Still open: {'; '.join(still)}.")
    return out


def looking_reason(scenario: Scenario, c: DecisionMatrix, i: int) -> str:
    """The changes and resolved reasons, and how option row `i` does on the reasons still open."""
    changes = recent_changes_in_words(scenario)
    still, resolved = reasons_for_looking(scenario)
    parts = []
    if changes:
        parts.append(f"you have had {and_list(changes)}")
    if resolved:
        parts.append(f"these reasons for looking are resolved: {'; '.join(resolved)}")
    open_ = []
    for crit, name in open_reasons(scenario):
        if crit is None:
            open_.append(name)
            continue
        k, staying = c.column(crit), c.staying
        how = "better than" if c.scores[i, k] > c.scores[staying, k] else "no better than"
        values = f" ({c.raw[i, k]:g} against {c.raw[staying, k]:g})" if c.criteria[k].kind == "rating" else ""
        open_.append(f"{name}, where it does {how} staying{values}")
    sentences = []
    if parts:
        sentences.append("Since you started looking, " + ", and ".join(parts) + ".")
    if open_:
        sentences.append(f"Still open: {'; '.join(open_)}.")
    return " ".join(sentences)


def reasons_for_looking(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The reasons you started looking, in words: (still open, resolved since)."""
    ids = {c.id for c in scenario.criteria}
    still, resolved = [], []
    for r in scenario.current.reflection.reasons:
        name = (
            scenario.criterion(r.criterion).name if r.criterion in ids else r.text.strip() or str(r.criterion)
        )
        (resolved if r.resolved else still).append(name)
    return still, resolved
