"""One tab's editing: the scenario it shows, its Undo and Redo, and the option it has selected.

Pure (no Streamlit): `ui.state` keeps one `TabEdits` per browser tab and calls it from widget
callbacks, and the editing tests drive it directly with random sequences of actions.

Every change goes through `set`, which keeps the history and hands the new scenario to `save`:
- a field edit (`edit`) names its field, so quick edits of one field are one action for Undo;
- a change of more than one field (`change(..., large=True)`: a delete, an import, weights from
  pairwise comparisons) starts a saved version of its own, so what it replaced is kept;
- Undo and Redo start a saved version of their own too, so the state they leave stays in the
  saved history even when a later change means it can no longer be redone.

Options are found by their id, never by position or name: an edit addressed to an option that is
gone is refused, never written into another one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.edits.changes import describe_changes
from core.edits.editing import EditRefused, Path, with_value
from core.edits.history import Action, History
from core.model.scenario import Scenario

# save(scenario, new_version): keep `scenario`; `new_version` keeps what was saved before as a
# version of its own instead of merging this change into it.
Save = Callable[[Scenario, bool], None]

MAX_SET_ASIDE = 50


def _no_save(_scenario: Scenario, _new_version: bool) -> None:
    return None


def change_label(before: Scenario, after: Scenario) -> str:
    """What a change did, in one line, for the Undo and Redo buttons."""
    lines = describe_changes(before, after, limit=2)
    first = lines[0].rstrip(".")
    return first if len(lines) == 1 else f"{first} (and more)"


@dataclass
class TabEdits:
    scenario: Scenario
    save: Save = _no_save
    clock: Callable[[], float] = time.monotonic
    history: History[Scenario] = field(default_factory=History)
    selected_option: str | None = None
    # States that could have been redone until a new change replaced them, newest last. Undo saved
    # each as a version of its own; they are kept here too for when that save could not happen.
    set_aside: list[Scenario] = field(default_factory=list)

    # Changing the scenario ------------------------------------------------------------------

    def set(
        self,
        new: Scenario,
        *,
        label: str | None = None,
        path: Path | None = None,
        large: bool = False,
        save: bool = True,
    ) -> bool:
        """Make `new` the scenario, as one action for Undo; False when nothing changed."""
        before = self.scenario
        if new == before:
            return False
        at = self.clock()
        if label is None:
            # An edit that extends the last action (the same field, moments later) is named from
            # where that action started, so Undo says what it will take back: 30 → 40, not 35 → 40.
            since = self.history.merge_base(path, before, at, large)
            label = change_label(since if since is not None else before, new)
        self.history = self.history.record(before, new, label, path=path, at=at, large=large)
        if self.history.dropped:
            self.set_aside = [*self.set_aside, *self.history.dropped][-MAX_SET_ASIDE:]
            self.history = self.history.without_dropped()
        self.scenario = new
        if save:
            self.save(new, large)
        return True

    def edit(self, path: Path, value: Any) -> bool:
        """Set one field (see core.edits.editing for paths). Raises EditRefused, changing nothing."""
        return self.set(with_value(self.scenario, path, value), path=path)

    def change(
        self, fn: Callable[..., Scenario], *args: Any, label: str | None = None, large: bool = False
    ) -> bool:
        """Apply `fn(scenario, *args)`. Raises what `fn` raises, changing nothing."""
        return self.set(fn(self.scenario, *args), label=label, large=large)

    def show(self, scenario: Scenario) -> None:
        """Another scenario is opened in this tab: its own history starts here, nothing is saved."""
        self.scenario = scenario
        self.history = History()
        if self.selected_option not in {o.id for o in scenario.options}:
            self.selected_option = None

    # Undo and Redo --------------------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        return self.history.done[-1].label if self.history.done else None

    @property
    def redo_label(self) -> str | None:
        return self.history.undone[-1].label if self.history.undone else None

    def undo(self) -> Action[Scenario] | None:
        """Take back the newest action, exactly: the scenario goes back to what it was before it."""
        step = self.history.undo()
        if step is None:
            return None
        self.history, action = step
        self.scenario = action.before
        self.save(action.before, True)
        return action

    def redo(self) -> Action[Scenario] | None:
        step = self.history.redo()
        if step is None:
            return None
        self.history, action = step
        self.scenario = action.after
        self.save(action.after, True)
        return action

    # The selected option --------------------------------------------------------------------

    def select_option(self, option_id: Any) -> bool:
        """Select an option by id. Anything that is not an id of this scenario is ignored (a
        selection widget can report a stale label after a rename): False."""
        if option_id in {o.id for o in self.scenario.options}:
            self.selected_option = option_id
            return True
        return False

    @property
    def option_in_detail(self) -> str | None:
        """The selected option's id, or the first option's when none (or a deleted one) is."""
        ids = [o.id for o in self.scenario.options]
        if self.selected_option in ids:
            return self.selected_option
        self.selected_option = ids[0] if ids else None
        return self.selected_option

    def require_option(self, option_id: str) -> None:
        """Refuse an edit addressed to an option that is no longer in the scenario."""
        if option_id not in {o.id for o in self.scenario.options}:
            raise EditRefused("That option is no longer in the scenario; nothing was changed.")
