"""/network, its downloads and /api/analytics through the app, over hand-written graphs with
known answers: filters change what is shown, bad input is a readable 400, document markup is
text, and every asset comes from the app itself."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from graph.layout_cache import StateCache, layout
from graph.netview import LARGE, vis_data
from graph.projections import Filters, project
from tests.conftest import DATA
from tests.helpers.api_app import make_client

ID = "https://remit.example/id/"
TS = "https://remit.example/vocab/timescale/"


def _client(tmp: Path, *files: str):  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp / "store")
    for f in files:
        store.load_file(DATA / "network" / f)
    return store, make_client(store, tmp, reference_date="2012-05-01")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _client(tmp_path_factory.mktemp("netpage"), "accountability.trig")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _client(tmp_path_factory.mktemp("nethostile"), "hostile.trig")


class Scripts(HTMLParser):
    """Collects script elements and asset references of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.assets: list[str] = []
        self._in_data = False
        self.data = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
            self._in_data = a.get("id") == "graph-data"
        if tag in ("script", "img") and a.get("src"):
            self.assets.append(str(a["src"]))
        if tag == "link" and a.get("href") and not str(a["href"]).startswith("data:"):
            self.assets.append(str(a["href"]))

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data


def parse(html: str) -> Scripts:
    p = Scripts()
    p.feed(html)
    return p


def page_nodes(html: str) -> set[str]:
    return {n["id"] for n in json.loads(parse(html).data)["nodes"]}


def test_network_page_carries_the_projection_and_local_assets_only(app) -> None:
    store, client = app
    r = client.get("/network")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    p = parse(r.text)
    assert page_nodes(r.text) == set(project(store, "accountability"))
    # no inline script: each script is a data block or loads a file from this app
    assert all(s.get("src") or s.get("type") == "application/json" for s in p.scripts)
    assert p.assets and not [a for a in p.assets if re.match(r"(https?:)?//", a)]
    for asset in p.assets:
        assert client.get(asset).status_code == 200, asset


def test_filters_change_what_is_shown(app) -> None:
    _, client = app
    whole = page_nodes(client.get("/network").text)
    immediate = page_nodes(client.get("/network", params={"timescale": TS + "immediately"}).text)
    assert ID + "recommendation/r1" in immediate and ID + "recommendation/r2" not in immediate
    assert immediate < whole
    pct = page_nodes(client.get("/network", params={"body": ID + "body/pct"}).text)
    assert ID + "person/bob" in pct and ID + "role-owner/managers" not in pct
    bodies = page_nodes(client.get("/network", params={"view": "bodies"}).text)
    assert bodies == {ID + "body/committee", ID + "body/board"}
    focus = page_nodes(client.get("/network", params={"focus": ID + "action/a2",
                                                      "radius": "1"}).text)
    assert focus == {ID + k for k in ("action/a2", "recommendation/r2", "role-owner/managers",
                                      "body/board", "body/committee")}


def test_filter_options_come_from_the_store_and_keep_the_choice(app) -> None:
    _, client = app
    html = client.get("/network", params={"body": ID + "body/pct"}).text
    assert f'<option value="{ID}body/pct" selected>Lowfield Primary Care Trust</option>' in html
    assert f'<option value="{TS}within-6-months">' in html
    assert re.search(r'<label for="f-status">Status</label>', html)


def test_unknown_filter_iri_gives_an_empty_view_not_an_error(app) -> None:
    _, client = app
    r = client.get("/network", params={"person": ID + "person/nobody"})
    assert r.status_code == 200
    assert page_nodes(r.text) == set() and 'id="empty"' in r.text
    assert client.get("/network.json", params={"body": ID + "body/none"}).json()["nodes"] == []


def test_empty_view_as_a_form_sends_it_is_the_default_view(app) -> None:
    """The schema lists '' among the views: a GET form's unselected field is not an error."""
    _, client = app
    empty = client.get("/network.json", params={"view": ""})
    assert empty.status_code == 200
    assert empty.json() == client.get("/network.json",
                                      params={"view": "accountability"}).json()


@pytest.mark.parametrize("params", [{"view": "everything"}, {"radius": "two"},
                                    {"radius": "99"}, {"body": "not an iri"},
                                    {"focus": "javascript:alert(1)"}])
