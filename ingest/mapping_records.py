"""The per-document half of the mapping: meetings, reports, inspections and commitments.

Part of ``ingest/mapping.py`` (split only to keep modules small): together they are the
one ingest module that names ontology terms. Keys follow ``docs/model.md``: a
recommendation is keyed by its inspection (or source) and its normalised text, its action
by the recommendation's key, so a later pack's update of the same plan adds dated status
snapshots to the same action node instead of minting a new one.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import URIRef

from ingest import records as r
from ingest.mapping import Mapper, date_literal, key_of, number_literal
from ingest.mapping_terms import (
    DCTERMS,
    GRADE,
    INTEREST,
    JSOURCE,
    RDF,
    REM,
    STATUS,
    TIMESCALE,
)
from ontology.namespaces import key_for, normalise

JUDGEMENT_SOURCES = {"heading": "graded-heading", "table": "main-findings-table",
                     "prose": "prose-statement"}
INTERESTS = ("personal", "prejudicial", "pecuniary", "party-whip")
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12}
STATUSES = {
    "red": "red", "amber": "amber", "green": "green", "completed": "completed",
    "complete": "completed", "not started": "not-started", "in progress": "in-progress",
    "on track": "on-track", "deferred": "deferred", "blue": "completed",
    # as trackers and action logs word them
    "implemented": "completed", "achieved": "completed", "closed": "completed",
    "done": "completed", "open": "in-progress", "ongoing": "in-progress",
    "underway": "in-progress", "started": "in-progress", "on target": "on-track",
    "not yet started": "not-started", "postponed": "deferred",
}


def timescale_concept(text: str | None) -> URIRef:
    """``timescale:`` concept of a timescale as written ("Within three months" ...);
    ``timescale:other`` when none is stated, as the shapes ask."""
    if not text:
        return TIMESCALE.other
    t = normalise(text)
    if "immediate" in t:
        return TIMESCALE.immediately
    m = re.search(r"\b(\d+|one|two|three|six|twelve)\s+months?\b", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else WORD_NUMBERS[m.group(1)]
        if n in (3, 6, 12):
            return TIMESCALE[f"within-{n}-months"]
    if re.search(r"\b(a|one)\s+year\b|\b12 months\b", t):
        return TIMESCALE["within-12-months"]
    return TIMESCALE.other


def status_concept(rag: str | None) -> URIRef | None:
    if not rag:
        return None
    return STATUS[STATUSES.get(normalise(rag), "unknown")]


def map_meetings(m: Mapper, d: r.DocumentRecords, doc: URIRef) -> None:
    for rec in d.meetings:
        m.meetings.append((rec, _meeting(m, rec, doc), doc))


def map_document(m: Mapper, d: r.DocumentRecords, doc: URIRef) -> None:
    """Every record of one document but its meetings, each with provenance to ``doc``."""
    ctx = _Ctx(m, doc)
    for item in d.agenda_items:
        ctx.agenda_item(item)
    for dec in d.declarations:
        ctx.declaration(dec)
    for res in d.resolutions:
        ctx.resolution(res)
    for i, rep in enumerate(d.reports):
        _report(m, rep, doc, i)
    inspections = [_inspection(m, insp, doc) for insp in d.inspections]
    for rec in d.recommendations:
        _recommendation(m, rec, doc, inspections[0][1] if inspections else None)
    for rel in d.relations:
        s, o = _endpoint(m, rel.subject, rel.span, doc), _endpoint(m, rel.object, rel.span, doc)
        if s is not None and o is not None:
            m.g.add((s, REM[rel.relation], o))
            m.g.add((s, REM.evidence, m.excerpt(rel.span, doc)))
    for w in d.warnings:
        m.warning(w.message, w.span, doc)


def _endpoint(m: Mapper, name: str, span: r.Span, doc: URIRef) -> URIRef | None:
    """An agent, or the pack's document of that title ("oversees the strategy"): a relation
    may hold between an agent and a commitment, and a plan is not a role-only owner."""
    hit = m.resolve(name)
    if hit is None or hit[0] == "role-owner":
        want = normalise(name)
        for d, node in m.docs:
            if want and normalise(d.segment.title) == want:
                return node
    return m.agent(name, span, doc)


def _meeting(m: Mapper, rec: r.Meeting, doc: URIRef) -> URIRef:
    body_key = m.body_key(rec.body)
    node = m.iri("meeting", body_key or rec.body, rec.date or key_of(doc))
    m.g.add((node, RDF.type, REM.Meeting))
    if body_key:
        m.g.add((node, REM.ofBody, m.node("body", body_key)))
    m.add(node, REM.date, date_literal(rec.date))
    m.add(node, REM.startTime, rec.start_time)
    m.add(node, REM.endTime, rec.end_time)
    m.add(node, REM.venue, rec.venue)
    for names, prop in ((rec.present, REM.present), (rec.apologies, REM.apologiesFrom),
                        (rec.in_attendance, REM.inAttendance),
                        (rec.officers, REM.officerPresent),
                        ([rec.chair] if rec.chair else [], REM.chairedBy),
                        ([rec.vice_chair] if rec.vice_chair else [], REM.viceChairedBy)):
        for person in m.agents(names):
            m.g.add((node, prop, person))
    body = m.node("body", body_key) if body_key else None
    for name, prop in ((rec.chair, REM.chairs), (rec.vice_chair, REM.viceChairs)):
        who = m.agent(name)
        if who is not None and body is not None:
            m.g.add((who, prop, body))
    for name, post in sorted(rec.officer_posts.items()):
        hit = m.resolve(name)
        if hit and hit[0] == "person":  # officers serve the committee; their employer (the
            # post's body) is what resolution found for them, never the meeting's body
            m.role_held(m.node("person", hit[1]), hit[1], post, m.employer(hit[1], post),
                        rec.span, rec.date)
    m.provenance(node, rec.span, doc)
    return node


class _Ctx:
    """Finds the meeting and minute a record of a minutes or agenda document belongs to."""

    def __init__(self, m: Mapper, doc: URIRef) -> None:
        self.m, self.doc = m, doc
        self._order: tuple[int, list[tuple[Any, URIRef]], list[tuple[Any, URIRef]]] | None = None

    def _meetings(self) -> tuple[list[tuple[Any, URIRef]], list[tuple[Any, URIRef]]]:
        """(this document's meetings, every meeting with this document's first), in the
        order they were mapped: split once per document, not once per agenda item,
        resolution and declaration (that made a pack of many meetings quadratic)."""
        meetings = self.m.meetings
        if self._order is None or self._order[0] != len(meetings):
            # one dict lookup per meeting: an rdflib term's == is a Python call, and every
            # document compared with every meeting's document was a few thousand of them
            mine = {self.doc: True}
            is_here = [mine.get(doc, False) for _rec, _node, doc in meetings]
            here = [(rec, node) for (rec, node, _), h in zip(meetings, is_here, strict=True) if h]
            others = [(rec, node) for (rec, node, _), h in zip(meetings, is_here, strict=True)
                      if not h]
            self._order = (len(meetings), here, here + others)
        return self._order[1], self._order[2]

    def meeting(self, date: str | None, body: str | None = None,
                span: r.Span | None = None) -> URIRef | None:
        """This document's meeting on that date, else the pack's, else one named by body and
        date (its evidence ``span``, the text that refers to it); with no date, this
        document's only meeting."""
        here, ordered = self._meetings()
        if date is None:
            return here[0][1] if len(here) == 1 else None
        key = self.m.body_key(body) if body else None
        for rec, node in ordered:
            if rec.date == date and (key is None or self.m.body_key(rec.body) == key):
                return node
        key = self.m.body_key(body) if body else None
        if date and key:  # a meeting referred to but not described here
            node = self.m.iri("meeting", key, date)
            self.m.g.add((node, RDF.type, REM.Meeting))
            self.m.g.add((node, REM.ofBody, self.m.node("body", key)))
            self.m.add(node, REM.date, date_literal(date))
            if span is not None:
                self.m.provenance(node, span, self.doc)
            return node
        return None

    def scope(self, meeting: URIRef | None) -> str:
        return key_of(meeting if meeting is not None else self.doc)

    def agenda_item(self, item: r.AgendaItem) -> None:
        m, mtg = self.m, self.meeting(item.meeting_date)
        node = m.iri("agenda-item", self.scope(mtg), item.number)
        m.g.add((node, RDF.type, REM.AgendaItem))
        if mtg is not None:
            m.g.add((node, REM.agendaOf, mtg))
        m.add(node, REM.itemNumber, number_literal(item.number))
        m.add(node, DCTERMS.title, item.title)
        m.add(node, REM.pages, item.pages)
        m.add(node, REM.purpose, item.purpose)
        m.add(node, REM.part, item.part)
        m.add(node, REM.isPublic, item.part == 1)
        m.provenance(node, item.span, self.doc)
        m.agenda_titles[node] = normalise(str(m.g.value(node, DCTERMS.title) or ""))

    def minute(self, mtg: URIRef | None, number: int | str | None, title: str | None,
               span: r.Span) -> URIRef | None:
        if number is None and not title:
            return None
        m = self.m
        node = m.iri("minute", self.scope(mtg), number if number is not None else title)
        m.g.add((node, RDF.type, REM.Minute))
        if mtg is not None:
            m.g.add((node, REM.ofMeeting, mtg))
        m.add(node, REM.minuteNumber, number_literal(number))
        m.add(node, DCTERMS.title, title)
        m.provenance(node, span, self.doc)
        return node

    def declaration(self, dec: r.Declaration) -> None:
        m, mtg = self.m, self.meeting(dec.meeting_date)
        node = m.iri("declaration", self.scope(mtg), dec.person, dec.minute_number, dec.reason)
        m.g.add((node, RDF.type, REM.Declaration))
        if mtg is not None:
            m.g.add((node, REM.ofMeeting, mtg))
        person = m.agent(dec.person)
        if person is not None:
            m.g.add((node, REM.declarant, person))
        if dec.interest_type:
            code = normalise(dec.interest_type).replace(" ", "-")
            m.g.add((node, REM.interestType, INTEREST[code if code in INTERESTS else "other"]))
        m.add(node, REM.reason, dec.reason)
        m.provenance(node, dec.span, self.doc)

    def resolution(self, res: r.Resolution) -> None:
        m, mtg = self.m, self.meeting(res.meeting_date, res.body, res.span)
        minute = self.minute(mtg, res.minute_number, res.minute_title, res.span)
        scope = key_of(minute) if minute is not None else self.scope(mtg)
        node = m.iri("resolution", scope, res.clause or res.text)
        m.g.add((node, RDF.type, REM.Resolution))
        if minute is not None:
            m.g.add((node, REM.partOfMinute, minute))
        m.add(node, REM.clause, res.clause)
        m.add(node, REM.text, res.text)
        m.add(node, REM.actionOwnerAsWritten, res.action_owner)
        owner = m.agent(res.action_owner, res.span, self.doc)
        if owner is not None:
            m.g.add((node, REM.asksToAct, owner))
        m.provenance(node, res.span, self.doc)


