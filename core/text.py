"""Text a person typed, shown exactly as typed: in Streamlit's Markdown, and in Plotly's chart text.

Names, notes and every other free text reach two renderers that read markup in plain text:

- Streamlit's Markdown (st.markdown, st.success and the other alerts, st.caption, widget labels,
  tab and expander labels, metric values, help tooltips, radio and select_slider options): GitHub
  Markdown plus Streamlit's own additions (``:red[...]`` and other directives, ``:material/...:``
  icons, ``:emoji:`` shortcodes, ``$math$``) and its typographic arrows (``->`` becomes →).
- Plotly's SVG text (axis labels, legend names, hover text, titles, annotations): a subset of
  HTML (``<a href>``, ``<b>``, ``<br>``, ``<span style>``...) and ``%{...}`` templates.

`markdown_escape` and `plotly_escape` turn plain text into text those renderers show literally.
Escape where plain text is put into Markdown or into a figure, never before: the same sentences
go to the command line and to .txt and .csv downloads as they are. Pure: no streamlit.
"""

from __future__ import annotations

import html
import re

# An invisible character of no width (U+2060 WORD JOINER). Streamlit turns ``:name:`` into emoji,
# icons and its logo, ``->`` into an arrow, and https://..., www.... and name@domain into links,
# *after* Markdown has removed its backslash escapes, so a backslash cannot stop those; a word
# joiner between the characters does.
WORD_JOINER = "\u2060"

# Special wherever they stand: emphasis (* _ ~), code (`), links and directive labels ([ ]),
# HTML and autolinks (< >), tables (|), math ($), entities (&), headings' closing # (#),
# directive attributes ({ }), and the escape character itself.
_ALWAYS = frozenset("\\`*_~[]<>|$&#{}")
# Special only where a line starts: list items (- + and "1." or "1)"), setext underlines (= -).
_LINE_START = frozenset("-+=")
# Streamlit's typographic replacements: <-> -> <- -- >= <= ~= (between spaces) become ↔ → ← — ≥ ≤ ≈.
_ARROW_PAIRS = frozenset({"<-", "->", "--", ">=", "<=", "~="})
_LINE_BREAKS = "\r\n"
# Every ASCII punctuation character, the ones CommonMark lets a backslash escape.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_UNESCAPE = re.compile(r"\\([" + re.escape(_PUNCTUATION) + r"\r\n])")


def markdown_escape(text: str) -> str:
    """`text` as Markdown that Streamlit shows exactly as typed: no bold, link, list, heading,
    colour, icon, emoji, math or arrow can come out of it.

    A backslash goes before each character that Markdown could read as markup where it stands,
    and an invisible word joiner (`WORD_JOINER`) where Streamlit rewrites text after Markdown
    (``:name:``, ``->``, https://..., www...., name@domain) or where leading spaces would start
    a code block. Characters that are
    special only at the start of a line ("- ", "1.", "#"...) are escaped there, so sentences
    such as "1.9 points, work-life balance." stay as they are. The start of `text` counts as the
    start of a line, since it may follow "- " in the page.

    >>> markdown_escape("**Globex** [x](y) <b>")
    '\\\\*\\\\*Globex\\\\*\\\\* \\\\[x\\\\](y) \\\\<b\\\\>'
    >>> markdown_escape("Pay: 1.9 points, work-life balance.")
    'Pay: 1.9 points, work-life balance.'
    """
    out: list[str] = []
    at_line_start = True
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in _LINE_BREAKS:
            # A line break as typed: a backslash before it makes a hard break (a bare one would
            # read as a space). Not before a blank line or the end, where it would show.
            rest = text[i + 2 :] if text.startswith("\r\n", i) else text[i + 1 :]
            ends_a_line = i > 0 and text[i - 1] not in _LINE_BREAKS
            if ends_a_line and rest and rest[0] not in _LINE_BREAKS:
                out.append("\\")
            out.append(ch)
            at_line_start = True
            i += 1
            continue
        if at_line_start and ch in " \t":
            # Four spaces or a tab at the start of a line make a code block: a word joiner first
            # makes the line start with text instead.
            out.append(WORD_JOINER)
            while i < n and text[i] in " \t":
                out.append(text[i])
                i += 1
            at_line_start = False
            if i < n and text[i] not in _LINE_BREAKS:
                i = _escape_line_marker(text, i, out)
            continue
        if at_line_start:
            at_line_start = False
            new_i = _escape_line_marker(text, i, out)
            if new_i != i:
                i = new_i
                continue
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == ":":
            # A colon before anything but a space could open a directive (:red[), an emoji
            # (:smile:), an icon (:material/...), Streamlit's logo or a link (https://). At the
            # very end too: the page may go on with a letter.
            out.append(":" if nxt.isspace() else "\\:" + WORD_JOINER)
        elif ch == "@":
            out.append("\\@" + WORD_JOINER)  # name@example.com would become a link
        elif ch == "." and text[max(0, i - 3) : i].lower() == "www":
            out.append(WORD_JOINER + "\\.")  # www.example.com would become a link
        else:
            out.append(ch)
        if ch + nxt in _ARROW_PAIRS:
            out.append(WORD_JOINER)
        i += 1
    return "".join(out)


