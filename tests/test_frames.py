"""query_df keeps SPARQL types: dates, integers, decimals, booleans and unbound cells."""

from __future__ import annotations

import pandas as pd
import pytest

from graph.embedded import EmbeddedStore
from graph.frames import query_df, results_frame


@pytest.fixture
def store(accountability_store: EmbeddedStore) -> EmbeddedStore:
    return accountability_store


def test_dates_stay_dates(store: EmbeddedStore) -> None:
    df = query_df(store, "PREFIX rem: <https://remit.example/ontology#> "
                         "SELECT ?r ?due WHERE { ?r rem:dueDate ?due } ORDER BY ?due")
    assert pd.api.types.is_datetime64_any_dtype(df["due"])
    assert df["due"].iloc[0] == pd.Timestamp("2012-03-01")
    assert len(df) == 3


def test_counts_are_integers_and_bindings_are_terms(store: EmbeddedStore) -> None:
    from rdflib import URIRef

    df = query_df(store, "PREFIX rem: <https://remit.example/ontology#> "
                         "SELECT (COUNT(?p) AS ?n) WHERE { ?a rem:responsibleParty ?p }",
                  bindings={"a": URIRef("https://remit.example/id/action/a1")})
    assert str(df["n"].dtype) == "Int64" and int(df["n"].iloc[0]) == 2


def test_unbound_cells_are_missing_not_strings() -> None:
    res = {"head": {"vars": ["x", "y"]}, "results": {"bindings": [
        {"x": {"type": "literal", "value": "1.5",
               "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}},
        {"x": {"type": "literal", "value": "2",
               "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
         "y": {"type": "literal", "value": "true",
               "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}}]}}
    df = results_frame(res)
    assert df["x"].tolist() == [1.5, 2.0]
    assert df["y"].isna().iloc[0] and bool(df["y"].iloc[1]) is True


def test_ask_gives_one_boolean(store: EmbeddedStore) -> None:
    df = query_df(store, "ASK { ?s ?p ?o }")
    assert df["boolean"].tolist() == [True]
