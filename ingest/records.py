"""Typed records between parsing and RDF mapping.

Every extractor returns these; the resolver links them; ``ingest/mapping.py`` (the only
module that knows the ontology) turns them into triples and ``ingest/jsonout.py`` into the
gold JSON schema. Each fact-bearing record carries a :class:`Span`: the 1-based, inclusive
line range in the pack and the exact evidence text, so every fact in the graph can be
traced to its source.

Names are kept as written (``name``) beside any cleaned form; resolution to one node per
real body or person happens later, in ``ingest/resolve.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` (1-based, inclusive) of the pack, and their text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad span {self.start}-{self.end}")


DocKind = Literal[
    "agenda", "minutes", "officer_report", "inspection_report", "action_plan",
    "acronym_table", "appendix", "consultation", "strategy", "implementation_plan",
    "work_programme", "forward_plan", "generic",
]


@dataclass
class Segment:
    """One document of a pack, found by its own headings and layout."""

    kind: DocKind
    title: str
    start: int
    end: int
    number: int = 0  # position in the pack, for stable document keys

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Warning_:
    """A data-quality problem found while extracting; reported, never silently settled."""

    message: str
    span: Span | None = None
    kind: str = "data-quality"


# --- agents ---------------------------------------------------------------------------


BodyType = Literal[
    "council", "committee", "board", "trust", "nhs_body", "inspectorate",
    "government_department", "voluntary_org", "partnership_group", "team_or_service", "other",
]


@dataclass
class BodyMention:
    """A body named somewhere: full name, generic name, acronym or variant, as written."""

    name: str
    span: Span
    type: BodyType | None = None
    acronym: str | None = None  # an acronym defined with it, e.g. "(NSCB)"
    context: str = ""  # which field or sentence it came from ("action_plan.reporting" ...)


@dataclass
class PersonMention:
    """A person named somewhere, with a role and body where the text gives them."""

    name: str
    span: Span
    title: str | None = None  # "Councillor", "Dr" ...
    role: str | None = None  # post or role as written
    body: str | None = None
    email: str | None = None
    context: str = ""


@dataclass
class Acronym:
    """An acronym defined in the pack (a table row or "Full Name (ABC)" in prose)."""

    short: str
    expansion: str
    span: Span


OwnerKind = Literal["person", "post", "role", "body"]


@dataclass
class Owner:
    """One responsible party of an action, split from a list as written."""

    as_written: str
    name: str  # cleaned: qualifiers and "(tbc)" removed
    kind: OwnerKind = "person"
    qualifier: str | None = None  # "Initially", "tbc" ...
    post: str | None = None  # "James Allerton, ICT Manager": the post the person holds


Relation = Literal[
    "responsibleFor", "leads", "oversees", "reportsTo", "reportsProgressTo", "accountableTo",
    "inspects", "commissions", "chairs", "memberOf", "partnerOf", "worksFor",
]


@dataclass
class RelationMention:
    """An accountability relation a sentence states: subject, relation, object, as written."""

    subject: str
    relation: Relation
    object: str
    span: Span


# --- meetings --------------------------------------------------------------------------


@dataclass
class Meeting:
    body: str
    date: str | None  # ISO date
    span: Span
    venue: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)
    officer_posts: dict[str, str] = field(default_factory=dict)
    chair: str | None = None
    vice_chair: str | None = None
    status: str = "held"  # held | scheduled | referenced


@dataclass
class AgendaItem:
    number: int | str
    title: str
    span: Span
    pages: str | None = None
    purpose: str | None = None
    part: int = 1
    meeting_date: str | None = None


@dataclass
class Declaration:
    person: str
    span: Span
    interest_type: str | None = None  # personal | prejudicial | pecuniary | party whip
    reason: str | None = None
    meeting_date: str | None = None
    minute_number: int | str | None = None


@dataclass
class Resolution:
    minute_number: int | str | None
    minute_title: str | None
    clause: str | None
    text: str
    span: Span
    action_owner: str | None = None
    meeting_date: str | None = None
    body: str | None = None


# --- documents -------------------------------------------------------------------------


@dataclass
class Report:
    title: str
    span: Span
    author: str | None = None
    author_role: str | None = None
    to_body: str | None = None
    meeting_date: str | None = None
    portfolio_holder: str | None = None
    decisions_requested: list[str] = field(default_factory=list)
    contact_name: str | None = None
    contact_post: str | None = None
    kind: DocKind = "officer_report"
    #: people who sign the document as its owners (a strategy's foreword), in order
    signatories: list[str] = field(default_factory=list)


# --- inspections ---------------------------------------------------------------------


@dataclass
class Judgement:
    area: str
    grade: int | None  # 1 outstanding .. 4 inadequate
    span: Span
    section: str | None = None
    grade_label: str | None = None
    origin: Literal["heading", "table", "prose"] = "heading"
    same_as: int | None = None  # index of the matching judgement of the other origin


@dataclass
class Inspection:
    title: str
    span: Span
    inspectorate: str | None = None
    subject_body: str | None = None
    type: str | None = None
    dates: list[str] = field(default_factory=list)  # [start, end] ISO
    published: str | None = None
    reporting_inspector: str | None = None
    team: str | None = None
    judgements: list[Judgement] = field(default_factory=list)


@dataclass
class Recommendation:
    id: str
    text: str
    span: Span
    source: str | None = None
    timescale: str | None = None  # "immediately", "3 months", "6 months" ...
    due_date: str | None = None  # ISO, derived from timescale and publication date
    addressed_to: list[str] = field(default_factory=list)
    section: str | None = None


@dataclass
class StatusSnapshot:
    """A status of an action at a dated checkpoint: history is kept, never overwritten."""

    checkpoint: str  # as written: "End of September"
    span: Span
    date: str | None = None  # ISO, resolved from the checkpoint and the plan's dates
    rag: str | None = None  # red | amber | green | completed ...
    note: str | None = None


@dataclass
class Action:
    span: Span
    recommendation_id: str | None = None
    recommendation_text: str | None = None  # the plan's wording, as written
    timescale_as_written: str | None = None
    key_actions: str | None = None
    owners: list[Owner] = field(default_factory=list)
    unassigned: bool = False
    statuses: list[StatusSnapshot] = field(default_factory=list)
    reporting_schedule: str | None = None
    reports_to: list[str] = field(default_factory=list)
    reporting_frequency: str | None = None
    section: str | None = None
    link_score: float | None = None  # similarity of the wording to the linked recommendation


@dataclass
class FurtherArea:
    number: int | str
    title: str
    span: Span
    details: str | None = None


@dataclass
class PlanLine:
    ref: str
    span: Span
    outcome: str | None = None
    outcome_number: int | None = None
    outcome_heading: str | None = None
    action: str | None = None
    lead: list[str] = field(default_factory=list)
    deadline: str | None = None  # as written
    deadline_date: str | None = None  # ISO when the deadline is a date
    measure: str | None = None


@dataclass
class WorkProgrammeItem:
    topic: str
    span: Span
    section: str | None = None
    due: str | None = None
    status: str | None = None
    notes: str | None = None
    lead: str | None = None  # the officer or body bringing the item, as written


@dataclass
class TaskGroup:
    title: str
    span: Span
    status: str | None = None
    actions: str | None = None


@dataclass
class KeyDecision:
    ref: str
    span: Span
    title: str | None = None
    decision: str | None = None
    decision_maker: str | None = None
    expected_date: str | None = None  # ISO
    consultation: str | None = None
    scrutiny_committee: str | None = None
    contact: str | None = None


@dataclass
class DocumentRecords:
    """Everything extracted from one segment (document) of a pack."""

    segment: Segment
    bodies: list[BodyMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    acronyms: list[Acronym] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    further_areas: list[FurtherArea] = field(default_factory=list)
    plan_lines: list[PlanLine] = field(default_factory=list)
    work_programme: list[WorkProgrammeItem] = field(default_factory=list)
    task_groups: list[TaskGroup] = field(default_factory=list)
    key_decisions: list[KeyDecision] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)


# --- after resolution ------------------------------------------------------------------


@dataclass
class Merge:
    """Why a name as written was resolved to an entity: the rule and its evidence."""

    as_written: str
    entity_key: str
    rule: str  # "exact", "acronym-defined", "acronym-variant", "generic-name", "typo",
    # "initials", "reference-data" ...
    evidence: str
    span: Span | None = None


@dataclass
class Body:
    """One real body, with every name it was written as."""

    key: str  # stable, from normalised content (see ontology.namespaces.key_for)
    name: str
    type: BodyType = "other"
    aliases: list[str] = field(default_factory=list)
    acronym: str | None = None
    parent: str | None = None  # key of the body it is a sub-organisation of
    spans: list[Span] = field(default_factory=list)
    national: bool = False  # from reference data


@dataclass
class RoleHeld:
    role: str
    body: str | None = None  # body key
    span: Span | None = None


@dataclass
class Person:
    """One real person: surname and initials agree, titles dropped."""

    key: str
    name: str  # fullest form seen, without title
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    roles: list[RoleHeld] = field(default_factory=list)
    email: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass
class Post:
    """A post named as an owner or author ("the Strategic Director (...)"), and its holder."""

    key: str  # key_for(post title, body key)
    title: str
    body: str | None = None  # body key
    holder: str | None = None  # person key, where the pack says who holds it
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass
class RoleOwner:
    """An owner named by role only ("Relevant managers"): never a person."""

    key: str
    phrase: str
    body: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass
class PackExtraction:
    """A whole pack after extraction and resolution: what mapping and JSON export read."""

    name: str  # file name
    sha256: str
    documents: list[DocumentRecords] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    unresolved: list[Merge] = field(default_factory=list)  # matches that fit no rule
    warnings: list[Warning_] = field(default_factory=list)
    #: name as written (normalised) -> ("body" | "person" | "role", key)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    role_owners: list[RoleOwner] = field(default_factory=list)
    #: segment number -> the document's full title (heading plus a subtitle line under it)
    titles: dict[int, str] = field(default_factory=dict)

    def lookup(self, name: str | None) -> tuple[str, str] | None:
        """The entity a name as written resolved to, if any."""
        from ontology.namespaces import normalise

        return None if not name else self.names.get(normalise(name))
