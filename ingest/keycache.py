"""Cached forms of the ontology's pure key functions, for the ingest hot paths.

``ontology.namespaces.normalise`` and ``key_for`` are pure, but mapping and resolution ask
them about the same strings thousands of times per pack (every report against every agenda
item title, every alias of every body): caching them here keeps the ontology module free
of ingest concerns while making those repeats dictionary look-ups.
"""

from __future__ import annotations

from functools import lru_cache

from ontology import namespaces

_normalise = lru_cache(maxsize=65536)(namespaces.normalise)
#: ``typed``: key_for('x', 1) and key_for('x', 1.0) are different keys ('1' vs '1.0').
_key_for = lru_cache(maxsize=65536, typed=True)(namespaces.key_for)


def normalise(text: str) -> str:
    """:func:`ontology.namespaces.normalise`, cached."""
    return _normalise(text)


def key_for(*parts: object) -> str:
    """:func:`ontology.namespaces.key_for`, cached for hashable parts."""
    try:
        return _key_for(*parts)
    except TypeError:  # an unhashable part: compute it directly
        return namespaces.key_for(*parts)


__all__ = ["key_for", "normalise"]
