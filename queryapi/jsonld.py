"""The project's JSON-LD ``@context`` (served at /context.jsonld) and graph → JSON-LD.

Documents are compacted with the context, then point at it by URL, so a JSON-LD processor
reads short keys (``rem:text``, ``rdfs:label``) and can expand them with the served context.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Graph

from ontology.namespaces import (
    BODYTYPE,
    DCTERMS,
    DOCKIND,
    FOAF,
    GRADE,
    INTEREST,
    JSOURCE,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    REM,
    ROLE,
    SD,
    SKOS,
    STATUS,
    TIMESCALE,
    VOID,
    XSD,
)


def prefixes(base_iri: str) -> dict[str, str]:
    """Prefix → namespace for the context, the query page and the service description."""
    base = base_iri if base_iri.endswith("/") else base_iri + "/"
    return {"rem": str(REM._NS), "org": str(ORG), "prov": str(PROV), "dcterms": str(DCTERMS),
            "skos": str(SKOS), "foaf": str(FOAF), "rdf": str(RDF), "rdfs": str(RDFS),
            "xsd": str(XSD), "owl": str(OWL), "sd": str(SD), "void": str(VOID),
            "bodytype": str(BODYTYPE), "grade": str(GRADE), "timescale": str(TIMESCALE),
            "status": str(STATUS), "dockind": str(DOCKIND), "interest": str(INTEREST),
            "jsource": str(JSOURCE), "role": str(ROLE), "id": base + "id/"}


def context(base_iri: str) -> dict[str, Any]:
    return {"@context": prefixes(base_iri)}


def to_jsonld(graph: Graph, base_iri: str, context_url: str) -> bytes:
    """Compact JSON-LD whose ``@context`` is the URL of the project's context."""
    ctx = prefixes(base_iri)
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
    data = json.loads(text)
    if isinstance(data, dict):
        data["@context"] = context_url
    else:
        data = {"@context": context_url, "@graph": data}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def prologue() -> str:
    """SPARQL PREFIX lines for the project's vocabularies (queries name no IRI strings)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes("").items() if p != "id")
