"""What the endpoint refuses before anything is evaluated: oversize text, SERVICE and LOAD
(the endpoint never fetches URLs or reads files), and writes without the right token.

SERVICE and LOAD are found by parsing (rdflib's SPARQL grammar) and walking the parse tree,
not by pattern-matching the text. The parse costs milliseconds, so it runs only when the
keyword could be present at all: the text, with SPARQL's ``\\u`` escapes decoded, contains
``service`` or ``load`` in any case. A query rdflib cannot parse that names the keyword is
refused too: refusing a rare valid query beats evaluating an unchecked SERVICE.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from queryapi.errors import ApiError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORBIDDEN = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


def check_size(text: str | bytes, limit: int) -> None:
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if limit and size > limit:
        raise ApiError(413, f"query text is {size} bytes, over the {limit} byte limit "
                       "(setting REMIT_MAX_QUERY_BYTES)")


def _decoded(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _walk(node: Any, seen: set[int] | None = None) -> str | None:
    """The first forbidden operation in an rdflib parse tree, else None."""
    from rdflib.plugins.sparql.parserutils import CompValue

    seen = seen if seen is not None else set()
    if id(node) in seen:
        return None
    seen.add(id(node))
    if isinstance(node, CompValue):
        if node.name in _FORBIDDEN:
            return _FORBIDDEN[node.name]
        children = list(node.values())
    elif isinstance(node, dict):
        children = list(node.values())
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        children = list(node)
    else:
        return None
    for child in children:
        found = _walk(child, seen)
        if found:
            return found
    return None


_SERVICE = re.compile(r"\bservice\b")
_LOAD = re.compile(r"\bload\b")
_FROM = re.compile(r"\bfrom\b")


def refuse_remote(text: str, *, update: bool = False) -> None:
    """400 if the query or update uses SERVICE (or LOAD): checked before evaluation."""
    inspect(text, update=update)


def inspect(text: str, *, update: bool = False) -> Dataset:
    """Refuse SERVICE/LOAD (400) and return the query's FROM / FROM NAMED graphs, which the
    endpoint passes to the store as the dataset: they select stored graphs, never fetched."""
    decoded = _decoded(text)
    lowered = decoded.lower()
    # whole words only: 'rem:fromInspection' must not send every join through the parser;
    # a keyword inside a string or comment only costs a parse, never lets anything through
    risky = bool(_SERVICE.search(lowered) or (update and _LOAD.search(lowered)))
    if not risky and (update or not _FROM.search(lowered)):
        return Dataset()
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseUpdate(decoded) if update else parseQuery(decoded)
    except Exception:  # any parse failure: we cannot prove it is safe
        if risky:
            raise ApiError(400, "this query mentions SERVICE or LOAD and could not be checked; "
                           "this endpoint never calls other services or loads URLs") from None
        return Dataset()  # not a query rdflib reads: the engine's parser will say why
    found = _walk(tree)
    if found:
        raise ApiError(400, f"{found} is not allowed: this endpoint answers from its own "
                       "store only and never fetches URLs or reads files")
    return Dataset() if update else _dataset(tree)


@dataclass(frozen=True)
class Dataset:
    """FROM (``default``) and FROM NAMED (``named``) graphs; both None when not given."""

    default: list[URIRef] | None = None
    named: list[URIRef] | None = None


def _dataset(tree: Any) -> Dataset:
    from rdflib.plugins.sparql.algebra import translatePrologue

    query = tree[1] if len(tree) > 1 else {}
    # CompValue.get returns the key itself when absent, hence the membership tests
    if "datasetClause" not in query or not query["datasetClause"]:
        return Dataset()
    clauses = query["datasetClause"]
    if not clauses:
        return Dataset()
    prologue = translatePrologue(tree[0], None)
    default: list[URIRef] = []
    named: list[URIRef] = []
    for c in clauses:
        which, term = (default, c["default"]) if "default" in c else (named, c["named"])
        which.append(URIRef(prologue.absolutize(term)))
    return Dataset(default, named)


def check_write(authorization: str | None, token: str | None) -> None:
    """403 when writes are off (no token configured); 401 when the bearer is missing or wrong.

    The token is compared in constant time and never echoed, logged or put in an error.
    """
    if not token:
        raise ApiError(403, "this endpoint is read-only: updates and graph writes are disabled "
                       "(set REMIT_UPDATE_TOKEN to enable them)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             token.encode()):
        raise ApiError(401, "a valid 'Authorization: Bearer <token>' header is required "
                       "for updates", headers={"WWW-Authenticate": 'Bearer realm="remit"'})
