"""User text shown literally: core/text.py's Markdown and Plotly escapes.

What Streamlit and Plotly make of the escaped text is checked in a real browser
(tests/test_browser_text.py, on ~450 strings, and tests/test_browser.py, on the app); here, that
the escape leaves no markup standing and loses nothing of the text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.text import WORD_JOINER, markdown_escape, markdown_unescape, plotly_escape

WJ = WORD_JOINER

# Text made mostly of what Markdown, Streamlit and Plotly read as markup, with letters, digits,
# spaces and line breaks around it, and now and then any character at all.
MARKUPISH = st.lists(
    st.one_of(
        st.sampled_from([*"\\`*_{}[]()#+-.!|<>~:$&=@/%^\"' \t\n\r", "www", "http", "1", "a", "W"]),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
).map(lambda parts: "".join(parts).replace(WJ, ""))


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("Globex", "Globex"),
        # Sentences the app writes keep their punctuation: nothing in them is markup where it stands.
        ("Globex beats staying by 1.9 points, driven by pay and growth; it loses on work-life balance.",) * 2,
        ("Still open: growth (+0.8 points)!",) * 2,
        ("**Globex**", r"\*\*Globex\*\*"),
        ("__a__ _b_ `c` ~~d~~", r"\_\_a\_\_ \_b\_ \`c\` \~\~d\~\~"),
        ("[click](https://evil.example)", r"\[click\](https\:" + WJ + "//evil.example)"),
        ("![x](y)", r"!\[x\](y)"),
        ("<https://evil.example>", r"\<https\:" + WJ + r"//evil.example\>"),
        ('<a href="https://evil.example">x</a>', r'\<a href="https\:' + WJ + r'//evil.example"\>x\</a\>'),
        ("www.evil.example", "www" + WJ + r"\.evil.example"),
        ("WWW.evil.example", "WWW" + WJ + r"\.evil.example"),
        ("mail@evil.example", r"mail\@" + WJ + "evil.example"),
        (":red[alert]", "\\:" + WJ + r"red\[alert\]"),
        (
            ":material/home: :smile: :streamlit:",
            f"\\:{WJ}material/home: \\:{WJ}smile: \\:{WJ}streamlit\\:{WJ}",
        ),
        ("$x^2$ and $$y$$", r"\$x^2\$ and \$\$y\$\$"),
        ("AT&T &amp; &#60;", r"AT\&T \&amp; \&\#60;"),
        ("a | b", r"a \| b"),
        ("{#id .class}", r"\{\#id .class\}"),
        ("C:\\path\\*", "C\\:" + WJ + r"\\path\\\*"),
        ("# Heading", r"\# Heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("1. item", r"1\. item"),
        ("2024) item", r"2024\) item"),
        ("> quote", r"\> quote"),
        # A line break is kept as a hard break (backslash, then the break), so lines stay lines.
        ("Title\n===", "Title\\\n\\==="),
        ("Title\n---", "Title\\\n\\-" + WJ + "-" + WJ + "-"),
        ("a\n    code", "a\\\n" + WJ + "    code"),
        ("a\n\nb\n", "a\n\nb\n"),  # no backslash before a blank line or the end: it would show
        ("\tcode", WJ + "\tcode"),
        (
            "a -> b <- c -- d >= e <= f ~= g",
            f"a -{WJ}\\> b \\<{WJ}- c -{WJ}- d \\>{WJ}= e \\<{WJ}= f \\~{WJ}= g",
        ),
        ("10:30", "10\\:" + WJ + "30"),
        ("ends with a colon:", "ends with a colon\\:" + WJ),
        ("", ""),
    ],
)
def test_hand_examples(typed, escaped):
    assert markdown_escape(typed) == escaped
    assert markdown_unescape(escaped) == typed


def _tokens(markdown: str) -> list[tuple[str, bool]]:
    """(character, escaped by a backslash) for each character a person reads; a word joiner is
    its own token."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown) and markdown[i + 1] in "\r\n":
            out.append((markdown[i + 1], False))  # a hard line break: the line still ends
            i += 2
        elif markdown[i] == "\\" and i + 1 < len(markdown) and markdown[i + 1] in _PUNCT:
            out.append((markdown[i + 1], True))
            i += 2
        else:
            out.append((markdown[i], False))
            i += 1
    return out


