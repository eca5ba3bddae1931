"""The Python entry points notebooks and scripts start from.

One call gives a store with the sample graph in it, built on first use, so a notebook never
pastes ingest or store logic into its cells: ``store = remit.api.sample_store()``. Set
``REMIT_ENDPOINT`` to work against a running SPARQL server instead.
"""

from __future__ import annotations

from pathlib import Path

from graph.settings import Settings
from graph.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


def open_graph(settings: Settings | None = None) -> Store:
    """The store the settings name (``REMIT_STORE`` / ``REMIT_ENDPOINT``), read-only."""
    return open_store(settings or Settings.from_env(), read_only=True)


def sample_store(path: Path | str | None = None, sources: list[Path] | None = None) -> Store:
    """A read-only store holding the sample packs, ingested (or found unchanged) first.

    With ``REMIT_ENDPOINT`` set, the remote store is returned as it is.
    """
    settings = Settings.from_env()
    if settings.endpoint:
        return open_store(settings, read_only=True)
    root = Path(path) if path else ROOT / "var" / "notebook-store"
    s = Settings.from_env(store=root)
    from ingest.load import ingest_paths

    with open_store(s) as st:  # unchanged packs are recognised and not rewritten
        report = ingest_paths(sources or [SAMPLES], st, s)
    if report.rejected:
        raise RuntimeError("; ".join(p.error or p.name for p in report.rejected))
    return open_store(s, read_only=True)
