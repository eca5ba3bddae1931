"""SELECT results as tables of plain strings, and several queries read at once where the
reader can run them side by side.

Why CSV: the projections need each value's string only (an IRI, or a literal's lexical
form). The engine writes CSV as fast as JSON, but Python reads it in half the time (no
object per value), and the query workers pass it through without the JSON parse they do to
count rows. CSV writes an unbound value and an empty literal alike, as ""; callers tell the
branches of a UNION apart by columns that cannot be empty (IRIs, constants).

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
        reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
        header = next(reader, [])
        return Table(header, [r for r in reader if r])
    if media == JSON:
        data = json.loads(body)
        names = list(data["head"]["vars"])
        return Table(names, [[b[v]["value"] if v in b else "" for v in names]
                             for b in data["results"]["bindings"]])
    raise ResultsFormatError(f"the store answered a SELECT as {media_type!r}; it must "
                             f"offer {CSV} or {JSON} (check the SPARQL server's formats)")


def table(store: Any, query: str) -> Table:
    """One SELECT query's result as strings; ``store`` needs only ``query_serialized``."""
    out = store.query_serialized(query, ACCEPT)
    return parse(out.body, out.media_type)


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
