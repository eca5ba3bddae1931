"""The record-to-RDF mapping gives the triples docs/model.md promises, with provenance."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ingest.mapping import to_graph
from ingest.mapping_queries import content_triples
from ingest.records import (
    AgendaItem,
    DocumentRecords,
    FurtherArea,
    KeyDecision,
    Owner,
    PlanLine,
    Report,
    Segment,
    TaskGroup,
    WorkProgrammeItem,
)
from ontology.namespaces import PROV, RDF, RDFS, REM, XSD
from tests.mapping_fixtures import COMMITTEE, COUNCIL, read_pack, riverton

BASE = "https://remit.example/"
PREFIXES = """PREFIX rem: <https://remit.example/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def with_other_documents(name: str = "riverton_a.txt"):  # type: ignore[no-untyped-def]
    """The riverton extraction plus one document of every other kind of record."""
    pack = read_pack(name)
    ex = riverton(pack)
    sp = pack.span
    extra = DocumentRecords(Segment("officer_report", "Safeguarding inspection", 8, 10, 3))
    extra.agenda_items.append(AgendaItem("6", "Safeguarding inspection", sp(8), pages="7 - 98",
                                         meeting_date="2011-06-14"))
    extra.reports.append(Report("Safeguarding inspection", sp(8, 10), author="Noor Haddad",
                                author_role="Head of Safeguarding",
                                to_body="Children and Young People Scrutiny Committee",
                                meeting_date="2011-06-14",
                                decisions_requested=["Note the report"]))
    extra.key_decisions.append(KeyDecision("RB11/12-3", sp(9), "Children's homes",
                                           decision_maker="Riverton Borough Council",
                                           expected_date="2011-10-01"))
    extra.plan_lines.append(PlanLine("1.1", sp(10), outcome="Safer children", outcome_number=1,
                                     lead=["Riverton Safeguarding Children Board"],
                                     deadline="End 2011", deadline_date="2011-12-31"))
    extra.work_programme.append(WorkProgrammeItem("Fostering", sp(9), status="On track"))
    extra.task_groups.append(TaskGroup("Transport task group", sp(9), status="Complete"))
    extra.further_areas.append(FurtherArea(1, "Early help", sp(10), details="More detail"))
    ex.documents.append(extra)
    return pack, ex


@pytest.fixture(scope="module")
def graph() -> Graph:
    pack, ex = with_other_documents()
    iri, g = to_graph(ex, pack, BASE)
    assert g.identifier == iri
    return g


def ask(g: Graph, where: str) -> bool:
    return bool(g.query(PREFIXES + "ASK { " + where + " }").askAnswer)


