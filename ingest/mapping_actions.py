"""The commitments half of the mapping: actions, owners, status snapshots, plan lines,
work programmes, task groups, further areas and key decisions.

Part of ``ingest/mapping.py`` (split only to keep modules small). Runs after every
document's recommendations have nodes, so an action plan links to the recommendation of an
inspection report wherever the two sit in the pack. Owners keep their name as written on a
``rem:Responsibility`` node beside the resolved party: a person, a post (with its holder
when resolution knows one), a role-only owner ("Relevant managers", never a person) or a
body. An action with no resolved party is flagged ``rem:unassigned true``.
"""

from __future__ import annotations

from rdflib import URIRef

from ingest import records as r
from ingest.extractors._columns import deadline_date
from ingest.mapping import Mapper, date_literal, key_of, number_literal
from ingest.mapping_records import rec_node, status_concept, timescale_concept
from ingest.mapping_terms import DCTERMS, RDF, RDFS, REM
from ontology.namespaces import key_for, normalise


def map_commitments(m: Mapper, d: r.DocumentRecords, doc: URIRef) -> None:
    for act in d.actions:
        _action(m, act, doc, d.segment.title)
    doc_key = key_of(doc)
    for pl in d.plan_lines:
        _plan_line(m, pl, doc, d.segment.title)
    for wp in d.work_programme:
        node = m.iri("work-programme-item", doc_key, wp.topic)
        m.g.add((node, RDF.type, REM.WorkProgrammeItem))
        m.add(node, REM.topic, wp.topic)
        m.add(node, REM.section, wp.section)
        m.add(node, REM.due, wp.due)
        m.add(node, REM.status, wp.status)
        m.add(node, REM.notes, wp.notes)
        for lead in m.agents([wp.lead] if wp.lead else []):
            m.g.add((node, REM.lead, lead))
        m.provenance(node, wp.span, doc)
    for tg in d.task_groups:
        node = m.iri("task-group", doc_key, tg.title)
        m.g.add((node, RDF.type, REM.TaskGroup))
        m.add(node, DCTERMS.title, tg.title)
        m.add(node, REM.status, tg.status)
        m.add(node, REM.notes, tg.actions)
        m.provenance(node, tg.span, doc)
    for fa in d.further_areas:
        node = m.iri("further-area", doc_key, fa.title)
        m.g.add((node, RDF.type, REM.FurtherArea))
        m.add(node, REM.number, number_literal(fa.number))
        m.add(node, DCTERMS.title, fa.title)
        m.add(node, REM.details, fa.details)
        m.provenance(node, fa.span, doc)
    for kd in d.key_decisions:
        _key_decision(m, kd, doc)


def _recommendation_of(m: Mapper, act: r.Action, doc: URIRef, plan_title: str) -> URIRef | None:
    """The recommendation an action serves: by id, then by wording; else one minted from the
    plan's own wording (a plan whose inspection report is not in this pack)."""
    for ref in (act.recommendation_id, act.recommendation_text):
        if ref and normalise(ref) in m.recs:
            return m.recs[normalise(ref)]
    text = act.recommendation_text
    if not text:
        return None
    node = rec_node(m, plan_title, text)
    m.g.add((node, RDF.type, REM.Recommendation))
    m.add(node, REM.text, text)
    m.add(node, REM.recommendationId, act.recommendation_id)
    m.add(node, REM.timescale, timescale_concept(act.timescale_as_written))
    m.add(node, REM.timescaleText, act.timescale_as_written)
    # a deadline written as a date ('30 June 2019', 'End March 2012') is when it is due; a
    # relative one ('within three months') has no date without its inspection
    m.add(node, REM.dueDate, date_literal(deadline_date(act.timescale_as_written)))
    m.provenance(node, act.span, doc)
    return node


