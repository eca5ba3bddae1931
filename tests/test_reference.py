"""Reference data: national bodies and generic acronyms, and the one lookup over them."""

from __future__ import annotations

import typing

import pytest

from ingest import records
from ontology import reference
from ontology.reference import NationalBody, lookup

BODY_TYPES = set(typing.get_args(records.BodyType))


@pytest.mark.parametrize(("name", "expected"), [
    ("Ofsted", "Office for Standards in Education, Children's Services and Skills"),
    ("OFSTED", "Office for Standards in Education, Children's Services and Skills"),
    ("office for standards in education children's services and skills",
     "Office for Standards in Education, Children's Services and Skills"),
    ("CQC", "Care Quality Commission"),
    ("D.C.L.G.", "Department for Communities and Local Government"),
    ("Department of Health", "Department of Health"),
    ("Youth Justice Board", "Youth Justice Board for England and Wales"),
    ("ADCS", "Association of Directors of Children's Services"),
    ("cafcass", "Children and Family Court Advisory and Support Service"),
])
def test_lookup_by_name_alias_or_acronym(name: str, expected: str) -> None:
    assert lookup(name).name == expected


def test_lookup_gives_type_and_iri() -> None:
    ofsted = lookup("Ofsted")
    assert ofsted.type == "inspectorate"
    assert ofsted.iri.startswith("https://remit.example/id/body/")
    assert lookup("Department for Education").type == "government_department"
    assert lookup("NHS England").type == "nhs_body"


def test_lookup_of_unknown_name_names_the_input() -> None:
    with pytest.raises(LookupError, match="Northshire Fire Brigade"):
        lookup("Northshire Fire Brigade")


def test_lookup_of_ambiguous_name_names_the_input_and_candidates(
        monkeypatch: pytest.MonkeyPatch) -> None:
    a = NationalBody("Alpha Agency", ("AA",), (), "other", reference.REFERENCE_DIR.as_uri())
    b = NationalBody("Another Authority", ("AA",), (), "other", reference.REFERENCE_DIR.as_uri())
    monkeypatch.setattr(reference, "national_bodies", lambda: (a, b))
    reference._index.cache_clear()
    try:
        with pytest.raises(LookupError, match=r"'aa'.*Alpha Agency.*Another Authority"):
            lookup("aa")
    finally:
        monkeypatch.undo()
        reference._index.cache_clear()


def test_national_bodies_are_well_formed() -> None:
    bodies = reference.national_bodies()
    assert len(bodies) >= 18
    assert len({b.iri for b in bodies}) == len(bodies)
    assert len({b.name for b in bodies}) == len(bodies)
    for b in bodies:
        assert b.type in BODY_TYPES, b
        lookup(b.name)  # every name resolves to exactly its body
        for acr in b.acronyms:
            assert lookup(acr) == b


def test_required_national_bodies_are_present() -> None:
    for name in ["Ofsted", "CQC", "DfE", "Department of Health", "DCLG", "DWP", "NHS England",
                 "Home Office", "Ministry of Justice", "Cafcass", "LGA", "ADCS", "ADASS",
                 "Audit Commission", "Healthwatch England", "Youth Justice Board",
                 "HM Inspectorate of Probation", "HM Inspectorate of Constabulary"]:
        lookup(name)


def test_generic_acronyms() -> None:
    by_acr = {a.acronym: a for a in reference.generic_acronyms()}
    assert by_acr["PCT"].expansion == "Primary Care Trust"
    assert by_acr["PCT"].body_type == "nhs_body"
    assert by_acr["LSCB"].expansion == "Local Safeguarding Children Board"
    assert by_acr["LSCB"].body_type == "board"
    assert by_acr["T&F"].expansion == "Task and Finish Group"
    assert by_acr["H&WB"].expansion == "Health and Wellbeing Board"
    assert by_acr["CAF"].body_type is None
    for acr in ["LSAB", "CAMHS", "LADO", "HMI", "NHS", "GP", "CCG", "LINk", "IDVA", "CPD",
                "SMT", "ELT", "ICS", "DFG", "HIA", "CiCC", "CRB", "MASH", "MARAC", "YOT",
                "SEN", "SENCO", "LAC", "CP", "CIN", "DCS", "DASS"]:
        assert acr in by_acr, acr
    for a in by_acr.values():
        assert a.body_type is None or a.body_type in BODY_TYPES, a


def test_reference_holds_no_local_acronym_of_the_sample() -> None:
    """Local names of one council belong to its pack, not to the reference data."""
    acronyms = {a.acronym for a in reference.generic_acronyms()}
    acronyms |= {x for b in reference.national_bodies() for x in b.acronyms}
    assert not acronyms & {"CESCB", "CEC", "CESAB"}


def test_docstring_examples_run() -> None:
    import doctest

    result = doctest.testmod(reference)
    assert result.attempted >= 2
    assert result.failed == 0


@pytest.mark.parametrize(("name", "expected", "type_"), [
    ("NSPCC", "National Society for the Prevention of Cruelty to Children", "voluntary_org"),
    ("Barnardo’s", "Barnardo's", "voluntary_org"),
    ("Age Concern", "Age UK", "voluntary_org"),
    ("Citizens Advice Bureau", "Citizens Advice", "voluntary_org"),
    ("Job Centre Plus", "Jobcentre Plus", "government_department"),
    ("Connexions", "Connexions", "other"),
])
def test_national_charities_and_services(name: str, expected: str, type_: str) -> None:
    body = lookup(name)
    assert (body.name, body.type) == (expected, type_)


def test_public_service_kinds_are_kinds_not_national_bodies() -> None:
    kinds = {k.name: k for k in reference.public_service_kinds()}
    assert kinds["Police"].type == "other"
    assert "Youth Offending Team" in kinds["Youth Offending Service"].aliases
    assert all(k.type in BODY_TYPES for k in kinds.values())
    with pytest.raises(reference.ReferenceLookupError):
        lookup("Police")  # each area's force is its own body, never one national node
    graph = reference.reference_graph()
    assert len(graph) > len(reference._graph(reference.NATIONAL_BODIES))
