"""Operations on the store as a whole: export, backup, restore, compact."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef

from graph.backup import backup_store, restore_store
from graph.store import open_store
from remit.cli.common import (
    EndpointOpt,
    JsonOpt,
    StoreOpt,
    UserError,
    app,
    err,
    print_json,
    settings,
    user_errors,
)


@app.command()
def export(nquads: Annotated[bool, typer.Option(
               "--nquads", help="N-Quads: every triple with its graph (the only format).")] = True,
           graph: Annotated[str | None, typer.Option(
               "--graph", help="Export only this named graph (IRI).")] = None,
           out: Annotated[Path | None, typer.Option(
               "--out", "-o", help="Write to FILE (atomically) instead of stdout.")] = None,
           store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Export the store (one named graph per source document) as N-Quads."""
    with user_errors():
        if json and out is None:
            raise UserError("--json needs --out FILE: stdout carries the N-Quads")
        name = URIRef(graph) if graph else None
        with open_store(settings(store, endpoint), read_only=True) as st:
            if name is not None and name not in st.graph_names():
                raise UserError(f"no graph {graph} in the store; `remit stats` lists them")
            if out is None:
                st.dump(sys.stdout.buffer, "application/n-quads", name)
                sys.stdout.buffer.flush()
                return
            tmp = out.with_name(f".{out.name}.tmp")
            with open(tmp, "wb") as fh:
                st.dump(fh, "application/n-quads", name)
            os.replace(tmp, out)
            quads = st.count(name)
        if json:
            print_json({"out": str(out), "graph": graph, "quads": quads})
        else:
            err.print(f"exported {quads} quads to {out}", markup=False)


@app.command()
def backup(target: Annotated[Path, typer.Argument(help="New directory for the backup.")],
           store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Copy the newest committed state of the embedded store (safe during an ingest)."""
    with user_errors():
        quads = backup_store(settings(store, endpoint), target)
    if json:
        print_json({"backup": str(target), "quads": quads})
    else:
        err.print(f"backed up {quads} quads to {target}", markup=False)


@app.command()
def restore(source: Annotated[Path, typer.Argument(help="A directory made by `remit backup`.")],
            store: StoreOpt = None, endpoint: EndpointOpt = None,
            json: JsonOpt = False) -> None:
    """Replace the embedded store by a backup, atomically (readers see old, then new)."""
    with user_errors():
        if not source.is_dir():
            raise UserError(f"{source}: no such backup directory")
        s = settings(store, endpoint)
        quads = restore_store(s, source)
    if json:
        print_json({"restored": str(source), "store": str(s.store), "quads": quads})
    else:
        err.print(f"restored {quads} quads from {source} into {s.store}", markup=False)


@app.command()
def compact(store: StoreOpt = None, endpoint: EndpointOpt = None,
            json: JsonOpt = False) -> None:
    """Merge the embedded store's files after a large load or restore: faster reads."""
    import time

    from graph.embedded import EmbeddedStore

    with user_errors():
        s = settings(store, endpoint)
        if s.endpoint:
            raise UserError(f"`remit compact` works on the embedded store; the SPARQL server "
                            f"at {s.endpoint} compacts its own files")
        if not (Path(s.store) / "CURRENT").is_file():
            raise UserError(f"{s.store}: no Remit store here (nothing has been ingested or "
                            "loaded)")
        t0 = time.perf_counter()
        st = EmbeddedStore(s.store)  # the writer lock: refused while a writer runs
        try:
            snapshot = st.compact()
        finally:
            st.close()
        seconds = round(time.perf_counter() - t0, 2)
    if json:
        print_json({"store": str(s.store), "snapshot": snapshot, "seconds": seconds})
    else:
        err.print(f"compacted {s.store} in {seconds} s (snapshot {snapshot})", markup=False)
