"""The officers' pages in real headless Chromium (Debian's ``chromium``) against `remit serve`
on loopback, over a store built from the sample pack plus a graph of hostile labels:
/network draws a canvas with the projection's nodes, filters change it, clicking a node opens
its entity page, search focuses a node; /register shows the sample's rows; markup in labels
runs no script; nothing is fetched from outside 127.0.0.1. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from graph.embedded import EmbeddedStore
from graph.projections import Filters, project
from graph.register import register
from graph.settings import Settings
from ingest.load import ingest_paths
from tests.conftest import DATA, ROOT, SAMPLE
from tests.helpers.api_app import live_server
from tests.helpers.browser import Watched, chromium, require_chromium, wait_until

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
MAL = "https://remit.example/id/person/mal"

require_chromium()  # skips the module, with the reason, where Chromium is absent


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The served URL and the answers computed from the same store."""
    path = tmp_path_factory.mktemp("officers") / "store"
    store = EmbeddedStore(path)
    ingest_paths([SAMPLE], store, Settings(store=path))
    store.load_file(DATA / "network" / "hostile.trig")
    whole = project(store, "accountability")
    by_timescale = {t: project(store, "accountability", Filters(timescale=t)).number_of_nodes()
                    for t in {d["timescale"] for _, d in whole.nodes(data=True)
                              if d["type"] == "recommendation" and d.get("timescale")}}
    rows = register(store)
    store.close()
    with live_server(path, timeout=20) as url:
        yield {"url": url, "nodes": whole.number_of_nodes(), "by_timescale": by_timescale,
               "rows": rows}


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with chromium() as b:
        yield b


@pytest.fixture
def watched(browser):  # type: ignore[no-untyped-def]
    w = Watched(browser, viewport={"width": 1280, "height": 900})
    yield w
    w.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def open_network(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="load")
    page.wait_for_selector("#network canvas", timeout=10_000)
    wait_until(page, "window.remitNetwork && window.remitNetwork.ready")


def test_network_draws_the_projection(world, watched) -> None:
    page = watched.page
    open_network(page, world["url"] + "/network")
    assert page.evaluate("remitNetwork.nodes.length") == world["nodes"]
    assert page.evaluate("JSON.parse(document.getElementById('graph-data').textContent)"
                         ".nodes.length") == world["nodes"]
    assert page.locator("#network canvas").count() == 1
    shot(page, "network")
    assert watched.clean(), (watched.errors, watched.dialogs, watched.outside)


def test_a_filter_changes_the_node_count(world, watched) -> None:
    page = watched.page
    open_network(page, world["url"] + "/network")
    timescale, count = min(world["by_timescale"].items(), key=lambda x: x[1])
    assert count < world["nodes"]
    page.select_option("#f-timescale", timescale)
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    wait_until(page, "window.remitNetwork && window.remitNetwork.ready")
    assert page.evaluate("remitNetwork.nodes.length") == count
    assert "timescale=" in page.url
    shot(page, "network-filtered")
    assert watched.clean()


CLICKABLE = """() => {
  document.getElementById('network').scrollIntoView({block: 'start'});
  const n = remitNetwork.network, box = document.querySelector('#network canvas')
    .getBoundingClientRect();
  for (const node of remitNetwork.nodes.get()) {
    if (!node.url || node.kind !== 'body') continue;
    const d = n.canvasToDOM(n.getPositions([node.id])[node.id]);
    if (d.x < 5 || d.y < 5 || d.x > box.width - 5 || d.y > box.height - 5) continue;
    if (box.top + d.y > window.innerHeight - 5 || box.left + d.x > window.innerWidth - 5) continue;
    if (n.getNodeAt(d) === node.id) return {x: box.left + d.x, y: box.top + d.y, url: node.url};
  }
  return null;
}"""


def test_clicking_a_node_opens_its_entity_page(world, watched) -> None:
    page = watched.page
    open_network(page, world["url"] + "/network?view=bodies")
    target = page.evaluate(CLICKABLE)
    assert target, "no body node is visible to click"
    with page.expect_navigation():
        page.mouse.click(target["x"], target["y"])
    assert urlparse(page.url).path == target["url"]
    assert page.locator("h1").inner_text().strip() != ""
    assert watched.clean()


