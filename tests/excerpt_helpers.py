"""Run one extractor over an excerpt file the way the pipeline would (segment first)."""

from __future__ import annotations

import importlib
from typing import Any

from ingest.extractors import Extractor, PackContext
from ingest.records import DocumentRecords, PackExtraction
from ingest.segment import segment
from ingest.text import PackText
from tests.conftest import DATA

#: my kinds -> module; imported directly so other extractors' work in progress can't break
#: these tests
MODULES = {"agenda": "agenda", "minutes": "minutes", "officer_report": "officer_report",
           "generic": "generic", "consultation": "generic"}


def extractor(kind: str) -> Extractor:
    module = importlib.import_module(f"ingest.extractors.{MODULES[kind]}")
    return getattr(module, "extract", None) or module.extract_generic


def extract_excerpt(name: str, kind: str, ctx: PackContext | None = None
                    ) -> tuple[PackText, DocumentRecords]:
    """The records of the single ``kind`` document in tests/data/excerpts/``name``."""
    pack = PackText.from_string((DATA / "excerpts" / name).read_text(encoding="utf-8"),
                                name=name)
    segs, _ = segment(pack)
    assert [s.kind for s in segs] == [kind], f"{name} segments as {[s.kind for s in segs]}"
    return pack, extractor(kind)(pack, segs[0], ctx or PackContext())


def extract_whole(name: str) -> PackExtraction:
    """Every document of the pack in tests/data/excerpts/``name``, as the pipeline reads it
    (segmented, extracted, resolved)."""
    from ingest.pipeline import extract_pack

    path = DATA / "excerpts" / name
    return extract_pack(PackText.from_string(path.read_text(encoding="utf-8"), path.name))


def records(px: PackExtraction, kind: str) -> list[Any]:
    """The records of one kind ('meetings', 'actions' ...) of every document of a pack."""
    return [r for d in px.documents for r in getattr(d, kind)]
