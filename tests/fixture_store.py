"""The hand-written fixture graph in a real embedded store, with ontology and inferences.

Shared by the ontology, inference and competency tests; building it takes well under a second.
"""

from __future__ import annotations

from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.inference import ensure_ontology, inference_update

FIXTURE_DIR = Path(__file__).resolve().parent / "data" / "fixture"
FIXTURE = FIXTURE_DIR / "fixture.trig"
BROKEN_DIR = FIXTURE_DIR / "broken"


def fixture_store(root: Path) -> EmbeddedStore:
    """A writable store at ``root`` holding ontology, reference data, fixture and inferences."""
    store = EmbeddedStore(root)
    ensure_ontology(store)
    store.load_file(FIXTURE)
    store.update(inference_update(store))
    return store
