"""Entity pages: HTML with provenance for browsers, RDF by Accept, 404 and 400, escaping."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ontology.namespaces import REM
from tests.helpers import api_app

api_store, client = api_app.api_store, api_app.client  # shared fixtures

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
REC = "/id/recommendation/ensure-assessments-fffffffffff2"


def test_html_page_shows_label_properties_and_links(client):
    r = client.get("/id/person/morgan-a-aaaaaaaaaaa1", headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<h1 id="label">Alex Morgan</h1>' in r.text
    assert 'href="/id/post/strategic-director-aaaaaaaaaaa2"' in r.text
    assert "rem:Person" in r.text


def test_html_page_shows_provenance_with_document_and_lines(client):
    r = client.get(REC, headers=HTML)
    prov = r.text.split('id="provenance"')[1]
    assert "Immediately: ensure that all child protection assessments" in prov
    assert "pack-a.txt, lines 120–121" in prov
    assert 'href="/id/document/inspection-report-222222222222"' in prov


def test_html_page_lists_neighbours_both_ways(client):
    r = client.get(REC, headers=HTML)
    neighbours = r.text.split('id="neighbours"')[1]
    assert "/id/action/ensure-assessments-iiiiiiiiiii1" in neighbours  # incoming
    assert "/id/body/northshire-council-aaaaaaaaaaaa" in neighbours  # outgoing


def test_turtle_by_accept(client):
    r = client.get(REC, headers={"accept": "text/turtle"})
    assert r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(api_app.BASE + REC[1:]), REM.dueDate, None) in g


def test_jsonld_by_accept(client):
    r = client.get(REC, headers={"accept": "application/ld+json"})
    doc = r.json()
    assert doc["@context"].endswith("/context.jsonld")
    assert doc["@id"] == api_app.BASE + REC[1:]


def test_iri_is_built_from_base_whatever_the_host(client):
    r = client.get(REC, headers={**HTML, "host": "localhost:9999"})
    assert r.status_code == 200 and api_app.BASE + REC[1:] in r.text


def test_unknown_iri_is_404(client):
    assert client.get("/id/person/nobody-000000000000", headers=HTML).status_code == 404
    assert client.get("/id/spaceship/x-1").status_code == 404


def test_malformed_key_is_400(client):
    assert client.get("/id/person/Alex%20Morgan").status_code == 400
    assert client.get("/id/person/%3Cscript%3E").status_code == 400


def test_markup_in_data_is_escaped(client):
    r = client.get("/id/person/xss-x-ccccccccccc1", headers=HTML)
    assert "<script>" not in r.text and "<img" not in r.text
    assert "&lt;script&gt;alert(" in r.text
    assert 'href="javascript:' not in r.text


def test_html_pages_carry_a_csp_without_inline_script(client):
    r = client.get(REC, headers=HTML)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1] \
        .split(";")[0]


def test_excerpt_literal_round_trips(client, api_store):
    g = api_store.graph(URIRef(api_app.PACK))
    assert (None, REM.excerptText,
            Literal("Weekly performance clinic on assessment timeliness. Alex Morgan")) in g


def test_vocabulary_concepts_dereference_and_are_linked(client):
    rec = client.get(REC, headers=HTML)
    assert 'href="/vocab/timescale/immediately"' in rec.text
    page = client.get("/vocab/timescale/immediately", headers=HTML)
    assert page.status_code == 200 and '<h1 id="label">Immediately</h1>' in page.text
    ttl = client.get("/vocab/timescale/immediately", headers={"accept": "text/turtle"})
    assert "skos:Concept" in ttl.text
    assert client.get("/vocab/timescale/never", headers=HTML).status_code == 404
    assert client.get("/vocab/time scale/x").status_code == 400