def test_bad_parameters_are_a_readable_400_page(app, params) -> None:
    _, client = app
    r = client.get("/network", params=params)
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in r.text and next(iter(params)) in r.text
    assert "Content-Security-Policy" in r.headers


@pytest.mark.parametrize(("ext", "media"), [("gexf", "application/gexf+xml"),
                                            ("graphml", "application/graphml+xml"),
                                            ("json", "application/json"),
                                            ("cyjs", "application/json")])
def test_exports_have_media_types_and_the_filtered_nodes(app, ext, media) -> None:
    store, client = app
    params = {"timescale": TS + "immediately"}
    r = client.get(f"/network.{ext}", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    want = set(project(store, "accountability", Filters(timescale=TS + "immediately")))
    if ext == "gexf":
        got = set(nx.read_gexf(io.BytesIO(r.content)))
    elif ext == "graphml":
        got = set(nx.read_graphml(io.BytesIO(r.content)))
    elif ext == "json":
        got = {n["id"] for n in r.json()["nodes"]}
    else:
        got = {n["data"]["id"] for n in r.json()["elements"]["nodes"]}
    assert got == want


def test_unknown_export_format_and_asset_are_refused(app) -> None:
    _, client = app
    assert client.get("/network.exe").status_code == 400
    assert client.get("/static/vendor/vis/secret.py").status_code == 404
    js = client.get("/static/vendor/vis/vis-network.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


def test_document_markup_is_text_on_the_network_page(hostile) -> None:
    _store, client = hostile
    html = client.get("/network").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # in the table, as text
    labels = {n["label"] for n in json.loads(parse(html).data)["nodes"]}
    assert "<script>alert(1)</script>" in labels  # the JSON still holds the exact text
    assert len(parse(html).scripts) == 3


def test_built_views_are_cached_until_the_store_changes(tmp_path: Path) -> None:
    store, client = _client(tmp_path, "accountability.trig")
    assert ID + "person/mal" not in page_nodes(client.get("/network").text)
    store.load_file(DATA / "network" / "hostile.trig")
    assert ID + "person/mal" in page_nodes(client.get("/network").text)
    calls = []
    cache = StateCache(size=2)
    for state in ("s1", "s1", "s2"):
        cache.get(state, "k", lambda: calls.append(1))
    assert len(calls) == 2


def test_large_graphs_get_a_computed_layout_without_physics() -> None:
    g = nx.MultiDiGraph()
    for i in range(LARGE + 200):
        g.add_node(f"{ID}person/p{i}", type="person", label=f"P{i}")
        if i:
            g.add_edge(f"{ID}person/p{i}", f"{ID}person/p{i // 3}", type="x", label="x")
    g.add_node(f"{ID}body/alone", type="body", label="Alone")
    data = vis_data(g)
    assert data["large"] and data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])
    pos = layout(g)
    assert pos == layout(g) and len(set(pos.values())) == len(pos)
    assert not vis_data(project_small())["large"]


def project_small() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", type="x", label="x")
    return g


def test_api_analytics_gives_the_issue_figures(app) -> None:
    _, client = app
    a = client.get("/api/analytics", params={"as_of": "2012-07-01"}).json()
    assert a["as_of"] == "2012-07-01"
    assert [x["rec"] for x in a["role_only_owners"]["items"]] == [ID + "recommendation/r2"]
    assert [x["rec"] for x in a["cross_agency"]["items"]] == [ID + "recommendation/r1"]
    assert [x["rec"] for x in a["overdue"]["items"]] == [ID + "recommendation/r2"]
    board = next(x for x in a["report_receivers"] if x["body"] == ID + "body/board")
    assert board["actions"] == 2
    assert {x["type"] for x in a["centrality"]["degree"]} <= {"body", "person", "post"}
    earlier = client.get("/api/analytics", params={"as_of": "2012-01-01"}).json()
    assert earlier["overdue"]["count"] == 0
    bad = client.get("/api/analytics", params={"as_of": "soon"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_parameter"
    spec = client.get("/openapi.json").json()["paths"]["/api/analytics"]["get"]
    assert "as_of" in {p["name"] for p in spec["parameters"]}
    assert "centrality" in spec["responses"]["200"]["content"]["application/json"]["example"]
