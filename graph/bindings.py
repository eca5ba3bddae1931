"""Bind parameters to a parsed-safe query as a trailing VALUES block built from terms.

User input is never pasted into query text: each value is an rdflib term whose N-Triples
form escapes quotes, backslashes, newlines and ``>``; the block is appended after the
query's solution modifiers, where SPARQL 1.1 joins it with the WHERE pattern (so the bound
variables need not be projected). pyoxigraph's ``substitutions`` would need them projected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class BindingError(ValueError):
    """A parameter cannot be bound (bad variable name or unsupported value)."""


def term_text(value: Identifier) -> str:
    if isinstance(value, BNode):
        raise BindingError("blank nodes cannot be bound")
    if isinstance(value, URIRef):
        s = str(value)
        if any(c in s for c in '<>"{}|^`\\ \n\t'):
            raise BindingError(f"not a valid IRI: {s!r}")
        return f"<{s}>"
    if isinstance(value, Literal):
        return value.n3()
    raise BindingError(f"cannot bind {value!r}; use URIRef or Literal")


def with_values(query: str, bindings: Mapping[str, Identifier | Sequence[Identifier]]) -> str:
    """``query`` plus ``VALUES (?a ?b) { (t1 t2) }``; a sequence binds a variable to any of
    several terms."""
    if not bindings:
        return query
    names = list(bindings)
    for n in names:
        if not _VAR.match(n):
            raise BindingError(f"bad variable name {n!r}")
    columns: list[list[str]] = []
    for n in names:
        v = bindings[n]
        vals = [v] if isinstance(v, Identifier) else list(v)
        columns.append([term_text(x) for x in vals])
    rows: list[list[str]] = [[]]
    for col in columns:
        rows = [[*r, c] for r in rows for c in col]
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(r) + ")" for r in rows)
    return f"{query}\nVALUES ({head}) {{ {body} }}"
