"""`remit network` (projections to files) and `remit analyse` (accountability analytics)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from graph.store import open_store
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
def network(
    out_file: Annotated[Path, typer.Option("--out", help="File to write: .html, .gexf, "
                                           ".graphml, .cyjs or .json (node-link).")],
    view: Annotated[str, typer.Option(help="accountability, bodies or people.")] =
        "accountability",
    focus: Annotated[str | None, typer.Option(help="IRI: keep only its neighbourhood.")] = None,
    radius: Annotated[int, typer.Option(help="Neighbourhood radius around --focus.")] = 2,
    body: Annotated[str | None, typer.Option(help="IRI of a body to filter by.")] = None,
    person: Annotated[str | None, typer.Option(help="IRI of a person to filter by.")] = None,
    inspection: Annotated[str | None, typer.Option(help="IRI of an inspection.")] = None,
    timescale: Annotated[str | None, typer.Option(help="Timescale concept IRI.")] = None,
    status: Annotated[str | None, typer.Option(help="Status concept IRI.")] = None,
    store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False,
) -> None:
    """Write a network view of the graph (the accountability view by default)."""
    from graph.exports import write
    from graph.projections import Filters, project

    with user_errors():
        f = Filters(body=body, person=person, inspection=inspection, timescale=timescale,
                    status=status, focus=focus, radius=radius)
        with open_store(settings(store, endpoint), read_only=True) as st:
            try:
                g = project(st, view, f)
            except ValueError as exc:
                raise UserError(str(exc)) from exc
        try:
            write(g, out_file, title=f"Remit: {view} network")
        except ValueError as exc:
            raise UserError(str(exc)) from exc
    summary = {"out": str(out_file), "view": view, "nodes": g.number_of_nodes(),
               "edges": g.number_of_edges()}
    if json:
        print_json(summary)
    else:
        err.print(f"wrote {out_file}: {summary['nodes']} nodes, {summary['edges']} edges")


@app.command()
def analyse(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Reference date for overdue items (ISO) [REMIT_REFERENCE_DATE or today].")
    ] = None,
    store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False,
) -> None:
    """Owners' load, unowned and role-only recommendations, overdue items, centrality."""
    from graph.analytics import analyse as run

    with user_errors():
        s = settings(store, endpoint)
        try:
            when = dt.date.fromisoformat(as_of) if as_of else s.today()
        except ValueError as exc:
            raise UserError(f"--as-of {as_of!r}: not an ISO date (YYYY-MM-DD)") from exc
        with open_store(s, read_only=True) as st:
            data = run(st, when)
    if json:
        print_json(data)
        return
    out.print(f"As of {data['as_of']}", markup=False)
    out.print(f"Recommendations with no named owner: {len(data['no_owner'])}", markup=False)
    out.print(f"Actions owned by role only: {len(data['role_only_owners'])}", markup=False)
    out.print(f"Recommendations owned across agencies: {len(data['cross_agency'])}",
              markup=False)
    out.print(f"Overdue recommendations: {len(data['overdue'])}", markup=False)
    out.print("Owners by open actions:", markup=False)
    for r in data["open_load"][:15]:
        out.print(f"  {r['open']:4d}  {r.get('label') or r['owner']}", markup=False)
    out.print("Bodies receiving progress reports:", markup=False)
    for r in data["report_receivers"]:
        out.print(f"  {r['actions']:4d}  {r.get('label') or r['body']}", markup=False)