def _report(m: Mapper, rep: r.Report, doc: URIRef, i: int) -> None:
    """The report's facts on its document node (a second report gets a node of its own)."""
    node = doc if i == 0 else m.iri("document", key_of(doc), rep.title)
    if i:
        m.g.add((node, RDF.type, REM.Document))
        m.g.add((node, DCTERMS.isPartOf, doc))
        m.add(node, DCTERMS.title, rep.title)
    m.g.add((node, RDF.type, REM.OfficerReport))
    for name, prop in ((rep.author, REM.reportOf), (rep.portfolio_holder, REM.portfolioHolder),
                       (rep.contact_name, REM.contactOfficer), (rep.to_body, REM.reportTo)):
        agent = m.agent(name)
        if agent is not None:
            m.g.add((node, prop, agent))
    for agent in m.agents(rep.signatories):
        m.g.add((node, REM.reportOf, agent))
    if rep.author_role:
        holder = m.post_holder(rep.author_role)
        m.g.add((node, REM.authorPost, m.post(rep.author_role, holder[1] if holder else None,
                                              rep.span, doc)))
    m.add(node, REM.meetingDate, date_literal(rep.meeting_date))
    for text in rep.decisions_requested:
        m.add(node, REM.decisionRequested, text)
    m.add(node, REM.contactPost, rep.contact_post)
    title = normalise(rep.title)
    for item, item_title in m.agenda_titles.items():
        if item_title == title:
            m.g.add((node, REM.agendaItemOf, item))
    m.provenance(node, rep.span, doc)