@pytest.mark.parametrize("kind,pattern", [
    ("pack", '?p a rem:Pack, prov:Entity ; rem:fileName "riverton_a.txt" ; rem:sha256 ?s ; '
             'rem:byteSize ?n ; rem:softwareVersion "0.1.0" ; prov:generatedAtTime ?t ; '
             'dcterms:hasPart ?d . ?d rem:inPack ?p . FILTER(datatype(?t) = xsd:dateTime)'),
    ("document", '?d a rem:InspectionReport, rem:Document ; rem:documentKind ?k ; '
                 'rem:startLine 11 ; rem:endLine 18 ; dcterms:title ?t'),
    ("body", '?b a rem:Committee, rem:Body ; rdfs:label '
             '"Children and Young People Scrutiny Committee" ; '
             'skos:altLabel "the Scrutiny Committee" ; rem:bodyType ?t ; '
             'org:subOrganizationOf ?c . ?c rdfs:label "Riverton Borough Council"'),
    ("person", '?p a rem:Person ; rdfs:label "Maeve O\'Connor" ; rem:surname "O\'Connor" ; '
               'rem:honorific "Councillor" ; rem:chairs ?c . '
               '?m a rem:Membership ; rem:member ?p ; rem:organisation ?c'),
    ("post", '?h a rem:PostHolding ; rem:holder ?p ; rem:post ?post . '
             '?post a rem:Post ; rdfs:label "Head of Safeguarding" ; rem:postIn ?c ; '
             'rem:heldBy ?p . ?p rem:holds ?post ; rem:worksFor ?c'),
    ("meeting", '?m a rem:Meeting ; rem:ofBody ?b ; rem:date "2011-06-14"^^xsd:date ; '
                'rem:chairedBy ?c ; rem:present ?c ; rem:apologiesFrom ?a ; rem:venue ?v . '
                '?a rdfs:label "A Singh"'),
    ("agenda item", '?i a rem:AgendaItem ; rem:agendaOf ?m ; rem:itemNumber 6 ; '
                    'rem:pages "7 - 98" ; rem:isPublic true'),
    ("declaration", '?d a rem:Declaration ; rem:ofMeeting ?m ; rem:declarant ?p ; '
                    'rem:interestType ?t ; rem:reason "a school governor"'),
    ("resolution", '?r a rem:Resolution ; rem:partOfMinute ?min ; rem:clause "b" ; '
                   'rem:actionOwnerAsWritten "the Director of Children\'s Services" . '
                   '?min a rem:Minute ; rem:minuteNumber 13 ; rem:ofMeeting ?m'),
    ("report", '?r a rem:OfficerReport ; rem:reportOf ?p ; rem:authorPost ?post ; '
               'rem:reportTo ?b ; rem:meetingDate "2011-06-14"^^xsd:date ; '
               'rem:decisionRequested "Note the report" ; rem:agendaItemOf ?i'),
    ("inspection", '?i a rem:Inspection ; rem:inspectorate ?o ; rem:subjectBody ?c ; '
                   'rem:startDate "2011-05-09"^^xsd:date ; rem:endDate "2011-05-20"^^xsd:date ;'
                   ' rem:published "2011-06-01"^^xsd:date ; rem:reportedIn ?d . '
                   '?o rem:inspects ?c'),
    ("judgement", '?j a rem:Judgement ; rem:ofInspection ?i ; '
                  'rem:area "Leadership and management" ; rem:gradeValue 3 ; rem:grade ?g ; '
                  'rem:judgementSource ?s'),
    ("recommendation", '?r a rem:Recommendation ; rem:recommendationId "SG-3M-1" ; '
                       'rem:timescale ?t ; rem:timescaleText "Within three months" ; '
                       'rem:dueDate "2011-09-01"^^xsd:date ; rem:fromInspection ?i'),
    ("action", '?a a rem:Action ; rem:implements ?r ; rem:keyActions "Daily referral log" ; '
               'rem:responsibleParty ?p ; rem:unassigned false ; rem:reportingSchedule ?s ; '
               'rem:reportingFrequency "quarterly" ; rem:responsibility ?resp . '
               '?resp a rem:Responsibility ; rem:party ?p ; '
               'rem:nameAsWritten "Initially - Noor Haddad" ; rem:qualifier "Initially" . '
               '?r rem:recommendationId "SG-IMM-1"'),
    ("role owner", '?a rem:responsibleParty ?o . ?o a rem:RoleOwner ; '
                   'rdfs:label "Relevant managers" . FILTER NOT EXISTS { ?o a rem:Person }'),
    ("reporting", '?a rem:reportsProgressTo ?b1, ?b2 . ?b1 a rem:Board . ?b2 a rem:Committee'),
    ("status", '?s a rem:StatusSnapshot ; rem:statusOf ?a ; rem:checkpoint "End of June" ; '
               'rem:asOf "2011-06-30"^^xsd:date ; rem:status ?st ; '
               'rem:progressNote "log in place"'),
    ("relation", '?b rem:oversees ?c ; rem:evidence ?e . ?b rem:acronym "RSCB" . '
                 '?e rem:excerptText ?t . FILTER(CONTAINS(?t, "oversees"))'),
    ("key decision", '?k a rem:KeyDecision ; rem:reference "RB11/12-3" ; rem:decisionMaker ?c ;'
                     ' rem:expectedDate "2011-10-01"^^xsd:date'),
    ("plan line", '?l a rem:PlanLine ; rem:reference "1.1" ; rem:outcomeNumber 1 ; rem:lead ?b ;'
                  ' rem:deadline "2011-12-31"^^xsd:date ; rem:deadlineText "End 2011"'),
    ("work programme", '?w a rem:WorkProgrammeItem ; rem:topic "Fostering" ; '
                       'rem:status "On track"'),
    ("task group", '?t a rem:TaskGroup ; dcterms:title "Transport task group"'),
    ("further area", '?f a rem:FurtherArea ; rem:number 1 ; rem:details "More detail"'),
    ("merge", '?m a rem:Merge ; rem:nameAsWritten "the Scrutiny Committee" ; '
              'rem:mergedInto ?b ; rem:mergeRule "generic-name" ; rem:mergeEvidence ?e'),
    ("warning", '?w a rem:DataQualityWarning ; rem:message ?m ; rem:evidence ?e ; '
                'prov:wasDerivedFrom ?d'),
])
def test_record_kind_maps_to_model_triples(graph: Graph, kind: str, pattern: str) -> None:
    assert ask(graph, pattern), f"{kind}: no match for {pattern}"


