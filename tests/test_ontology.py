"""The ontology and vocabularies: they parse, declare every term the code uses, and agree
with the codes of ingest's records."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

from ingest import records
from ontology.namespaces import (
    BODYTYPE,
    DOCKIND,
    GRADE,
    ONTOLOGY_IRI,
    ORG,
    REM,
    STATUS,
    TIMESCALE,
    VERSION_IRI,
)

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
DECLARED_AS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
               RDF.Property}


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY / "remit.ttl", format="turtle")
    return g


@pytest.fixture(scope="module")
def vocab() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY / "vocabularies.ttl", format="turtle")
    return g


def rem_terms() -> list[str]:
    return sorted(n for n in REM.__annotations__ if not n.startswith("_"))


def test_ontology_has_iri_and_version_iri(onto: Graph) -> None:
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionIRI) == URIRef(VERSION_IRI)


def test_nothing_is_imported(onto: Graph) -> None:
    assert list(onto.objects(None, OWL.imports)) == []


@pytest.mark.parametrize("name", rem_terms())
def test_every_rem_term_is_declared_with_label_and_comment(onto: Graph, name: str) -> None:
    term = REM[name]
    assert set(onto.objects(term, RDF.type)) & DECLARED_AS, f"rem:{name} is not declared"
    assert onto.value(term, RDFS.label), f"rem:{name} has no rdfs:label"
    assert onto.value(term, RDFS.comment), f"rem:{name} has no rdfs:comment"


def test_every_rem_term_used_in_ontology_files_exists_in_namespace() -> None:
    used: set[str] = set()
    files = [*ONTOLOGY.glob("*.ttl"), *ONTOLOGY.glob("reference/*.ttl"),
             *ONTOLOGY.glob("competency/*.rq"), *Path(__file__).parent.glob("data/fixture/**/*.t*")]
    for f in files:
        used |= set(re.findall(r"\brem:([A-Za-z][A-Za-z0-9_]*)", f.read_text(encoding="utf-8")))
    unknown = sorted(used - set(rem_terms()))
    assert unknown == [], f"rem: terms used but missing from REM: {unknown}"


def test_only_vocabulary_terms_are_described(onto: Graph) -> None:
    """No individual (of the sample pack or any other) appears in the ontology."""
    allowed = (str(REM), str(ORG), str(FOAF), str(PROV), str(DCTERMS))
    for s in set(onto.subjects()):
        assert str(s) == ONTOLOGY_IRI or str(s).startswith(allowed), s


def test_reused_vocabularies_are_linked(onto: Graph) -> None:
    assert (REM.Body, RDFS.subClassOf, ORG.Organization) in onto
    assert (REM.Person, RDFS.subClassOf, FOAF.Person) in onto
    assert (REM.Person, RDFS.subClassOf, PROV.Agent) in onto
    assert (REM.Document, RDFS.subClassOf, PROV.Entity) in onto
    assert (REM.Meeting, RDFS.subClassOf, PROV.Activity) in onto
    assert (REM.Post, RDFS.subClassOf, ORG.Post) in onto
    assert (REM.memberOf, RDFS.subPropertyOf, ORG.memberOf) in onto


def _super_properties(g: Graph, p: URIRef) -> set[URIRef]:
    return set(g.transitive_objects(p, RDFS.subPropertyOf)) - {p}


@pytest.mark.parametrize("name", [
    "responsibleFor", "leads", "oversees", "reportsTo", "reportsProgressTo", "accountableTo",
    "inspects", "commissions", "chairs", "viceChairs", "memberOf", "partnerOf", "worksFor"])
def test_accountability_relations_are_under_the_general_one(onto: Graph, name: str) -> None:
    assert REM.accountabilityRelation in _super_properties(onto, REM[name])


def test_accountability_axioms_of_the_model(onto: Graph) -> None:
    assert _super_properties(onto, REM.reportsProgressTo) >= {REM.reportsTo, REM.accountableTo}
    assert (REM.accountableTo, RDF.type, OWL.TransitiveProperty) in onto
    assert (REM.partnerOf, RDF.type, OWL.SymmetricProperty) in onto
    for a, b in [(REM.oversees, REM.overseenBy), (REM.inspects, REM.inspectedBy),
                 (REM.commissions, REM.commissionedBy), (REM.memberOf, REM.hasMember),
                 (REM.leads, REM.ledBy), (REM.responsibleFor, REM.responsibleParty)]:
        assert (a, OWL.inverseOf, b) in onto or (b, OWL.inverseOf, a) in onto, (a, b)
    assert REM.memberOf in _super_properties(onto, REM.chairs)
    assert REM.responsibleFor in _super_properties(onto, REM.leads)


def _notations(g: Graph, ns: object) -> set[str]:
    return {str(g.value(c, SKOS.notation)) for c in g.subjects(RDF.type, SKOS.Concept)
            if str(c).startswith(str(ns))}


def test_body_type_notations_are_the_record_codes(vocab: Graph) -> None:
    assert _notations(vocab, BODYTYPE) == set(typing.get_args(records.BodyType))
    for code in typing.get_args(records.BodyType):
        assert vocab.value(BODYTYPE[code], SKOS.notation).toPython() == code


def test_document_kind_notations_are_the_record_codes(vocab: Graph) -> None:
    assert _notations(vocab, DOCKIND) == set(typing.get_args(records.DocKind))


@pytest.mark.parametrize("ns", [BODYTYPE, DOCKIND])
def test_each_type_concept_names_a_declared_class(vocab: Graph, onto: Graph, ns: object) -> None:
    for c in vocab.subjects(RDF.type, SKOS.Concept):
        if str(c).startswith(str(ns)):
            cls = vocab.value(c, REM.instanceClass)
            assert cls is not None and (cls, RDF.type, OWL.Class) in onto, c


def test_grade_scale(vocab: Graph) -> None:
    labels = {n: str(vocab.value(GRADE[n], SKOS.prefLabel)) for n in "1234"}
    assert labels == {"1": "Outstanding", "2": "Good", "3": "Adequate", "4": "Inadequate"}


def test_timescales_and_statuses(vocab: Graph) -> None:
    assert _notations(vocab, TIMESCALE) == {
        "immediately", "within-3-months", "within-6-months", "within-12-months", "other"}
    assert _notations(vocab, STATUS) == {
        "red", "amber", "green", "completed", "not-started", "in-progress", "on-track",
        "deferred", "unknown"}


def test_every_concept_has_label_and_scheme(vocab: Graph) -> None:
    concepts = list(vocab.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 40
    for c in concepts:
        assert vocab.value(c, SKOS.prefLabel), c
        scheme = vocab.value(c, SKOS.inScheme)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in vocab, c


@pytest.mark.parametrize("renderer", ["pylode", "builtin"])
def test_reference_docs_list_the_classes(tmp_path: Path, renderer: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ontology import docs

    if renderer == "builtin":
        def broken(path: Path) -> str:
            raise ImportError("pretend pyLODE is missing")
        monkeypatch.setattr(docs, "_pylode_html", broken)
    assert docs.main([str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert ("Rendered by the built-in renderer" in html) == (renderer == "builtin")
    for label in ("Recommendation", "Status snapshot", "Role-only owner", "accountable to"):
        assert label in html, label
