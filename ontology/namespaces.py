"""The one place the code names the ontology's IRIs.

Every class and property the project writes or queries is listed in ``REM`` (a closed
``DefinedNamespace``: a typo raises ``AttributeError`` instead of minting a silent new IRI),
and ``tests/test_ontology.py`` checks that each is declared in ``ontology/remit.ttl`` with a
label and a comment. Vocabularies (SKOS schemes) have their own namespaces so concept IRIs
read well: ``BODYTYPE.council``, ``GRADE["3"]``, ``TIMESCALE.within_3_months``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://remit.example/ontology"
ONTOLOGY_VERSION = "0.1.0"
VERSION_IRI = f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}"

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
SCHEMA = Namespace("https://schema.org/")

VOCAB = "https://remit.example/vocab/"
BODYTYPE = Namespace(VOCAB + "body-type/")
GRADE = Namespace(VOCAB + "grade/")
TIMESCALE = Namespace(VOCAB + "timescale/")
STATUS = Namespace(VOCAB + "status/")
DOCKIND = Namespace(VOCAB + "document-kind/")
INTEREST = Namespace(VOCAB + "interest/")
JSOURCE = Namespace(VOCAB + "judgement-source/")
ROLE = Namespace(VOCAB + "role/")

#: Named graphs that are not per-source.
GRAPHS = "https://remit.example/graph/"
ONTOLOGY_GRAPH = URIRef(GRAPHS + "ontology")
INFERRED_GRAPH = URIRef(GRAPHS + "inferred")
RESOLUTION_GRAPH = URIRef(GRAPHS + "resolution")
REFERENCE_GRAPH = URIRef(GRAPHS + "reference")
#: Where `remit load` puts triples of a file that names no graph (the default graph is the
#: union of the named graphs, not a place of its own).
LOADED_GRAPH = URIRef(GRAPHS + "loaded")


class REM(DefinedNamespace):
    """Classes and properties of the Remit ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # --- agents ---------------------------------------------------------------------
    Body: URIRef
    Council: URIRef
    Committee: URIRef
    Board: URIRef
    Trust: URIRef
    NHSBody: URIRef
    Inspectorate: URIRef
    GovernmentDepartment: URIRef
    VoluntaryOrganisation: URIRef
    Partnership: URIRef
    TeamOrService: URIRef
    Person: URIRef
    Post: URIRef
    RoleOwner: URIRef  # an owner named by role only ("Relevant managers")
    PostHolding: URIRef
    Membership: URIRef
    bodyType: URIRef
    instanceClass: URIRef  # vocabulary concept -> the rem: class of what it classifies
    holder: URIRef
    post: URIRef
    postIn: URIRef
    heldBy: URIRef
    holds: URIRef
    validFrom: URIRef
    validUntil: URIRef
    asOf: URIRef
    member: URIRef
    organisation: URIRef
    role: URIRef
    honorific: URIRef
    initials: URIRef
    surname: URIRef
    acronym: URIRef
    nameAsWritten: URIRef
    email: URIRef

    # --- accountability relations (between agents, bodies and commitments) -----------
    accountabilityRelation: URIRef
    responsibleFor: URIRef
    responsibleParty: URIRef
    leads: URIRef
    ledBy: URIRef
    oversees: URIRef
    overseenBy: URIRef
    reportsTo: URIRef
    reportsProgressTo: URIRef
    receivesReportsFrom: URIRef
    accountableTo: URIRef
    inspects: URIRef
    inspectedBy: URIRef
    commissions: URIRef
    commissionedBy: URIRef
    chairs: URIRef
    chairedBy: URIRef
    viceChairs: URIRef
    memberOf: URIRef
    hasMember: URIRef
    worksFor: URIRef
    partnerOf: URIRef

    # --- meetings --------------------------------------------------------------------
    Meeting: URIRef
    AgendaItem: URIRef
    Minute: URIRef
    Declaration: URIRef
    Resolution: URIRef
    ofBody: URIRef
    date: URIRef
    startTime: URIRef
    endTime: URIRef
    venue: URIRef
    attendee: URIRef
    present: URIRef
    inAttendance: URIRef
    officerPresent: URIRef
    apologiesFrom: URIRef
    viceChairedBy: URIRef
    itemNumber: URIRef
    pages: URIRef
    purpose: URIRef
    part: URIRef
    isPublic: URIRef
    agendaOf: URIRef
    minuteNumber: URIRef
    ofMeeting: URIRef
    declarant: URIRef
    interestType: URIRef
    reason: URIRef
    clause: URIRef
    partOfMinute: URIRef
    asksToAct: URIRef
    actionOwnerAsWritten: URIRef

    # --- documents ---------------------------------------------------------------------
    Pack: URIRef
    Document: URIRef
    Agenda: URIRef
    Minutes: URIRef
    OfficerReport: URIRef
    InspectionReport: URIRef
    ActionPlan: URIRef
    AcronymTable: URIRef
    Appendix: URIRef
    ConsultationPaper: URIRef
    Strategy: URIRef
    ImplementationPlan: URIRef
    WorkProgramme: URIRef
    ForwardPlan: URIRef
    GenericDocument: URIRef
    documentKind: URIRef
    inPack: URIRef
    reportOf: URIRef
    authorPost: URIRef
    reportTo: URIRef
    meetingDate: URIRef
    portfolioHolder: URIRef
    decisionRequested: URIRef
    contactOfficer: URIRef
    contactPost: URIRef
    agendaItemOf: URIRef
    fileName: URIRef
    sha256: URIRef
    byteSize: URIRef

    # --- inspections ------------------------------------------------------------------
    Inspection: URIRef
    Judgement: URIRef
    inspectorate: URIRef
    subjectBody: URIRef
    inspectionType: URIRef
    startDate: URIRef
    endDate: URIRef
    published: URIRef
    reportingInspector: URIRef
    teamDescription: URIRef
    reportedIn: URIRef
    ofInspection: URIRef
    area: URIRef
    section: URIRef
    grade: URIRef
    gradeValue: URIRef
    judgementSource: URIRef
    sameJudgementAs: URIRef

    # --- commitments -----------------------------------------------------------------
    Recommendation: URIRef
    Action: URIRef
    Responsibility: URIRef
    StatusSnapshot: URIRef
    KeyDecision: URIRef
    WorkProgrammeItem: URIRef
    TaskGroup: URIRef
    PlanLine: URIRef
    FurtherArea: URIRef
    text: URIRef
    timescale: URIRef
    timescaleText: URIRef
    dueDate: URIRef
    addressedTo: URIRef
    fromInspection: URIRef
    recommendationId: URIRef
    implements: URIRef
    keyActions: URIRef
    responsibility: URIRef
    party: URIRef
    qualifier: URIRef
    unassigned: URIRef
    reportingSchedule: URIRef
    reportingFrequency: URIRef
    statusOf: URIRef
    status: URIRef
    checkpoint: URIRef
    progressNote: URIRef
    currentStatus: URIRef
    reference: URIRef
    decisionText: URIRef
    decisionMaker: URIRef
    expectedDate: URIRef
    consultation: URIRef
    scrutinyCommittee: URIRef
    contact: URIRef
    topic: URIRef
    due: URIRef
    notes: URIRef
    outcome: URIRef
    outcomeNumber: URIRef
    actionText: URIRef
    lead: URIRef
    deadline: URIRef
    deadlineText: URIRef
    measure: URIRef
    number: URIRef
    details: URIRef

    # --- provenance --------------------------------------------------------------------
    Excerpt: URIRef
    evidence: URIRef
    excerptText: URIRef
    startLine: URIRef
    endLine: URIRef
    inDocument: URIRef
    softwareVersion: URIRef

    # --- entity resolution -------------------------------------------------------------
    Merge: URIRef
    mergedInto: URIRef
    mergeRule: URIRef
    mergeEvidence: URIRef
    DataQualityWarning: URIRef
    warning: URIRef
    message: URIRef