def _action(m: Mapper, act: r.Action, doc: URIRef, plan_title: str) -> None:
    rec = _recommendation_of(m, act, doc, plan_title)
    if rec is None:
        m.warning("action row names no recommendation; not mapped", act.span, doc)
        return
    key = action_key(rec)
    node = m.node("action", key)
    m.g.add((node, RDF.type, REM.Action))
    m.g.add((node, REM.implements, rec))
    m.add(node, REM.keyActions, act.key_actions)
    m.add(node, REM.timescaleText, act.timescale_as_written)
    parties = 0
    for owner in act.owners:
        party = _party(m, owner, act.span, doc)
        resp = m.iri("responsibility", key, owner.as_written)
        m.g.add((resp, RDF.type, REM.Responsibility))
        m.add(resp, REM.nameAsWritten, owner.as_written)
        m.add(resp, REM.qualifier, owner.qualifier)
        m.g.add((node, REM.responsibility, resp))
        m.provenance(resp, act.span, doc)
        if party is not None:
            parties += 1
            m.g.add((resp, REM.party, party))
            m.g.add((node, REM.responsibleParty, party))
    m.add(node, REM.unassigned, bool(act.unassigned or parties == 0))
    m.add(node, REM.reportingSchedule, act.reporting_schedule)
    m.add(node, REM.reportingFrequency, act.reporting_frequency)
    for body in m.agents(act.reports_to):
        m.g.add((node, REM.reportsProgressTo, body))
    m.add(node, REM.section, act.section)
    m.provenance(node, act.span, doc)
    for s in act.statuses:
        snap = m.iri("status", key, s.date or s.checkpoint, m.pack.name)
        m.g.add((snap, RDF.type, REM.StatusSnapshot))
        m.g.add((snap, REM.statusOf, node))
        m.add(snap, REM.checkpoint, s.checkpoint)
        m.add(snap, REM.asOf, date_literal(s.date))
        m.add(snap, REM.status, status_concept(s.rag))
        m.add(snap, REM.progressNote, s.note)
        m.provenance(snap, s.span, doc)


def action_key(rec: URIRef) -> str:
    """One action per recommendation: keyed by the recommendation's IRI key."""
    return key_for(key_of(rec))


def _party(m: Mapper, owner: r.Owner, span: r.Span, doc: URIRef) -> URIRef | None:
    """The node an owner resolves to; a post keeps its holder, a role stays a role."""
    hit = m.resolve(owner.name)
    if hit and hit[0] in ("post", "role-owner", "body", "person"):
        return m.agent(owner.name, span, doc)
    if owner.kind == "post":
        holder = m.post_holder(owner.name)
        post = m.post(owner.name, holder[1] if holder else None, span, doc)
        if holder is not None:
            person_key, body_key = holder
            m.role_held(m.node("person", person_key), person_key, owner.name, body_key, span)
        return post
    if owner.kind == "role":
        node = m.iri("role-owner", owner.name, None)
        m.g.add((node, RDF.type, REM.RoleOwner))
        m.add(node, RDFS.label, owner.name)
        m.provenance(node, span, doc)
        return node
    return m.agent(owner.name, span, doc)


def _plan_line(m: Mapper, pl: r.PlanLine, doc: URIRef, plan_title: str) -> None:
    node = m.iri("plan-line", plan_title, pl.ref)
    m.g.add((node, RDF.type, REM.PlanLine))
    m.add(node, REM.reference, pl.ref)
    m.add(node, REM.outcome, pl.outcome or pl.outcome_heading)
    m.add(node, REM.outcomeNumber, pl.outcome_number)
    m.add(node, REM.actionText, pl.action)
    for lead in m.agents(pl.lead):
        m.g.add((node, REM.lead, lead))
    m.add(node, REM.deadline, date_literal(pl.deadline_date))
    m.add(node, REM.deadlineText, pl.deadline)
    m.add(node, REM.measure, pl.measure)
    m.provenance(node, pl.span, doc)


def _key_decision(m: Mapper, kd: r.KeyDecision, doc: URIRef) -> None:
    node = m.iri("key-decision", kd.ref)
    m.g.add((node, RDF.type, REM.KeyDecision))
    m.add(node, REM.reference, kd.ref)
    m.add(node, DCTERMS.title, kd.title)
    m.add(node, REM.decisionText, kd.decision)
    m.add(node, REM.expectedDate, date_literal(kd.expected_date))
    m.add(node, REM.consultation, kd.consultation)
    for name, prop in ((kd.decision_maker, REM.decisionMaker),
                       (kd.scrutiny_committee, REM.scrutinyCommittee),
                       (kd.contact, REM.contact)):
        agent = m.agent(name, kd.span, doc)
        if agent is not None:
            m.g.add((node, prop, agent))
    m.provenance(node, kd.span, doc)
