"""Undo and redo for one tab: every change is an action with a name, taken back one at a time.

`History` is immutable: each call returns a new one. Undo always takes back the newest action
not yet undone, so it reverts exactly the change it names and nothing made after it; Redo puts
it back. A new change after an Undo starts a new line of history, and the states that could
have been redone are handed out in `dropped` so that the caller keeps them (as saved versions):
no state a person saw is lost.

Edits of one field in quick succession (a slider moved with the arrow keys, one press at a
time) are one action: `record` merges an edit into the previous one when both change the same
single field within `MERGE_SECONDS` of each other.

    >>> h = History().record("a", "b", "Pay weight: 30 → 35.", path=("w",), at=0.0)
    >>> h = h.record("b", "c", "Pay weight: 30 → 40.", path=("w",), at=1.0)
    >>> len(h.done), h.done[-1].before, h.done[-1].after, h.done[-1].label
    (1, 'a', 'c', 'Pay weight: 30 → 40.')
    >>> h, action = h.undo()
    >>> action.before
    'a'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

S = TypeVar("S")

# Edits of the same field closer together than this are one action for Undo.
MERGE_SECONDS = 3.0
# Actions kept for Undo; older ones stay only in the saved versions.
MAX_ACTIONS = 200


@dataclass(frozen=True)
class Action(Generic[S]):
    """One change: what the scenario was before and after it, and how to name it.

    `path` is the one field a single-field edit changed (None for anything larger); `large`
    marks a change of more than one field (a delete, an import, weights from pairwise
    comparisons), which starts a saved version of its own."""

    label: str
    before: S
    after: S
    path: tuple[str, ...] | None = None
    at: float = 0.0
    large: bool = False
    # No later edit extends this action: set when an edit of another field came after it, even
    # one that was then typed back (which leaves no action of its own), so that "Hooli", another
    # field changed and changed back, then "Initech" in the first field keep "Hooli" for Undo.
    closed: bool = False


@dataclass(frozen=True)
class History(Generic[S]):
    """The actions of one tab, oldest first (`done`), and those undone, most recent last."""

    done: tuple[Action[S], ...] = ()
    undone: tuple[Action[S], ...] = ()
    # States that left the history when a new change replaced what could have been redone.
    dropped: tuple[S, ...] = ()

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    def record(
        self,
        before: S,
        after: S,
        label: str,
        *,
        path: tuple[str, ...] | None = None,
        at: float = 0.0,
        large: bool = False,
    ) -> History[S]:
        """The history with one more action (or the last one extended, see the module: `label`
        then names the whole of it, from the state before the first edit)."""
        if before == after:
            return self
        dropped = tuple(a.after for a in reversed(self.undone))
        last = self.done[-1] if self.done else None
        if self.merge_base(path, before, at, large) is not None and last is not None:
            if after == last.before:  # back where the action started: no action at all
                done = self.done[:-1]
                if done:
                    done = (*done[:-1], replace(done[-1], closed=True))
                return replace(self, done=done, dropped=())
            merged = replace(last, after=after, label=label, at=at)
            return replace(self, done=(*self.done[:-1], merged), dropped=())
        action = Action(label, before, after, path, at, large)
        return History((*self.done, action)[-MAX_ACTIONS:], (), dropped)

    def merge_base(self, path: tuple[str, ...] | None, before: S, at: float, large: bool = False) -> S | None:
        """The state before the last action, when an edit of `path` from `before` at `at` would
        extend it (the same single field, moments later); None when it would be an action of its own."""
        last = self.done[-1] if self.done else None
        if (
            not self.undone
            and last is not None
            and path is not None
            and not large
            and not last.closed
            and last.path == path
            and last.after == before
            and at - last.at <= MERGE_SECONDS
        ):
            return last.before
        return None

    def undo(self) -> tuple[History[S], Action[S]] | None:
        """The history after undoing the newest action, and that action (show `action.before`)."""
        if not self.done:
            return None
        action = self.done[-1]
        return History(self.done[:-1], (*self.undone, action), ()), action

    def redo(self) -> tuple[History[S], Action[S]] | None:
        """The history after redoing the action undone last, and that action (show `action.after`)."""
        if not self.undone:
            return None
        action = self.undone[-1]
        return History((*self.done, action), self.undone[:-1], ()), action

    def without_dropped(self) -> History[S]:
        return replace(self, dropped=())
