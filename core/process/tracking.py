"""Following each process: where it stands, what is due, how its score moved, and edits to it.

Pure functions over the scenario (core.model.pipeline holds the models). Edits return a new validated
scenario or raise `core.edits.editing.EditRefused` with a message saying what to change, like every other
edit; today's date is always an argument, so results do not depend on the clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import format_points, format_score
from core.edits.editing import EditRefused, validated
from core.model.pipeline import CHECKLIST_ITEMS, CLOSED_STAGES, MESSAGE_KINDS, STAGES
from core.model.scenario import Option, Scenario
from core.shown import BLANK, day

if TYPE_CHECKING:
    import pandas as pd

INTERNAL_KINDS = ("internal role",)  # a process with your own employer: your manager usually hears of it


def is_internal(option: Option) -> bool:
    """An internal role is a process with your current employer. A counteroffer is not a process you
    applied to (it comes from your manager), so it does not count as one here."""
    return option.kind in INTERNAL_KINDS


def is_counteroffer(option: Option) -> bool:
    """A counteroffer comes from your own manager, to keep you: you answer them, you did not apply."""
    return option.kind == "counteroffer"


# Who a process is with, as the Pipeline table says it.
WITH_WHOM: dict[str, str] = {
    "external": "another employer",
    "internal": "your employer (internal role)",
    "counteroffer": "your manager (counteroffer)",
}


def with_whom(option: Option) -> str:
    """'external', 'internal' or 'counteroffer': neither of the last two is an outside employer."""
    if is_counteroffer(option):
        return "counteroffer"
    return "internal" if is_internal(option) else "external"


def is_open(option: Option) -> bool:
    return option.stage not in CLOSED_STAGES


# Where each process stands -------------------------------------------------------------------------


def days_in_words(days: int | None) -> str:
    """'today', 'tomorrow', 'in 5 days', '3 days ago', or '' without a date."""
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


# How the answer-by date (Process.decide_by) reads wherever a due date is listed.
ANSWER_BY = "answer by"


@dataclass(frozen=True)
class ProcessStatus:
    option_id: str
    label: str
    kind: str
    internal: bool
    stage: str
    since: date | None  # the day it moved to its current stage, if recorded
    next_step: str
    next_step_on: date | None
    days_to_next: int | None  # negative: overdue
    contact: str
    decide_by: date | None = None  # the answer-by date: when they need (or you want) your answer
    days_to_decide: int | None = None  # negative: past

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    @property
    def due_text(self) -> str:
        """How far off the next step is: 'today', 'in 5 days', '3 days ago', or '' without a date."""
        return days_in_words(self.days_to_next)

    @property
    def answer_by_text(self) -> str:
        """How far off the answer-by date is, in the same words; '' without one."""
        return days_in_words(self.days_to_decide)

    @property
    def soonest(self) -> int | None:
        """Days to the sooner of the next step and the answer-by date; None with neither."""
        days = [d for d in (self.days_to_next, self.days_to_decide) if d is not None]
        return min(days) if days else None


@dataclass(frozen=True)
class DueItem:
    """One dated thing to do for an open process: its next step, or its answer-by date."""

    option_id: str
    label: str
    what: str  # the next step in the person's words, or ANSWER_BY
    on: date
    days: int  # negative: overdue
    answer_by: bool

    @property
    def when(self) -> str:
        return days_in_words(self.days)

    @property
    def what_in_words(self) -> str:
        """'Call the recruiter back', 'next step', or 'answer by (the answer-by date)'."""
        if self.answer_by:
            return "your answer is due (the answer-by date)"
        return self.what or "next step"


def due_items(status: ProcessStatus) -> list[DueItem]:
    """The process's dated next step and answer-by date, soonest first (the next step first on
    the same day). A closed process has answered: its answer-by date is no longer due."""
    items = []
    if status.next_step_on is not None and status.days_to_next is not None:
        items.append(
            DueItem(
                status.option_id,
                status.label,
                status.next_step,
                status.next_step_on,
                status.days_to_next,
                False,
            )
        )
    if status.decide_by is not None and status.days_to_decide is not None and status.is_open:
        items.append(
            DueItem(status.option_id, status.label, ANSWER_BY, status.decide_by, status.days_to_decide, True)
        )
    return sorted(items, key=lambda item: (item.days, item.answer_by))


def stage_since(option: Option) -> date | None:
    """The date of the latest recorded move to the option's current stage."""
    dates = [c.on for c in option.process.history if c.stage == option.stage]
    return max(dates) if dates else None


