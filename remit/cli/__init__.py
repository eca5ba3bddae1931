"""The `remit` command: a thin shell over the Python API.

Each area registers its commands in its own module (store, ingest, serve, network ...),
on the one Typer app defined in ``remit/cli/common.py``. Errors the user can act on are
named exceptions, printed as one line on stderr with a non-zero exit status.
"""

from __future__ import annotations

import importlib

from remit.cli.common import app

COMMAND_MODULES = ("store_cmds", "ingest_cmds", "serve_cmds", "network_cmds", "ops_cmds")


def _load() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"remit.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"remit.cli.{name}":
                raise


def main() -> None:
    _load()
    app()


_load()
