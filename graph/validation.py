"""SHACL validation of the graph against ``ontology/shapes.ttl`` (pySHACL).

The data is either an rdflib graph (tests, a pack's graph before it is written) or a
:class:`~graph.store.Store`, read through its interface as the union of all graphs (so the
materialised inferences are in it). pySHACL runs with ``inference='none'`` because the
inferred triples are already materialised; the ontology and vocabularies are made
part of the data graph (what ``ont_graph`` would do were inference on) so the class hierarchy
and the concept schemes are known even for a bare graph.

Exit codes of ``remit validate`` follow pySHACL's: 0 conforms, 1 does not, 2 error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graph.inference import ontology_graph
from graph.store import Store, StoreError

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class ValidationError(StoreError):
    """Validation could not run (unreadable shapes, a store that cannot be read)."""


@dataclass(frozen=True)
class Result:
    """One violation: the node, the property path (None for node-level), message, severity."""

    focus: str
    path: str | None
    message: str
    severity: str

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.focus, self.path, self.message, self.severity))


@dataclass
class ValidationReport:
    conforms: bool
    results: list[Result] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"conforms": self.conforms,
                "results": [r.__dict__ for r in self.results]}


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    try:
        g.parse(SHAPES, format="turtle")
    except Exception as exc:  # a parse error of our own file: say which file
        raise ValidationError(f"{SHAPES}: cannot read the shapes: {exc}") from exc
    return g


def _flatten(data: Graph) -> Graph:
    """Quads of a Dataset as one plain graph (pySHACL would validate each graph alone)."""
    if not isinstance(data, Dataset):
        return data
    flat = Graph()
    for s, p, o, _g in data.quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat


def _data_graph(data: Graph | Store) -> Graph:
    """The data as one graph, with the ontology and vocabularies mixed in (pySHACL mixes
    ``ont_graph`` only when it runs inference)."""
    if isinstance(data, Store):
        g = data.query(UNION)
        if not isinstance(g, Graph):
            raise ValidationError("the store did not answer a CONSTRUCT with a graph")
    else:
        g = Graph()
        g += _flatten(data)
    g += ontology_graph()
    return g


def _short(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    return term.n3()


def _path(report: Graph, result: Node) -> str | None:
    path = report.value(result, SH.resultPath)
    return _short(path) if isinstance(path, URIRef) else (
        None if path is None else "(complex path)")


def validate(data: Graph | Store) -> ValidationReport:
    """Validate ``data`` against the shapes; every violation with focus, path, message."""
    import pyshacl

    conforms, report, _text = pyshacl.validate(
        _data_graph(data), shacl_graph=shapes_graph(), ont_graph=None,
        inference="none", abort_on_first=False, allow_warnings=True, advanced=False)
    results = []
    nested = set(report.objects(None, SH.detail))  # details of a result already listed
    for res in report.subjects(RDF.type, SH.ValidationResult):
        if res in nested:
            continue
        severity = report.value(res, SH.resultSeverity)
        results.append(Result(
            focus=_short(report.value(res, SH.focusNode)) or "",
            path=_path(report, res),
            message=str(report.value(res, SH.resultMessage) or "constraint violated"),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation"))
    results.sort(key=lambda r: (r.focus, r.path or "", r.message))
    return ValidationReport(bool(conforms), results)