def main_contact(option: Option) -> str:
    """Who a message about this process goes to: from the final round on, the hiring manager
    first; before it, the recruiter first; then anyone else listed (core.process.drafts uses the same)."""
    contact = pick_contact(option)
    return contact.name.strip() if contact is not None else ""


def pick_contact(option: Option):
    contacts = [c for c in option.process.contacts if c.name.strip()]
    late = option.stage in ("final round", "offer", "accepted", "declined")
    order = ("hiring manager", "recruiter") if late else ("recruiter", "hiring manager")
    for role in order:
        for c in contacts:
            if c.role == role:
                return c
    return contacts[0] if contacts else None


def contact_for(scenario: Scenario, option: Option) -> str:
    """Who you deal with on this process, by name: for a counteroffer your manager (from the current
    role's people), otherwise `main_contact`; '' when no name is recorded."""
    if is_counteroffer(option):
        return scenario.current.people.manager.strip()
    return main_contact(option)


def statuses(scenario: Scenario, today: date) -> list[ProcessStatus]:
    """Every option's process: open ones first, soonest next step or answer-by date first (undated
    last), then the closed ones in the scenario's order."""
    rows = []
    for o in scenario.options:
        p = o.process
        rows.append(
            ProcessStatus(
                option_id=o.id,
                label=o.name,
                kind=o.kind,
                internal=is_internal(o),
                stage=o.stage,
                since=stage_since(o),
                next_step=p.next_step,
                next_step_on=p.next_step_on,
                days_to_next=None if p.next_step_on is None else (p.next_step_on - today).days,
                contact=contact_for(scenario, o),
                decide_by=p.decide_by,
                days_to_decide=None if p.decide_by is None else (p.decide_by - today).days,
            )
        )
    order = {s.option_id: k for k, s in enumerate(rows)}
    return sorted(
        rows,
        key=lambda s: (
            not s.is_open,
            s.soonest is None or not s.is_open,
            s.soonest if s.soonest is not None else 0,
            order[s.option_id],
        ),
    )


# A next step within this many days, or overdue, is "due soon".
DUE_SOON_DAYS = 7


def due_soon(scenario: Scenario, today: date, within_days: int = DUE_SOON_DAYS) -> list[DueItem]:
    """Next steps and answer-by dates of open processes that are overdue or due within
    `within_days` days, soonest first."""
    items = [
        item
        for s in statuses(scenario, today)
        if s.is_open
        for item in due_items(s)
        if item.days <= within_days
    ]
    return sorted(items, key=lambda item: item.days)


def _due_cell(item: DueItem) -> str:
    return f"{ANSWER_BY} {day(item.on)}" if item.answer_by else day(item.on)


def _when_cell(item: DueItem) -> str:
    return f"answer {item.when}" if item.answer_by else item.when


def status_table(scenario: Scenario, today: date) -> pd.DataFrame:
    """The Pipeline page's table: one row per process, open ones first. Every cell is text as a
    person reads it: a date as "2 Dec 2026", a missing one as a dash (core.shown), never "None".
    Due lists the next step's day and the answer-by date, soonest first: "30 Nov 2026; answer by
    2 Dec 2026", with When in the same order."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "Option": s.label,
                "With": WITH_WHOM[with_whom(scenario.option(s.option_id))],
                "Stage": s.stage,
                "Since": day(s.since),
                "Next step": s.next_step,
                "Due": "; ".join(_due_cell(item) for item in due_items(s)) or BLANK,
                "When": "; ".join(_when_cell(item) for item in due_items(s)),
                "Contact": s.contact,
            }
            for s in statuses(scenario, today)
        ],
        columns=["Option", "With", "Stage", "Since", "Next step", "Due", "When", "Contact"],
    )


@dataclass(frozen=True)
class StageSpan:
    stage: str
    start: date
    end: date  # exclusive: the next change, or today for the current stage of an open process


def stage_spans(option: Option, today: date) -> list[StageSpan]:
    """The recorded stages as spans of time, oldest first. The last span runs to today while the
    process is open; a closed process's last stage is one day long (a point on the timeline)."""
    history = sorted(option.process.history, key=lambda c: (c.on, STAGES.index(c.stage)))
    spans = []
    for k, change in enumerate(history):
        if k + 1 < len(history):
            end = history[k + 1].on
        elif change.stage in CLOSED_STAGES:
            end = change.on
        else:
            end = max(today, change.on)
        spans.append(StageSpan(change.stage, change.on, end))
    return spans


