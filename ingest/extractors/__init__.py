"""Extractors, registered by document kind.

Built-ins register themselves through the same :func:`register` an addition would use.
An extractor takes the pack, one segment and the pack-wide context, and returns the
segment's :class:`~ingest.records.DocumentRecords`. It must never raise on odd text: it
returns what it could read and adds warnings for the rest.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.records import DocumentRecords, Segment
from ingest.text import PackText


@dataclass
class PackContext:
    """Facts one document tells the extractors of the others (filled in pack order).

    E.g. the agenda gives the meeting's body and date that the officer reports are for;
    an acronym table or an "in full (ABC)" definition feeds entity resolution.
    """

    meeting_body: str | None = None
    meeting_date: str | None = None
    council: str | None = None
    inspection_published: str | None = None
    acronyms: dict[str, str] = field(default_factory=dict)


Extractor = Callable[[PackText, Segment, PackContext], DocumentRecords]

_REGISTRY: dict[str, Extractor] = {}

BUILTIN_MODULES = (
    "agenda", "minutes", "officer_report", "inspection", "action_plan", "acronyms",
    "appendix", "strategy", "work_programme", "forward_plan", "generic",
)


class UnknownKindError(LookupError):
    """No extractor is registered for a document kind."""


def register(kind: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        if kind in _REGISTRY and _REGISTRY[kind] is not fn:
            raise ValueError(f"an extractor for {kind!r} is already registered")
        _REGISTRY[kind] = fn
        return fn
    return deco


_all_loaded = False  # every built-in module imported: the pipeline asks once per document


def load_builtins() -> None:
    global _all_loaded
    if _all_loaded:
        return
    missing = False
    for name in BUILTIN_MODULES:
        try:
            importlib.import_module(f"ingest.extractors.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ingest.extractors.{name}":
                raise
            missing = True  # try again next time: it may be written by then
    _all_loaded = not missing


def extractor_for(kind: str) -> Extractor:
    load_builtins()
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise UnknownKindError(f"no extractor registered for document kind {kind!r}") from None


def registered() -> dict[str, Extractor]:
    load_builtins()
    return dict(_REGISTRY)