FACT_CLASSES = [REM.Body, REM.Person, REM.Post, REM.RoleOwner, REM.PostHolding, REM.Membership,
                REM.Meeting, REM.AgendaItem, REM.Minute, REM.Declaration, REM.Resolution,
                REM.Inspection, REM.Judgement, REM.Recommendation, REM.Action,
                REM.Responsibility, REM.StatusSnapshot, REM.KeyDecision, REM.WorkProgrammeItem,
                REM.TaskGroup, REM.PlanLine, REM.FurtherArea, REM.Merge,
                REM.DataQualityWarning, REM.OfficerReport]


def test_every_fact_bearing_node_has_document_and_excerpt(graph: Graph) -> None:
    checked = 0
    for cls in FACT_CLASSES:
        for node in graph.subjects(RDF.type, cls):
            checked += 1
            docs = set(graph.objects(node, PROV.wasDerivedFrom))
            assert docs and all((d, RDF.type, REM.Document) in graph for d in docs), node
            excerpts = list(graph.objects(node, REM.evidence))
            assert excerpts, f"{node} has no evidence"
            for ex in excerpts:
                assert (ex, RDF.type, REM.Excerpt) in graph
                start = graph.value(ex, REM.startLine)
                end = graph.value(ex, REM.endLine)
                assert start.datatype == XSD.integer and start.toPython() <= end.toPython()
                assert str(graph.value(ex, REM.excerptText)).strip()
                assert graph.value(ex, REM.inDocument) is not None
    assert checked > 30


def test_excerpt_text_is_the_exact_source_line(graph: Graph) -> None:
    pack = read_pack("riverton_a.txt")
    rows = graph.query(PREFIXES + """SELECT ?t ?s ?e WHERE { ?d a rem:Declaration ;
        rem:evidence ?x . ?x rem:excerptText ?t ; rem:startLine ?s ; rem:endLine ?e }""")
    (text, start, end), = list(rows)
    assert str(text) == pack.text(int(start), int(end))
    assert "declared a personal interest" in str(text)


def test_same_records_give_same_triples_whatever_the_order() -> None:
    pack, ex = with_other_documents()
    _, first = to_graph(ex, pack, BASE)
    pack2, ex2 = with_other_documents()
    ex2.bodies.reverse()
    ex2.people.reverse()
    for d in ex2.documents:
        d.resolutions.reverse()
        d.recommendations.reverse()
        d.actions.reverse()
    ex2.documents.reverse()  # the action plan is now mapped before the inspection report
    _, second = to_graph(ex2, pack2, BASE)
    assert content_triples(first) == content_triples(second)


