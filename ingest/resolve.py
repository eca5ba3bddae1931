"""Entity resolution of a pack: one node per real body, person, post and role owner.

Extractors keep names as written; this module gathers every place a record names a body or a
person (mentions, meetings, reports, owners, leads, relations ...), hands them to the body
rules (``resolve_bodies``) and the person rules (``resolve_people``), links posts to their
holders and fills the :class:`~ingest.records.PackExtraction`'s ``bodies``, ``people``,
``posts``, ``role_owners``, ``merges``, ``unresolved`` and ``names``. Keys come from
normalised content (``key_for``), so the same body or person gets the same key in every pack,
whatever the order of ingest.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.literal_search import LiteralSearch
from ingest.names import (
    body_head,
    classify_agent,
    is_post,
    loose,
    loose_word_counts,
    parse_person,
)
from ingest.names_in_prose import post_and_org
from ingest.records import DocumentRecords, Merge, PackExtraction, RoleHeld, RoleOwner, Span
from ingest.refdata import Reference, reference
from ingest.resolve_bodies import BodyResolver, BodyUse
from ingest.resolve_people import PersonUse, link_posts, resolve_people
from ingest.textutil import strip_title
from ontology.namespaces import key_for, normalise

_STAFF_CONTEXTS = frozenset({"meeting.officers", "report.author", "action.owner", "report"})
#: a literal search, not a regex: asked of every body's evidence and every document's text
_VOLUNTARY = LiteralSearch("voluntary", "third sector", "charit")
_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b(?= [A-Z][a-z]+ [A-Z]))\s*")


@dataclass
class _Uses:
    bodies: list[BodyUse] = field(default_factory=list)
    people: list[PersonUse] = field(default_factory=list)
    person_bodies: list[tuple[PersonUse, str]] = field(default_factory=list)  # body as written
    posts: dict[str, list[tuple[str, Span | None]]] = field(default_factory=dict)
    roles: dict[str, list[Span | None]] = field(default_factory=dict)


_DASH = re.compile(r"\s+[\u2013\u2014-]\s+")


def _post_and_body(post: str | None) -> tuple[str | None, str | None]:
    """'Associate Director – Northshire Primary Care Trust' -> (post, body)."""
    if not post:
        return post, None
    parts = _DASH.split(post, maxsplit=1)
    if len(parts) == 2 and classify_agent(parts[1]) == "body" and not is_post(parts[1]):
        return parts[0].strip(), parts[1].strip()
    return _post_at_org(post)


def _post_at_org(post: str | None) -> tuple[str | None, str | None]:
    """'Director of Nursing, Northbrook Community Health NHS Trust' -> (post, body), when
    the last comma part names a body by its kind; anything else is left whole."""
    if not post:
        return post, None
    head, org = post_and_org(post)
    return (head, org) if org and is_post(head) else (post, None)


def distribute_slash(text: str) -> list[str]:
    """'strategic / individual commissioning teams' -> both teams: a lone modifier before a
    slash shares the noun phrase after it; other text is returned whole."""
    left, sep, right = text.partition("/")
    words = right.split()
    if not sep or len(left.split()) != 1 or len(words) < 2 or "/" in right:
        return [text]
    return [f"{left.strip()} {' '.join(words[1:])}", right.strip()]


def split_names(text: str) -> list[str]:
    """'Nia Vale / Tom Quill', 'PCT, Carers Centre, GPs' -> the names."""
    return [p.strip(" .") for p in _SPLIT.split(text) if p and p.strip(" .")]


class _Collector:
    """Walks the records of a pack and notes every name use, by kind."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.u = _Uses()
        self.seg = 0
        #: documents whose text says voluntary / third sector: their untyped bodies are
        #: voluntary organisations ('... Carers Centre', 'Making Space')
        self.voluntary_docs: set[int] = set()

    def body(self, text: str | None, span: Span | None, context: str = "", hint=None,
             acronym: str | None = None) -> None:
        if not text or not text.strip(" .,;:-"):
            return
        vol = bool(span and _VOLUNTARY(span.text)) or self.seg in self.voluntary_docs
        self.u.bodies.append(BodyUse(text.strip(), span, context, hint, acronym, self.seg, vol))

    def person(self, text: str | None, span: Span | None, role: str | None = None,
               body: str | None = None, email: str | None = None, title: str | None = None,
               context: str = "") -> None:
        if not text or parse_person(text) is None:
            return
        pu = PersonUse(text.strip(), span, role, None, email, title, context)
        self.u.people.append(pu)
        if body:
            self.u.person_bodies.append((pu, body))

    def post(self, text: str, span: Span | None) -> None:
        title = re.sub(r"^(the|a|an)\s+", "", text.strip(" .,;:"), flags=re.I)
        canon = next((t for t in self.u.posts if normalise(t) == normalise(title)), title)
        self.u.posts.setdefault(canon, []).append((text.strip(), span))

    def agent(self, text: str | None, span: Span | None, context: str = "",
              role: str | None = None) -> None:
        """A field that may name a body, person, post or role."""
        if not text:
            return
        parts = distribute_slash(text)
        if len(parts) > 1:
            for part in parts:
                self.agent(part, span, context, role)
            return
        kind = classify_agent(text, self.ref.body(text) is not None)
        if kind == "body":
            self.body(text, span, context)
        elif kind == "person":
            self.person(text, span, role, context=context)
        elif kind == "post":
            self.post(text, span)
        elif kind == "role":
            self.u.roles.setdefault(text.strip(" .,;:"), []).append(span)

    def document(self, d: DocumentRecords) -> None:
        self.seg = d.segment.number
        for b in d.bodies:
            self.body(b.name, b.span, b.context, b.type, b.acronym)
        for p in d.people:  # 'Director of Nursing, X NHS Trust': the post at its body
            role, body = (p.role, p.body) if p.body else _post_at_org(p.role)
            self.person(p.name, p.span, role, body, p.email, p.title, p.context)
            if body and not p.body:
                self.body(body, p.span, f"{p.context}.post")
        for m in d.meetings:
            self.body(m.body, m.span, "meeting")
            for name in (m.chair, m.vice_chair):
                role = "Chairman" if name == m.chair else "Vice-Chairman"
                self.person(name, m.span, role, m.body, context="meeting")
            for field_, role in (("present", "Member (present)"),
                                 ("apologies", "Member (apologies)"),
                                 ("in_attendance", "In attendance"), ("officers", None)):
                for name in getattr(m, field_):
                    if role is not None:
                        self.person(name, m.span, role, m.body, context=f"meeting.{field_}")
                        continue
                    post, body = _post_and_body(m.officer_posts.get(name))
                    self.person(name, m.span, post, body, context="meeting.officers")
                    if body:
                        self.body(body, m.span, "meeting.officers")
        for r in d.reports:
            self.body(r.to_body, r.span, "report.to")
            self._author(r.author, r.author_role, r.span)
            self.person(r.portfolio_holder, r.span, "Portfolio Holder", context="report")
            self._author(r.contact_name, r.contact_post, r.span)
        for i in d.inspections:
            self.body(i.inspectorate, i.span, "inspection.inspectorate", "inspectorate")
            self.body(i.subject_body, i.span, "inspection.subject")
            self.person(i.reporting_inspector, i.span, "Reporting inspector", i.inspectorate,
                        context="inspection")
        for rec in d.recommendations:
            for name in rec.addressed_to:
                if classify_agent(name, self.ref.body(name) is not None) == "body":
                    self.body(name, rec.span, "recommendation.addressed_to")
        for a in d.actions:
            for name in a.reports_to:
                self.body(name, a.span, "action.reports_to")
            for o in a.owners:
                if not o.name or a.unassigned:
                    continue
                if o.kind == "person":
                    self.person(o.name, a.span, o.post or "Responsible officer",
                                context="action.owner")
                elif o.kind == "post":
                    self.post(o.name, a.span)
                elif o.kind == "body":
                    self.body(o.name, a.span, "action.owner")
                else:
                    self.u.roles.setdefault(o.name, []).append(a.span)
        for pl in d.plan_lines:
            for name in pl.lead:
                self.agent(name, pl.span, "plan.lead", "Lead")
        for wp in d.work_programme:
            self.agent(wp.lead, wp.span, "work_programme.lead")
        for kd in d.key_decisions:
            for name in split_names(kd.decision_maker or ""):
                self.agent(name, kd.span, "key_decision.decision_maker")
            if kd.contact:
                name, _, post = kd.contact.partition(",")
                self._author(name, post.strip() or None, kd.span)
        for res in d.resolutions:
            self.agent(res.action_owner, res.span, "resolution.owner")
        for dec in d.declarations:
            self.person(dec.person, dec.span, context="declaration")
        own = normalise(d.segment.title)
        for rel in d.relations:  # an end that names the document itself is no agent
            for end in (rel.subject, rel.object):
                if normalise(end) != own:
                    self.agent(end, rel.span, f"relation.{rel.relation}")

    def _author(self, name: str | None, post: str | None, span: Span | None) -> None:
        if not name:
            return
        if classify_agent(name) == "person":
            self.person(name, span, *_post_at_org(post), context="report.author")
            if post:
                self.post(post, span)
        elif is_post(name):
            self.post(name, span)


