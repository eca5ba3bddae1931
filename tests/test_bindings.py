"""Binding and update text: no string can change a query's meaning or a stored value."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from graph.bindings import BindingError, string_text, term_text, with_values
from graph.updates import insert_data

P = URIRef("urn:remit:test:p")
HOSTILE = st.text(alphabet=st.sampled_from(list('"\'\\u0022U}{><;.#\n\r\t ax\u00e9\U0001f600')),
                  max_size=30)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(HOSTILE, min_size=1, max_size=5, unique=True), pick=st.integers(0, 4))
def test_bound_literal_matches_exactly_the_stored_value(values: list[str], pick: int) -> None:
    store = ox.Store()
    g = Graph()
    for i, v in enumerate(values):
        g.add((URIRef(f"urn:remit:test:s{i}"), P, Literal(v)))
    store.update(insert_data(URIRef("urn:remit:test:g"), g))
    stored = {q.object.value for q in store.quads_for_pattern(None, None, None)}
    assert stored == set(values)
    wanted = values[pick % len(values)]
    q = with_values(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s <{P}> ?o }} }}", {"o": Literal(wanted)})
    got = [r["s"].value for r in store.query(q)]
    assert got == [f"urn:remit:test:s{values.index(wanted)}"]


@settings(max_examples=150, deadline=None)
@given(value=HOSTILE)
def test_string_text_reads_back_verbatim_in_sparql(value: str) -> None:
    res = ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {string_text(value)} }} }}")
    assert [r["x"].value for r in res] == [value]


def test_backslash_u_is_never_read_as_an_escape() -> None:
    assert string_text("\\u0022") == '"\\\\\\u00750022"'


@pytest.mark.parametrize("iri", ["urn:a>b", "urn:a b", "urn:a\"b", "urn:a{b}", "", "urn:a\nb"])
def test_iris_that_could_end_the_term_are_refused(iri: str) -> None:
    with pytest.raises(BindingError):
        term_text(URIRef(iri))


@pytest.mark.parametrize("name", ["s }", "1x", "a-b", "", "s\n"])
def test_bad_variable_names_are_refused(name: str) -> None:
    with pytest.raises(BindingError):
        with_values("SELECT * {}", {name: Literal("x")})


def test_language_and_datatype_are_kept() -> None:
    q = with_values("SELECT ?x ?y {}", {"x": Literal("chat", lang="fr"), "y": Literal(5)})
    row = next(iter(ox.Store().query(q)))
    assert (row["x"].language, row["y"].datatype.value) == \
        ("fr", "http://www.w3.org/2001/XMLSchema#integer")
