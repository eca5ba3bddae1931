"""One node per real person, and posts linked to the people who hold them.

Packs write a person in full with a title in one place ("Councillor Jane Quill") and as
initials plus surname in another ("J Quill"). Uses with the same surname and compatible
initials (and no conflicting given name) are one person; the fullest form, without title,
is the name and the others are aliases. A surname-only use that fits several people is
reported, not guessed. Keys follow docs/model.md: ``key_for(surname, first initial)``, with
the given names added only when two people of the pack would collide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.names import (
    PersonName,
    content_words,
    initials_compatible,
    parse_person,
    surname_key,
)
from ingest.records import Merge, Person, Post, RoleHeld, Span
from ontology.namespaces import key_for, normalise


@dataclass
class PersonUse:
    """One occurrence of a person's name, with the role and body the text gives there."""

    text: str
    span: Span | None = None
    role: str | None = None
    body: str | None = None  # body key, once bodies are resolved
    email: str | None = None
    title: str | None = None
    context: str = ""


@dataclass
class _Cluster:
    rep: PersonName
    uses: list[tuple[PersonUse, PersonName]] = field(default_factory=list)


@dataclass
class PeopleResult:
    people: list[Person]
    merges: list[Merge]
    unresolved: list[Merge]
    names: dict[str, str]  # as written -> person key


def _given_compatible(a: PersonName, b: PersonName) -> bool:
    """Given names agree where both are spelt out ('Irene' vs 'I' fine, 'Irene' vs 'Ian' not)."""
    if not initials_compatible(a.initials, b.initials):
        return False
    for x, y in zip(a.given, b.given, strict=False):
        if len(x) > 1 and len(y) > 1 and x.lower() != y.lower():
            return False
    return True


def resolve_people(uses: list[PersonUse]) -> PeopleResult:
    """Cluster person uses by surname and compatible initials."""
    groups: dict[str, list[tuple[PersonUse, PersonName]]] = {}
    for u in uses:
        pn = parse_person(u.text)
        if pn is not None:
            groups.setdefault(surname_key(pn), []).append((u, pn))
    clusters: list[_Cluster] = []
    merges: list[Merge] = []
    unresolved: list[Merge] = []
    pending: list[tuple[PersonUse, PersonName, _Cluster, str]] = []
    for _, items in sorted(groups.items()):
        items.sort(key=lambda x: (x[1].fullness, len(x[1].given)), reverse=True)
        mine: list[_Cluster] = []
        for u, pn in items:
            fits = [c for c in mine if _given_compatible(c.rep, pn)]
            if len(fits) == 1:
                fits[0].uses.append((u, pn))
                if pn.clean != fits[0].rep.clean:
                    why = "surname only" if not pn.initials else f"initials {pn.initials}"
                    pending.append((u, pn, fits[0], f"same surname; {why} agree with "
                                                       f"'{fits[0].rep.clean}'"))
            elif len(fits) > 1:
                unresolved.append(Merge(u.text, "", "ambiguous-person",
                                        "fits " + "; ".join(c.rep.clean for c in fits), u.span))
            else:
                c = _Cluster(rep=pn, uses=[(u, pn)])
                mine.append(c)
        clusters.extend(mine)
    keys = _keys(clusters)
    people, names = [], {}
    for c in clusters:
        key = keys[id(c)]
        people.append(_person(c, key))
        for u, _ in c.uses:
            names[u.text] = key
    seen: set[tuple[str, str]] = set()
    for u, _pn, c, ev in pending:
        if (u.text, keys[id(c)]) not in seen:
            seen.add((u.text, keys[id(c)]))
            merges.append(Merge(u.text, keys[id(c)], "initials", ev, u.span))
    return PeopleResult(people, merges, unresolved, names)


def _keys(clusters: list[_Cluster]) -> dict[int, str]:
    base: dict[int, str] = {}
    seen: dict[str, int] = {}
    for c in clusters:
        k = key_for(c.rep.surname, c.rep.initials[:1])
        base[id(c)] = k
        seen[k] = seen.get(k, 0) + 1
    for c in clusters:
        if seen[base[id(c)]] > 1:
            base[id(c)] = key_for(c.rep.surname, c.rep.initials, " ".join(c.rep.given))
    return base


def _person(c: _Cluster, key: str) -> Person:
    name = c.rep.clean
    aliases = sorted({u.text.strip() for u, _ in c.uses} - {name})
    title = next((pn.title or u.title for u, pn in c.uses if pn.title or u.title), None)
    email = next((u.email for u, _ in c.uses if u.email), None)
    roles: list[RoleHeld] = []
    seen: set[tuple[str, str | None]] = set()
    for u, _ in c.uses:
        if u.role and (normalise(u.role), u.body) not in seen:
            seen.add((normalise(u.role), u.body))
            roles.append(RoleHeld(u.role.strip(), u.body, u.span))
    spans = [u.span for u, _ in c.uses if u.span is not None]
    return Person(key=key, name=name, aliases=aliases, title=title, roles=roles, email=email,
                  spans=spans)


# --- posts -------------------------------------------------------------------------------


_CHAIR = frozenset({"chair", "chairman", "chairperson", "chairwoman"})


def post_matches(post: str, role: str) -> bool:
    """'the Strategic Director (Children, Families and Adults)' fits 'Strategic Director of
    Children, Families and Adults Services': the post's words all occur in the role's, or
    nearly all (one word of slack for longer titles)."""
    p, r = set(content_words(post)) - {"service"}, set(content_words(role)) - {"service"}
    if not p or not r:
        return False
    missing = len(p - r)
    return missing == 0 or (len(p) >= 4 and missing == 1)


def link_posts(posts: dict[str, list[tuple[str, Span | None]]], people: list[Person],
               body_key: str | None, chair_key: str | None = None
               ) -> tuple[list[Post], list[Merge], dict[str, str]]:
    """Make a Post per distinct post title; link it to the one person whose role fits."""
    out, merges, names = [], [], {}
    for title, uses in posts.items():
        key = key_for(title, body_key)
        holders = [p for p in people if any(post_matches(title, r.role) for r in p.roles)]
        holder = holders[0].key if len(holders) == 1 else None
        words = set(content_words(title))
        if holder is None and chair_key and words and words <= _CHAIR:
            holder, why = chair_key, "the meeting's chair"
        elif holder is not None:
            role = next(r for r in holders[0].roles if post_matches(title, r.role))
            line = f" (line {role.span.start})" if role.span else ""
            why = f"{holders[0].name}, '{role.role}'{line}"
        else:
            why = ""
        post = Post(key=key, title=title, body=body_key, holder=holder,
                    aliases=sorted({t for t, _ in uses} - {title}),
                    spans=[s for _, s in uses if s is not None])
        out.append(post)
        for text, _span in uses:
            names[text] = key
        if holder:
            merges.append(Merge(title, key, "post-holder", f"held by {why}",
                                uses[0][1] if uses else None))
    return out, merges, names
