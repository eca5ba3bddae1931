"""Real headless Chromium (Debian's ``chromium``) against `remit serve` on loopback: the query
page loads with no console errors and runs an example query; an entity page shows its
provenance; markup in the data never runs; and no request leaves 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from queryapi import assets
from tests.helpers.api_app import build_store_dir, live_server

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("REMIT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium "
                "(apt-get install chromium) to run the browser tests",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = build_store_dir(tmp_path_factory.mktemp("browser") / "store")
    with live_server(store, timeout=10) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A page whose console errors, script errors, dialogs and off-host requests are kept."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route, request) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(request.url)
            route.abort()

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.close()


@pytest.mark.skipif(not assets.vendor_available(), reason="YASGUI not built: run `make assets`")
def test_query_page_loads_without_console_errors(base, watched):
    watched.page.goto(base + "/", wait_until="networkidle")
    watched.page.wait_for_selector(".yasqe .CodeMirror", timeout=10_000)
    assert watched.errors == []
    assert watched.outside == []


@pytest.mark.skipif(not assets.vendor_available(), reason="YASGUI not built: run `make assets`")
def test_example_query_runs_and_shows_rows(base, watched):
    page = watched.page
    page.goto(base + "/", wait_until="networkidle")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=10_000)
    page.click("a.example >> nth=0")
    page.wait_for_selector(".yasr table tbody tr td", timeout=15_000)
    text = page.inner_text(".yasr table")
    assert "Alex Morgan" in text and "Relevant managers" in text
    assert watched.errors == [] and watched.outside == []


def test_plain_form_runs_without_javascript(base, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/?plain=")
    page.fill("#plain-query",
              "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    page.click("#plain-form button[type=submit]")
    page.wait_for_selector("#results-table tbody tr")
    assert page.locator("#results-table tbody tr").count() == 10
    context.close()


def test_entity_page_shows_provenance(base, watched):
    page = watched.page
    page.goto(base + "/id/recommendation/ensure-assessments-fffffffffff2")
    prov = page.inner_text("#provenance")
    assert "ensure that all child protection assessments" in prov
    assert "pack-a.txt, lines 120–121" in prov
    page.click("#provenance a >> nth=0")
    assert page.inner_text("h1") == "Inspection of safeguarding services"
    assert watched.errors == [] and watched.outside == []


def test_markup_in_data_is_shown_as_text(base, watched):
    page = watched.page
    page.goto(base + "/id/person/xss-x-ccccccccccc1", wait_until="load")
    assert "<script>alert('xss')</script>" in page.inner_text("h1")
    assert page.locator("main img").count() == 0
    page.goto(base + "/search?q=hacker", wait_until="load")
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#results")
    page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert watched.outside == []
