"""Shared fixtures. Test data lives under tests/data/; nothing here reads ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "data" / "samples" / "000_b215ee6b43c775ac.txt"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def accountability_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The hand-written accountability graph (tests/data/network), loaded once, read-only use."""
    from graph.embedded import EmbeddedStore

    st = EmbeddedStore(tmp_path_factory.mktemp("accountability") / "store")
    st.load_file(DATA / "network" / "accountability.trig")
    return st
