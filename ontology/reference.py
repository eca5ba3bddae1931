"""Reference data: national bodies and generic acronyms, read from ``ontology/reference/``.

The Turtle files are the single source: the store gets them in ``REFERENCE_GRAPH``
(``graph.inference.ensure_ontology``) and ingest gets them through this module, so entity
resolution and queries agree on one IRI per national body. Everything is parsed once and
cached. Like the rest of ``ontology/``, this module imports nothing else of the project
except the namespaces.

>>> lookup("ofsted").acronyms
('Ofsted',)
>>> lookup("Care Quality Commission").type
'inspectorate'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ontology.namespaces import BODYTYPE, REM, normalise

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
NATIONAL_BODIES = REFERENCE_DIR / "national_bodies.ttl"
GENERIC_ACRONYMS = REFERENCE_DIR / "generic_acronyms.ttl"


class ReferenceLookupError(LookupError):
    """A name matched no national body, or several; the message names the input."""


@dataclass(frozen=True)
class NationalBody:
    """A national body (Ofsted, a government department ...) as the reference data has it."""

    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    type: str  # a body-type code: "inspectorate", "government_department" ...
    iri: URIRef


@dataclass(frozen=True)
class GenericAcronym:
    """An acronym used across councils and the NHS; ``body_type`` when it names a kind of body."""

    acronym: str
    expansion: str
    body_type: str | None


def _code(concept: object) -> str | None:
    """The body-type code of a concept IRI (``BODYTYPE.board`` -> ``"board"``)."""
    if concept is None:
        return None
    s = str(concept)
    return s[len(str(BODYTYPE)):] if s.startswith(str(BODYTYPE)) else None


@lru_cache(maxsize=4)
def _graph(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def reference_graph() -> Graph:
    """Both reference files in one graph (what the store's REFERENCE_GRAPH holds)."""
    g = Graph()
    for path in (NATIONAL_BODIES, GENERIC_ACRONYMS, PUBLIC_SERVICE_KINDS):
        g += _graph(path)
    return g


@lru_cache(maxsize=1)
def national_bodies() -> tuple[NationalBody, ...]:
    """Every national body of the reference data, sorted by name."""
    g = _graph(NATIONAL_BODIES)
    out = []
    for iri in set(g.subjects(RDF.type, REM.Body)):
        assert isinstance(iri, URIRef)
        acronyms = tuple(sorted(str(a) for a in g.objects(iri, REM.acronym)))
        aliases = tuple(sorted(str(a) for a in g.objects(iri, SKOS.altLabel)
                               if str(a) not in acronyms))
        out.append(NationalBody(
            name=str(g.value(iri, RDFS.label)), acronyms=acronyms, aliases=aliases,
            type=_code(g.value(iri, REM.bodyType)) or "other", iri=iri))
    return tuple(sorted(out, key=lambda b: b.name))


@lru_cache(maxsize=1)
def generic_acronyms() -> tuple[GenericAcronym, ...]:
    """Every generic acronym, sorted by acronym."""
    g = _graph(GENERIC_ACRONYMS)
    out = []
    for c in set(g.subjects(RDF.type, SKOS.Concept)):
        out.append(GenericAcronym(acronym=str(g.value(c, SKOS.notation)),
                                  expansion=str(g.value(c, SKOS.prefLabel)),
                                  body_type=_code(g.value(c, REM.bodyType))))
    return tuple(sorted(out, key=lambda a: (a.acronym.lower(), a.expansion)))


def _key(name: str) -> str:
    """Case-, accent-, punctuation- and space-free: "D.C.L.G." and "dclg" are one key."""
    return normalise(name).replace(" ", "")


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[NationalBody, ...]]:
    index: dict[str, list[NationalBody]] = {}
    for body in national_bodies():
        for key in {_key(n) for n in (body.name, *body.aliases, *body.acronyms)}:
            index.setdefault(key, []).append(body)
    return {k: tuple(v) for k, v in index.items()}


def lookup(name: str) -> NationalBody:
    """The one national body whose name, alias or acronym is ``name`` (ignoring case,
    accents, punctuation and spacing); raises :class:`ReferenceLookupError` on none or
    several."""
    hits = _index().get(_key(name), ())
    if not hits:
        raise ReferenceLookupError(f"no national body is called {name!r} in the reference data "
                                   f"({NATIONAL_BODIES.name})")
    if len(hits) > 1:
        names = "; ".join(b.name for b in hits)
        raise ReferenceLookupError(f"{name!r} names several national bodies: {names}")
    return hits[0]


PUBLIC_SERVICE_KINDS = REFERENCE_DIR / "public_service_kinds.ttl"


@dataclass(frozen=True)
class ServiceKind:
    """A public service every area has, named as a kind ('the Police'): not a national body,
    so each pack's mention stays its own node."""

    name: str
    aliases: tuple[str, ...]
    type: str


@lru_cache(maxsize=1)
def public_service_kinds() -> tuple[ServiceKind, ...]:
    """Every public-service kind of the reference data, sorted by name."""
    g = _graph(PUBLIC_SERVICE_KINDS)
    out = []
    for c in set(g.subjects(RDF.type, SKOS.Concept)):
        out.append(ServiceKind(name=str(g.value(c, SKOS.prefLabel)),
                               aliases=tuple(sorted(str(a) for a in g.objects(c, SKOS.altLabel))),
                               type=_code(g.value(c, REM.bodyType)) or "other"))
    return tuple(sorted(out, key=lambda k: k.name))
