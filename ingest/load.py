"""Load packs into the store: one transaction per pack, and a report of what changed.

For each file: read it (``ingest/loaders``), extract and resolve (``ingest/pipeline``), map
(``ingest/mapping``), resolve its recommendations with the other packs'
(``ingest/mapping_crosspack``: a plan-only update joins the inspection report's nodes, in
any order), then replace the pack's named graph, the graphs of the other packs that
resolution rewrote, and the inferred graph in one transaction (``Store.replace_graphs``: a
SPARQL Update, or on the embedded store one ``Store.extend`` for a new pack, see
graph/additions.py), so a pack is in the store whole or not at all. A file that cannot be
read or extracted is rejected with its name and the reason; the store is left exactly as it
was and the other files are still loaded.

Idempotence: a pack whose new graph equals the stored one (``prov:generatedAtTime``
aside) is reported ``unchanged`` and not written, so its ingest time stays that of the
ingest that last changed it, and ingesting twice leaves the same triples.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from graph.settings import Settings
from graph.store import Rows, Store, StoreError
from ingest.mapping import pack_iri, to_graph
from ingest.mapping_crosspack import cross_pack
from ingest.mapping_queries import RECORD_KINDS, content_triples, kind_nodes, sources_query
from ingest.sources import Source, UnknownSourceError, find_source, pack_files

Progress = Callable[[str, int, int], None]
STATES = ("new", "updated", "unchanged")


@dataclass
class PackResult:
    """What one file did to the store."""

    name: str
    path: str
    status: str  # new | updated | unchanged | rejected
    iri: str | None = None
    triples: int = 0
    kinds: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    merges: int = 0
    error: str | None = None
    #: other packs rewritten in the same transaction: their recommendations joined this
    #: pack's, or got their own IRIs back (docs/decisions/0003-cross-pack-recommendations.md)
    relinked: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    packs: list[PackResult] = field(default_factory=list)

    @property
    def rejected(self) -> list[PackResult]:
        return [p for p in self.packs if p.status == "rejected"]

    def totals(self) -> dict[str, dict[str, int]]:
        """new / updated / unchanged nodes of each kind, summed over the packs."""
        out: dict[str, dict[str, int]] = {k: dict.fromkeys(STATES, 0) for k in RECORD_KINDS}
        for p in self.packs:
            for kind, counts in p.kinds.items():
                for state, n in counts.items():
                    out[kind][state] += n
        return out

    def to_json(self) -> dict[str, Any]:
        return {"packs": [asdict(p) for p in self.packs], "totals": self.totals(),
                "rejected": len(self.rejected),
                "warnings": sum(len(p.warnings) for p in self.packs),
                "merges": sum(p.merges for p in self.packs)}


def _optional(module: str, name: str) -> Any:
    """A function of an optional module, or None while that module is absent (an import
    error inside a module that is there still fails loudly)."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def derived_update(written: Iterable[URIRef] = (), removed: Iterable[URIRef] = (),
                   additions_only: bool = False) -> str:
    """The SPARQL Update that recomputes what the written and removed graphs imply (the
    inferred graphs of those graphs only, and the transitive closure, extended rather than
    recomputed when the write only adds triples); "" until inference exists."""
    fn = _optional("graph.inference", "source_inference_update")
    if fn is None:
        return ""
    return fn(list(written), list(removed), additions_only=additions_only)


def prepare(store: Store, settings: Settings | None = None) -> None:
    """Put the ontology and reference graphs in the store, if they are not there yet, and
    with ``settings``, build the search index once if there is none (the reference data's
    bodies are indexed too): a per-store cost, so each pack only re-indexes its own
    entities."""
    fn = _optional("graph.inference", "ensure_ontology")
    wrote = bool(fn(store)) if fn else False
    ready = _optional("graph.search_index", "is_current_format")
    where = _optional("graph.search_index", "index_path")
    build = _optional("graph.search_index", "build_index")
    if settings is None or ready is None or where is None or build is None:
        return
    path = where(settings)
    if wrote or not ready(path):
        # not fatal: the first pack's update_index builds it again and reports a failure
        with contextlib.suppress(Exception):
            build(store, path)


