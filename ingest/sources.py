"""Which files an ingest reads, and the packs already in the store.

A folder contributes only ``.txt``, ``.pdf`` and ``.html`` files (recursively, in name
order, so a run is reproducible). A pack is identified by its file name (its graph IRI is
minted from it), so two different files with the same name in one run cannot both be
ingested: the second is rejected with both paths named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACK_SUFFIXES = (".txt", ".pdf", ".html", ".htm")


class UnknownSourceError(LookupError):
    """No ingested pack has that file name or graph IRI."""


@dataclass(frozen=True)
class Source:
    """An ingested pack, as the store records it."""

    name: str
    sha256: str
    ingested_at: str
    triples: int
    iri: str


def pack_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to ingest, [(path, reason it cannot be)]) for the paths a user gave."""
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    seen: dict[str, Path] = {}
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in PACK_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                problems.append((p, f"{p}: folder holds no .txt, .pdf or .html file"))
        elif p.is_file():
            found = [p]
        else:
            problems.append((p, f"{p}: no such file or folder"))
            continue
        for f in found:
            first = seen.get(f.name)
            if first is not None and first.resolve() != f.resolve():
                problems.append((f, f"{f}: another file of the same name ({first}) is in this "
                                    "run; packs are identified by file name, rename one"))
            elif first is None:
                seen[f.name] = f
                files.append(f)
    return files, problems


def find_source(known: list[Source], name_or_iri: str) -> Source | None:
    """The pack with this file name or graph IRI (a path is reduced to its file name)."""
    for s in known:
        if name_or_iri in (s.iri, s.name) or Path(name_or_iri).name == s.name:
            return s
    return None