__all__ = [
    "BODYTYPE", "DCTERMS", "DOCKIND", "FOAF", "GRADE", "INFERRED_GRAPH", "INTEREST", "JSOURCE",
    "LOADED_GRAPH",
    "ONTOLOGY_GRAPH", "ONTOLOGY_IRI", "ORG", "OWL", "PROV", "RDF", "RDFS", "REFERENCE_GRAPH",
    "REM", "RESOLUTION_GRAPH", "ROLE", "SCHEMA", "SD", "SH", "SKOS", "STATUS", "TIME",
    "TIMESCALE", "VOID", "XSD", "entity_iri", "key_for", "normalise",
]

#: Entity types that get IRIs ``{base}id/{type}/{key}``; the app serves each at that path.
ENTITY_TYPES = (
    "body", "person", "post", "role-owner", "holding", "membership", "meeting", "agenda-item",
    "minute", "declaration", "resolution", "pack", "document", "inspection", "judgement",
    "recommendation", "action", "responsibility", "status", "key-decision",
    "work-programme-item", "task-group", "plan-line", "further-area", "excerpt", "merge",
    "warning",
)


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive form used to derive keys.

    Cached, and an ASCII text (nearly every one) skips the decomposition, which cannot
    change it: mapping a large pack asks for thousands of keys."""
    if text.isascii():
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKD", text)
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ")
    s = _NON_ALNUM.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def key_for(*parts: object) -> str:
    """A short stable key from normalised content: a readable slug plus a hash.

    Keys never depend on ingest order, so ingesting packs A then B yields the same IRIs as
    B then A.
    """
    norm = [normalise(str(p)) for p in parts if p is not None and str(p) != ""]
    slug = "-".join(norm[0].split()[:6]) if norm else "x"
    digest = hashlib.sha256("\x1f".join(norm).encode("utf-8")).hexdigest()[:12]
    return f"{slug[:48]}-{digest}" if slug else digest


def entity_iri(base: str, type_: str, key: str) -> URIRef:
    """``{base}id/{type}/{key}``; raises on an unknown type so IRIs stay in one scheme."""
    if type_ not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {type_!r}; known: {', '.join(ENTITY_TYPES)}")
    if not base.endswith("/"):
        base += "/"
    return URIRef(f"{base}id/{type_}/{key}")
