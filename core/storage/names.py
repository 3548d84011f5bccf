"""Scenario names and owners as the saved scenarios keep them: what a name may be, the name a new
scenario gets when the one asked for is taken, and the owner check every storage call makes.

Names are unique per owner whatever their capitals (`core.model.fields.name_key`); a name is only what
the person calls a scenario, never how storage finds it (that is its id).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from core.model.fields import invisible_character, name_key

MAX_NAME_CHARS = 80
MAX_OWNER_CHARS = 320  # an e-mail address is at most 254; an OIDC subject at most 255


def clean_name(name: str) -> str:
    """The name as it will be stored (Unicode NFC, trimmed), or ValueError saying what to change."""
    if not isinstance(name, str):
        raise ValueError("A scenario name must be text.")
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise ValueError("Give the scenario a name.")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(
            f"A scenario name can be at most {MAX_NAME_CHARS} characters; this one has {len(name)}. Shorten it."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in name):
        raise ValueError(
            "A scenario name can't contain line breaks, tabs or other control characters; remove them."
        )
    if (found := invisible_character(name)) is not None:
        # "Plan" and "Pl<zero-width space>an" would be two scenarios that look the same.
        raise ValueError(f"A scenario name can't hold {found[1]}; remove it.")
    return name


def check_owner(owner: str) -> str:
    """The owner, or ValueError: every storage call checks it before it reaches the database."""
    if not isinstance(owner, str) or not owner:
        raise ValueError("Saved scenarios need an owner: 'local', or the signed-in identity.")
    if len(owner) > MAX_OWNER_CHARS:
        raise ValueError(f"An owner identity can be at most {MAX_OWNER_CHARS} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in owner):
        raise ValueError("An owner identity can't contain control characters.")
    return owner


def free_name(base: str, taken: Iterable[str], suffix: str = "") -> str:
    """`base` + `suffix`, or with 2, 3... after it, whichever is not in `taken` (names match
    whatever their capitals). `base` is shortened so the suffix and the number always fit.

    >>> free_name("Untitled", ["untitled", "Untitled 2"])
    'Untitled 3'
    >>> free_name("Plan", ["Other"], " copy")
    'Plan copy'
    """
    keys = {name_key(t) for t in taken}
    room = MAX_NAME_CHARS - len(suffix) - 4  # " 999"
    base = " ".join(base.split())[:room].rstrip() or "Scenario"
    name = f"{base}{suffix}"
    n = 2
    while name_key(name) in keys:
        name = f"{base}{suffix} {n}"
        n += 1
    return name


class NameTaken(ValueError):
    """The owner already has a live scenario of that name; the message says so."""


def name_taken(name: str) -> NameTaken:
    return NameTaken(
        f"You already have a scenario called “{name}” (names count as the same whatever their "
        "capitals). Pick another name."
    )
