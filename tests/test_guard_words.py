"""The SERVICE/LOAD/FROM screen matches keywords as whole words (regression: every query
naming rem:fromInspection was sent through rdflib's slow parser)."""

from __future__ import annotations

import pytest

from queryapi import guard
from queryapi.errors import ApiError


def test_property_names_containing_from_skip_the_parser(monkeypatch) -> None:
    def boom(_: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr("rdflib.plugins.sparql.parser.parseQuery", boom)
    q = "PREFIX rem: <https://remit.example/ontology#> SELECT ?r { ?r rem:fromInspection ?i }"
    assert guard.inspect(q) == guard.Dataset()


@pytest.mark.parametrize("q", [
    "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "SELECT * { SERVICE<http://127.0.0.1:1/> { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
])
def test_service_as_a_word_is_still_refused(q: str) -> None:
    with pytest.raises(ApiError) as exc:
        guard.inspect(q)
    assert exc.value.status == 400


def test_from_as_a_word_still_selects_stored_graphs() -> None:
    ds = guard.inspect("SELECT * FROM <urn:g1> { ?s ?p ?o }")
    assert [str(g) for g in ds.default or []] == ["urn:g1"]
