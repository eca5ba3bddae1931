"""Store commands: load, query, stats, settings (validate is added by graph/validation)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from graph.settings import documented
from graph.store import Rows, open_store
from remit.cli.common import (
    EndpointOpt,
    JsonOpt,
    StoreOpt,
    UserError,
    app,
    err,
    out,
    print_json,
    settings,
    user_errors,
)


@app.command()
def load(file: Annotated[Path, typer.Argument(help="RDF file (.ttl, .nt, .nq, .trig, .rdf).")],
         graph: Annotated[str | None, typer.Option(help="Named graph IRI to load into.")] = None,
         store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Load an RDF file into the store, atomically."""
    from rdflib import URIRef

    with user_errors():
        if not file.is_file():
            raise UserError(f"{file}: no such file")
        with open_store(settings(store, endpoint)) as st:
            added = st.load_file(file, URIRef(graph) if graph else None)
            total = st.count()
        if json:
            print_json({"file": str(file), "added": added, "total": total})
        else:
            err.print(f"loaded {file}: {added} quads added, {total} in the store")


#: What `remit query` asks the engine for, by --format: results first, else a graph.
ACCEPT = {
    "table": "application/sparql-results+json, text/turtle",
    "json": "application/sparql-results+json, application/ld+json",
    "csv": "text/csv, text/turtle",
    "tsv": "text/tab-separated-values, text/turtle",
    "turtle": "text/turtle, application/sparql-results+json",
}


@app.command()
def query(sparql: Annotated[str, typer.Argument(help="SPARQL query text, or @FILE to read it.")],
          format: Annotated[str, typer.Option(
              "--format", "-f", help="table, csv, tsv, json or turtle.")] = "table",
          timeout: Annotated[float | None, typer.Option(
              "--timeout", help="Time limit in seconds [env REMIT_QUERY_TIMEOUT].")] = None,
          store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Run a SPARQL query against the store and print the result.

    The query runs in a worker process that is killed at the time limit, so a runaway
    query ends with an error (exit 2) instead of hanging the terminal."""
    from graph.results import JSON_RESULTS, as_result
    from graph.workers import QueryPool

    with user_errors():
        if sparql.startswith("@"):
            path = Path(sparql[1:])
            if not path.is_file():
                raise UserError(f"{path}: no such query file")
            sparql = path.read_text(encoding="utf-8")
        fmt = "json" if json else format
        if fmt not in ACCEPT:
            raise UserError(f"unknown --format {fmt!r}; use one of {', '.join(ACCEPT)}")
        s = settings(store, endpoint, query_timeout=timeout)
        with QueryPool(s, size=1, row_cap=0) as pool:
            res = pool.run(sparql, ACCEPT[fmt])
        if fmt != "table" or res.media_type != JSON_RESULTS:
            sys.stdout.buffer.write(res.body if res.body.endswith(b"\n") else res.body + b"\n")
            sys.stdout.buffer.flush()
            return
        result = as_result(res)
        if isinstance(result, bool):
            out.print("true" if result else "false")
        elif isinstance(result, Rows):
            _table(result)


def _table(rows: Rows) -> None:
    from rich.table import Table

    t = Table(*rows.vars)
    for r in rows:
        t.add_row(*[str(r.get(v, "")) for v in rows.vars])
    out.print(t)
    err.print(f"{len(rows)} rows")


@app.command()
def stats(store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Counts: quads, named graphs, and entities by class."""
    from graph.stats import store_stats

    with user_errors(), open_store(settings(store, endpoint), read_only=True) as st:
        data = store_stats(st)
    if json:
        print_json(data)
        return
    out.print(f"quads: {data['quads']}  graphs: {data['graphs']}")
    for cls, n in data["classes"].items():
        out.print(f"  {n:7d}  {cls}")


@app.command("settings")
def show_settings(json: JsonOpt = False) -> None:
    """List every setting with its environment variable, default and help."""
    rows = documented()
    if json:
        print_json([{"env": e, "default": d, "help": h} for e, d, h in rows])
        return
    for env, default, help_ in rows:
        out.print(f"{env} [{default}]\n    {help_}", markup=False)
