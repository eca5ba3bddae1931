"""The officers' whole-graph figures saved beside the embedded store, keyed on its state.

Why: the figures of ``/api/analytics`` and the officers' pages (owners' open load, overdue
items, cross-agency counts, centrality) read the whole graph; at five million triples the
first request after a write took 15 s (BENCHMARKS.md, "Analytics at 5M"). ``remit ingest``
computes them once after its last write and saves them here, so no officer waits for them,
and a restarted server reads them instead of computing them again. A file is named by the
store's state and the day the figures are counted at ('overdue' depends on the day), so a
saved file is never read for another state: stale figures cannot be served.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path
from typing import Any

FOLDER = "figures"
#: Files of earlier states kept besides the current one (a reader that started before the
#: last write may still ask for its state's figures).
KEEP = 4
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def path_for(root: Path, state: str, day: str) -> Path:
    return root / FOLDER / f"{_SAFE.sub('_', state)}--{_SAFE.sub('_', day)}.json"


def load(root: Path | None, state: str, day: str) -> dict[str, Any] | None:
    """The figures saved for ``state`` and ``day``; None if there are none (or the file is
    unreadable: the caller computes them again)."""
    if root is None:
        return None
    try:
        value = json.loads(path_for(root, state, day).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def save(root: Path | None, state: str, day: str, figures: dict[str, Any]) -> Path | None:
    """Write the figures atomically (a reader sees the whole file or none), then drop the
    files of all but the newest few states. Returns the file, or None when the store has
    no folder (a remote store) or the folder cannot be written (the figures are then only
    cached in memory; nothing is lost)."""
    if root is None:
        return None
    path = path_for(root, state, day)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(figures, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return None
    _prune(path.parent)
    return path


def _prune(folder: Path) -> None:
    stamped: list[tuple[float, Path]] = []
    for p in folder.glob("*.json"):
        with contextlib.suppress(OSError):  # removed meanwhile by another writer
            stamped.append((p.stat().st_mtime, p))
    for _, old in sorted(stamped, reverse=True)[KEEP + 1:]:
        with contextlib.suppress(OSError):
            old.unlink()
