"""Content negotiation for /sparql, /store and entity pages: Accept with q-values, and a
``format=`` fallback for browsers that cannot set headers.

A query's form (SELECT/ASK vs CONSTRUCT/DESCRIBE) decides which media types are possible;
:func:`query_form` reads it from the prologue without evaluating anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from queryapi.errors import ApiError

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"
JSONLD = "application/ld+json"
HTML = "text/html"

#: Media types per result kind, the default first.
RESULT_TYPES = (RESULTS_JSON, RESULTS_XML, CSV, TSV)
GRAPH_TYPES = (TURTLE, NTRIPLES, RDFXML, JSONLD)

#: ``format=`` names (and the media types clients often send instead) → media type.
FORMATS = {"json": RESULTS_JSON, "xml": RESULTS_XML, "csv": CSV, "tsv": TSV,
           "turtle": TURTLE, "ttl": TURTLE, "ntriples": NTRIPLES, "nt": NTRIPLES,
           "rdfxml": RDFXML, "jsonld": JSONLD, "html": HTML}
#: Graph formats when ``format=json``/``xml`` is asked of a CONSTRUCT.
GRAPH_ALIASES = {RESULTS_JSON: JSONLD, RESULTS_XML: RDFXML}
ALIASES = {"application/json": RESULTS_JSON, "application/xml": RESULTS_XML,
           "text/xml": RESULTS_XML, "application/x-turtle": TURTLE, "text/plain": NTRIPLES,
           "application/json+ld": JSONLD}


@dataclass(frozen=True)
class Range:
    type: str
    sub: str
    q: float
    order: int

    def matches(self, media: str) -> bool:
        t, _, s = media.partition("/")
        return (self.type in ("*", t)) and (self.sub in ("*", s))

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.sub != "*")


def parse_accept(header: str | None) -> list[Range]:
    """Accept ranges, best first (by q, then specificity, then order)."""
    ranges = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = ALIASES.get(fields[0].lower(), fields[0].lower())
        if "/" not in media:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(Range(t, s, q, i))
    return sorted(ranges, key=lambda r: (-r.q, -r.specificity, r.order))


def choose(accept: str | None, offered: tuple[str, ...], fmt: str | None = None) -> str:
    """The media type to send: ``format=`` first, else the best Accept match, else 406."""
    if fmt:
        media = FORMATS.get(fmt.lower(), ALIASES.get(fmt.lower(), fmt.lower()))
        if offered == GRAPH_TYPES:
            media = GRAPH_ALIASES.get(media, media)
        if media in offered:
            return media
        raise ApiError(406, f"format={fmt!r} is not available here; use one of "
                       f"{', '.join(_names(offered))}")
    if accept is not None and len(accept) > _CACHED_ACCEPT:
        return _best(accept, offered)
    return _best_cached(accept, offered)


#: Longest Accept header whose choice is remembered: clients send the same few headers,
#: and parsing one was 3 % of the HTTP process's CPU on a lookup; a long or odd one is
#: parsed each time, so what a client sends cannot fill memory.
_CACHED_ACCEPT = 512


def _best(accept: str | None, offered: tuple[str, ...]) -> str:
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen = ""
    for i, media in enumerate(offered):
        matching = [r for r in ranges if r.matches(media)]
        if not matching:
            continue
        r = max(matching, key=lambda r: (r.specificity, r.q))  # the most specific range
        score = (r.q, -r.order, -i)  # then the client's order, then ours (default first)
        if r.q > 0 and (best is None or score > best):
            best, chosen = score, media
    if not chosen:
        raise ApiError(406, f"none of the accepted media types ({accept}) can be produced; "
                       f"available: {', '.join(offered)}")
    return chosen


_best_cached = lru_cache(maxsize=128)(_best)


def _names(offered: tuple[str, ...]) -> list[str]:
    return [k for k, v in FORMATS.items() if v in offered and k not in ("ttl", "nt")]


def wants_html(accept: str | None) -> bool:
    """True when a browser asks for HTML ahead of the RDF and JSON types."""
    ranges = parse_accept(accept)
    for r in ranges:
        if r.type == "text" and r.sub == "html":
            return True
        if r.type != "*" and r.sub != "*":
            return False
    return False


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, read past the prologue (BASE, PREFIX, comments);
    '' if the text does not start like a query (the parser will then say why)."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c.isspace():
            i += 1
        elif c == "#":
            while i < n and sparql[i] not in "\r\n":
                i += 1
        elif c == "<":  # the IRI of a BASE or PREFIX declaration
            end = sparql.find(">", i)
            i = n if end < 0 else end + 1
        else:
            j = i
            while j < n and not sparql[j].isspace() and sparql[j] not in "<#{*?$(":
                j += 1
            word = sparql[i:j].upper()
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                return word
            if word not in ("BASE", "PREFIX") and not word.endswith(":"):
                return ""
            i = j if j > i else i + 1
    return ""
