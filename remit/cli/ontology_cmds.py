"""Ontology commands: `remit validate` (SHACL) and `remit questions` (competency questions).

Exit codes of validate, as pySHACL's: 0 the graph conforms, 1 it does not, 2 an error.
"""

from __future__ import annotations

import typer

from graph.store import open_store
from remit.cli.common import (
    EndpointOpt,
    JsonOpt,
    StoreOpt,
    app,
    err,
    out,
    print_json,
    settings,
    user_errors,
)


@app.command()
def validate(store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Check the graph against the SHACL shapes (exit 0 conforms, 1 does not, 2 error)."""
    from graph.validation import validate as run

    with user_errors(), open_store(settings(store, endpoint), read_only=True) as st:
        report = run(st)
    if json:
        print_json(report.as_dict())
    else:
        for r in report.results:
            out.print(f"{r.severity}: {r.focus}", markup=False)
            if r.path:
                out.print(f"    path: {r.path}", markup=False)
            out.print(f"    {r.message}", markup=False)
        if report.conforms:
            err.print("conforms: every shape is satisfied")
        else:
            err.print(f"does not conform: {len(report.results)} violation(s)")
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def questions(json: JsonOpt = False) -> None:
    """List the competency questions (ontology/competency/*.rq) with their ids."""
    from graph.competency import load_questions

    with user_errors():
        qs = load_questions()
    if json:
        print_json([{"id": q.id, "title": q.title, "question": q.question,
                     "parameters": q.parameters, "path": str(q.path)} for q in qs])
        return
    for q in qs:
        out.print(f"{q.id}  {q.title}\n    {q.question}", markup=False)
