"""The query page: YASGUI when the npm build is present, a plain form (server-rendered,
paged results) when it is not; both valid, both with nothing from other origins."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from queryapi import assets
from tests.helpers import api_app

api_store, client = api_app.api_store, api_app.client  # shared fixtures
HTML = {"accept": "text/html"}


class Links(HTMLParser):
    """Collects src/href URLs and checks tags balance enough to be parsed."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        for k in ("src", "href", "action"):
            if a.get(k):
                self.urls.append(a[k])
        if a.get("id"):
            self.ids[a["id"]] = a


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


@pytest.fixture
def with_vendor(tmp_path, monkeypatch):
    for f in assets.FILES:
        (tmp_path / f).write_text("/* stand-in */")
    monkeypatch.setattr(assets, "VENDOR", tmp_path)


@pytest.fixture
def without_vendor(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "VENDOR", tmp_path / "missing")


def test_yasgui_page_loads_local_assets_only(client, with_vendor):
    r = client.get("/", headers=HTML)
    page = parse(r.text)
    assert "/static/vendor/yasgui.min.js" in page.urls and "/static/query.js" in page.urls
    assert "/static/vendor/yasgui.min.css" in page.urls
    external = [u for u in page.urls if re.match(r"^(https?:)?//", u)]
    assert external == []
    assert "<script>" not in r.text  # no inline script (CSP)
    config = json.loads(page.ids["yasgui"]["data-config"] or "{}")
    assert config["endpoint"] == "/sparql"
    assert config["prefixes"]["rem"] == "https://remit.example/ontology#"
    assert config["query"].startswith("PREFIX ")


def test_examples_are_the_competency_questions(client, with_vendor):
    from graph.competency import load_questions

    r = client.get("/", headers=HTML)
    titles = re.findall(r'class="example"[^>]*>([^<]+)</a>', r.text)
    assert titles == [q.title for q in load_questions()]


def test_plain_form_when_npm_build_is_missing(client, without_vendor):
    r = client.get("/", headers=HTML)
    page = parse(r.text)
    assert "plain-form" in page.ids and "plain-query" in page.ids
    assert not [u for u in page.urls if "vendor" in u]


def test_plain_form_runs_the_query_and_pages_results(client, without_vendor, monkeypatch):
    from queryapi import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 4)
    q = ("SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
    r = client.get("/", params={"query": q}, headers=HTML)
    rows = re.findall(r"<tr><td>", r.text)
    assert len(rows) == 4 and "page 1 of 3" in r.text
    r3 = client.get("/", params={"query": q, "page": 3}, headers=HTML)
    assert "page 3 of 3" in r3.text and "Sam Patel" in r3.text and "Sam Patel" not in r.text
    assert "&lt;script&gt;alert" in r.text  # the hostile label, escaped
    assert 'href="/sparql?query=' in r.text  # downloads
    assert "format=csv" in r.text


def test_plain_form_shows_the_parser_error(client, without_vendor):
    r = client.get("/", params={"query": "SELECT ?x WHERE {"}, headers=HTML)
    assert 'id="query-error"' in r.text and "malformed query" in r.text


def test_plain_form_ask(client, without_vendor):
    r = client.get("/", params={"query": "ASK { ?s ?p ?o }"}, headers=HTML)
    assert 'id="boolean-result"' in r.text and "yes" in r.text


def test_copy_assets_from_node_modules(tmp_path):
    build = tmp_path / "nm" / "@zazuko" / "yasgui" / "build"
    build.mkdir(parents=True)
    (build.parent / "package.json").write_text('{"version": "9.9.9", "license": "MIT"}')
    with pytest.raises(assets.AssetsError, match="npm ci"):
        assets.copy_assets(tmp_path / "nm", tmp_path / "out")
    for f in assets.FILES:
        (build / f).write_text("x")
    written = assets.copy_assets(tmp_path / "nm", tmp_path / "out")
    assert assets.vendor_available(tmp_path / "out") and len(written) == 3
    (build.parent / "package.json").write_text('{"version": "9.9.9", "license": "GPL-3.0"}')
    with pytest.raises(assets.AssetsError, match="not MIT"):
        assets.copy_assets(tmp_path / "nm", tmp_path / "out2")


@pytest.mark.skipif(not assets.vendor_available(), reason="YASGUI not built: run `make assets`")
def test_built_yasgui_is_served(client):
    r = client.get("/static/vendor/yasgui.min.js")
    assert r.status_code == 200 and len(r.content) > 100_000
