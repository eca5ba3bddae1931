"""Records to RDF: the one ingest module that knows the ontology (split in several files
to keep each small: this one, ``mapping_people`` for people and posts, ``mapping_records``
for meetings, reports and inspections, ``mapping_actions`` for commitments,
``mapping_queries`` for what the loader asks, ``mapping_terms`` for the namespace terms and
literal helpers they share, ``mapping_tables`` for record codes to classes).

``to_graph`` turns a :class:`PackExtraction` into the pack's named graph exactly as
``docs/model.md`` lays it out. IRIs come from ``ontology.namespaces.key_for`` over
normalised content (resolved entity keys, file names, recommendation text), never from
ingest order, so mapping the same pack twice, or packs in another order, mints the same
nodes. Every fact-bearing node gets ``prov:wasDerivedFrom`` its document and
``rem:evidence`` an Excerpt with the exact text and line span.

Idempotence: ``prov:generatedAtTime`` is the one triple that differs between two mappings
of the same pack. ``ingest/load.py`` compares graphs without it (see
:func:`content_triples`) and leaves the stored graph, timestamp included, untouched when
nothing else changed: the pack is reported ``unchanged``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from ingest.mapping_people import PeopleMapping
from ingest.mapping_tables import BODY_CLASS, DOC_CLASS
from ingest.mapping_terms import (
    BODYTYPE,
    DCTERMS,
    DOCKIND,
    ORG,
    PROV,
    RDF,
    RDFS,
    REM,
    SKOS,
    XSD,
    MappingGraph,
)
from ingest.mapping_terms import date_literal as date_literal  # these three re-exported:
from ingest.mapping_terms import key_of as key_of  # the other mapping modules
from ingest.mapping_terms import number_literal as number_literal  # import them from here
from ingest.records import DocumentRecords, PackExtraction, Span
from ingest.text import PackText
from ontology.namespaces import entity_iri, key_for, normalise

AGENT_TYPES = {"body": "body", "person": "person", "role": "role-owner", "post": "post"}


class MappingError(ValueError):
    """A record cannot be expressed in the graph model; the message names it."""


def pack_iri(base_iri: str, file_name: str) -> URIRef:
    """The pack's node and named-graph IRI: from its file name, so a changed file replaces
    its own graph and nothing else."""
    return entity_iri(base_iri, "pack", key_for(file_name))


class Mapper(PeopleMapping):
    """Holds the graph being built and the helpers every record kind shares."""

    def __init__(self, extraction: PackExtraction, pack: PackText, base_iri: str) -> None:
        self.ex = extraction
        self.pack = pack
        self.base = base_iri if base_iri.endswith("/") else base_iri + "/"
        self.pack_node = pack_iri(self.base, pack.name)
        # SimpleMemory: built once, read by pattern; adds twice as fast as the default store
        self.g: Graph = MappingGraph(store="SimpleMemory", identifier=self.pack_node)
        self._excerpts: dict[tuple[int, int, URIRef | None], URIRef] = {}
        self._doc_lines: tuple[int, dict[int, URIRef]] | None = None
        #: agenda item node -> its title as the graph holds it, normalised: every report
        #: looks for its item by title, and reading titles back from the graph for every
        #: report and item made that quadratic (kept up to date by each item's mapping)
        self.agenda_titles: dict[URIRef, str] = {}
        self._literals: dict[tuple[type, str | int | bool, URIRef | None], Literal] = {}
        self._nodes: dict[tuple[str, str], URIRef] = {}
        self.docs: list[tuple[DocumentRecords, URIRef]] = []
        #: recommendation nodes by normalised id and by normalised text, for actions
        self.recs: dict[str, URIRef] = {}
        #: (meeting record, its node, its document), every document's, for minutes and items
        self.meetings: list[tuple[Any, URIRef, URIRef]] = []
        self._index: dict[str, tuple[str, str]] = {}
        for b in extraction.bodies:
            for n in [b.name, *b.aliases, b.acronym]:
                if n:
                    self._index.setdefault(normalise(n), ("body", b.key))
        for p in extraction.people:
            for n in [p.name, *p.aliases]:
                self._index.setdefault(normalise(n), ("person", p.key))

    # --- terms -------------------------------------------------------------------

    def iri(self, type_: str, *parts: object) -> URIRef:
        return self.node(type_, key_for(*parts))

    def node(self, type_: str, key: str) -> URIRef:
        """The entity's IRI, one object per entity: the graph's indexes find a term they
        already hold by identity, without rdflib's slower equality test."""
        found = self._nodes.get((type_, key))
        if found is None:
            found = self._nodes[(type_, key)] = entity_iri(self.base, type_, key)
        return found

    def add(self, s: Node, p: URIRef, o: Node | str | int | bool | None) -> None:
        """Add a triple unless the object is empty; Python values become typed literals."""
        if o is None or (isinstance(o, str) and not o.strip()):
            return
        if isinstance(o, Identifier):  # URIRef and Literal are str subclasses: test first
            self.g.add((s, p, o))
        elif isinstance(o, bool | str):
            self.g.add((s, p, self._literal(o.strip() if isinstance(o, str) else o)))
        elif type(o) is int:  # line numbers mostly
            self.g.add((s, p, self._literal(o, XSD.integer)))
        else:
            self.g.add((s, p, Literal(o, datatype=XSD.integer)))

    def _literal(self, value: str | int | bool, datatype: URIRef | None = None) -> Literal:
        """One Literal object per value: a large pack writes some 12,000 literals but only
        a third are distinct, and building one costs rdflib a dozen datatype checks."""
        key = (type(value), value, datatype)  # True, 1 and "1" stay apart
        found = self._literals.get(key)
        if found is None:
            found = self._literals[key] = Literal(value, datatype=datatype)
        return found

    def resolve(self, name: str | None) -> tuple[str, str] | None:
        """(entity type, key) of a name as written, from resolution first."""
        if not name or not name.strip():
            return None
        key = normalise(name)  # what ``PackExtraction.lookup`` does, with the cached form
        hit = self.ex.names.get(key) or self._index.get(key)
        if hit is None:
            return None
        kind, key = hit
        return AGENT_TYPES.get(kind, kind), key

    def agent(self, name: str | None, span: Span | None = None,
              doc: URIRef | None = None) -> URIRef | None:
        """The node a name as written resolved to; role phrases become RoleOwner nodes."""
        hit = self.resolve(name)
        if hit is None:
            return None
        type_, key = hit
        node = self.node(type_, key)
        if type_ == "role-owner":
            self.g.add((node, RDF.type, REM.RoleOwner))
            self.add(node, RDFS.label, name)
            if span is not None and doc is not None:
                self.provenance(node, span, doc)
        return node

    def agents(self, names: Iterable[str]) -> list[URIRef]:
        return [a for a in (self.agent(n) for n in names) if a is not None]

    def body_key(self, name: str | None) -> str | None:
        hit = self.resolve(name)
        return hit[1] if hit and hit[0] == "body" else None

    # --- provenance --------------------------------------------------------------

    def excerpt(self, span: Span, doc: URIRef | None) -> URIRef:
        known = self._excerpts.get((span.start, span.end, doc))
        if known is not None:
            return known
        ex = self.iri("excerpt", self.pack.name, span.start, span.end)
        self._excerpts[(span.start, span.end, doc)] = ex
        self.g.add((ex, RDF.type, REM.Excerpt))
        self.g.add((ex, REM.excerptText, Literal(span.text)))
        self.add(ex, REM.startLine, span.start)
        self.add(ex, REM.endLine, span.end)
        if doc is not None:
            self.g.add((ex, REM.inDocument, doc))
        return ex

    def provenance(self, node: URIRef, span: Span | None, doc: URIRef | None) -> None:
        """``prov:wasDerivedFrom`` the document and ``rem:evidence`` the excerpt."""
        doc = doc if doc is not None else (self.doc_at(span.start) if span else None)
        if doc is not None:
            self.g.add((node, PROV.wasDerivedFrom, doc))
        if span is not None:
            self.g.add((node, REM.evidence, self.excerpt(span, doc)))

    def doc_at(self, line: int) -> URIRef | None:
        """The innermost document whose span holds ``line``."""
        if self._doc_lines is None or self._doc_lines[0] != len(self.docs):
            self._doc_lines = (len(self.docs), self._innermost_docs())
        return self._doc_lines[1].get(line)

    def _innermost_docs(self) -> dict[int, URIRef]:
        """Line -> innermost document, built once: provenance asks for every record, and
        scanning all documents each time made mapping a large pack quadratic."""
        best: dict[int, tuple[int, URIRef]] = {}
        for d, node in self.docs:
            size = d.segment.end - d.segment.start
            for n in range(d.segment.start, d.segment.end + 1):
                known = best.get(n)
                if known is None or size < known[0]:
                    best[n] = (size, node)
        return {n: node for n, (_size, node) in best.items()}

    # --- pack, documents, agents -----------------------------------------------------

    def map_pack(self) -> None:
        p, g = self.pack_node, self.g
        g.add((p, RDF.type, REM.Pack))
        g.add((p, RDF.type, PROV.Entity))
        self.add(p, REM.fileName, self.pack.name)
        self.add(p, REM.sha256, self.pack.sha256)
        self.add(p, REM.byteSize, self.pack.byte_size)
        self.add(p, REM.softwareVersion, software_version())
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
        g.add((p, PROV.generatedAtTime, Literal(stamp.isoformat(), datatype=XSD.dateTime)))
        for d in self.ex.documents:
            s = d.segment
            node = self.iri("document", self.pack.name, s.kind, s.title, s.number)
            self.docs.append((d, node))
            g.add((node, RDF.type, REM.Document))
            g.add((node, RDF.type, DOC_CLASS.get(s.kind, REM.GenericDocument)))
            g.add((node, REM.documentKind, DOCKIND[s.kind]))
            self.add(node, DCTERMS.title, s.title)
            g.add((node, REM.inPack, p))
            g.add((p, DCTERMS.hasPart, node))
            self.add(node, REM.startLine, s.start)
            self.add(node, REM.endLine, s.end)

    def map_bodies(self) -> None:
        for b in self.ex.bodies:
            node = self.node("body", b.key)
            self.g.add((node, RDF.type, REM.Body))
            self.g.add((node, RDF.type, ORG.Organization))
            if b.type in BODY_CLASS:
                self.g.add((node, RDF.type, BODY_CLASS[b.type]))
            self.g.add((node, REM.bodyType, BODYTYPE[b.type or "other"]))
            self.add(node, RDFS.label, b.name)
            for alias in sorted(set(b.aliases) - {b.name}):
                self.add(node, SKOS.altLabel, alias)
            self.add(node, REM.acronym, b.acronym)
            if b.parent:
                self.g.add((node, ORG.subOrganizationOf, self.node("body", b.parent)))
            for span in b.spans:
                self.provenance(node, span, None)

    # --- data quality ---------------------------------------------------------------

    def warning(self, message: str, span: Span | None, doc: URIRef | None) -> None:
        node = self.iri("warning", self.pack.name, message, span.start if span else "")
        self.g.add((node, RDF.type, REM.DataQualityWarning))
        self.add(node, REM.message, message)
        self.provenance(node, span, doc)
        if doc is None and (span is None or self.doc_at(span.start) is None):
            self.g.add((node, PROV.wasDerivedFrom, self.pack_node))


def to_graph(extraction: PackExtraction, pack: PackText, base_iri: str) -> tuple[URIRef, Graph]:
    """The pack's IRI and its named graph: every record of ``extraction`` as triples."""
    from ingest import mapping_actions, mapping_records

    if extraction.name != pack.name:
        raise MappingError(f"extraction of {extraction.name!r} given with pack {pack.name!r}")
    m = Mapper(extraction, pack, base_iri)
    m.map_pack()
    m.map_bodies()
    m.map_people()
    m.map_posts()
    for doc, node in m.docs:  # meetings first: items and minutes elsewhere refer to them
        mapping_records.map_meetings(m, doc, node)
    for doc, node in m.docs:
        mapping_records.map_document(m, doc, node)
    for doc, node in m.docs:  # after every recommendation has its node, wherever it is
        mapping_actions.map_commitments(m, doc, node)
    mapping_records.map_merges(m)
    for w in extraction.warnings:
        m.warning(w.message, w.span, None)
    return m.pack_node, m.g


def software_version() -> str:
    """The installed distribution's version (ingest must not import the CLI package)."""
    try:
        return version("remit")
    except PackageNotFoundError:
        return "0+unknown"