def _escape_line_marker(text: str, i: int, out: list[str]) -> int:
    """At the first character of a line: escape a list marker or setext underline ("-", "+",
    "=", or digits then "." or ")"). Returns the index of the next character to look at (`i`
    when there was no marker, and the caller handles text[i] as usual)."""
    ch = text[i]
    if ch in _LINE_START:
        out.append("\\" + ch)
        if text[i : i + 2] in _ARROW_PAIRS:
            out.append(WORD_JOINER)
        return i + 1
    if ch.isascii() and ch.isdigit():
        j = i
        while j < len(text) and text[j].isascii() and text[j].isdigit():
            j += 1
        if j < len(text) and text[j] in ".)":
            out.append(text[i:j] + "\\" + text[j])
            return j + 1
    return i


def label_text(text: str) -> str:
    """`text` for a widget label. Streamlit shows a label as Markdown, but assistive technology
    names the field by the label as written, backslashes and all: "Base salary per year (\\$)".
    So a label is escaped only where it holds markup; a lone dollar sign (math needs a pair) and
    plain words are left as a person reads them.

    >>> label_text("Base salary per year ($)"), label_text("Base salary per year (CHF)")
    ('Base salary per year ($)', 'Base salary per year (CHF)')
    >>> label_text("Pay (**x**)")
    'Pay (\\\\*\\\\*x\\\\*\\\\*)'
    """
    if text.count("$") <= 1:
        rest = text.replace("$", "")
        if markdown_escape(rest) == rest:
            return text
    return markdown_escape(text)


def markdown_unescape(markdown: str) -> str:
    """The text a person reads from `markdown_escape`'s output: the backslashes and the word
    joiners taken out. `markdown_unescape(markdown_escape(s)) == s` for any text without word
    joiners of its own (those are invisible, and removed too)."""
    return _UNESCAPE.sub(r"\1", markdown).replace(WORD_JOINER, "")


def plotly_escape(text: str) -> str:
    """`text` as Plotly chart text that shows exactly as typed: no link, bold, line break or
    style can come out of it, and no ``%{...}`` template is filled in.

    Plotly reads HTML tags in every piece of chart text, and ``%{...}`` in titles, legend names
    and annotations; it shows the entities ``&lt; &gt; &amp;`` and ``&#37;`` as the characters.

    >>> plotly_escape('<a href="https://evil.example">x</a> 100%{y}')
    '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; 100&#37;{y}'
    """
    return html.escape(text, quote=False).replace("%", "&#37;")


_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def file_name(name: str, suffix: str, fallback: str = "stay-or-go") -> str:
    """A download's file name from the scenario's name: what a file system refuses becomes a
    space, and the name is cut to a length every system takes.

    >>> file_name("Berlin / Munich: 2027?", ".json")
    'Berlin Munich 2027.json'
    >>> file_name("   ", " - comparison.csv")
    'stay-or-go - comparison.csv'
    """
    cleaned = " ".join(_NOT_IN_FILE_NAMES.sub(" ", name).split()).strip(" .")[:100].rstrip(" .")
    return f"{cleaned or fallback}{suffix}"


def and_list(items: list[str]) -> str:
    """Items in a sentence, as a person writes them.

    >>> and_list([]), and_list(["pay"]), and_list(["pay", "growth"]), and_list(["a", "b", "c"])
    ('', 'pay', 'pay and growth', 'a, b and c')
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