def _not_people(bodies: list[BodyUse], people: list[PersonUse]
                ) -> tuple[list[BodyUse], list[Merge]]:
    """Drop 'Nadia Quill Group' when 'Nadia Quill' is a person of the pack: a person's name
    run into the next table cell ('Group Manager') is no body."""
    names = {loose(p.text) for p in people if len(p.text.split()) >= 2}
    keep, dropped = [], []
    for u in bodies:
        words = u.text.split()
        if len(words) >= 3 and loose(" ".join(words[:-1])) in names:
            dropped.append(Merge(u.text, "", "person-name", "a person's name and the next "
                                 "word, not a body", u.span))
        else:
            keep.append(u)
    return keep, dropped


_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_ACR_TOKEN = re.compile(r"(?<![\w&])([A-Z][A-Za-z&]{1,8})(?![\w&])")


def _acronyms_in_prose(col: _Collector, lines: list[str],
                       defs: dict[str, tuple[str, Span | None]], ref: Reference) -> None:
    """Uses of the pack's own acronyms in running text ('reported to the NSCB'), and of
    variants of them ('NSCIB', 'NSC'), which no extractor reports as mentions."""
    from ingest.body_rules import acronym_variant
    from ingest.names import is_acronym

    seen = {u.text.strip().upper() for u in col.u.bodies}
    bodies = [d for d, (exp, _) in defs.items() if body_head(exp)]
    upper = {d.upper() for d in bodies}
    for n, line in enumerate(lines, 1):
        for m in _ACR_TOKEN.finditer(line):
            tok = m.group(1)
            if tok.upper() in seen or not is_acronym(tok) or ref.generic(tok) or ref.body(tok):
                continue
            if tok.upper() in upper or acronym_variant(tok, bodies):
                col.body(tok, Span(n, n, line), "prose.acronym")
                seen.add(tok.upper())


