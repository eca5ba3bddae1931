"""What each operation of the app serves, for the OpenAPI document (``queryapi/openapi.py``).

One entry per documented operation: the 200 media types (from the negotiation tables in
``negotiation.py``, never a copy), the error statuses the handler and its helpers can send,
the parameters the handler reads from the request itself (the SPARQL and Graph Store
Protocols' parameters repeat and depend on each other, so they are not route arguments), the
constraints the handlers check on declared parameters, and other answers (303, 204).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from queryapi import iri
from queryapi import negotiation as neg
from queryapi.api_data import STATUS_CODES, TIMESCALE_CODES
from queryapi.entity import KEY, json_pattern
from queryapi.errors import ApiError
from queryapi.jsonld import prefixes
from queryapi.search import KIND_NAMES
from queryapi.sparql import FORM, QUERY, UPDATE


@dataclass(frozen=True)
class Served:
    """One operation: ``media`` None keeps the media types the route declared itself."""

    errors: tuple[int, ...]
    media: tuple[str, ...] | None = None
    params: tuple[dict[str, Any], ...] = ()
    patch: dict[str, dict[str, Any]] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    other: dict[int, dict[str, Any]] = field(default_factory=dict)
    ok_headers: dict[str, Any] = field(default_factory=dict)


def format_names(*offered: tuple[str, ...]) -> list[str]:
    """Every ``format=`` value :func:`negotiation.choose` accepts for one of ``offered``."""
    candidates = dict.fromkeys([*neg.FORMATS, *neg.ALIASES, *neg.RESULT_TYPES,
                                *neg.GRAPH_TYPES])
    out = []
    for name in candidates:
        for types in offered:
            try:
                neg.choose(None, types, name)
            except ApiError:
                continue
            out.append(name)
            break
    return out


def format_param(*offered: tuple[str, ...]) -> dict[str, Any]:
    return {"name": "format", "in": "query", "required": False,
            "description": "the media type, for clients that cannot set Accept: a name "
                           f"({', '.join(n for n in format_names(*offered) if '/' not in n)})"
                           " or the media type itself; empty or absent, Accept decides",
            "schema": {"type": "string", "enum": [*format_names(*offered), ""]}}


#: An absolute IRI as ``sparql.iris`` accepts it.
IRI = {"type": "string", "pattern": iri.PATTERN}
#: An entity key, or empty (an empty filter is no filter).
KEY_FILTER = {"pattern": "^(" + json_pattern(KEY).removeprefix("^").removesuffix("$") + ")?$"}
_P = prefixes("")
EXAMPLES = [f"PREFIX rem: <{_P['rem']}>\nPREFIX rdfs: <{_P['rdfs']}>\n" + q for q in (
    "SELECT ?body ?label WHERE { ?body a rem:Body ; rdfs:label ?label } LIMIT 10",
    "ASK { ?r a rem:Recommendation }",
    "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?b a rem:Body ; rdfs:label ?l } LIMIT 10",
    "DESCRIBE ?b WHERE { ?b a rem:Body } LIMIT 1")]
SPARQL_QUERY = {"type": "string", "format": "sparql-query", "examples": EXAMPLES}
SPARQL_UPDATE = {"type": "string", "format": "sparql-update", "examples": [
    f"PREFIX rem: <{_P['rem']}>\nINSERT DATA {{ <urn:example:b> a rem:Body }}"]}


def iris_param(name: str, what: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "style": "form", "explode": True,
            "description": f"{what} (repeatable); selects stored graphs, nothing is fetched",
            "schema": {"type": "array", "items": IRI}}


DATASET = (iris_param("default-graph-uri", "a graph of the default graph"),
           iris_param("named-graph-uri", "a named graph"))
ANY_FORMAT = format_param(neg.RESULT_TYPES, neg.GRAPH_TYPES)
ANY_FORMAT["description"] += ("; results formats suit SELECT and ASK, graph formats "
                              "CONSTRUCT, DESCRIBE and the service description; given once, "
                              "in the URL or the form")
GRAPH_FORMAT = format_param(neg.GRAPH_TYPES)
_FORM = {"oneOf": [
    {"type": "object", "required": ["query"], "additionalProperties": False, "properties": {
        "query": SPARQL_QUERY, "format": ANY_FORMAT["schema"],
        **{p["name"]: p["schema"] for p in DATASET}}},
    {"type": "object", "required": ["update"], "additionalProperties": False,
     "properties": {"update": SPARQL_UPDATE}}]}
SPARQL_BODY = {"required": True, "description": "a query or an update, by the SPARQL 1.1 "
               "Protocol: form-encoded, or directly (UTF-8)", "content": {
                   QUERY: {"schema": SPARQL_QUERY}, UPDATE: {"schema": SPARQL_UPDATE},
                   FORM: {"schema": _FORM}, "multipart/form-data": {"schema": _FORM}}}
TRUNCATION = {name: {"description": text, "schema": {"type": "string"}} for name, text in (
    ("X-Remit-Truncated", "true when the result was cut at the row cap"),
    ("X-Remit-Row-Cap", "the row cap, when the result was cut"),
    ("Warning", "199, saying the result was truncated and how to page"))}
HTML_RDF = (neg.HTML, *neg.GRAPH_TYPES)
HEALTH = {"type": "object", "required": ["status"], "properties": {
    "status": {"type": "string", "enum": ["ok", "degraded"]}}}
_READ = (503,)  # the store is unavailable, or the query ran past its time limit

OPERATIONS: dict[str, Served] = {
    "GET /sparql": Served(
        (400, 405, 406, 413, 429, *_READ), neg.RESULT_TYPES + neg.GRAPH_TYPES,
        params=({"name": "query", "in": "query", "required": False, "schema": SPARQL_QUERY,
                 "description": "the query; without it, the service description"},
                *DATASET, ANY_FORMAT),
        other={303: {"description": "a browser asking for HTML with no query is sent to the "
                     "query page", "headers": {"Location": {"schema": {"type": "string"}}}}},
        ok_headers=TRUNCATION),
    "POST /sparql": Served(
        (400, 401, 403, 406, 413, 415, 429, *_READ), neg.RESULT_TYPES + neg.GRAPH_TYPES,
        params=(*DATASET, ANY_FORMAT), body=SPARQL_BODY, ok_headers=TRUNCATION,
        other={204: {"description": "the update was applied (only with the update token)"}}),
    "GET /store": Served((400, 404, 406, *_READ), neg.GRAPH_TYPES, params=(
        {"name": "graph", "in": "query", "required": False, "schema": IRI,
         "description": "the stored graph to download; give this or default, not both"},
        {"name": "default", "in": "query", "required": False, "allowEmptyValue": True,
         "schema": {"type": "string"},
         "description": "present (any value) for the default graph, the union of all graphs"},
        GRAPH_FORMAT)),
    "GET /.well-known/void": Served((406, *_READ), neg.GRAPH_TYPES, params=(GRAPH_FORMAT,)),
    "GET /context.jsonld": Served((), (neg.JSONLD,)),
    "GET /health": Served((), ("application/json",), other={503: {
        "description": "the store cannot be read", "content": {
            "application/json": {"schema": HEALTH}}}}),
    "GET /vocab/{scheme}/{concept}": Served((400, 404, 406, *_READ), HTML_RDF,
                                            params=(GRAPH_FORMAT,)),
    "GET /id/{type_}/{key}": Served((400, 404, 406, *_READ), HTML_RDF, params=(GRAPH_FORMAT,)),
    "GET /ontology": Served((406,), HTML_RDF, params=(GRAPH_FORMAT,)),
    "GET /search": Served((400, 422, *_READ), (neg.HTML, "application/json"),
                          patch={"kind": {"enum": KIND_NAMES}}),
    "GET /api/recommendations": Served(
        (400, 422, *_READ), ("application/json", neg.CSV), patch={
            **{name: KEY_FILTER for name in ("body", "owner", "inspection", "document")},
            "timescale": {"enum": [*TIMESCALE_CODES, ""]},
            "status": {"enum": [*STATUS_CODES, ""]},
            "format": {"enum": ["json", "csv", ""]}}),
    "GET /api/people/{key}": Served((400, 404, *_READ), ("application/json",),
                                    patch={"key": {"pattern": json_pattern(KEY)}}),
    "GET /api/bodies/{key}": Served((400, 404, *_READ), ("application/json",),
                                    patch={"key": {"pattern": json_pattern(KEY)}}),
    "GET /api/analytics": Served((422, *_READ), ("application/json",)),
    "GET /register.csv": Served((400, *_READ)),
    "GET /register.xlsx": Served((400, *_READ)),
    "GET /network.{fmt}": Served((400, *_READ)),
}
