"""The `remit` command: a thin shell over the Python API.

Each area registers its commands in its own module (store, ingest, serve, network ...),
on the one Typer app defined in ``remit/cli/common.py``. Errors the user can act on are
named exceptions, printed as one line on stderr with a non-zero exit status.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from remit.cli.common import app


def _load() -> None:
    """Import every ``*_cmds`` module of this package; each registers its commands."""
    for mod in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if mod.name.endswith("_cmds"):
            importlib.import_module(f"remit.cli.{mod.name}")


def main() -> None:
    _load()
    app()


_load()