def test_unassigned_action_is_flagged_and_keeps_name_as_written() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    plan = ex.documents[2]
    plan.actions[0].owners = [Owner("TBD", "TBD", "person")]
    plan.actions[0].unassigned = True
    _, g = to_graph(ex, pack, BASE)
    act = next(a for a in g.subjects(RDF.type, REM.Action)
               if str(g.value(a, REM.keyActions)) == "Daily referral log")
    assert g.value(act, REM.unassigned) == Literal(True)
    assert g.value(act, REM.responsibleParty) is None
    resp = g.value(act, REM.responsibility)
    assert str(g.value(resp, REM.nameAsWritten)) == "TBD"


def test_post_owner_links_to_its_holder_when_resolution_knows_it() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    ex.documents[2].actions[1].owners = [Owner("Head of Safeguarding", "Head of Safeguarding",
                                              "post")]
    _, g = to_graph(ex, pack, BASE)
    rows = list(g.query(PREFIXES + """SELECT ?post ?who WHERE { ?a a rem:Action ;
        rem:keyActions "Supervision audit" ; rem:responsibleParty ?post .
        ?post a rem:Post ; rem:heldBy ?who . ?who rdfs:label "Noor Haddad" }"""))
    assert len(rows) == 1
    post = rows[0][0]
    assert (post, RDF.type, REM.Person) not in g


def test_meeting_iri_comes_from_body_and_date_not_from_the_pack() -> None:
    a, b = read_pack("riverton_a.txt"), read_pack("riverton_b.txt")
    _, ga = to_graph(riverton(a), a, BASE)
    _, gb = to_graph(riverton(b), b, BASE)
    ma, mb = set(ga.subjects(RDF.type, REM.Meeting)), set(gb.subjects(RDF.type, REM.Meeting))
    assert ma == mb and len(ma) == 1
    assert (next(iter(ma)), REM.ofBody, URIRef(f"{BASE}id/body/{COMMITTEE}")) in ga
    council = URIRef(f"{BASE}id/body/{COUNCIL}")
    assert (council, RDF.type, REM.Council) in ga


def test_non_iso_dates_are_not_typed_as_dates() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack, meeting_date="June 2011")
    _, g = to_graph(ex, pack, BASE)
    assert len(set(g.subjects(RDF.type, REM.Meeting))) == 1
    assert not list(g.triples((None, REM.date, None)))
    assert not [o for o in g.objects(None, REM.startLine) if o.datatype != XSD.integer]


def test_repeated_area_in_one_section_gives_two_judgements_not_two_grades() -> None:
    from ingest.records import Judgement

    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    insp = ex.documents[1].inspections[0]
    insp.judgements += [Judgement("Ambition", 2, pack.span(12), "Care", origin="table"),
                        Judgement("Ambition", 3, pack.span(13), "Care", origin="table")]
    _, g = to_graph(ex, pack, BASE)
    grades = {str(g.value(j, REM.area)): [] for j in g.subjects(RDF.type, REM.Judgement)}
    for j in g.subjects(RDF.type, REM.Judgement):
        assert len(list(g.objects(j, REM.grade))) == 1
        grades[str(g.value(j, REM.area))].append(g.value(j, REM.gradeValue).toPython())
    assert sorted(grades["Ambition"]) == [2, 3]


def test_relation_to_a_document_of_the_pack_points_at_the_document() -> None:
    from ingest.records import RelationMention

    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    plan = ex.documents[2]
    ex.names["action plan safeguarding inspection"] = ("role", "plan-as-role")
    plan.relations.append(RelationMention("Riverton Safeguarding Children Board", "oversees",
                                          plan.segment.title, pack.span(24)))
    _, g = to_graph(ex, pack, BASE)
    targets = set(g.objects(None, REM.oversees))
    docs = {t for t in targets if (t, RDF.type, REM.ActionPlan) in g}
    assert len(docs) == 1
    assert not any("plan-as-role" in str(r) for r in g.subjects(RDF.type, REM.RoleOwner))


