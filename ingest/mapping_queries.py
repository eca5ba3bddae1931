"""What the loader asks of the graph model: counted kinds, idempotence, the sources query.

Part of the mapping (the only ingest code that names ontology terms); ``ingest/load.py``
calls these instead of naming classes and properties itself.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.term import Node

from ontology.namespaces import PROV, RDF, REM

#: What `remit ingest` counts, per kind: the class whose nodes are counted.
RECORD_KINDS: dict[str, URIRef] = {
    "bodies": REM.Body, "people": REM.Person, "posts": REM.Post, "documents": REM.Document,
    "meetings": REM.Meeting, "agenda items": REM.AgendaItem, "minutes": REM.Minute,
    "declarations": REM.Declaration, "resolutions": REM.Resolution,
    "inspections": REM.Inspection, "judgements": REM.Judgement,
    "recommendations": REM.Recommendation, "actions": REM.Action,
    "status snapshots": REM.StatusSnapshot, "key decisions": REM.KeyDecision,
    "work programme items": REM.WorkProgrammeItem, "task groups": REM.TaskGroup,
    "plan lines": REM.PlanLine, "further areas": REM.FurtherArea,
    "merges": REM.Merge, "warnings": REM.DataQualityWarning,
}

def content_triples(graph: Graph) -> set[tuple[Node, Node, Node]]:
    """The graph's triples without ``prov:generatedAtTime``: what idempotence compares."""
    return {t for t in graph if t[1] != PROV.generatedAtTime}


def kind_nodes(graph: Graph) -> dict[str, set[Node]]:
    """The nodes of each counted kind in a graph (see :data:`RECORD_KINDS`)."""
    return {k: set(graph.subjects(RDF.type, cls)) for k, cls in RECORD_KINDS.items()}


def sources_query() -> str:
    """SPARQL listing each ingested pack: its graph, file name, checksum and time."""
    return (f"SELECT ?pack ?name ?sha ?time ?version WHERE {{ GRAPH ?pack {{ "
            f"?pack a {REM.Pack.n3()} ; {REM.fileName.n3()} ?name ; {REM.sha256.n3()} ?sha . "
            f"OPTIONAL {{ ?pack {PROV.generatedAtTime.n3()} ?time }} "
            f"OPTIONAL {{ ?pack {REM.softwareVersion.n3()} ?version }} }} }} ORDER BY ?name")
