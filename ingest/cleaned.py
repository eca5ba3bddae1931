"""Cached ``clean`` and ``is_furniture`` for the inspection and plan extractors.

Those readers pass over the same report lines several times (headings, contents, table,
areas for improvement, prose); cleaning a long paragraph is regex work, so each distinct
line is cleaned once per process.
"""

from __future__ import annotations

from functools import lru_cache

from ingest.textutil import clean, is_furniture


@lru_cache(maxsize=16384)
def cleaned(line: str) -> str:
    """``textutil.clean(line)``, remembered."""
    return clean(line)


@lru_cache(maxsize=16384)
def furniture(line: str) -> bool:
    """``textutil.is_furniture(line)``, remembered (short lines only can be furniture)."""
    return len(line) < 200 and is_furniture(line)
