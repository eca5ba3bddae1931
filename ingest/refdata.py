"""Reference data as resolution needs it: national bodies and generic acronyms.

The data itself lives in ``ontology/reference.py`` (national bodies such as Ofsted and the
CQC; generic acronyms such as PCT or LSCB, "a kind of board"). This adapter reads it into
two small typed tables and tolerates the module being absent (resolution then relies on
the pack alone), so the pipeline never breaks on a missing optional layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ingest.names import content_words, loose


@dataclass(frozen=True)
class RefBody:
    """A national body: its name, acronym(s), aliases and type."""

    name: str
    type: str = "other"
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefAcronym:
    """A generic acronym: 'PCT' = 'Primary Care Trust', a kind of ``nhs_body``."""

    short: str
    expansion: str
    kind: str | None = None


@dataclass
class Reference:
    bodies: list[RefBody] = field(default_factory=list)
    acronyms: dict[str, RefAcronym] = field(default_factory=dict)  # upper short -> entry
    by_name: dict[str, RefBody] = field(default_factory=dict)  # loose name/alias/acr -> body
    by_words: dict[str, RefBody] = field(default_factory=dict)  # content words -> body

    def body(self, text: str) -> RefBody | None:
        """The national body a name or acronym denotes, if any ('Department of X' and
        'Department for X' alike: only the content words must agree)."""
        return (self.by_name.get(loose(text)) or self.by_name.get(text.strip().upper())
                or self.by_words.get(" ".join(content_words(text))))

    def generic(self, short: str) -> RefAcronym | None:
        return self.acronyms.get(short.strip().upper())


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        v = obj.get(n) if isinstance(obj, dict) else getattr(obj, n, None)
        if v:
            return v
    return None


def _tuple(v: Any) -> tuple[str, ...]:
    if not v:
        return ()
    return (v,) if isinstance(v, str) else tuple(str(x) for x in v)


def build(bodies: list[Any], acronyms: Any) -> Reference:
    """Build the tables from whatever records ``ontology.reference`` provides."""
    ref = Reference()
    for b in bodies:
        name = _get(b, "name", "label", "pref_label")
        if not name:
            continue
        typ = _get(b, "type", "body_type", "kind") or "other"
        rb = RefBody(str(name), str(typ), _tuple(_get(b, "acronyms", "acronym", "short")),
                     _tuple(_get(b, "aliases", "alt_labels", "altLabels")))
        ref.bodies.append(rb)
        for alias in (rb.name, *rb.aliases):
            ref.by_name.setdefault(loose(alias), rb)
            if len(content_words(alias)) >= 2:
                ref.by_words.setdefault(" ".join(content_words(alias)), rb)
        for acr in rb.acronyms:
            ref.by_name.setdefault(acr.upper(), rb)
    items = acronyms.items() if isinstance(acronyms, dict) else (
        (_get(a, "short", "acronym", "abbreviation"), a) for a in acronyms or [])
    for short, val in items:
        if not short:
            continue
        if isinstance(val, str):
            entry = RefAcronym(str(short), val)
        else:
            entry = RefAcronym(str(short), str(_get(val, "expansion", "name", "label") or short),
                               _get(val, "kind", "type", "body_type"))
        ref.acronyms.setdefault(str(short).upper(), entry)
    return ref


@lru_cache(maxsize=1)
def reference() -> Reference:
    """The project's reference data, or empty tables when the module is not installed."""
    try:
        from ontology import reference as mod  # type: ignore[attr-defined]
    except ImportError:
        return Reference()
    try:
        return build(list(mod.national_bodies()), mod.generic_acronyms())
    except (AttributeError, TypeError):
        return Reference()
