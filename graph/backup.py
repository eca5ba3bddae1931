"""Backup and restore of the embedded store, both consistent and safe for readers.

``backup_store`` copies the newest published snapshot (a whole committed state; hard links
to its immutable files where the file system allows), so it needs no lock and may run
while an ingest writes. ``restore_store`` takes the writer lock, builds the new primary and
a new snapshot *next to* the live ones, swaps the primary by rename and publishes by the
atomic rename of CURRENT: readers go straight from the old state to the restored one.

A restore interrupted between its two directory renames leaves ``db.restore`` and no
``db``; ``recover_interrupted_restore`` (called whenever a writer opens the store) finishes
the rename, so a crash never leaves the store empty.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from graph.mirror import named_quad_count
from graph.settings import Settings
from graph.store import StoreError


def _remote_refused(settings: Settings, what: str) -> None:
    if settings.endpoint:
        raise StoreError(f"`remit {what}` works on the embedded store; for the SPARQL server "
                         f"at {settings.endpoint} use its own backup tools, or "
                         "`remit export --nquads`")


def backup_store(settings: Settings, target: Path) -> int:
    """Copy the newest committed state to ``target`` (a new directory); its quad count."""
    from graph.embedded import EmbeddedStore

    _remote_refused(settings, "backup")
    target = Path(target)
    if target.exists():
        raise StoreError(f"backup target {target} already exists; choose a new directory")
    st = EmbeddedStore(settings.store, read_only=True)
    try:
        st.backup(target)
    finally:
        st.close()
    return named_quad_count(ox.Store.read_only(str(target)))


def recover_interrupted_restore(root: Path) -> None:
    """Finish a restore that was killed between renaming ``db`` away and ``db.restore`` in."""
    db, staged = root / "db", root / "db.restore"
    if staged.exists() and not db.exists():
        os.rename(staged, db)


def restore_store(settings: Settings, source: Path) -> int:
    """Replace the store at ``settings.store`` with the backup ``source``; its quad count.

    Refuses (StoreError) if another process holds the writer lock."""
    from graph.embedded import EmbeddedStore

    _remote_refused(settings, "restore")
    source = Path(source)
    try:
        quads = named_quad_count(ox.Store.read_only(str(source)))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{source} is not a Remit backup (an Oxigraph store directory made "
                         f"by `remit backup`): {exc}") from exc
    root = Path(settings.store)
    try:
        writer = EmbeddedStore(root)  # its writer lock is held for the whole restore
    except StoreError as exc:
        raise StoreError(f"cannot restore now: {exc}") from exc
    staged, old = root / "db.restore", root / "db.old"
    shutil.rmtree(staged, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    ox.Store.read_only(str(source)).backup(str(staged))
    snaps = root / "snapshots"
    existing = sorted(int(p.name) for p in snaps.iterdir() if p.name.isdigit())
    name = f"{(existing[-1] + 1) if existing else 1:010d}"
    ox.Store.read_only(str(staged)).backup(str(snaps / name))
    (root / "PENDING").touch()  # if we die now, the next writer republishes the primary
    # The engine must be closed before its directory moves: RocksDB works by path names,
    # and an open handle would flush into, and delete files of, whatever ``db`` then is.
    lock = writer.detach_lock()
    writer.close()
    os.rename(root / "db", old)
    os.rename(staged, root / "db")
    tmp = root / "CURRENT.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, root / "CURRENT")
    (root / "PENDING").unlink(missing_ok=True)
    lock.close()
    shutil.rmtree(old, ignore_errors=True)
    return quads
