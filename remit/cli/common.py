"""Shared pieces of the CLI: the app, common options, output on stdout vs stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from graph.settings import Settings, SettingsError

app = typer.Typer(
    help="Remit: a knowledge graph of what public bodies decide, recommend and promise.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)

#: Progress, logs and warnings: stderr, plain when not on a terminal.
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Embedded store directory [env REMIT_STORE; default var/store].")]
EndpointOpt = Annotated[str | None, typer.Option(
    "--endpoint", help="SPARQL 1.1 server URL instead of the embedded store [env REMIT_ENDPOINT].")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only on stdout.")]


class UserError(Exception):
    """An error the user can fix; printed as one line, exit status 2 unless given."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def settings(store: Path | None = None, endpoint: str | None = None, **more: Any) -> Settings:
    try:
        return Settings.from_env(store=store, endpoint=endpoint, **more)
    except SettingsError as exc:
        raise UserError(f"bad setting: {exc}") from exc


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the project's named errors into one-line messages and exit codes."""
    from graph.store import StoreError

    try:
        yield
    except UserError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(exc.code) from None
    except (StoreError, SettingsError, FileNotFoundError, PermissionError) as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # a named error of another layer (ingest, network ...)
        if type(exc).__module__.split(".")[0] in ("ingest", "graph", "queryapi", "ontology"):
            err.print(f"error: {exc}", markup=False, soft_wrap=True)
            raise typer.Exit(2) from None
        raise


F = TypeVar("F", bound=Callable[..., Any])
