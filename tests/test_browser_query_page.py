"""Real headless Chromium (Debian's ``chromium``) against `remit serve` on loopback: the query
page loads with no console errors and runs an example query; an entity page shows its
provenance; markup in the data never runs; and no request leaves 127.0.0.1."""

from __future__ import annotations

import pytest

from queryapi import assets
from tests.helpers.api_app import build_store_dir, live_server
from tests.helpers.browser import Watched, chromium, require_chromium

pytestmark = pytest.mark.browser

require_chromium()  # skips the module, with the reason, where Chromium is absent


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = build_store_dir(tmp_path_factory.mktemp("browser") / "store")
    with live_server(store, timeout=10) as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with chromium() as b:
        yield b


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