def test_recommendation_from_plan_wording_alone_has_a_timescale() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    ex.documents[1].recommendations.clear()  # the plan without its inspection report
    ex.documents[2].actions[0].timescale_as_written = "IMMEDIATE"
    _, g = to_graph(ex, pack, BASE)
    recs = list(g.subjects(RDF.type, REM.Recommendation))
    assert len(recs) == 2
    found = {g.value(r, REM.timescale) for r in recs}
    assert found == {URIRef("https://remit.example/vocab/timescale/immediately"),
                     URIRef("https://remit.example/vocab/timescale/other")}
    for a in g.subjects(RDF.type, REM.Action):
        assert g.value(a, REM.implements) in recs


def test_roles_as_written_become_memberships_or_posts_never_context_posts() -> None:
    from ingest.records import RoleHeld

    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    brook = next(p for p in ex.people if p.name == "T Brook")
    brook.roles += [RoleHeld("Member (present)", COMMITTEE, pack.span(4)),
                    RoleHeld("Responsible officer", COUNCIL, pack.span(21)),
                    RoleHeld("Vice-Chairman", COMMITTEE, pack.span(4)),
                    RoleHeld("Chair", None, pack.span(4))]
    _, g = to_graph(ex, pack, BASE)
    person = URIRef(f"{BASE}id/person/{brook.key}")
    committee = URIRef(f"{BASE}id/body/{COMMITTEE}")
    assert (person, REM.memberOf, committee) in g
    assert (person, REM.viceChairs, committee) in g
    labels = {str(g.value(p, RDFS.label)) for p in g.subjects(RDF.type, REM.Post)}
    assert labels == {"Head of Safeguarding"}  # no post "Responsible officer", "Chair" ...
    assert not list(g.objects(person, REM.chairs))


def test_a_strategy_is_the_report_of_each_of_its_signatories() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    doc = DocumentRecords(Segment("strategy", "Carers Strategy", 8, 10, 3))
    doc.reports.append(Report("Carers Strategy", pack.span(8), kind="strategy",
                              signatories=["Noor Haddad", "Maeve O'Connor"]))
    ex.documents.append(doc)
    _, g = to_graph(ex, pack, BASE)
    rows = g.query(PREFIXES + """SELECT ?name WHERE {
        ?r a rem:OfficerReport ; dcterms:title "Carers Strategy" ; rem:reportOf ?p .
        ?p rdfs:label ?name }""")
    assert sorted(str(r[0]) for r in rows) == ["Maeve O'Connor", "Noor Haddad"]


def test_recommendation_from_plan_wording_is_due_when_its_deadline_is_a_date() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    ex.documents[1].recommendations.clear()  # the plan without its inspection report
    ex.documents[2].actions[0].timescale_as_written = "30 June 2019"
    ex.documents[2].actions[1].timescale_as_written = "Within three months"
    _, g = to_graph(ex, pack, BASE)
    due = {str(g.value(r, REM.timescaleText)): g.value(r, REM.dueDate)
           for r in g.subjects(RDF.type, REM.Recommendation)}
    assert due == {"30 June 2019": Literal("2019-06-30", datatype=XSD.date),
                   "Within three months": None}


def test_work_programme_item_is_led_by_its_lead() -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    doc = DocumentRecords(Segment("work_programme", "Work Programme", 8, 10, 3))
    doc.work_programme.append(WorkProgrammeItem("Fostering", pack.span(9), lead="Noor Haddad"))
    ex.documents.append(doc)
    _, g = to_graph(ex, pack, BASE)
    rows = g.query(PREFIXES + """SELECT ?name WHERE {
        ?i a rem:WorkProgrammeItem ; rem:topic "Fostering" ; rem:lead ?p . ?p rdfs:label ?name }""")
    assert [str(r[0]) for r in rows] == ["Noor Haddad"]
