"""The ontology's namespaces for the mapping, each term looked up once.

rdflib resolves ``REM.Recommendation`` through ``DefinedNamespace``'s metaclass on every
access (reserved-name checks, then a cached item lookup), and ``GRADE["3"]`` builds a new
``URIRef`` each time. Mapping one large pack reads some 60,000 terms, so those checks cost
a fifth of the mapping; :class:`Terms` answers each repeat from a plain attribute or dict.
The terms are the very ones the namespace gives, so the triples are unchanged. Also the
literal and key helpers every mapping module shares.

Part of the mapping (``ingest/mapping.py``), the only ingest code that names ontology terms.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.memory import SimpleMemory

from ontology import namespaces


class Terms:
    """A namespace whose terms are cached after their first use."""

    def __init__(self, namespace: Any) -> None:
        self._ns = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:  # only for names not yet cached
        if name.startswith("_"):  # no term of ours; and copy/pickle probe before __init__
            raise AttributeError(name)
        term = getattr(self._ns, name)  # an undefined term fails (or warns) as it would
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._ns[name]
        return term

    def __str__(self) -> str:
        return str(self._ns)


class MappingGraph(Graph):
    """The pack's graph while it is built: ``add`` goes straight to the store's indexes.

    ``Graph.add`` asserts that each of the three terms is an rdflib node; every term the
    mapping adds is built by :class:`~ingest.mapping.Mapper` from ``URIRef``/``Literal``,
    and those checks were a tenth of mapping time over ~50,000 adds a pack. On a
    ``SimpleMemory`` store the add then fills the store's three nested indexes itself, the
    way ``SimpleMemory.add`` does (same dictionaries, same insertion order) but without a
    caught ``KeyError`` for every new key: most subjects and literals of a pack are new,
    and those exceptions made the store's add an eighth of mapping time. Any other store
    gets its own ``add``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        store = self.store
        self._indexes: tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]] | None = None
        if type(store) is SimpleMemory:  # a subclass may add differently
            try:
                self._indexes = (store._SimpleMemory__spo,  # type: ignore[attr-defined]
                                 store._SimpleMemory__pos,  # type: ignore[attr-defined]
                                 store._SimpleMemory__osp)  # type: ignore[attr-defined]
            except AttributeError:  # another rdflib's SimpleMemory: use its add
                self._indexes = None

    def add(self, triple: Any) -> MappingGraph:
        if self._indexes is None:
            self.store.add(triple, self, quoted=False)
            return self
        s, p, o = triple
        spo, pos, osp = self._indexes
        # written out three times, not looped over the indexes: the loop's tuples cost 10 %
        # of this method (0.36 us an add, 17 ms of a seed-size pack's ~50,000 adds)
        po = spo.get(s)
        if po is None:
            po = spo[s] = {}
        objects = po.get(p)
        if objects is None:
            objects = po[p] = {}
        objects[o] = 1
        os_ = pos.get(p)
        if os_ is None:
            os_ = pos[p] = {}
        subjects = os_.get(o)
        if subjects is None:
            subjects = os_[o] = {}
        subjects[s] = 1
        sp = osp.get(o)
        if sp is None:
            sp = osp[o] = {}
        predicates = sp.get(s)
        if predicates is None:
            predicates = sp[s] = {}
        predicates[p] = 1
        return self


BODYTYPE = Terms(namespaces.BODYTYPE)
DCTERMS = Terms(namespaces.DCTERMS)
DOCKIND = Terms(namespaces.DOCKIND)
FOAF = Terms(namespaces.FOAF)
GRADE = Terms(namespaces.GRADE)
INTEREST = Terms(namespaces.INTEREST)
JSOURCE = Terms(namespaces.JSOURCE)
ORG = Terms(namespaces.ORG)
PROV = Terms(namespaces.PROV)
RDF = Terms(namespaces.RDF)
RDFS = Terms(namespaces.RDFS)
REM = Terms(namespaces.REM)
ROLE = Terms(namespaces.ROLE)
SKOS = Terms(namespaces.SKOS)
STATUS = Terms(namespaces.STATUS)
TIMESCALE = Terms(namespaces.TIMESCALE)
XSD = Terms(namespaces.XSD)

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def key_of(node: URIRef) -> str:
    """The key of an entity IRI ``{base}id/{type}/{key}``, for keys built on other keys."""
    return str(node).rsplit("/", 1)[-1]


@lru_cache(maxsize=8192)
def date_literal(value: str | None) -> Literal | None:
    """``xsd:date`` for an ISO date; None for anything else (kept as text elsewhere)."""
    v = (value or "").strip()
    try:
        return Literal(v, datatype=XSD.date) if ISO_DATE.match(v) and dt.date.fromisoformat(
            v) else None
    except ValueError:  # 2011-02-30
        return None


@lru_cache(maxsize=8192, typed=True)
def number_literal(value: int | str | None) -> Literal | None:
    """``xsd:integer`` for whole numbers ("6" too); a plain literal for "6a"; None if empty."""
    if value is None or str(value).strip() == "":
        return None
    s = str(value).strip()
    return Literal(int(s), datatype=XSD.integer) if s.isdigit() else Literal(s)


__all__ = ["BODYTYPE", "DCTERMS", "DOCKIND", "FOAF", "GRADE", "INTEREST", "JSOURCE", "ORG",
           "PROV", "RDF", "RDFS", "REM", "ROLE", "SKOS", "STATUS", "TIMESCALE", "XSD",
           "MappingGraph", "Terms", "date_literal", "key_of", "number_literal"]
