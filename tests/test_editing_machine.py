"""Random sequences of what a person does in a tab, through the functions the widgets call.

A Hypothesis state machine drives `core.edits.tab.TabEdits` (what every widget callback calls) saving
through `core.storage.workspace.Workspace` into a real SQLite database, the way `ui.state` and `ui.saved`
wire them: add, rename, delete and select options, edit any field, Undo, Redo, restore a kept
version, and another tab saving the same scenario in between. After every step:

- only the option an edit addressed has changed;
- what is saved equals what the tab shows, unless another tab saved since, in which case
  nothing of theirs was overwritten and the tab said so;
- Undo gives back exactly the scenario before the action it names, and Redo the one after;
- no state the tab showed is missing from its history or the saved versions.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from core.edits.editing import EditRefused, add_option, remove_option, with_value
from core.edits.history import MERGE_SECONDS
from core.edits.tab import TabEdits
from core.model.scenario import Scenario, new_option
from core.storage.database import LOCAL_OWNER, Storage
from core.storage.workspace import OpenScenario, Result, Workspace
from tests.scenarios import simple_example

FIELDS = [
    (("employer",), st.text(max_size=12)),
    (("role",), st.text(max_size=12)),
    (("notes",), st.text(max_size=20)),
    (("pay", "base"), st.integers(0, 400_000).map(float)),
    (("pay", "tax_rate_pct"), st.integers(0, 60).map(float)),
    (("ratings", "growth"), st.integers(0, 20).map(lambda x: x / 2)),
    (("ratings", "culture"), st.integers(-2, 24).map(lambda x: x / 2)),  # some out of 0-10: refused
]
NAMES = st.sampled_from(["Globex", "Hooli", "Initech", "Pied Piper", "globex", " ", "Ümlaut GmbH"])


def _others_equal(before: Scenario, after: Scenario, option_id: str) -> bool:
    """Everything but option `option_id` is as it was."""
    keep = [o for o in before.options if o.id != option_id]
    return (
        after.current == before.current
        and after.criteria == before.criteria
        and [o for o in after.options if o.id != option_id] == keep
    )


class TabMachine(RuleBasedStateMachine):
    @initialize()
    def open_tab(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="stay-or-go-machine-")
        # Versions kept without a limit here, so "nothing lost" is about the design, not retention.
        self.storage = Storage(f"sqlite:///{self.folder}/scenarios.db", history=10_000)
        start = simple_example()
        info = self.storage.create_scenario(LOCAL_OWNER, "Mine", start)
        self.workspace = Workspace(self.storage, LOCAL_OWNER, "tab-a", OpenScenario(info.id, info.name, 1))
        self.now = 0.0
        self.outcomes: list[Result] = []

        def save(scenario: Scenario, new_version: bool) -> None:
            self.outcomes.append(self.workspace.save(scenario, new_version=new_version).kind)

        self.tab = TabEdits(start, save=save, clock=lambda: self.now)
        self.shown: list[Scenario] = [start]  # every state the tab showed, one per action
        self.other_saved: Scenario | None = None  # what another tab saved, when it did
        self.saves_before_other = 0  # how many saves this tab had made when the other one saved

    def teardown(self) -> None:
        if hasattr(self, "storage"):
            self.storage.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # What a person does ---------------------------------------------------------------------

    def _after(self, before: Scenario, actions_before: int) -> None:
        """Note the state the tab shows now: a new one, or the last one again after an edit that
        merged into the action before it (the same field, moments later)."""
        if self.tab.scenario is before:
            return
        if len(self.tab.history.done) <= actions_before and self.shown:
            # merged into the last action (or back where it started, which is no action)
            self.shown[-1] = self.tab.scenario
        else:
            self.shown.append(self.tab.scenario)

    @rule(data=st.data(), which=st.sampled_from(range(len(FIELDS))))
    def edit_a_field(self, data, which) -> None:
        if not self.tab.scenario.options:
            return
        option = data.draw(st.sampled_from(self.tab.scenario.options))
        field, values = FIELDS[which]
        before, count = self.tab.scenario, len(self.tab.history.done)
        try:
            self.tab.edit(("options", option.id, *field), data.draw(values))
        except EditRefused:
            assert self.tab.scenario is before  # a refused edit changes nothing
            return
        assert _others_equal(before, self.tab.scenario, option.id)
        self._after(before, count)

    @rule(data=st.data(), name=NAMES)
    def rename(self, data, name) -> None:
        if not self.tab.scenario.options:
            return
        option = data.draw(st.sampled_from(self.tab.scenario.options))
        before, count = self.tab.scenario, len(self.tab.history.done)
        try:
            self.tab.edit(("options", option.id, "name"), name)
        except EditRefused:
            assert self.tab.scenario is before
            return
        assert _others_equal(before, self.tab.scenario, option.id)
        assert self.tab.scenario.option(option.id).name == name
        self._after(before, count)

    @rule(kind=st.sampled_from(["external offer", "internal role", "prospect"]))
    def add(self, kind) -> None:
        before, count = self.tab.scenario, len(self.tab.history.done)
        fresh = new_option(before, kind=kind)
        self.tab.change(add_option, fresh)
        self.tab.select_option(fresh.id)
        assert self.tab.option_in_detail == fresh.id
        assert self.tab.scenario.options[:-1] == before.options
        self._after(before, count)

    @rule(data=st.data())
    def delete(self, data) -> None:
        if not self.tab.scenario.options:
            return
        option = data.draw(st.sampled_from(self.tab.scenario.options))
        before, count = self.tab.scenario, len(self.tab.history.done)
        self.tab.change(remove_option, option.id, label=f"Deleted “{option.name}”", large=True)
        assert [o for o in before.options if o.id != option.id] == self.tab.scenario.options
        self._after(before, count)

    @rule(data=st.data())
    def select(self, data) -> None:
        """A pick by id selects; anything else (an old name a selectbox reports) is ignored."""
        choices = [o.id for o in self.tab.scenario.options] + ["Old name", ""]
        pick = data.draw(st.sampled_from(choices))
        before = self.tab.option_in_detail
        self.tab.select_option(pick)
        assert self.tab.option_in_detail == (pick if pick in choices[:-2] else before)

    def _versions(self) -> list[str]:
        info = self.storage.list(LOCAL_OWNER)[0]
        return [
            self.storage.load_version_by_id(LOCAL_OWNER, info.id, v.version).model_dump_json()
            for v in self.storage.versions_by_id(LOCAL_OWNER, info.id)
        ]

    @rule()
    def undo(self) -> None:
        expected = self.tab.history.done[-1].before if self.tab.history.done else self.tab.scenario
        leaving = self.tab.scenario
        undone = self.tab.undo()
        assert self.tab.scenario == expected
        if undone is not None and self.other_saved is None:
            # Undo starts a version of its own: what it left is kept in the saved history.
            assert leaving.model_dump_json() in self._versions()
        if self.shown[-1] != expected:
            self.shown.append(expected)

    @rule()
    def redo(self) -> None:
        expected = self.tab.history.undone[-1].after if self.tab.history.undone else self.tab.scenario
        leaving = self.tab.scenario
        redone = self.tab.redo()
        assert self.tab.scenario == expected
        if redone is not None and self.other_saved is None:
            assert leaving.model_dump_json() in self._versions()
        if self.shown[-1] != expected:
            self.shown.append(expected)

    @rule(seconds=st.sampled_from([0.5, MERGE_SECONDS + 1, 400.0]))
    def wait(self, seconds) -> None:
        self.now += seconds

    @rule(data=st.data())
    def restore_a_kept_version(self, data) -> None:
        if self.other_saved is not None:
            return
        info = self.storage.list(LOCAL_OWNER)[0]
        versions = self.storage.versions_by_id(LOCAL_OWNER, info.id)
        pick = data.draw(st.sampled_from(versions))
        kept = self.storage.load_version_by_id(LOCAL_OWNER, info.id, pick.version)
        before, count = self.tab.scenario, len(self.tab.history.done)
        self.tab.set(kept, label=f"Restored version {pick.version}", large=True)
        self._after(before, count)

    @rule(employer=st.sampled_from(["Elsewhere Inc", "Another tab"]))
    def another_tab_saves(self, employer) -> None:
        info = self.storage.list(LOCAL_OWNER)[0]
        stored, stored_info = self.storage.load_by_id(LOCAL_OWNER, info.id)
        version = stored_info.version
        theirs = with_value(stored, ("current", "employer"), employer)
        self.storage.save_by_id(
            LOCAL_OWNER, info.id, theirs, version, writer="tab-b", merge_within=timedelta(0)
        )
        if theirs != stored:
            if self.other_saved is None:
                self.saves_before_other = len(self.outcomes)
            self.other_saved = theirs

    # What must always hold --------------------------------------------------------------------

    @invariant()
    def saved_is_what_the_tab_shows_or_a_conflict_was_said(self) -> None:
        if not hasattr(self, "storage"):
            return
        stored, _ = self.storage.load_by_id(LOCAL_OWNER, self.storage.list(LOCAL_OWNER)[0].id)
        if self.other_saved is None:
            assert stored == self.tab.scenario
        else:
            # The other tab's save stands; this tab's later changes were refused, and said so.
            assert stored == self.other_saved
            assert all(kind is Result.STALE for kind in self.outcomes[self.saves_before_other :])

    @invariant()
    def no_state_the_tab_showed_is_lost(self) -> None:
        if not hasattr(self, "storage"):
            return
        history = self.tab.history
        kept = {self.tab.scenario.model_dump_json(), *(s.model_dump_json() for s in self.tab.set_aside)}
        for action in (*history.done, *history.undone):
            kept |= {action.before.model_dump_json(), action.after.model_dump_json()}
        info = self.storage.list(LOCAL_OWNER)[0]
        for v in self.storage.versions_by_id(LOCAL_OWNER, info.id):
            kept.add(self.storage.load_version_by_id(LOCAL_OWNER, info.id, v.version).model_dump_json())
        missing = [s for s in self.shown if s.model_dump_json() not in kept]
        assert not missing, f"{len(missing)} state(s) the tab showed are nowhere"


TabMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
test_editing_in_a_tab = TabMachine.TestCase
