"""The Remit ontology: Turtle files, their paths, and the namespace constants.

This package imports nothing from the rest of the project (see ARCHITECTURE.md).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "remit.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
VOCABULARIES_TTL = HERE / "vocabularies.ttl"
REFERENCE_DIR = HERE / "reference"
COMPETENCY_DIR = HERE / "competency"


def ontology_files() -> list[Path]:
    """The Turtle files that make up the ontology graph (ontology plus vocabularies)."""
    return [p for p in (ONTOLOGY_TTL, VOCABULARIES_TTL) if p.exists()]


def reference_files() -> list[Path]:
    """Reference data (national bodies, generic acronyms): never anything local to one council."""
    return sorted(REFERENCE_DIR.glob("*.ttl")) if REFERENCE_DIR.exists() else []