def _index_pack(store: Store, settings: Settings | None, iri: URIRef) -> str | None:
    """Refresh the full-text index for one committed (or removed) pack, when the index
    module is there; a failure is reported, not raised: the pack is already committed and
    the app rebuilds a stale index on its own."""
    update = _optional("graph.search_index", "update_index")
    where = _optional("graph.search_index", "index_path")
    if update is None or where is None or settings is None:
        return None
    try:
        update(store, where(settings), iri)
    except Exception as exc:  # any index failure is only a warning
        return f"search index not updated ({exc}); it is rebuilt when the app starts"
    return None


@dataclass
class Prepared:
    """A pack read, extracted and mapped, before the store is consulted: what a helper
    process hands the writer (``error`` set instead when the file was rejected)."""

    iri: URIRef | None = None
    graph: Graph | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def _extract(path: Path) -> tuple[Any, Any]:
    from ingest.pipeline import extract_pack, load_pack

    pack = load_pack(path)
    return pack, extract_pack(pack)


def prepare_pack(path: Path, base_iri: str) -> Prepared:
    """Read, extract and map one file; never raises for a bad file (``error`` says why)."""
    try:
        pack, extraction = _extract(path)
        iri, graph = to_graph(extraction, pack, base_iri)
    except Exception as exc:  # any reading or extraction failure rejects this file only
        return Prepared(error=_reason(path, exc))
    return Prepared(iri, graph, _warnings(extraction))


def ingest_paths(paths: Iterable[Path | str], store: Store, settings: Settings,
                 progress: Progress | None = None) -> IngestReport:
    """Ingest files and folders (``.txt``, ``.pdf``, ``.html`` in folders), one pack at a
    time; rejected files are in the report, never half-written to the store.

    With ``settings.ingest_workers`` and more than one file, helper processes read and
    extract the next packs while this process writes one (``ingest/prepared.py``); packs
    are still written one at a time, in order, so the store and the report are the same."""
    from ingest.prepared import prepared_in_order

    files, problems = pack_files([Path(p) for p in paths])
    report = IngestReport([PackResult(p.name, str(p), "rejected", error=msg)
                           for p, msg in problems])
    prepare(store, settings)
    with contextlib.closing(prepared_in_order(files, settings.base_iri,
                                              settings.ingest_workers)) as ahead:
        for i, (path, prepared) in enumerate(zip(files, ahead, strict=True)):
            if progress:
                progress(path.name, i, len(files))
            report.packs.append(ingest_file(path, store, settings, prepared))
    if progress:
        progress("", len(files), len(files))
    return report


def ingest_file(path: Path, store: Store, settings: Settings,
                prepared: Prepared | None = None) -> PackResult:
    """One pack, in one transaction; a failure before the write leaves the store as it was.
    ``prepared``: the file already read, extracted and mapped (by a helper process)."""
    ready = prepared if prepared is not None else prepare_pack(path, settings.base_iri)
    if ready.error is not None or ready.iri is None or ready.graph is None:
        return PackResult(path.name, str(path), "rejected", error=ready.error)
    iri, graph = ready.iri, ready.graph
    try:
        cross = cross_pack(store, iri, graph)
    except StoreError:
        raise
    except Exception as exc:  # a pack the cross-pack resolution cannot read
        return PackResult(path.name, str(path), "rejected", error=_reason(path, exc))
    graph = cross.graph if cross.graph is not None else graph
    old = store.graph(iri) if iri in set(store.graph_names()) else None
    result = PackResult(path.name, str(path), "new" if old is None else "updated", str(iri),
                        len(graph), merges=len(kind_nodes(graph)["merges"]),
                        warnings=sorted({*ready.warnings, *cross.problems}))
    if (old is not None and not cross.others
            and content_triples(old) == content_triples(graph)):
        result.status = "unchanged"
        result.kinds = {k: {"unchanged": len(v)} for k, v in kind_nodes(graph).items() if v}
        return result
    result.kinds = _kind_changes(store, old, graph)
    result.relinked = sorted(cross.files.values())
    # the other packs whose recommendations now join (or leave) this one's, in the same
    # transaction: the store never holds two nodes for one recommendation
    store.replace_graphs({iri: graph, **cross.others},
                         derived=derived_update([iri, *cross.others],
                                                additions_only=old is None and not cross.others))
    for changed in [iri, *cross.others]:
        problem = _index_pack(store, settings, changed)
        if problem:
            result.warnings.append(problem)
            break
    return result