def test_search_focuses_a_node(world, watched) -> None:
    page = watched.page
    open_network(page, world["url"] + "/network")
    label = page.evaluate("remitNetwork.nodes.get().find(n => n.kind === 'body').label")
    page.fill("#find", label)
    page.press("#find", "Enter")
    wait_until(page, "document.getElementById('find-status').textContent !== ''")
    assert page.inner_text("#find-status").startswith("Showing")
    selected = page.evaluate("remitNetwork.network.getSelectedNodes()")
    assert len(selected) == 1
    assert watched.clean()


def test_register_shows_the_sample_rows(world, watched) -> None:
    page = watched.page
    page.goto(world["url"] + "/register", wait_until="load")
    assert page.locator("table.register tbody tr").count() == len(world["rows"])
    text = page.inner_text("main")
    sample_rows = [r for r in world["rows"] if r.owner_iri != MAL]
    assert sample_rows and all(r.recommendation[:40] in text for r in sample_rows)
    shot(page, "register")
    assert watched.clean()


def test_markup_in_labels_runs_no_script(world, watched) -> None:
    page = watched.page
    open_network(page, world["url"] + f"/network?focus={MAL}&radius=2")
    labels = page.evaluate("remitNetwork.nodes.get().map(n => n.label)")
    assert "<script>alert(1)</script>" in labels
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" not in labels  # as typed, not escaped twice
    table = page.inner_text("#links")
    assert "<script>alert(1)</script>" in table and "<img src=x onerror=alert(1)>" in table
    # hover each node so vis-network shows its tooltip (drawn as text, never as HTML)
    for pos in page.evaluate("""() => remitNetwork.nodes.get().map(node => {
        const n = remitNetwork.network, b = document.querySelector('#network canvas')
          .getBoundingClientRect(), d = n.canvasToDOM(n.getPositions([node.id])[node.id]);
        return {x: b.left + d.x, y: b.top + d.y}; })"""):
        page.mouse.move(pos["x"], pos["y"])
        page.wait_for_timeout(150)
    assert page.locator("main img, .vis-tooltip img").count() == 0
    shot(page, "network-hostile")
    page.goto(world["url"] + "/register", wait_until="load")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("main")
    assert page.locator("main img").count() == 0
    page.wait_for_timeout(300)
    assert watched.dialogs == [] and watched.errors == [] and watched.outside == []


def _large_trig(path: Path, recs: int) -> Path:
    """An invented accountability graph of about 3 * recs + 60 nodes."""
    lines = ["@prefix rem: <https://remit.example/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix id: <https://remit.example/id/> .", "id:pack\\/large {"]
    lines += [f'id:body\\/b{b} a rem:Body ; rdfs:label "Body {b}" .' for b in range(60)]
    for r in range(recs):
        lines += [f'id:recommendation\\/r{r} a rem:Recommendation ; rem:text "Rec {r}" .',
                  f"id:action\\/a{r} a rem:Action ; rem:implements id:recommendation\\/r{r} ; "
                  f"rem:responsibleParty id:person\\/p{r} ; "
                  f"rem:reportsProgressTo id:body\\/b{r % 60} .",
                  f'id:person\\/p{r} a rem:Person ; rdfs:label "Person {r}" ; '
                  f"rem:worksFor id:body\\/b{(r * 7) % 60} ."]
    path.write_text("\n".join([*lines, "}"]), encoding="utf-8")
    return path


def test_a_large_view_is_drawn_at_once_without_physics(browser, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = EmbeddedStore(store_dir)
    store.load_file(_large_trig(tmp_path / "large.trig", 600))
    nodes = project(store, "accountability").number_of_nodes()
    store.close()
    assert nodes > 1500
    w = Watched(browser)
    try:
        with live_server(store_dir) as url:
            w.page.goto(url + "/network", wait_until="load")
            wait_until(w.page, "window.remitNetwork && window.remitNetwork.ready", 10)
            assert w.page.evaluate("remitNetwork.nodes.length") == nodes
            assert w.page.evaluate("remitNetwork.network.physics.physicsEnabled") is False
            assert w.page.locator("#links tbody tr").count() > 0
            shot(w.page, "network-large")
        assert w.clean(), w.errors
    finally:
        w.context.close()
