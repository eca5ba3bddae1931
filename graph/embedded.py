"""The embedded backend: Oxigraph (pyoxigraph) on disk, one writer and snapshot readers.

Layout of a store directory (see docs/decisions/0001-sharing-the-store.md for the why)::

    var/store/db/            the primary, opened read-write by one process at a time
    var/store/snapshots/N/   checkpoints made with Store.backup() after each commit
    var/store/CURRENT        name of the newest snapshot, replaced atomically (rename)
    var/store/PENDING        present while a write is between commit and publish
    var/store/WRITER.lock    flock()ed by the one writer (see graph/backup.py for why)
    var/store/BULK           present while a (non-atomic) bulk load runs

Readers (the app's query workers, `remit query`) open the newest snapshot read-only and
reopen when CURRENT changes, so they always see a whole committed state and never the
writer's half-done work; pyoxigraph documents a read-only open of a live primary as
undefined behaviour.

A writer killed after its transaction committed but before it published leaves PENDING
behind; the next writer to open the store publishes first, so readers catch up.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from graph import embedded_writes as writes
from graph import mirror, snapshots
from graph.bindings import with_values
from graph.oxterms import RDF_FORMATS, RESULT_FORMATS, SUFFIX_FORMATS, to_ox, to_rdflib
from graph.results import pick_media
from graph.settings import Settings
from graph.snapshots import KEEP_SNAPSHOTS, SNAPSHOT_GRACE, wait_for_snapshot
from graph.store import (
    NotAcceptable,
    QueryResult,
    QuerySyntaxError,
    ReadOnlyError,
    Rows,
    Serialized,
    Store,
    StoreError,
)

#: Present while a bulk load runs (see EmbeddedStore.bulk_load).
BULK_MARKER = "BULK"
__all__ = ["KEEP_SNAPSHOTS", "RDF_FORMATS", "RESULT_FORMATS", "SNAPSHOT_GRACE", "SUFFIX_FORMATS",
           "EmbeddedStore", "open_embedded", "to_ox", "to_rdflib", "wait_for_snapshot"]


def _graphs(names: Iterable[URIRef] | None) -> list[Any] | None:
    return None if names is None else [ox.NamedNode(str(n)) for n in names]


# --- the store -------------------------------------------------------------------------


class EmbeddedStore(Store):
    name = "oxigraph"

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.root = Path(path)
        self.read_only = read_only
        self._current: str | None = None
        self._watch = snapshots.CurrentWatch(self.root)
        self._opened_at: float = 0.0
        self._counts: dict[str, int] = {}
        self._count_lock = threading.Lock()
        if read_only:
            self._store = self._open_snapshot()
        else:
            self.root.mkdir(parents=True, exist_ok=True)
            from graph.backup import recover_interrupted_restore

            self._lock: Any = self._take_writer_lock()
            recover_interrupted_restore(self.root)
            try:
                self._store = ox.Store(str(self.root / "db"))
            except OSError as exc:
                self._lock.close()
                if "lock" in str(exc).lower():
                    raise self._locked_error() from exc
                raise StoreError(f"cannot open the store at {self.root}: {exc}") from exc
            if not mirror.is_mirrored(self._store) or (self.root / BULK_MARKER).exists():
                # a store written before the copy existed, or a bulk load that was killed
                self._pending()
                self._store.update(mirror.RESYNC)
                (self.root / BULK_MARKER).unlink(missing_ok=True)
                self.publish()
            if not (self.root / "CURRENT").exists() or (self.root / "PENDING").exists():
                self.publish()
        #: Queries read the default graph (the de-duplicated union, graph/mirror.py) unless
        #: the store predates it; then pyoxigraph's union view.
        self._mirrored = mirror.is_mirrored(self._store)

    # the writer lock ---------------------------------------------------------------

    def _locked_error(self) -> StoreError:
        return StoreError(f"the store at {self.root} is open for writing by another process "
                          "(an ingest, load or restore?); wait for it to finish, or use a "
                          "read-only command such as `remit query`")

    def _take_writer_lock(self) -> Any:
        """Our own lock beside RocksDB's: it guards the store directory as a whole, so a
        restore can close the engine and swap ``db`` while still excluding other writers."""
        fh = open(self.root / "WRITER.lock", "a+")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise self._locked_error() from None
        return fh

    def detach_lock(self) -> Any:
        """Hand the writer lock to the caller (close it to release); close() keeps it."""
        lock, self._lock = self._lock, None
        return lock

    # snapshots ---------------------------------------------------------------------

    def _current_name(self) -> str | None:
        return self._watch.name()

    def _open_snapshot(self) -> ox.Store:
        name = self._current_name()
        if name is None:
            if not self.root.exists():
                raise StoreError(
                    f"no store at {self.root}: build one with `remit ingest data/samples` "
                    "or choose another with --store / REMIT_STORE")
            raise StoreError(f"the store at {self.root} has no published snapshot yet; "
                             "open it once for writing (e.g. `remit stats --write`)")
        try:
            store = ox.Store.read_only(str(self.root / "snapshots" / name))
        except OSError as exc:
            raise StoreError(f"cannot open snapshot {name} of {self.root}: {exc}") from exc
        self._current = name
        self._mirrored = mirror.is_mirrored(store)
        return store

    def refresh(self) -> bool:
        """Reopen the newest snapshot if a writer published one; True if it changed."""
        if not self.read_only:
            return False
        name = self._current_name()
        if name and name != self._current:
            self._store = self._open_snapshot()
            return True
        return False

    def publish(self) -> str:
        """Checkpoint the primary into a new snapshot and point CURRENT at it."""
        if self.read_only:
            raise ReadOnlyError("a read-only store cannot publish snapshots")
        name = snapshots.publish(self._store, self.root)
        (self.root / "PENDING").unlink(missing_ok=True)
        self._current = name
        return name

    def state(self) -> str:
        return self._current_name() or "empty"

    # queries -------------------------------------------------------------------------

    def _run(self, sparql: str, bindings: Mapping[str, Identifier] | None,
             default_graph: Iterable[URIRef] | None,
             named_graphs: Iterable[URIRef] | None) -> Any:
        self.refresh()
        kwargs: dict[str, Any] = {}
        dg = _graphs(default_graph)
        if dg is not None:
            kwargs["default_graph"] = dg
        elif not self._mirrored:
            kwargs["use_default_graph_as_union"] = True
        ng = _graphs(named_graphs)
        if ng is not None:
            kwargs["named_graphs"] = ng
        if bindings:
            sparql = with_values(sparql, bindings)
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"query failed reading {self.root}: {exc}") from exc

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              default_graph: Iterable[URIRef] | None = None,
              named_graphs: Iterable[URIRef] | None = None) -> QueryResult:
        res = self._run(sparql, bindings, default_graph, named_graphs)
        if isinstance(res, ox.QueryBoolean):
            return bool(res)
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = []
            for sol in res:
                row = {}
                for n in names:
                    t = sol[n]
                    if t is not None:
                        row[n] = to_rdflib(t)
                rows.append(row)
            return Rows(names, rows)
        g = Graph()
        for t in res:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def query_serialized(self, sparql: str, media_type: str, *,
                         default_graph: Iterable[URIRef] | None = None,
                         named_graphs: Iterable[URIRef] | None = None) -> Serialized:
        res = self._run(sparql, None, default_graph, named_graphs)
        table: Mapping[str, Any] = RDF_FORMATS if isinstance(res, ox.QueryTriples) \
            else RESULT_FORMATS
        media = pick_media(media_type, table)
        if media is None:
            kind = "a graph" if table is RDF_FORMATS else "query results"
            raise NotAcceptable(f"cannot serialise {kind} as {media_type}; use one of "
                                f"{', '.join(table)}")
        return Serialized(res.serialize(format=table[media]), media)

    # writes ---------------------------------------------------------------------------

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise ReadOnlyError(f"the store at {self.root} is open read-only")
        return self._store

    def _pending(self) -> None:
        """Mark a write in progress, so a crash before publish() is repaired on next open."""
        (self.root / "PENDING").touch()

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], drop: Iterable[URIRef] = (),
                       derived: str = "") -> None:
        """As :meth:`Store.replace_graphs`, one transaction. Brand-new graphs with their
        per-source inference (a new pack) are one ``Store.extend`` of quads computed
        beforehand (graph/additions.py); otherwise one SPARQL Update, in which a graph
        already present and free of blank nodes is changed by its difference only (see
        updates.replace_ops). The default graph's copy of the union is kept in step in the
        same transaction either way (graph/embedded_writes.py)."""
        plan = writes.replace_plan(self._writable(), graphs, list(drop), derived)
        if isinstance(plan, str):
            self._apply(plan)
        else:
            self._extend(plan)

    def _extend(self, quads: list[ox.Quad]) -> None:
        """Add quads and their default-graph copies in one transaction, then publish."""
        store = self._writable()
        self._pending()
        try:
            store.extend(mirror.with_default_copies(quads))
        except OSError as exc:
            raise StoreError(f"write failed on {self.root}: {exc}") from exc
        self.publish()

    def update(self, sparql_update: str) -> None:
        """Apply any SPARQL Update, then bring the default graph's copy of the union in step
        over the whole store (it cannot know which graphs the update wrote): slow on a large
        store; the project's own writes go through :meth:`replace_graphs`. Triples written
        to the default graph itself are not kept: it is the union of the named graphs."""
        self._apply(f"{sparql_update} ;\n{mirror.RESYNC}")

    def _apply(self, sparql_update: str) -> None:
        store = self._writable()
        self._pending()
        try:
            store.update(sparql_update)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"update failed on {self.root}: {exc}") from exc
        self.publish()

    def load_file(self, path: Any, graph: URIRef | None = None) -> int:
        """Load a file in one transaction (``Store.extend`` is atomic, unlike bulk_load),
        with the default graph's copy of each triple. Triples the file puts in no named
        graph, and no ``graph`` given, go to ``LOADED_GRAPH``: the default graph is the union
        of the named graphs. Returns the number of quads that were not there before."""
        store = self._writable()
        p = Path(path)
        quads = writes.file_quads(p, graph)  # refuses an unknown format before writing
        before = mirror.named_quad_count(store)
        self._pending()
        try:  # streamed into one transaction: a parse error part-way commits nothing
            store.extend(mirror.with_default_copies(quads))
        except SyntaxError as exc:
            raise StoreError(f"{p}: not valid RDF: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{p}: {exc}") from exc
        self.publish()
        return mirror.named_quad_count(store) - before

    def bulk_load(self, path: Any, fmt: str = "application/n-quads", *,
                  compact: bool = True) -> None:
        """Fast, non-transactional load for benchmarks and restores into an empty store.
        While it runs a BULK marker stands in the store directory: a writer that finds it
        (the load was killed) rebuilds the default graph's copy before anything else.

        ``compact``: merge the engine's files before publishing (:meth:`compact`); the
        bulk loader writes its sorted files side by side and nothing merges them later."""
        store = self._writable()
        self._pending()
        (self.root / BULK_MARKER).touch()
        writes.bulk_load(store, path, fmt)
        (self.root / BULK_MARKER).unlink()
        if compact:
            self._optimize(store)
        self.publish()

    def compact(self) -> str:
        """Merge the store's on-disk files, then publish them to readers; the snapshot name.

        Why: every index scan and lookup reads each file whose key range overlaps it. A
        bulk load leaves many overlapping files that the engine's background compaction,
        triggered by ordinary writes, never revisits. At 5M bulk-loaded triples the owners'
        open load took 4.1 s before and 1.3 s after (a label scan 170 -> 45 ms); stores
        built by ingest gain 5-15 % (BENCHMARKS.md, finding 15). Readers keep the snapshot
        they hold until they next look, so a compaction never blocks a query."""
        store = self._writable()
        self._pending()
        self._optimize(store)
        return self.publish()

    def _optimize(self, store: ox.Store) -> None:
        try:
            store.optimize()
        except OSError as exc:
            raise StoreError(f"compacting {self.root} failed: {exc}") from exc

    # reads ----------------------------------------------------------------------------

    def graph_names(self) -> list[URIRef]:
        self.refresh()
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def count(self, graph: URIRef | None = None) -> int:
        """Quads in one graph, or in all named graphs (not the default graph's copy); the
        total is a full scan, so a reader keeps it per snapshot, which never changes."""
        self.refresh()
        if graph is None:
            key = self._current if self.read_only else None
            if key is not None and key in self._counts:
                return self._counts[key]
            with self._count_lock:  # concurrent first callers wait for one count
                if key is not None and key in self._counts:
                    return self._counts[key]
                total = mirror.named_quad_count(self._store)
                if key is not None:
                    self._counts = {key: total}
            return total
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ox.NamedNode(str(graph)).value}> " \
            "{ ?s ?p ?o } }"
        rows: Any = self._store.query(q)
        return int(next(iter(rows))["n"].value)

    def graph(self, name: URIRef) -> Graph:
        self.refresh()
        g = Graph()
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def dump(self, out: Any, fmt: str = "application/n-quads",
             graph: URIRef | None = None) -> None:
        """N-Quads and TriG keep the graph name, also for one graph; triples formats of one
        graph drop it."""
        self.refresh()
        if fmt not in RDF_FORMATS:
            raise NotAcceptable(f"cannot dump as {fmt}; use one of {', '.join(RDF_FORMATS)}")
        kwargs: dict[str, Any] = {"format": RDF_FORMATS[fmt]}
        if graph is not None and fmt in ("application/n-quads", "application/trig"):
            quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
            ox.serialize(quads, out, format=RDF_FORMATS[fmt])
            return
        if graph is not None:
            kwargs["from_graph"] = ox.NamedNode(str(graph))
        elif fmt in ("application/n-quads", "application/trig"):
            # The named graphs only: the default graph is their union, rebuilt on load.
            ox.serialize((q for q in self._store.quads_for_pattern(None, None, None, None)
                          if not isinstance(q.graph_name, ox.DefaultGraph)),
                         out, format=RDF_FORMATS[fmt])
            return
        else:
            kwargs["from_graph"] = ox.DefaultGraph()  # a triples format: the union
        self._store.dump(out, **kwargs)

    def backup(self, target: Path) -> None:
        """A consistent copy of the newest committed state (hard links where possible)."""
        if Path(target).exists():
            raise StoreError(f"backup target {target} already exists; choose a new directory")
        if self.read_only:
            self.refresh()
        self._store.backup(str(target))

    def close(self) -> None:
        """Release the engine and the writer's lock; closing twice is harmless."""
        if not hasattr(self, "_store"):
            return
        if not self.read_only:
            self._store.flush()
        del self._store
        if not self.read_only and self._lock is not None:
            self._lock.close()
            self._lock = None


def open_embedded(settings: Settings, read_only: bool) -> Store:
    return EmbeddedStore(settings.store, read_only=read_only)
