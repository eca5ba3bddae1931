"""The store interface, its result types, and the registry of backends.

Two backends are registered by name through :func:`register_backend`, the same way an
addition would be: ``oxigraph`` (embedded, on disk; the default) in ``graph/embedded.py``
and ``sparql`` (any SPARQL 1.1 server) in ``graph/remote.py``. Everything above this layer
(ingest, the app, notebooks, benchmarks) talks to :class:`Store` only.

Writes are whole-graph replacements expressed as one SPARQL Update request, so both
backends share one code path (``graph/updates.py``) and an ingest is applied atomically:
the source graph, and the derived graphs it changes, are replaced in one transaction.

What both backends guarantee (``tests/test_store_backends.py`` runs one suite on each):
queries see the default graph as the union of the named graphs; ``bindings`` never change a
query's meaning, whatever the strings (``graph/bindings.py``); ``query_serialized`` returns
the engine's own bytes and takes an Accept-style list; a malformed query or update raises
:class:`QuerySyntaxError` with the parser's position; ``dump`` as N-Quads round-trips.
Where they differ: the remote ``count()`` counts quads in named graphs only (a union
default graph hides the server's own default graph), and ``backup`` exists only on the
embedded store. Time limits that stop the work come from the worker pool
(``graph/workers.py``), not from the store: the embedded engine cannot be interrupted.
How processes share the embedded store: docs/decisions/0001-sharing-the-store.md.
"""

from __future__ import annotations

import abc
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from graph.settings import Settings


class StoreError(RuntimeError):
    """The store could not do what was asked; the message says what to do next."""


class QuerySyntaxError(StoreError):
    """A SPARQL query or update did not parse; ``message`` has the parser's position."""


class QueryTimeout(StoreError):
    """A query ran past its time limit and was stopped."""


class ReadOnlyError(StoreError):
    """A write was attempted on a read-only handle."""


class NotAcceptable(StoreError):
    """None of the media types asked for can carry this result (HTTP 406)."""


Term = URIRef | Literal | BNode


@dataclass
class Rows:
    """SELECT results as rdflib terms: ``vars`` and one dict per solution (unbound absent)."""

    vars: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, var: str) -> list[Term]:
        return [r[var] for r in self.rows if var in r]

    def python(self) -> list[dict[str, Any]]:
        """Rows with literals as Python values (dates, ints) and IRIs as strings."""
        return [{k: (v.toPython() if isinstance(v, Literal) else str(v)) for k, v in r.items()}
                for r in self.rows]


QueryResult = Rows | bool | Graph


@dataclass(frozen=True)
class Serialized:
    """A query result already serialised by the engine (what /sparql sends)."""

    body: bytes
    media_type: str
    rows: int | None = None
    truncated: bool = False


class Store(abc.ABC):
    """A quad store with named graphs; the default graph is the union of all graphs."""

    name: str = "abstract"
    read_only: bool = False

    @abc.abstractmethod
    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              default_graph: Iterable[URIRef] | None = None,
              named_graphs: Iterable[URIRef] | None = None) -> QueryResult:
        """Run a query; ``bindings`` are bound as RDF terms after parsing, never pasted."""

    @abc.abstractmethod
    def query_serialized(self, sparql: str, media_type: str, *,
                         default_graph: Iterable[URIRef] | None = None,
                         named_graphs: Iterable[URIRef] | None = None) -> Serialized:
        """Run a query and serialise its result in ``media_type`` (for the endpoint).

        ``media_type`` may be an Accept-style list (``"application/sparql-results+json,
        text/turtle"``): the first type that fits the result's form (solutions, boolean or
        graph) is used and named in ``Serialized.media_type``; none fitting raises
        :class:`NotAcceptable`."""

    @abc.abstractmethod
    def update(self, sparql_update: str) -> None:
        """Apply one SPARQL Update request as one transaction."""

    @abc.abstractmethod
    def graph_names(self) -> list[URIRef]:
        """Named graphs in the store."""

    @abc.abstractmethod
    def count(self, graph: URIRef | None = None) -> int:
        """Quads in one graph, or in the whole store."""

    @abc.abstractmethod
    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph."""

    @abc.abstractmethod
    def dump(self, out: Any, fmt: str = "application/n-quads",
             graph: URIRef | None = None) -> None:
        """Write the store (or one graph) to a binary file object."""

    @abc.abstractmethod
    def load_file(self, path: Any, graph: URIRef | None = None) -> int:
        """Load an RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML) atomically."""

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], drop: Iterable[URIRef] = (),
                       derived: str = "") -> None:
        """Replace each named graph whole, drop others, and rerun the ``derived`` update
        (inference, resolution links), all in one transaction.

        Patterns in an update's WHERE must name their graphs (``GRAPH ?g { ... }``): the
        union default graph holds for queries on every backend, but an update's WHERE reads
        the store's own default graph (on the embedded store, a copy kept after the write,
        see graph/mirror.py); ``derived`` should name the graphs it writes."""
        from graph.updates import replace_update

        self.update(replace_update(graphs, drop, derived))

    def state(self) -> str:
        """A token that changes whenever the store's contents change (for caches)."""
        return str(self.count())

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


BackendFactory = Callable[[Settings, bool], Store]
_BACKENDS: dict[str, str | BackendFactory] = {
    "oxigraph": "graph.embedded:open_embedded",
    "sparql": "graph.remote:open_remote",
}


def register_backend(name: str, factory: str | BackendFactory) -> None:
    """Register a backend: a factory ``(settings, read_only) -> Store`` or its import path."""
    _BACKENDS[name] = factory


def backends() -> list[str]:
    return sorted(_BACKENDS)


def _factory(name: str) -> BackendFactory:
    try:
        target = _BACKENDS[name]
    except KeyError:
        raise StoreError(f"unknown store backend {name!r}; known: {', '.join(backends())}") \
            from None
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        target = getattr(importlib.import_module(module), attr)
        _BACKENDS[name] = target
    return target


def open_store(settings: Settings | None = None, *, read_only: bool = False,
               backend: str | None = None) -> Store:
    """The store the settings name: the remote endpoint if one is set, else the embedded one."""
    settings = settings or Settings.from_env()
    name = backend or ("sparql" if settings.endpoint else "oxigraph")
    return _factory(name)(settings, read_only)