# How the score moved ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorePoint:
    on: date | None  # None: now, the ratings as they are today
    after: str
    total: float
    vs_staying: float


def score_history(scenario: Scenario, comparison: DecisionMatrix, option_id: str) -> list[ScorePoint]:
    """The option's total score with the ratings recorded after each interview, then now.

    Today's weights and pay are used throughout, so only the ratings' change shows. A snapshot
    without a rating for some criterion (added since) uses today's rating; a rating for a
    criterion that no longer exists is ignored.
    """
    i = comparison.row_of(option_id)
    option = scenario.option(option_id)
    staying = float(comparison.totals[comparison.staying])
    points = []
    for snap in sorted(option.process.rating_history, key=lambda s: s.on):
        scores = comparison.scores[i].copy()
        for k, criterion in enumerate(comparison.criteria):
            if criterion.kind == "rating" and criterion.id in snap.ratings:
                scores[k] = snap.ratings[criterion.id]
        total = float(np.dot(scores, comparison.weights))
        points.append(ScorePoint(snap.on, snap.after, total, total - staying))
    now = float(comparison.totals[i])
    points.append(ScorePoint(None, "now", now, now - staying))
    return points


def score_story(scenario: Scenario, comparison: DecisionMatrix, option_id: str) -> str:
    """How the option's score moved since its first recorded ratings, in one or two sentences."""
    points = score_history(scenario, comparison, option_id)
    name = scenario.option(option_id).name
    now = points[-1]
    side = "above" if now.vs_staying >= 0 else "below"
    where = f"{format_points(now.vs_staying)} points {side} staying."
    if len(points) == 1:
        return f"No ratings recorded yet for {name}; it scores {format_score(now.total)}: {where}"
    first = points[0]
    since = f"Since {first.after or 'the first record'} ({first.on:%d %b %Y}), {name}'s score"
    moved = now.total - first.total
    if format_points(moved) == "0.0":
        text = f"{since} stayed at {format_score(now.total)}: {where}"
    else:
        text = (
            f"{since} {'rose' if moved > 0 else 'fell'} by {format_points(moved)} points "
            f"to {format_score(now.total)}: {where}"
        )
    moves = rating_moves(scenario, option_id)
    if moves:
        text += " Ratings that moved: " + ", ".join(f"{n} {a:g} → {b:g}" for n, a, b in moves) + "."
    return text


def rating_moves(scenario: Scenario, option_id: str) -> list[tuple[str, float, float]]:
    """Per rated criterion whose rating changed since the first snapshot: (name, then, now)."""
    option = scenario.option(option_id)
    history = sorted(option.process.rating_history, key=lambda s: s.on)
    if not history:
        return []
    first = history[0].ratings
    return [
        (c.name, first[c.id], option.ratings[c.id])
        for c in scenario.rated_criteria
        if c.id in first and abs(first[c.id] - option.ratings[c.id]) > 1e-9
    ]


# Edits -------------------------------------------------------------------------------------------------


def _option_data(data: dict[str, Any], option_id: str) -> dict[str, Any]:
    for o in data["options"]:
        if o["id"] == option_id:
            return o
    raise EditRefused("That option is no longer in the scenario.")


