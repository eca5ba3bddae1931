"""SPARQL results as typed pandas DataFrames, for notebooks and analysts.

Reads the SPARQL 1.1 JSON results format (not CSV), so each column keeps its type:
xsd:date and xsd:dateTime become datetimes, xsd:integer and friends integers, xsd:decimal
and xsd:double floats, xsd:boolean booleans; IRIs and plain strings stay strings. The same
function works over the embedded store and over a remote endpoint.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
from rdflib.term import Identifier

from graph.bindings import with_values
from graph.store import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                             "positiveInteger", "negativeInteger", "nonPositiveInteger",
                             "unsignedInt", "unsignedLong")}
FLOAT = {XSD + t for t in ("decimal", "double", "float")}
DATES = {XSD + "date", XSD + "dateTime"}


def _column_type(cells: list[dict[str, Any] | None]) -> str:
    types = {c.get("datatype") for c in cells if c is not None and c.get("type") == "literal"}
    kinds = {c.get("type") for c in cells if c is not None}
    if kinds != {"literal"} or len(types) != 1:
        return "object"
    (dt,) = types
    if dt in INTEGER:
        return "Int64"
    if dt in FLOAT:
        return "float"
    if dt in DATES:
        return "datetime"
    if dt == XSD + "boolean":
        return "boolean"
    return "object"


def results_frame(results: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame from parsed SPARQL JSON results (SELECT) or a one-cell frame (ASK)."""
    if "boolean" in results:
        return pd.DataFrame({"boolean": [bool(results["boolean"])]})
    names = results["head"]["vars"]
    rows = results["results"]["bindings"]
    data: dict[str, Any] = {}
    for n in names:
        cells = [r.get(n) for r in rows]
        kind = _column_type(cells)
        values = [None if c is None else c["value"] for c in cells]
        if kind == "Int64":
            data[n] = pd.array([None if v is None else int(v) for v in values], dtype="Int64")
        elif kind == "float":
            data[n] = pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce")
        elif kind == "datetime":
            data[n] = pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce")
        elif kind == "boolean":
            data[n] = pd.array([None if v is None else v in ("true", "1") for v in values],
                               dtype="boolean")
        else:
            data[n] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=names)


def query_df(store: Store, sparql: str,
             bindings: Mapping[str, Identifier] | None = None) -> pd.DataFrame:
    """Run a SELECT or ASK and return its results as a typed DataFrame."""
    q = with_values(sparql, bindings) if bindings else sparql
    res = store.query_serialized(q, "application/sparql-results+json")
    return results_frame(json.loads(res.body))
