"""Stand-ins for ``ingest.load.prepare_pack`` that helper processes can import."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def echo(path: Path, base_iri: str) -> tuple[str, int]:
    """The file's name and the process that prepared it."""
    return path.name, os.getpid()


def dies_in_a_helper(path: Path, base_iri: str) -> tuple[str, int]:
    """As ``echo``, but a helper process given a file named ``die*`` exits at once (as if
    killed or out of memory); the writing process prepares it normally."""
    if path.name.startswith("die") and Path(sys.argv[0]).name == "prepare_worker.py":
        os._exit(3)
    return path.name, os.getpid()
