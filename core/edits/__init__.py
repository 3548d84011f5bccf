"""Changing a scenario safely: pure edits that return a new validated scenario or refuse with a
message (editing), Undo and Redo (history), one tab's edits with saving (tab) and the words for
what an edit changed (changes)."""
