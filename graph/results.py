"""SPARQL 1.1 Query Results JSON: parsing into :class:`Rows`, and capping at N rows.

Shared by the remote backend (which receives JSON from the server), the worker pool (which
caps what /sparql sends) and the CLI (which prints tables from a worker's JSON).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef

from graph.store import QueryResult, Rows, Serialized, StoreError, Term

JSON_RESULTS = "application/sparql-results+json"


def json_term(t: dict[str, Any]) -> Term:
    kind, value = t.get("type"), t.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = t.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        dt = t.get("datatype")
        if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    raise StoreError(f"unsupported term in SPARQL JSON results: {t!r}")


def parse_json_results(body: bytes | str | dict[str, Any]) -> Rows | bool:
    """SELECT results as :class:`Rows`, ASK results as a bool."""
    try:
        data = body if isinstance(body, dict) else json.loads(body)
    except ValueError as exc:
        raise StoreError(f"the server sent results that are not JSON: {exc}") from exc
    if "boolean" in data:
        return bool(data["boolean"])
    names = list(data.get("head", {}).get("vars", []))
    rows = [{k: json_term(v) for k, v in b.items()}
            for b in data.get("results", {}).get("bindings", [])]
    return Rows(names, rows)


def cap_rows(result: Serialized, row_cap: int | None) -> Serialized:
    """Count the rows of JSON SELECT results and keep at most ``row_cap`` (0/None: all);
    ``truncated`` says rows were dropped, so the endpoint can say so."""
    if not result.media_type.startswith(JSON_RESULTS):
        return result
    data = json.loads(result.body)
    bindings = data.get("results", {}).get("bindings")
    if bindings is None:  # ASK
        return result
    if not row_cap or len(bindings) <= row_cap:
        return Serialized(result.body, result.media_type, rows=len(bindings))
    data["results"]["bindings"] = bindings[:row_cap]
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Serialized(body, result.media_type, rows=row_cap, truncated=True)


def as_result(result: Serialized) -> QueryResult:
    """A worker's serialised result as Rows, bool or an rdflib Graph."""
    if result.media_type.startswith(JSON_RESULTS):
        return parse_json_results(result.body)
    from rdflib import Graph

    g = Graph()
    g.parse(data=result.body, format=_RDFLIB_FORMATS.get(result.media_type, "turtle"))
    return g


_RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                   "application/rdf+xml": "xml", "application/n-quads": "nquads",
                   "application/trig": "trig", "application/ld+json": "json-ld"}


def pick_media(accept: str, table: Mapping[str, Any]) -> str | None:
    """The first type of an Accept-style list that ``table`` serialises (q-values order the
    list; ``*/*`` takes the table's first), else None."""
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for prm in params:
            if prm.startswith("q="):
                try:
                    q = float(prm[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for negq, _, media in sorted(choices):
        if negq == 0:
            continue
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return next((m for m in table if m.startswith(media[:-1]) or media == "*/*"),
                        None)
    return None
