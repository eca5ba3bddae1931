"""Bind parameters to a query as a VALUES block built from terms, never pasted text.

User input is never pasted into query text: each value is an rdflib term written by
:func:`term_text`, which escapes it so that no string can end the literal early or change
the query's meaning. The bound variables need not be projected (pyoxigraph's
``substitutions`` would need them projected, and a remote server has none).

Why the escaping is more than N-Triples': SPARQL (§19.2) lets a parser replace ``\\uXXXX``
escapes anywhere in the query text *before* parsing. A value holding a backslash followed
by ``u0022`` must not become a quote, so a ``u``/``U`` after a backslash is itself written
as an escape (``\\u0075``); every reading of the text, escape-aware or not, gives back the
original characters. The block goes at the start of the WHERE group (see
:func:`_where_brace`), or after the query when it has no WHERE keyword. The same writer
serves SPARQL Update (``graph/updates.py``) and the N-Quads that ``remit export`` prints.

>>> from rdflib import Literal, URIRef
>>> term_text(Literal('say "hi"\\n'))
'"say \\\\"hi\\\\"\\\\n"'
>>> with_values("SELECT ?s { ?s ?p ?o }", {"o": URIRef("urn:x")})
'SELECT ?s { ?s ?p ?o }\\nVALUES (?o) { (<urn:x>) }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BNODE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
# Characters that could end an IRI or the query early, and every control character: one
# pattern (a per-character Python loop cost seconds per large pack).
_BAD_IRI_RE = re.compile(r'[<>"{}|^`\\ \x00-\x1f]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
          "\b": "\\b", "\f": "\\f"}
_ESCAPE = re.compile(r'[\\"\n\r\t\b\f]')


class BindingError(ValueError):
    """A parameter cannot be bound (bad variable name or unsupported value)."""


def iri_text(value: str) -> str:
    """``<iri>``, refusing characters that could end the IRI or the query early."""
    s = str(value)
    if not s or _BAD_IRI_RE.search(s):
        raise BindingError(f"not a valid IRI: {s!r}")
    return f"<{s}>"


def string_text(value: str) -> str:
    """A double-quoted string literal safe in SPARQL, N-Triples and N-Quads."""
    body = _ESCAPE.sub(lambda m: _ECHAR[m.group(0)], value)
    # a backslash written as \\ followed by u/U: write that letter as \u0075 / \u0055
    body = re.sub(r"(?<=\\\\)([uU])", lambda m: f"\\u{ord(m.group(1)):04X}", body)
    return f'"{body}"'


def term_text(value: Identifier, *, allow_bnode: bool = False) -> str:
    """One term as SPARQL / N-Triples text."""
    if isinstance(value, BNode):
        if not allow_bnode:
            raise BindingError("blank nodes cannot be bound")
        label = str(value)
        if not _BNODE.fullmatch(label) or label.endswith("."):
            label = "b" + re.sub(r"[^A-Za-z0-9_]", "_", label)
        return f"_:{label}"
    if isinstance(value, URIRef):
        return iri_text(value)
    if isinstance(value, Literal):
        text = string_text(str(value))
        if value.language:
            if not _LANG.fullmatch(value.language):
                raise BindingError(f"bad language tag {value.language!r}")
            return f"{text}@{value.language.lower()}"  # as Oxigraph stores it (RDF 1.1 §3.3)
        if value.datatype and str(value.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^{iri_text(value.datatype)}"
        return text
    raise BindingError(f"cannot bind {value!r}; use URIRef or Literal")


def with_values(query: str, bindings: Mapping[str, Identifier | Sequence[Identifier]]) -> str:
    """``query`` plus ``VALUES (?a ?b) { (t1 t2) }``; a sequence binds a variable to any of
    several terms."""
    if not bindings:
        return query
    names = list(bindings)
    for n in names:
        if not _VAR.fullmatch(n):
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
    block = f"VALUES ({head}) {{ {body} }}"
    at = _where_brace(query)
    if at is None:
        return f"{query}\n{block}"
    return f"{query[:at + 1]}\n  {block}\n{query[at + 1:]}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _where_brace(query: str) -> int | None:
    """Index of the brace opening the query's WHERE group, outside IRIs, strings and comments.

    Bindings go there rather than after the solution modifiers: a trailing VALUES is joined
    after GROUP BY and HAVING and outside the group's FILTERs, so ``FILTER(?due < ?asOf)`` or
    an aggregate restricted to ``?body`` would not see the bound value.
    """
    masked = re.sub(r'<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*',
                    lambda m: " " * len(m.group(0)), query)
    m = _WHERE.search(masked)
    if m:
        return m.end() - 1
    return None