def _named_in_passing(col: _Collector, px: PackExtraction, lines: list[str]) -> None:
    """Bodies no extractor reports: national bodies by their reference names and local
    services written in lower case (``ingest/service_mentions.py``), each in its document."""
    from ingest.service_mentions import pack_body_mentions

    for n, name, typ in pack_body_mentions(lines, {u.text for u in col.u.bodies}):
        col.seg = next((d.segment.number for d in px.documents
                        if d.segment.start <= n <= d.segment.end), 0)
        col.body(name, Span(n, n, lines[n - 1]), "prose.named", typ)


def resolve(px: PackExtraction, *, home_council: str | None = None,
            meeting_body: str | None = None, acronyms: dict[str, str] | None = None,
            lines: list[str] | None = None, ref: Reference | None = None) -> PackExtraction:
    """Resolve the names of ``px``'s documents; fills its entity lists, merges and names."""
    ref = ref if ref is not None else reference()
    col = _Collector(ref)
    defs: dict[str, tuple[str, Span | None]] = {}
    for d in px.documents:
        seg = d.segment
        if lines and _VOLUNTARY("\n".join(lines[seg.start - 1:seg.end])):
            col.voluntary_docs.add(seg.number)
        col.document(d)
        for a in d.acronyms:
            defs.setdefault(a.short.strip(), (a.expansion.strip(), a.span))
            if body_head(a.expansion) and not is_post(a.expansion):  # a glossary names a body
                col.seg = d.segment.number
                col.body(a.expansion.strip(), a.span, "acronym_table", acronym=a.short.strip())
    for short, exp in (acronyms or {}).items():
        defs.setdefault(short, (exp, None))
    for u in col.u.bodies:
        if u.acronym and not re.search(r"\(\s*" + re.escape(u.acronym) + r"\s*\)\s*$", u.text):
            defs.setdefault(u.acronym.strip(), (u.text.strip(), u.span))
        elif u.acronym:
            defs.setdefault(u.acronym.strip(), (u.text[:u.text.rindex("(")].strip(), u.span))
    if lines:
        _named_in_passing(col, px, lines)
        _acronyms_in_prose(col, lines, defs, ref)
    if meeting_body is None:
        meeting_body = next((m.body for d in px.documents for m in d.meetings if m.body), None)
    # the whole text at once: no word spans a line break, so the counts are the lines'
    text = "\n".join(lines) if lines else ""
    words = loose_word_counts(text) if lines else None
    lower = Counter(_LOWER_WORD.findall(text)) if lines else None
    col.u.bodies, person_words = _not_people(col.u.bodies, col.u.people)
    br = BodyResolver(col.u.bodies, defs, ref, home_council, meeting_body, words, lower).run()
    br.unresolved.extend(person_words)
    for pu, body in col.u.person_bodies:
        pu.body = br.names.get(body) or br.names.get(body.strip())
    home_key = br.names.get(home_council or "") or next(
        (b.key for b in br.bodies if b.type == "council" and not b.parent), None)
    # whom a person works for, where the text says it ('DCI Mark Stone, Northdale Police')
    employer = {strip_title(pu.text)[1].lower(): pu.body for pu in reversed(col.u.people)
                if pu.body and (pu.context.endswith(".post") or pu.context in _STAFF_CONTEXTS)}
    for pu in col.u.people:
        if pu.body is None and pu.role and pu.context in _STAFF_CONTEXTS:
            # officers of the pack's council unless the text says otherwise
            pu.body = employer.get(strip_title(pu.text)[1].lower(), home_key)
    pr = resolve_people(col.u.people)
    for person in pr.people:
        if person.title and person.title.lower() in ("councillor", "cllr") and home_key and \
                not any(r.role == "Councillor" for r in person.roles):
            person.roles.append(RoleHeld("Councillor", home_key, person.spans[0]
                                         if person.spans else None))
    chair = next((m.chair for d in px.documents for m in d.meetings if m.chair), None)
    posts, post_merges, post_names = link_posts(
        col.u.posts, pr.people, home_key, pr.names.get(chair or ""))
    roles = [RoleOwner(key_for(phrase, None), phrase, None, [s for s in spans if s])
             for phrase, spans in col.u.roles.items()]
    px.bodies, px.people, px.posts, px.role_owners = br.bodies, pr.people, posts, roles
    px.merges = br.merges + pr.merges + post_merges
    px.unresolved = br.unresolved + pr.unresolved
    names: dict[str, tuple[str, str]] = {}
    person_names = dict(pr.names)
    for p in pr.people:  # the clean name and the titled name find the person too
        person_names.setdefault(p.name, p.key)
        if p.title:
            person_names.setdefault(f"{p.title} {p.name}", p.key)
    for kind, table in (("role", {r.phrase: r.key for r in roles}), ("post", post_names),
                        ("person", person_names), ("body", br.names)):
        for text, key in table.items():
            names[normalise(text)] = (kind, key)
    px.names = names
    return px