def _inspection(m: Mapper, insp: r.Inspection, doc: URIRef) -> tuple[str, URIRef]:
    ins_key, subj_key = m.body_key(insp.inspectorate), m.body_key(insp.subject_body)
    start = insp.dates[0] if insp.dates else None
    key = key_for(ins_key or insp.inspectorate, subj_key or insp.subject_body, insp.title, start)
    node = m.node("inspection", key)
    m.g.add((node, RDF.type, REM.Inspection))
    m.add(node, DCTERMS.title, insp.title)
    if ins_key:
        m.g.add((node, REM.inspectorate, m.node("body", ins_key)))
    if subj_key:
        m.g.add((node, REM.subjectBody, m.node("body", subj_key)))
    if ins_key and subj_key:
        m.g.add((m.node("body", ins_key), REM.inspects, m.node("body", subj_key)))
    m.add(node, REM.inspectionType, insp.type)
    m.add(node, REM.startDate, date_literal(start))
    m.add(node, REM.endDate, date_literal(insp.dates[-1] if len(insp.dates) > 1 else None))
    m.add(node, REM.published, date_literal(insp.published))
    inspector = m.agent(insp.reporting_inspector)
    if inspector is not None:
        m.g.add((node, REM.reportingInspector, inspector))
    m.add(node, REM.teamDescription, insp.team)
    m.g.add((node, REM.reportedIn, doc))
    m.provenance(node, insp.span, doc)
    nodes: list[URIRef] = []
    taken: set[URIRef] = set()  # the nodes, for the test below: a list made it quadratic
    for j in insp.judgements:
        # a table can repeat an area under one (misplaced) section heading: the second
        # occurrence is another judgement, so it gets its own node, never a second grade
        jn = m.iri("judgement", key, j.origin, j.section, j.area)
        n = 1
        while jn in taken:
            n += 1
            jn = m.iri("judgement", key, j.origin, j.section, j.area, n)
        nodes.append(jn)
        taken.add(jn)
        m.g.add((jn, RDF.type, REM.Judgement))
        m.g.add((jn, REM.ofInspection, node))
        m.add(jn, REM.area, j.area)
        m.add(jn, REM.section, j.section)
        if j.grade is not None:
            m.g.add((jn, REM.grade, GRADE[str(j.grade)]))
            m.add(jn, REM.gradeValue, j.grade)
        source = JUDGEMENT_SOURCES.get(j.origin, j.origin)
        m.g.add((jn, REM.judgementSource, JSOURCE[source]))
        m.provenance(jn, j.span, doc)
    for j, jn in zip(insp.judgements, nodes, strict=True):
        if j.same_as is not None and 0 <= j.same_as < len(nodes) and nodes[j.same_as] != jn:
            m.g.add((jn, REM.sameJudgementAs, nodes[j.same_as]))
    return key, node


