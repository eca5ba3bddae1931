"""WCAG 2.2 AA on the officers' pages (/network, /register and their error page).

Always, in Python on the served HTML and CSS: a language, one h1 and no skipped heading
level, a label for every control, alt text, header/nav/main landmarks, a skip link first,
table headers with scope, and text colours with a contrast of at least 4.5:1. In headless
Chromium: keyboard use (skip link first, focus visible, the filters reachable by Tab) and,
when ``node_modules/axe-core`` is installed (``npm install axe-core``), an axe-core audit
with the WCAG 2.x A/AA rules and no violations.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from tests.conftest import DATA, ROOT
from tests.helpers.api_app import live_server, make_client
from tests.helpers.browser import chromium, local_only

ID = "https://remit.example/id/"
PAGES = ["/network", "/network?view=people", "/register", "/register?group=owner",
         "/network?view=nothing"]
CSS = [ROOT / "queryapi" / "static" / "network.css", ROOT / "queryapi" / "static" / "remit.css"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _store_dir(path: Path) -> Path:
    store = EmbeddedStore(path)
    for f in ("accountability.trig", "hostile.trig"):
        store.load_file(DATA / "network" / f)
    store.close()
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("a11y")
    store = EmbeddedStore(_store_dir(tmp / "store"))
    yield make_client(store, tmp)
    store.close()


class Audit(HTMLParser):
    """What the checks need from a page: headings, controls, labels, images, landmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.imgs: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.first_link: str | None = None
        self.ths: list[dict[str, str | None]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "html":
            self.lang = a.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag in ("select", "textarea") or (tag == "input" and a.get("type") not in (
                "hidden", "submit", "button")):
            self.controls.append(a)
        elif tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))
        elif tag == "img":
            self.imgs.append(a)
        elif tag == "th":
            self.ths.append(a)
        if tag == "a" and self.first_link is None:
            self.first_link = a.get("href")


def audit(html: str) -> Audit:
    p = Audit()
    p.feed(html)
    return p


@pytest.mark.parametrize("path", PAGES)
def test_structure_labels_and_landmarks(client, path: str) -> None:
    r = client.get(path)
    a = audit(r.text)
    assert a.lang == "en"
    assert a.headings.count(1) == 1 and a.headings[0] == 1
    assert all(b <= prev + 1 for prev, b in zip(a.headings, a.headings[1:], strict=False)), \
        a.headings
    unlabelled = [c for c in a.controls if c.get("id") not in a.labels
                  and not c.get("aria-label") and not c.get("aria-labelledby")]
    assert unlabelled == []
    assert all(i.get("alt") is not None for i in a.imgs)
    assert {"header", "nav", "main"} <= set(a.tags)
    assert a.first_link == "#main" and "main" in a.ids
    assert all(th.get("scope") in ("col", "row") for th in a.ths)
    assert len(a.ids) == len(set(a.ids)), "duplicate ids"


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_contrast_helper_matches_known_ratios() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_text_colours_have_contrast_of_at_least_4_5() -> None:
    checked = 0
    for css in CSS:
        rules = [(sel.strip(), body) for sel, body in
                 re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css.read_text()))]
        backgrounds = {sel: m.group(1) for sel, body in rules
                       if (m := re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", body))}
        for selector, body in rules:
            fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)
            if not fg:
                continue
            # no background of its own: the enclosing rule's (``header.top a`` on the header)
            bg = backgrounds.get(selector) or backgrounds.get(selector.split()[0], "#ffffff")
            ratio = contrast(fg.group(1), bg)
            assert ratio >= 4.5, (css.name, selector.strip(), round(ratio, 2))
            checked += 1
    assert checked >= 8


# --- in the browser -------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with live_server(_store_dir(tmp_path_factory.mktemp("a11y-live") / "store")) as url, \
            chromium() as browser:
        # CSP bypass only so the audit can inject axe-core; CSP itself is tested elsewhere
        context = browser.new_context(bypass_csp=True)
        context.route("**/*", local_only)
        yield url, context.new_page()


@pytest.mark.browser
def test_keyboard_reaches_skip_link_filters_and_shows_focus(served) -> None:
    url, page = served
    page.goto(url + "/network", wait_until="load")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id"))
        if seen[-1] == "f-view":
            break
    assert "f-view" in seen
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/network", "/register"])
def test_axe_finds_no_wcag_aa_violations(served, path: str) -> None:
    if not AXE.exists():
        pytest.skip(f"{AXE} absent: run `npm install axe-core` for the axe-core audit")
    url, page = served
    page.goto(url + path, wait_until="load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})""")
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == []
