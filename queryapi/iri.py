"""An absolute IRI as a parameter names a stored graph: RFC 3986's absolute URI, as one
regular expression that Python and the OpenAPI document (ECMA-262) read alike.

The SPARQL dataset parameters (``default-graph-uri``, ``named-graph-uri``) and the Graph
Store's ``graph=`` become RDF terms the store parses; a value the store cannot parse (``0:``,
``http://[0]/``) must be the client's 400 before it reaches the store, not the store's 503.
Characters outside ASCII are written percent-encoded (every graph the project names is
ASCII): RFC 3987's wider alphabet has private-use and non-character gaps above U+FFFF that
the document's regex dialect cannot state, and a class of 60,000 characters makes every
schemathesis draw take seconds. IP-literals are IPv6 (no IPvFuture). tests/test_openapi.py
checks, with Hypothesis, that Oxigraph parses every IRI this admits.
"""

from __future__ import annotations

import re

_UNRESERVED = r"A-Za-z0-9\-._~"
_PCT = "%[0-9A-Fa-f]{2}"
_SUB = "!$&'()*+,;="
_PCHAR = f"(?:[{_UNRESERVED}{_SUB}:@]|{_PCT})"
_H16 = "[0-9A-Fa-f]{1,4}"
_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_LS32 = rf"(?:{_H16}:{_H16}|{_OCTET}(?:\.{_OCTET}){{3}})"
#: RFC 3986's IPv6address, its nine forms in order.
_IPV6 = "(?:" + "|".join([
    f"(?:{_H16}:){{6}}{_LS32}",
    f"::(?:{_H16}:){{5}}{_LS32}",
    f"(?:{_H16})?::(?:{_H16}:){{4}}{_LS32}",
    f"(?:(?:{_H16}:){{0,1}}{_H16})?::(?:{_H16}:){{3}}{_LS32}",
    f"(?:(?:{_H16}:){{0,2}}{_H16})?::(?:{_H16}:){{2}}{_LS32}",
    f"(?:(?:{_H16}:){{0,3}}{_H16})?::{_H16}:{_LS32}",
    f"(?:(?:{_H16}:){{0,4}}{_H16})?::{_LS32}",
    f"(?:(?:{_H16}:){{0,5}}{_H16})?::{_H16}",
    f"(?:(?:{_H16}:){{0,6}}{_H16})?::"]) + ")"
_HOST = rf"(?:\[{_IPV6}\]|(?:[{_UNRESERVED}{_SUB}]|{_PCT})*)"
_AUTHORITY = f"(?:(?:[{_UNRESERVED}{_SUB}:]|{_PCT})*@)?{_HOST}(?::[0-9]*)?"
_PATH = f"(?:/{_PCHAR}*)*"
_HIER = f"(?://{_AUTHORITY}{_PATH}|/?(?:{_PCHAR}+{_PATH})?)"
_QUERY = rf"(?:\?(?:{_PCHAR}|[/?])*)?"
_FRAGMENT = f"(?:#(?:{_PCHAR}|[/?])*)?"

#: The pattern, anchored with ``$`` as JSON Schema writes it.
PATTERN = f"^[A-Za-z][A-Za-z0-9+.\\-]*:{_HIER}{_QUERY}{_FRAGMENT}$"
ABSOLUTE_IRI = re.compile(PATTERN.removesuffix("$") + r"\Z")


def is_absolute_iri(value: str) -> bool:
    """True when ``value`` is an absolute IRI the store will parse."""
    return ABSOLUTE_IRI.match(value) is not None
