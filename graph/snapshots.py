"""The embedded store's published checkpoints: ``snapshots/N`` and the ``CURRENT`` pointer.

Readers open the snapshot CURRENT names, read-only, so they always see a whole committed
state (docs/decisions/0001-sharing-the-store.md); the writer checkpoints its primary after
each commit and replaces CURRENT atomically. Kept apart from ``graph/embedded.py`` so that
module holds the store's queries and writes.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

KEEP_SNAPSHOTS = 4
#: A snapshot is deleted only once its successor is this old (seconds): a reader switches
#: to the newest snapshot at the start of each call, so only a call that began before the
#: successor appeared, and still runs, can be using it; calls are bounded by the time limit.
SNAPSHOT_GRACE = 300.0


def current_name(root: Path) -> str | None:
    """The newest published snapshot's name, or None before the first publish."""
    try:
        return (root / "CURRENT").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


class CurrentWatch:
    """:func:`current_name`, read again only when CURRENT is another file or was rewritten.

    Why: a reader looks at CURRENT before every query, and reading it (open, read, close)
    cost 19 us, about a tenth of a query worker's time on a lookup; a ``stat`` costs 2 us.
    CURRENT is only ever replaced by a rename (:func:`publish`, restore): the new file is
    another inode than the one it replaces, and reusing an older one would also need the
    same size and modification time (the clock's tick, milliseconds) as when it was read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._path = str(root / "CURRENT")
        self._seen: tuple[int, int, int] | None = None
        self._name: str | None = None

    def name(self) -> str | None:
        try:
            st = os.stat(self._path)
        except FileNotFoundError:
            self._seen = self._name = None
            return None
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if seen != self._seen:
            # read after the stat: a replacement in between is read now and read again
            # at the next call (its stat differs), never missed
            self._name = current_name(self.root)
            self._seen = seen
        return self._name


def publish(store: ox.Store, root: Path) -> str:
    """Checkpoint ``store`` (the primary) into a new snapshot, point CURRENT at it, prune
    old ones; returns the new snapshot's name."""
    snaps = root / "snapshots"
    snaps.mkdir(exist_ok=True)
    existing = sorted(p.name for p in snaps.iterdir() if p.name.isdigit())
    name = f"{(int(existing[-1]) + 1) if existing else 1:010d}"
    store.flush()
    store.backup(str(snaps / name))
    tmp = root / "CURRENT.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, root / "CURRENT")
    prune(snaps, [*existing, name])
    return name


def prune(snaps: Path, names: list[str]) -> None:
    """Keep the newest KEEP_SNAPSHOTS, and any whose successor is younger than the grace."""
    now = time.time()
    for i, old in enumerate(names[:-KEEP_SNAPSHOTS]):
        try:
            age = now - (snaps / names[i + 1]).stat().st_mtime
        except FileNotFoundError:
            continue
        if age > SNAPSHOT_GRACE:
            shutil.rmtree(snaps / old, ignore_errors=True)


def wait_for_snapshot(root: Path, previous: str | None, timeout: float = 5.0) -> str | None:
    """Poll CURRENT until it differs from ``previous`` (used by tests of readers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        name = current_name(root)
        if name != previous:
            return name
        time.sleep(0.02)
    return previous
