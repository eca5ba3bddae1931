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