def _reason(path: Path, exc: Exception) -> str:
    """``<path>: <reason>``, once: a reason that already starts with the file is not
    prefixed twice."""
    reason = str(exc) or type(exc).__name__
    for prefix in (f"{path}: ", f"{path.name}: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix):]
            break
    return f"{path}: {reason}"


def _warnings(extraction: Any) -> list[str]:
    """Every data-quality warning of the pack, unresolved names included (as mapped)."""
    found = [w.message for w in extraction.warnings]
    for d in extraction.documents:
        found += [w.message for w in d.warnings]
    found += [f"unresolved name {m.as_written!r}: {m.evidence}" for m in extraction.unresolved]
    return sorted(set(found))


def _kind_changes(store: Store, old: Graph | None, new: Graph) -> dict[str, dict[str, int]]:
    """Per kind: nodes the store did not have (new), had with other facts from this pack
    (updated), or had with the same facts (unchanged)."""
    nodes = kind_nodes(new)
    everything = sorted({n for v in nodes.values() for n in v}, key=str)
    known = _known(store, everything)
    out: dict[str, dict[str, int]] = {}
    for kind, found in nodes.items():
        counts = dict.fromkeys(STATES, 0)
        for n in found:
            if n not in known:
                counts["new"] += 1
            elif old is not None and set(old.predicate_objects(n)) == set(
                    new.predicate_objects(n)):
                counts["unchanged"] += 1
            else:
                counts["updated"] += 1
        if found:
            out[kind] = counts
    return out


def _known(store: Store, nodes: list[Any], chunk: int = 500) -> set[Any]:
    known: set[Any] = set()
    for i in range(0, len(nodes), chunk):
        values = " ".join(n.n3() for n in nodes[i:i + chunk])
        res = store.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
        if isinstance(res, Rows):
            known.update(res.values("s"))
    return known


def sources(store: Store) -> list[Source]:
    """Every ingested pack: file name, checksum, ingest time, triple count, graph IRI."""
    res = store.query(sources_query())
    rows = res.rows if isinstance(res, Rows) else []
    return [Source(str(r["name"]), str(r["sha"]), str(r.get("time", "")),
                   store.count(URIRef(str(r["pack"]))), str(r["pack"])) for r in rows]


def remove_source(store: Store, name_or_iri: str, settings: Settings | None = None) -> Source:
    """Withdraw one pack's graph and recompute the inferred graph, in one transaction."""
    found = find_source(sources(store), name_or_iri)
    if found is None and settings is not None:  # a pack graph whose metadata is damaged
        iri = pack_iri(settings.base_iri, name_or_iri)
        if iri in set(store.graph_names()):
            found = Source(name_or_iri, "", "", store.count(iri), str(iri))
    if found is None:
        raise UnknownSourceError(
            f"no ingested source {name_or_iri!r}; `remit sources` lists the file names "
            "and graph IRIs that can be removed")
    # recommendations merged with this pack's get back the IRIs their own packs mint
    cross = cross_pack(store, URIRef(found.iri), None)
    store.replace_graphs(cross.others, drop=[URIRef(found.iri)],
                         derived=derived_update(cross.others, [URIRef(found.iri)]))
    for changed in [URIRef(found.iri), *cross.others]:
        _index_pack(store, settings, changed)
    return found


__all__ = ["IngestReport", "PackResult", "Source", "UnknownSourceError", "ingest_file",
           "ingest_paths", "remove_source", "sources"]
