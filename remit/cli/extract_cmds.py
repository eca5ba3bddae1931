"""`remit extract PATH [--json]`: extraction on its own, without the store.

With ``--json`` it prints the records in the gold schema (see ``ingest/jsonout.py``) so an
extraction can be scored with ``score_extraction.py``; without, a readable table of counts
per kind, the merges and the warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from remit.cli.common import JsonOpt, UserError, app, err, out, print_json, user_errors

_KINDS = ("bodies", "people", "meetings", "agenda_items", "declarations", "resolutions",
          "reports", "inspections", "recommendations", "actions", "further_areas",
          "implementation_plan", "work_programme", "task_groups", "key_decisions")


@app.command()
def extract(path: Annotated[Path, typer.Argument(help="A pack: .txt, .pdf or .html file.")],
            json: JsonOpt = False,
            merges: Annotated[bool, typer.Option(
                "--merges", help="List every merge with its rule and evidence.")] = False
            ) -> None:
    """Extract one pack's records (no store) and print them or a summary."""
    from rich.table import Table

    from ingest.jsonout import to_gold_json
    from ingest.pipeline import extract_pack

    with user_errors():
        if not path.is_file():
            raise UserError(f"{path}: no such file")
        data = to_gold_json(extract_pack(path))
    if json:
        print_json(data)
        return
    t = Table("kind", "count", title=f"{path.name} ({data['source']['sha256'][:12]})")
    for kind in _KINDS:
        t.add_row(kind, str(len(data[kind])))
    t.add_row("judgements", str(sum(len(i["judgements"]) for i in data["inspections"])))
    t.add_row("merges", str(len(data["merges"])))
    t.add_row("unresolved", str(len(data["unresolved"])))
    t.add_row("warnings", str(len(data["warnings"])))
    out.print(t)
    if merges:
        names = {x["key"]: x["name"] for kind in ("bodies", "people") for x in data[kind]}
        names.update({p["key"]: f"post: {p['title']}" for p in data["posts"]})
        mt = Table("as written", "resolved to", "rule", "evidence", "line", title="merges")
        for m in data["merges"]:
            mt.add_row(m["as_written"], names.get(m["entity_key"], m["entity_key"]), m["rule"],
                       m["evidence"], str(m["line"] or ""))
        for m in data["unresolved"]:
            mt.add_row(m["as_written"], "(left unmerged)", m["rule"], m["evidence"],
                       str(m["line"] or ""))
        out.print(mt)
    for w in data["warnings"][:50]:
        err.print(f"warning: {w['message']}", markup=False)
