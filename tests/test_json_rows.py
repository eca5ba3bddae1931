"""The API's rows read from SPARQL JSON: typed values, unbound variables left out, and the
status filter giving the same recommendations whether or not others narrowed them first."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.embedded import EmbeddedStore
from ontology.namespaces import STATUS
from queryapi import json_rows, rec_filters
from tests.fixture_store import fixture_store


@pytest.mark.parametrize(("term", "expected"), [
    ({"type": "uri", "value": "urn:x"}, URIRef("urn:x")),
    ({"type": "bnode", "value": "b0"}, BNode("b0")),
    ({"type": "literal", "value": "7", "datatype": str(XSD.integer)}, 7),
    ({"type": "typed-literal", "value": "2.5", "datatype": str(XSD.decimal)}, 2.5),
    ({"type": "literal", "value": "true", "datatype": str(XSD.boolean)}, True),
    ({"type": "literal", "value": "2011-06-30", "datatype": str(XSD.date)}, "2011-06-30"),
    ({"type": "literal", "value": "x7", "datatype": str(XSD.integer)}, "x7"),
    ({"type": "literal", "value": "Northshire", "xml:lang": "en"}, "Northshire"),
])
def test_terms_become_python_values(term: dict, expected: object) -> None:
    got = json_rows.value(term)
    assert got == expected and type(got) is type(expected)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return fixture_store(Path(tmp_path_factory.mktemp("json_rows")) / "store")


def test_rows_leave_unbound_variables_out_and_bind_terms(store: EmbeddedStore) -> None:
    found = json_rows.rows(store, "SELECT ?s ?missing WHERE { ?s ?p ?o } LIMIT 3")
    assert len(found) == 3 and all(set(r) == {"s"} for r in found)
    one = found[0]["s"]
    again = json_rows.rows(store, "SELECT ?s WHERE { ?s ?p ?o }", {"s": one})
    assert again and all(r["s"] == one for r in again)
    # a bound value with quotes stays one literal: nothing is pasted into the text
    assert json_rows.rows(store, "SELECT ?o WHERE { ?s ?p ?o }",
                          {"o": Literal('x" } ?s ?p ?o {')}) == []


@pytest.mark.parametrize("code", ["red", "green", "completed", "amber"])
def test_status_among_others_equals_the_whole_graph_answer(store: EmbeddedStore,
                                                           code: str) -> None:
    every = rec_filters.with_latest_status(store, STATUS[code])
    recs = {str(r["rec"]) for r in json_rows.rows(
        store, "SELECT ?rec WHERE { ?rec a <https://remit.example/ontology#Recommendation> }")}
    assert recs, "the fixture must have recommendations"
    half = set(sorted(recs)[::2])
    assert rec_filters.with_latest_status(store, STATUS[code], half) == every & half


def test_the_fixture_exercises_the_status_filter(store: EmbeddedStore) -> None:
    sizes = [len(rec_filters.with_latest_status(store, STATUS[c]))
             for c in ("red", "green", "completed", "amber")]
    assert sum(1 for n in sizes if n) >= 2, sizes