def move_to_stage(scenario: Scenario, option_id: str, stage: str, on: date, note: str = "") -> Scenario:
    """Set the option's stage and record the move, dated `on`, in its history. Setting the stage it
    already has changes nothing."""
    if stage not in STAGES:
        raise EditRefused(f"'{stage}' is not a stage; pick one of {', '.join(STAGES)}.")
    data = scenario.model_dump()
    option = _option_data(data, option_id)
    if option["stage"] == stage:
        return scenario
    option["stage"] = stage
    option["process"]["history"].append({"stage": stage, "on": on, "note": note.strip()})
    return validated(data)


def record_ratings(scenario: Scenario, option_id: str, on: date, after: str = "") -> Scenario:
    """Keep the option's ratings as they are now, dated `on`, in its rating history."""
    data = scenario.model_dump()
    option = _option_data(data, option_id)
    option["process"]["rating_history"].append(
        {"on": on, "after": after.strip(), "ratings": dict(option["ratings"])}
    )
    return validated(data)


def set_checked(scenario: Scenario, option_id: str, item: str, done: bool) -> Scenario:
    if item not in CHECKLIST_ITEMS:
        raise EditRefused(f"'{item}' is not on the checklist.")
    data = scenario.model_dump()
    checked = _option_data(data, option_id)["process"]["checked"]
    if done and item not in checked:
        checked.append(item)
    elif not done and item in checked:
        checked.remove(item)
    return validated(data)


def save_draft(scenario: Scenario, option_id: str, kind: str, text: str) -> Scenario:
    """Keep a message draft the person edited; it no longer follows the scenario until reset."""
    if kind not in MESSAGE_KINDS:
        raise EditRefused(f"'{kind}' is not a kind of message.")
    data = scenario.model_dump()
    _option_data(data, option_id)["process"]["drafts"][kind] = text
    return validated(data)


def reset_draft(scenario: Scenario, option_id: str, kind: str) -> Scenario:
    """Forget the edited draft: the message is written from the scenario again."""
    data = scenario.model_dump()
    _option_data(data, option_id)["process"]["drafts"].pop(kind, None)
    return validated(data)


def set_reason(scenario: Scenario, criterion_id: str, looking: bool) -> Scenario:
    """Tick (or untick) one of the criteria as a reason you started looking."""
    name = scenario.criterion(criterion_id).name
    data = scenario.model_dump()
    reasons = data["current"]["reflection"]["reasons"]
    kept = [r for r in reasons if r["criterion"] != criterion_id]
    if looking:
        existing = [r for r in reasons if r["criterion"] == criterion_id]
        kept.append(existing[0] if existing else {"criterion": criterion_id, "text": name, "resolved": False})
    data["current"]["reflection"]["reasons"] = kept
    return validated(data)


def set_reason_resolved(scenario: Scenario, criterion_id: str, resolved: bool) -> Scenario:
    data = scenario.model_dump()
    found = False
    for r in data["current"]["reflection"]["reasons"]:
        if r["criterion"] == criterion_id:
            r["resolved"] = resolved
            found = True
    if not found:
        raise EditRefused("Tick it as a reason you started looking first.")
    return validated(data)


# Table edits: an st.data_editor's edits applied to a list of rows ------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def apply_row_edits(
    rows: Sequence[Mapping[str, Any]],
    edited_rows: Mapping[int | str, Mapping[str, Any]],
    added_rows: Sequence[Mapping[str, Any]],
    deleted_rows: Sequence[int],
    defaults: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """The rows after a table edit: changed cells, new rows at the end, deleted rows removed. A
    blank cell takes its column's default (an empty text, no date); text is trimmed."""
    out = [dict(r) for r in rows]
    for row, cells in edited_rows.items():
        out[int(row)].update(cells)
    out.extend({**defaults, **cells} for cells in added_rows)
    for row in sorted({int(r) for r in deleted_rows}, reverse=True):
        del out[row]
    cleaned = []
    for r in out:
        row = {k: (defaults[k] if _blank(v) and k in defaults else v) for k, v in r.items()}
        cleaned.append({k: v.strip() if isinstance(v, str) else v for k, v in row.items()})
    return cleaned
