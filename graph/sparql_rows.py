"""SELECT results as tables of plain strings, and several queries read at once where the
reader can run them side by side.

Why CSV: the projections need each value's string only (an IRI, or a literal's lexical
form). The engine writes CSV as fast as JSON, but Python reads it in half the time (no
object per value), and the query workers pass it through without the JSON parse they do to
count rows. CSV writes an unbound value and an empty literal alike, as ""; callers tell the
branches of a UNION apart by columns that cannot be empty (IRIs, constants). A result CSV
cannot carry exactly (an IRI with a comma) is read again as JSON.

Why concurrently: pyoxigraph evaluates a query on one core and holds the GIL, so threads
gain nothing on an embedded store; but a reader backed by the query worker pool (the
app's ``PooledReader``, which exposes its ``pool``) runs each query in its own process, so
independent queries sent together use every worker.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from graph.store import StoreError

CSV = "text/csv"
JSON = "application/sparql-results+json"
#: CSV first; JSON for a remote server that does not write CSV.
ACCEPT = f"{CSV}, {JSON};q=0.5"


class ResultsFormatError(StoreError):
    """The store answered a SELECT in a form other than CSV or SPARQL JSON results."""


@dataclass(frozen=True)
class Table:
    """A SELECT result: the variables, and one list of strings per solution ("" unbound)."""

    vars: list[str]
    rows: list[list[str]]

    def __len__(self) -> int:
        return len(self.rows)


def parse(body: bytes, media_type: str) -> Table:
    """A serialised SELECT result (CSV or SPARQL JSON) as a :class:`Table`."""
    media = media_type.split(";")[0].strip().lower()
    if media == CSV:
        return _csv(body.decode("utf-8"))
    if media == JSON:
        data = json.loads(body)
        names = list(data["head"]["vars"])
        return Table(names, [[b[v]["value"] if v in b else "" for v in names]
                             for b in data["results"]["bindings"]])
    raise ResultsFormatError(f"the store answered a SELECT as {media_type!r}; it must "
                             f"offer {CSV} or {JSON} (check the SPARQL server's formats)")


def _csv(text: str) -> Table:
    """CSV rows; split directly when no value was quoted and lines end in CRLF as the
    standard has them (three times faster than the csv module, and exact: a literal holding
    a comma, quote or line break is always quoted; IRIs are checked in :func:`table`)."""
    if '"' not in text and "\r\n" in text:
        lines = text.split("\r\n")
        if lines[-1] == "":  # the last row's line break
            lines.pop()
        header = lines[0].split(",") if lines and lines[0] else []
        return Table(header, [line.split(",") for line in lines[1:]])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    return Table(header, [r or [""] for r in reader])  # [] is one unbound value


def table(store: Any, query: str) -> Table:
    """One SELECT query's result as strings; ``store`` needs only ``query_serialized``.

    Oxigraph writes an IRI holding a comma into CSV unquoted, which splits it; such a row
    has more values than the header, and the query is read again as JSON."""
    out = store.query_serialized(query, ACCEPT)
    t = parse(out.body, out.media_type)
    if out.media_type.startswith(CSV) and set(map(len, t.rows)) - {len(t.vars)}:
        out = store.query_serialized(query, JSON)
        t = parse(out.body, out.media_type)
    return t


def parallelism(store: Any) -> int:
    """How many queries ``store`` can evaluate at once: the size of the worker pool behind
    it, else 1 (an embedded or remote store queried in this process)."""
    size = getattr(getattr(store, "pool", None), "size", 1)
    return size if isinstance(size, int) and size > 1 else 1


def tables(store: Any, queries: Sequence[str]) -> list[Table]:
    """Each query's result, in the order given; run side by side on a pooled reader (list
    the slowest first, so they start first)."""
    workers = min(parallelism(store), len(queries))
    if workers <= 1:
        return [table(store, q) for q in queries]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="projection") as ex:
        return list(ex.map(lambda q: table(store, q), queries))
