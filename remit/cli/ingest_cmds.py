"""Ingest commands: `remit ingest`, `remit sources`, `remit remove`.

Exit codes of `remit ingest`: 0 every file ingested (or unchanged), 1 some file rejected
(the others were ingested), 2 usage or store error (no given path exists, the store cannot
be opened or written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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


def _open(s, read_only: bool = False):  # type: ignore[no-untyped-def]
    """The store, with an OS failure (a path that is not a folder ...) as a user error."""
    try:
        return open_store(s, read_only=read_only)
    except OSError as exc:
        raise UserError(f"cannot open the store at {s.endpoint or s.store}: {exc}") from exc


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(
               help="Pack files, or folders (their .txt, .pdf and .html files).")],
           store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False,
           figures: Annotated[bool, typer.Option(
               "--figures/--no-figures",
               help="After the write, compute the officers' whole-graph figures and save "
               "them beside the store, so no page waits for them.")] = True) -> None:
    """Extract packs and load each into its own named graph, atomically."""
    from ingest.load import ingest_paths

    with user_errors():
        if not any(p.exists() for p in paths):
            raise UserError(f"nothing to ingest: {', '.join(map(str, paths))} not found")
        s = settings(store, endpoint)
        with _open(s) as st, _progress() as progress:
            report = ingest_paths(paths, st, s, progress=progress)
            if figures and report.packs:
                _precompute(st, s, quiet=json)
    for p in report.rejected:
        err.print(f"rejected: {p.error}", markup=False, soft_wrap=True)
    if json:
        print_json(report.to_json())
    else:
        _report_table(report)
    if report.rejected:
        raise typer.Exit(1)


def _precompute(st: Any, s: Any, quiet: bool) -> None:
    """The officers' figures of the new state; a failure here loses nothing (the packs are
    committed, and the app computes the figures on its first request instead)."""
    from graph.store import StoreError
    from queryapi.figures import precompute

    try:
        seconds = precompute(st, s.today())
    except (StoreError, OSError) as exc:
        err.print(f"warning: the officers' figures were not computed ({exc}); the app will "
                  "compute them on its first request", markup=False)
        return
    if seconds is not None and not quiet:
        err.print(f"officers' figures computed and saved in {seconds:.1f} s", markup=False,
                  highlight=False)


class _progress:
    """A rich progress bar on a terminal; one plain line per file otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = None
        self.task = None
        if err.is_terminal:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), console=err, transient=True)
            self.bar.__enter__()
        return self.update

    def update(self, name: str, done: int, total: int) -> None:
        if self.bar is None:
            if name:
                err.print(f"[{done + 1}/{total}] {name}", markup=False, highlight=False)
            return
        if self.task is None:
            self.task = self.bar.add_task("ingest", total=total)
        self.bar.update(self.task, completed=done, description=name or "done")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _report_table(report) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    packs = Table("file", "status", "triples", "warnings", "merges", title="packs")
    for p in report.packs:
        packs.add_row(p.name, p.status, str(p.triples), str(len(p.warnings)), str(p.merges))
    out.print(packs)
    kinds = Table("kind", "new", "updated", "unchanged", title="nodes by kind")
    for kind, c in report.totals().items():
        if any(c.values()):
            kinds.add_row(kind, str(c["new"]), str(c["updated"]), str(c["unchanged"]))
    out.print(kinds)
    data = report.to_json()
    out.print(f"{len(report.packs) - data['rejected']} ingested, {data['rejected']} rejected, "
              f"{data['warnings']} warnings, {data['merges']} merges", markup=False)
    for p in report.packs:
        if getattr(p, "relinked", None):
            # other packs rewritten in the same transaction (their recommendations joined)
            out.print(f"{p.name}: recommendations joined with {', '.join(p.relinked)}",
                      markup=False)


@app.command("sources")
def list_sources(store: StoreOpt = None, endpoint: EndpointOpt = None,
                 json: JsonOpt = False) -> None:
    """List the ingested packs: file name, sha256, when, triples, graph IRI."""
    from dataclasses import asdict

    from ingest.load import sources

    with user_errors(), _open(settings(store, endpoint), read_only=True) as st:
        found = sources(st)
    if json:
        print_json([asdict(s) for s in found])
        return
    from rich.table import Table

    t = Table("file", "sha256", "ingested", "triples", "graph")
    for s in found:
        t.add_row(s.name, s.sha256[:12], s.ingested_at, str(s.triples), s.iri)
    out.print(t)
    err.print(f"{len(found)} sources")


@app.command()
def remove(source: Annotated[str, typer.Argument(help="File name or graph IRI of a pack.")],
           store: StoreOpt = None, endpoint: EndpointOpt = None, json: JsonOpt = False) -> None:
    """Withdraw one pack's graph (and its inferred triples), atomically."""
    from ingest.load import remove_source
    from ingest.sources import UnknownSourceError
    with user_errors():
        s = settings(store, endpoint)
        with _open(s) as st:
            try:
                gone = remove_source(st, source, s)
            except UnknownSourceError as exc:
                raise UserError(str(exc)) from exc
    if json:
        print_json({"removed": gone.name, "iri": gone.iri, "triples": gone.triples})
    else:
        err.print(f"removed {gone.name}: {gone.triples} triples ({gone.iri})", markup=False,
                  soft_wrap=True)