def _rec_scope(m: Mapper, rec: r.Recommendation,
               here: URIRef | None) -> tuple[str, URIRef | None]:
    """An inspection's key when the recommendation has one (the inspection of its own
    document, or one whose title its source names), else its source as written."""
    if here is not None:
        return key_of(here), here
    want = normalise(rec.source or "")
    for insp in sorted(str(i) for i in m.g.subjects(RDF.type, REM.Inspection)):
        title = normalise(str(m.g.value(URIRef(insp), DCTERMS.title) or ""))
        if want and title and (title in want or want in title):
            return key_of(URIRef(insp)), URIRef(insp)
    return rec.source or "", None


def recommendation_key(scope: str, text: str) -> str:
    """A recommendation's key from its scope (inspection key, source or plan title) and
    wording; ``ingest/mapping_crosspack.py`` recomputes it to find what a pack minted."""
    return key_for(scope, normalise(text))


def rec_node(m: Mapper, scope: str, text: str) -> URIRef:
    return m.node("recommendation", recommendation_key(scope, text))


def _recommendation(m: Mapper, rec: r.Recommendation, doc: URIRef,
                    inspection: URIRef | None) -> URIRef:
    scope, insp = _rec_scope(m, rec, inspection)
    node = rec_node(m, scope, rec.text)
    if rec.id:
        m.recs[normalise(rec.id)] = node
    m.recs[normalise(rec.text)] = node
    m.g.add((node, RDF.type, REM.Recommendation))
    m.add(node, REM.text, rec.text)
    m.add(node, REM.recommendationId, rec.id)
    m.add(node, REM.timescale, timescale_concept(rec.timescale))
    m.add(node, REM.timescaleText, rec.timescale)
    m.add(node, REM.dueDate, date_literal(rec.due_date))
    m.add(node, REM.section, rec.section)
    if insp is not None:
        m.g.add((node, REM.fromInspection, insp))
    for agent in m.agents(rec.addressed_to):
        m.g.add((node, REM.addressedTo, agent))
    m.provenance(node, rec.span, doc)
    return node


def map_merges(m: Mapper) -> None:
    """Each merge of resolution, with its rule and evidence; unmatched names as warnings."""
    for mg in m.ex.merges:
        node = m.iri("merge", m.pack.name, mg.as_written, mg.entity_key)
        m.g.add((node, RDF.type, REM.Merge))
        m.add(node, REM.nameAsWritten, mg.as_written)
        m.add(node, REM.mergeRule, mg.rule)
        m.add(node, REM.mergeEvidence, mg.evidence)
        target = _entity_of(m, mg.entity_key, mg.as_written)
        if target is not None:
            m.g.add((node, REM.mergedInto, target))
        m.provenance(node, mg.span, None)
    for mg in m.ex.unresolved:
        m.warning(f"unresolved name {mg.as_written!r}: {mg.evidence}", mg.span, None)


def _entity_of(m: Mapper, key: str, as_written: str) -> URIRef | None:
    if any(b.key == key for b in m.ex.bodies):
        return m.node("body", key)
    if any(p.key == key for p in m.ex.people):
        return m.node("person", key)
    hit = m.resolve(as_written)
    return m.node(*hit) if hit else None
