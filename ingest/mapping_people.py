"""People, posts and role-only owners in the pack's graph: the people half of the mapping.

A mixin of :class:`~ingest.mapping.Mapper` (kept apart so each mapping module stays small):
people with their names and roles, memberships (chair, member ...) and dated post
holdings, posts and role-only owners found by resolution, and the post-holder look-up the
report mapping uses. The methods read the mapper's graph, extraction and helpers.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import Graph, URIRef

from ingest.mapping_tables import CONTEXT_ROLES, MEMBERSHIP_ROLES, STAFF_ROLES
from ingest.mapping_terms import (
    FOAF,
    ORG,
    RDF,
    RDFS,
    REM,
    ROLE,
    SKOS,
    date_literal,
    key_of,
)
from ingest.records import PackExtraction, Span
from ontology.namespaces import normalise


class PeopleMapping:
    """map_people, role_held, holding, map_posts, post, post_holder, employer."""

    ex: PackExtraction
    g: Graph

    # provided by the mapper
    def iri(self, type_: str, *parts: object) -> URIRef:
        raise NotImplementedError

    def node(self, type_: str, key: str) -> URIRef:
        raise NotImplementedError

    def add(self, s: Any, p: URIRef, o: Any) -> None:
        raise NotImplementedError

    def resolve(self, name: str | None) -> tuple[str, str] | None:
        raise NotImplementedError

    def provenance(self, node: URIRef, span: Span | None, doc: URIRef | None) -> None:
        raise NotImplementedError

    def employer(self, person_key: str, role: str) -> str | None:
        """The body resolution found for a person in this role (else in any role)."""
        person = next((p for p in self.ex.people if p.key == person_key), None)
        if person is None:
            return None
        bodies = [r.body for r in person.roles if r.body]
        same = [r.body for r in person.roles if r.body and normalise(r.role) == normalise(role)]
        return (same or bodies or [None])[0]

    def map_people(self) -> None:
        for person in self.ex.people:
            node = self.node("person", person.key)
            self.g.add((node, RDF.type, REM.Person))
            self.g.add((node, RDF.type, FOAF.Person))
            self.add(node, RDFS.label, person.name)
            self.add(node, FOAF.name, person.name)
            for alias in sorted(set(person.aliases) - {person.name}):
                self.add(node, SKOS.altLabel, alias)
            self.add(node, REM.honorific, person.title)
            self.add(node, REM.email, person.email)
            tokens = person.name.replace(".", " ").split()
            if tokens:
                self.add(node, REM.surname, tokens[-1])
                self.add(node, REM.initials, "".join(t[0].upper() for t in tokens[:-1]))
            for span in person.spans:
                self.provenance(node, span, None)
            for held in person.roles:
                self.role_held(node, person.key, held.role, held.body, held.span)

    def role_held(self, person: URIRef, person_key: str, role: str, body_key: str | None,
                  span: Span | None, as_of: str | None = None) -> None:
        """A role as written: chair, member, portfolio holder ... are memberships; roles of
        a record's own context are skipped; anything else is a post."""
        r = normalise(re.sub(r"\(.*?\)", " ", role))  # "Member (present)" is a member
        body = self.node("body", body_key) if body_key else None
        if r in CONTEXT_ROLES:  # said by the record itself (attendance, owner, inspector)
            if body is not None and r in STAFF_ROLES:  # but whom they work for is a fact
                self.g.add((person, REM.worksFor, body))
            return
        code = MEMBERSHIP_ROLES.get(r)
        if code is not None:
            if body is None:  # chair of what is not said: no post "Chair" shared by all
                return
            m = self.iri("membership", person_key, body_key, code)
            self.g.add((m, RDF.type, REM.Membership))
            self.g.add((m, REM.member, person))
            self.g.add((m, REM.organisation, body))
            self.g.add((m, REM.role, ROLE[code]))
            self.provenance(m, span, None)
            prop = {"chair": REM.chairs, "vice-chair": REM.viceChairs}.get(code, REM.memberOf)
            self.g.add((person, prop, body))
            return
        self.holding(person, person_key, self.post(role, body_key, span, None), body_key, span,
                     as_of)

    def holding(self, person: URIRef, person_key: str, post: URIRef, body_key: str | None,
                span: Span | None, as_of: str | None) -> None:
        """A dated PostHolding plus the direct holds / heldBy / worksFor triples."""
        body = self.node("body", body_key) if body_key else None
        h = self.iri("holding", person_key, key_of(post))
        self.g.add((h, RDF.type, REM.PostHolding))
        self.g.add((h, REM.holder, person))
        self.g.add((h, REM.post, post))
        self.add(h, REM.asOf, date_literal(as_of))
        self.provenance(h, span, None)
        self.g.add((person, REM.holds, post))
        self.g.add((post, REM.heldBy, person))
        if body is not None:
            self.g.add((person, REM.worksFor, body))

    def map_posts(self) -> None:
        """Posts and role-only owners resolution found (records it may not yet give)."""
        for post in getattr(self.ex, "posts", []):
            node = self.node("post", post.key)
            self._post_node(node, post.title, post.body)
            for alias in sorted(set(post.aliases) - {post.title}):
                self.add(node, SKOS.altLabel, alias)
            for span in post.spans:
                self.provenance(node, span, None)
            if post.holder:
                self.holding(self.node("person", post.holder), post.holder, node, post.body,
                             post.spans[0] if post.spans else None, None)
        for ro in getattr(self.ex, "role_owners", []):
            node = self.node("role-owner", ro.key)
            self.g.add((node, RDF.type, REM.RoleOwner))
            self.add(node, RDFS.label, ro.phrase)
            if ro.body:
                self.g.add((node, REM.worksFor, self.node("body", ro.body)))
            for span in ro.spans:
                self.provenance(node, span, None)

    def _post_node(self, node: URIRef, title: str, body_key: str | None) -> None:
        self.g.add((node, RDF.type, REM.Post))
        self.g.add((node, RDF.type, ORG.Post))
        self.add(node, RDFS.label, title)
        if body_key:
            self.g.add((node, REM.postIn, self.node("body", body_key)))

    def post(self, title: str, body_key: str | None, span: Span | None,
             doc: URIRef | None) -> URIRef:
        hit = self.resolve(title)
        if hit and hit[0] == "post":
            node = self.node("post", hit[1])
        else:
            node = self.iri("post", title, body_key)
            self._post_node(node, title, body_key)
        self.provenance(node, span, doc)
        return node

    def post_holder(self, title: str) -> tuple[str, str | None] | None:
        """(person key, body key) of whoever resolution says holds a post of this title."""
        want = normalise(title)
        for person in self.ex.people:
            for held in person.roles:
                if normalise(held.role) == want:
                    return person.key, held.body
        return None