_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _markup_left_standing(markdown: str) -> list[str]:
    """What in `markdown` Streamlit could still read as markup, found independently of
    markdown_escape's own rules (empty when there is none)."""
    problems = []
    tokens = _tokens(markdown)
    lines: list[list[tuple[str, bool]]] = [[]]
    for ch, esc in tokens:
        if ch in "\r\n" and not esc:
            lines.append([])
        else:
            lines[-1].append((ch, esc))
    for line in lines:
        if not line:
            continue
        first, esc = line[0]
        if not esc and first in " \t":
            problems.append("a line starts with a space or tab (code block)")
        if not esc and first in "-+=>#*":
            problems.append(f"a line starts with {first!r}")
        digits = 0
        while digits < len(line) and line[digits][0] in "0123456789" and not line[digits][1]:
            digits += 1
        if digits and digits < len(line) and line[digits] in ((".", False), (")", False)):
            problems.append("a line starts with an ordered list marker")
    for k, (ch, esc) in enumerate(tokens):
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if not esc and ch in "\\`*_~[]<>|$&#{}@":
            problems.append(f"unescaped {ch!r}")
        if ch == ":" and not nxt.isspace() and nxt != WJ:
            problems.append("':' straight before a non-space (emoji, icon, directive, https://)")
        if ch == "@" and nxt != WJ:
            problems.append("'@' straight before the domain (e-mail link)")
        if ch + nxt in ("<-", "->", "--", ">=", "<=", "~="):
            problems.append(f"{ch + nxt!r} together (Streamlit's arrows)")
    for k in range(3, len(tokens)):
        if tokens[k][0] == "." and "".join(c for c, _ in tokens[k - 3 : k]).lower() == "www":
            problems.append("www. left as a link")
    return problems


@given(MARKUPISH)
@settings(max_examples=500)
@example("-")
@example("1.")
@example("\r\n    x")
@example(":::")
@example("www.x")
def test_escaped_text_has_no_markup_and_reads_as_typed(typed):
    escaped = markdown_escape(typed)
    assert _markup_left_standing(escaped) == [], escaped
    assert markdown_unescape(escaped) == typed


@given(st.text(max_size=40))
def test_any_text_reads_as_typed(typed):
    assert markdown_unescape(markdown_escape(typed)) == typed.replace(WJ, "")


def test_escaping_twice_shows_the_backslashes():
    """Escape once, where text enters Markdown: escaped text escaped again shows its backslashes."""
    once = markdown_escape("**x**")
    assert markdown_unescape(markdown_escape(once)) == once != "**x**"


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("Globex", "Globex"),
        ('<a href="https://evil.example">x</a>', '&lt;a href="https://evil.example"&gt;x&lt;/a&gt;'),
        (
            "<b>bold</b><br><span style='color:red'>x</span>",
            "&lt;b&gt;bold&lt;/b&gt;&lt;br&gt;&lt;span style='color:red'&gt;x&lt;/span&gt;",
        ),
        ("R&D &amp;", "R&amp;D &amp;amp;"),
        ("%{y} %{fullData.name} 100%", "&#37;{y} &#37;{fullData.name} 100&#37;"),
    ],
)
def test_plotly_escape(typed, escaped):
    assert plotly_escape(typed) == escaped


@given(st.text(max_size=40))
def test_plotly_escape_leaves_no_tag_or_template(typed):
    escaped = plotly_escape(typed)
    assert "<" not in escaped and ">" not in escaped and "%{" not in escaped
    # Plotly turns the entities back into the characters.
    entities = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&#37;": "%"}
    shown = re.sub("|".join(entities), lambda m: entities[m.group()], escaped)
    assert shown == typed
