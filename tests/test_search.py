"""Search: the FTS5 index (build, update per pack) and the /search page and JSON."""

from __future__ import annotations

import shutil

import pytest
from rdflib import URIRef

from graph.search_index import build_index, indexed_state, search, update_index
from tests.helpers import api_app

api_store, client = api_app.api_store, api_app.client  # shared fixtures
JSON = {"accept": "application/json"}


def test_finds_people_bodies_recommendations_and_decisions(client):
    def kinds(q: str) -> set[str]:
        return {r["kind"] for r in client.get("/search", params={"q": q}, headers=JSON)
                .json()["results"]}

    assert "person" in kinds("Morgan")
    assert "body" in kinds("safeguarding board")
    assert "recommendation" in kinds("supervision social workers")
    assert "decision" in kinds("fostering sufficiency")


def test_results_link_to_entity_pages(client):
    hits = client.get("/search", params={"q": "supervision"}, headers=JSON).json()["results"]
    rec = next(h for h in hits if h["kind"] == "recommendation")
    assert rec["url"] == "/id/recommendation/improve-supervision-ggggggggggg1"
    assert "supervision" in rec["snippet"]


def test_words_are_not_fts_operators(client):
    for q in ['"unbalanced', "NEAR(a b)", "morgan OR *", "a AND NOT", "'; DROP TABLE x; --"]:
        assert client.get("/search", params={"q": q}, headers=JSON).status_code == 200


def test_search_page_is_html_and_escapes(client):
    r = client.get("/search", params={"q": "hacker"},
                   headers={"accept": "text/html,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;" in r.text and "<script>alert" not in r.text
    assert 'action="/search"' in r.text  # the search box on every page


def test_every_page_has_the_search_box(client):
    for path in ("/", "/id/body/ofsted-eeeeeeeeeeee"):
        r = client.get(path, headers={"accept": "text/html"})
        assert 'role="search"' in r.text, path


def test_update_index_replaces_what_a_pack_says(api_store, tmp_path):
    path = tmp_path / "search.sqlite"
    build_index(api_store, path)
    assert indexed_state(path) == api_store.state()
    assert search(path, "placements")
    shutil.copy(path, tmp_path / "before.sqlite")
    # a store without the pack: its entities leave the index
    from graph.embedded import EmbeddedStore

    empty = EmbeddedStore(tmp_path / "empty")
    update_index(empty, path, URIRef(api_app.PACK))
    assert search(path, "placements") == []
    update_index(api_store, path, URIRef(api_app.PACK))
    assert [h.kind for h in search(path, "placements")] == ["recommendation"]
    empty.close()


@pytest.mark.parametrize("kind", ["person", "body"])
def test_kind_filter(client, kind):
    hits = client.get("/search", params={"q": "northshire", "kind": kind},
                      headers=JSON).json()["results"]
    assert all(h["kind"] == kind for h in hits)


def test_an_index_of_an_older_format_is_rebuilt_not_patched(api_store, tmp_path):
    import sqlite3

    path = tmp_path / "search.sqlite"
    build_index(api_store, path)
    with sqlite3.connect(path) as db:  # an index written before rows had fixed ids
        db.execute("DELETE FROM meta WHERE key = 'format'")
        db.execute("UPDATE entities SET rowid = rowid + 1")
    db.close()
    assert indexed_state(path) is None  # so the app rebuilds it on start
    update_index(api_store, path, URIRef(api_app.PACK))
    assert indexed_state(path) == api_store.state()
    assert [h.kind for h in search(path, "placements")] == ["recommendation"]


def test_entity_rows_equal_the_plain_query(api_store):
    """The index reads entities with FILTER tests (graph/search_index._FIELDS); the plain
    form, classes and properties joined from VALUES, gives the same rows, for the whole
    store and for the entities of one pack."""
    from collections import Counter

    from graph import search_index as si
    from graph.bindings import iri_text

    plain = f"""SELECT ?s ?cls ?p ?v WHERE {{
      ?s a ?cls . VALUES ?cls {{ {" ".join(iri_text(c) for c in si.KINDS)} }}
      OPTIONAL {{ VALUES ?p {{ {" ".join(iri_text(p) for p in si.NAMES + si.TEXTS)} }}
                 ?s ?p ?v . FILTER(isLiteral(?v)) }} }}"""

    def rows(query, bindings):
        return Counter(tuple(sorted((k, v["value"]) for k, v in r.items()))
                       for r in si._solutions(api_store, query, bindings))

    everything = rows(si._FIELDS, {})
    assert everything == rows(plain, {}) and len(everything) > 20
    members = si._pack_members(api_store, URIRef(api_app.PACK))
    some = rows(si._FIELDS, {"s": members})
    assert some == rows(plain, {"s": members}) and some


def test_a_build_leaves_no_half_written_copy_and_clears_orphans(api_store, tmp_path,
                                                                 monkeypatch):
    """A build stopped part-way removes its own copy; copies left by processes that were
    killed while building are removed by the next build; a running builder's is kept."""
    import os
    import subprocess
    import sys

    from graph import search_index

    path = tmp_path / "search.sqlite"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    orphan = tmp_path / f"search.sqlite.tmp{dead}"
    orphan.write_bytes(b"half")
    (tmp_path / f"search.sqlite.tmp{dead}-journal").write_bytes(b"j")
    alive = tmp_path / f"search.sqlite.tmp{os.getppid()}"
    alive.write_bytes(b"another builder's")

    def interrupted(*_a):
        raise KeyboardInterrupt

    monkeypatch.setattr(search_index, "_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_index(api_store, path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [alive.name]  # neither the orphan, its journal, nor this build's copy
