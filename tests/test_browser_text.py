"""Typed text shows as typed in a real browser: Streamlit's Markdown and Plotly's SVG text.

core.text.markdown_escape and plotly_escape are written against what Streamlit 1.67 and Plotly do
with text; this is where that is checked, in headless Chromium, on tests/typed_text_app.py:

- some 450 strings made of Markdown, HTML and Streamlit syntax, each through markdown_escape into
  st.markdown, must read exactly as typed with no element but paragraphs and line breaks;
- a few hostile names in every other kind of element that reads Markdown (alerts, captions,
  metrics, checkbox, button and radio labels and options, expander and tab labels);
- option and criterion names in the app's own charts show as typed, with no link, and a name with
  %{y} in the hover text is not filled in; a control chart without the escape does show a link.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator

import pytest

from core.text import WORD_JOINER
from tests.browser_support import launch_chromium, require_chromium, start_app, wait_for_app

pytestmark = pytest.mark.browser

HAND_PICKED = [
    "**Bold** [x](https://evil.example) :red[alert]",
    '<a href="https://evil.example">x</a> **b** [y](https://evil.example)',
    "<img src=x onerror=alert(1)>",
    "www.evil.example",
    "WWW.EVIL.EXAMPLE/x",
    "mail@evil.example",
    "mailto:a@evil.example",
    "https://evil.example",
    "<https://evil.example>",
    "[a]: https://evil.example",
    "[a][b] [^1]",
    "[x](javascript:alert(1))",
    ":material/home: :material_home: :streamlit:",
    ":smile: :+1: :-1:",
    ":red[x] :blue-background[y] :small[z] :help[x] :red-badge[x]",
    "::name",
    ":::note\nx\n:::",
    "$x^2$ $$y$$ a $ b $ c",
    "`code` ```\nfence\n```",
    "~~x~~ ~y~ _i_ __b__ *i* ***bi*** a_b_c",
    "# h",
    "### h ###",
    "Team #",
    "- a",
    "+ a",
    "* a",
    "1. a",
    "2024) a",
    "> quote",
    "Title\n===",
    "Title\n---",
    "---",
    "***",
    "- - -",
    "a\n\n    code",
    "\tcode",
    "a | b\n--|--\nc | d",
    "&lt;b&gt; &amp; &#60; &copy; AT&T",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "C:\\path\\*",
    "\\",
    "a\\\nb",
    "{#id .class}",
    "10:30 x: a:b Note:Foo",
    "é ü 東京 🚀 \u202eabc",
    "![x](y)",
    "%{y} <br> <!-- c -->",
]
# Option names (at most 80 characters, different from each other) for elements and charts; the
# last one names a criterion.
NAMES = [
    '<a href="https://evil.example">x</a> **b** [y](https://evil.example)',
    "%{y} %{fullData.name} :red[alert] <b>bold</b><br>line",
    "$x$ `code` <span style='color:red'>red</span> &amp; www.evil.example",
    "<i>growth</i> :material/home: - # 1.",
]
ALPHABET = [
    *"\\`*_{}[]()#+-.!|<>~:$&=@/%^\"' \n\t",
    "www",
    "http",
    "1",
    "a",
    "b",
    "W",
    "smile",
    "material/",
    "red[",
]


def corpus() -> dict[str, list[str]]:
    rnd = random.Random(20261126)
    generated = ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 30))) for _ in range(400)]
    return {"markdown": HAND_PICKED + NAMES + generated, "names": NAMES}


def as_read(text: str) -> str:
    """What a person reads: whitespace runs as one space (HTML), word joiners invisible."""
    return re.sub(r"[ \t\r\n\f]+", " ", text.replace(WORD_JOINER, "")).strip()


@pytest.fixture(scope="module")
def text_page(tmp_path_factory) -> Iterator:
    require_chromium()
    from playwright.sync_api import sync_playwright

    path = tmp_path_factory.mktemp("corpus") / "corpus.json"
    path.write_text(json.dumps(corpus()), encoding="utf-8")
    server = start_app(
        os.path.join(os.path.dirname(__file__), "typed_text_app.py"),
        env={"STAY_OR_GO_TEXT_CORPUS": str(path)},
    )
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.set_default_timeout(30_000)
                page.goto(server.base_url)
                wait_for_app(page)
                page.locator(".st-key-control [data-testid='stPlotlyChart'] .main-svg").first.wait_for()
                yield page
            finally:
                browser.close()
    finally:
        server.stop()


def links_to(locator, host: str) -> list[str]:
    """Link-like attributes (HTML or SVG: Plotly's links are <a xlink:href>) inside `locator`
    that point at `host`."""
    return locator.evaluate(
        """(root, host) => [...root.querySelectorAll('*')].flatMap(el => [...el.attributes]
            .filter(a => /^(href|xlink:href|src|action|formaction)$/i.test(a.name) && a.value.includes(host))
            .map(a => `<${el.tagName} ${a.name}="${a.value}">`))""",
        host,
    )


# What Streamlit's Markdown of plain text may contain: paragraphs, and a line break where the text
# had two spaces before a new line.
PLAIN = ("p", "br")


def test_every_string_reads_as_typed_in_markdown(text_page):
    texts = corpus()["markdown"]
    found = text_page.evaluate(
        """(n) => Array.from({length: n}, (_, k) => {
            const md = document.querySelector(`.st-key-md-${k} [data-testid='stMarkdownContainer']`);
            return md && {text: md.innerText, tags: [...md.querySelectorAll('*')].map(e => e.tagName.toLowerCase())};
        })""",
        len(texts),
    )
    wrong = []
    for typed, got in zip(texts, found, strict=True):
        if got is None:
            if as_read(typed):
                wrong.append((typed, "not shown"))
            continue
        markup = sorted(set(got["tags"]) - set(PLAIN))
        if as_read(got["text"]) != as_read(typed) or markup:
            wrong.append((typed, got["text"], markup))
    assert wrong == [], f"{len(wrong)} of {len(texts)} strings not shown as typed: {wrong[:10]}"


def test_names_read_as_typed_in_every_kind_of_element(text_page):
    for k, name in enumerate(NAMES):
        box = text_page.locator(f".st-key-el-{k}")
        shown = box.evaluate(
            """(root) => [...root.querySelectorAll(
                "[data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer']")].map(md =>
                ({text: md.innerText, tags: [...md.querySelectorAll('*')].map(e => e.tagName.toLowerCase())}))"""
        )
        # alert, caption, metric label and value, checkbox, button, radio label and option,
        # expander label, tab label
        assert len(shown) >= 10, (name, shown)
        for got in shown:
            assert as_read(got["text"]) == as_read(name), (name, got)
            assert set(got["tags"]) <= set(PLAIN), (name, got)
        assert links_to(box, "evil.example") == []


def chart_texts(locator) -> list[str]:
    return locator.evaluate("(root) => [...root.querySelectorAll('svg text')].map(t => t.textContent)")


def test_names_read_as_typed_in_the_charts(text_page):
    charts = text_page.locator(".st-key-charts")
    charts.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    drawn = chart_texts(charts)
    for name in NAMES[:3]:
        # the totals chart labels a bar with it, the difference chart's legend names it
        assert drawn.count(name) >= 2, (name, drawn)
    assert NAMES[3] in drawn  # the criterion, on the difference chart's axis
    assert links_to(charts, "evil.example") == []
    assert charts.locator("svg a").count() == 0

    # Hover the bar of the option called "%{y} ...", level with its label: the hover text names
    # it as typed, its %{y} not filled in (the template is "%{y}: %{x:.2f} out of 10").
    from playwright.sync_api import expect

    totals = charts.locator("[data-testid='stPlotlyChart']").first
    label = totals.locator(".yaxislayer-above .ytick text").filter(has_text=NAMES[1])
    expect(label).to_have_count(1)
    totals.scroll_into_view_if_needed()
    at = label.bounding_box()
    plot = totals.locator(".nsewdrag").first.bounding_box()
    assert at is not None and plot is not None
    # onto the bar, which starts at 0, level with its label
    text_page.mouse.move(plot["x"] + 12, at["y"] + at["height"] / 2, steps=5)
    expect(totals.locator(".hoverlayer .hovertext")).to_have_text(
        re.compile("^" + re.escape(NAMES[1]) + r": \d+\.\d\d out of 10$")
    )


def test_the_control_without_escaping_does_draw_a_link(text_page):
    """Without plotly_escape, Plotly draws the first name's <a href> as a link: what the other
    tests look for is really there to find."""
    control = text_page.locator(".st-key-control")
    assert links_to(control, "evil.example") != []
