"""From a file (or its text) to a resolved :class:`~ingest.records.PackExtraction`.

load -> segment -> the registered extractor of each document, in pack order, sharing one
:class:`~ingest.extractors.PackContext` (the agenda tells the reports which meeting they are
for; an acronym table feeds resolution) -> link action-plan rows to recommendations ->
entity resolution. This is the one function the CLI (``remit extract``), the loader into
the store and the tests call.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ingest.extractors import PackContext, UnknownKindError, extractor_for
from ingest.quoted_resolutions import quoted_resolutions
from ingest.records import DocumentRecords, PackExtraction, Segment, Warning_
from ingest.resolve import resolve
from ingest.text import PackText

log = logging.getLogger(__name__)


class ExtractionError(Exception):
    """A pack could not be read or split at all; the message names the file and reason."""


def load_pack(source: Path | str | PackText) -> PackText:
    """The pack's text, through ``ingest.loaders.load`` (text, PDF, HTML)."""
    if isinstance(source, PackText):
        return source
    path = Path(source)
    try:
        from ingest.loaders import load
    except ImportError:  # loaders not installed: plain UTF-8 text only
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file") from None
        pack = PackText.from_string(path.read_text(encoding="utf-8"), name=path.name)
        pack.path = path
        return pack
    return load(path)


def _segments(pack: PackText) -> tuple[list[Segment], list[Warning_]]:
    try:
        from ingest.segment import segment
    except ImportError:
        n = max(1, len(pack))
        return [Segment("generic", pack.name, 1, n, 0)], [
            Warning_("no segmenter installed: the pack is one generic document")]
    return segment(pack)


#: Documents whose sentences state who reports to, oversees or answers for what; the
#: extractors of other kinds read relations themselves or hold only tables.
PROSE_KINDS = frozenset({"officer_report", "minutes", "work_programme", "generic"})


def _prose_relations(pack: PackText, seg: Segment) -> list:  # type: ignore[type-arg]
    from ingest.prose import relations

    return [r for r in relations(pack, seg) if r.subject.lower() != r.object.lower()]


def _run(pack: PackText, seg: Segment, ctx: PackContext) -> tuple[DocumentRecords,
                                                                    list[Warning_]]:
    try:
        fn = extractor_for(seg.kind)
    except UnknownKindError:
        try:
            fn = extractor_for("generic")
        except UnknownKindError:
            return DocumentRecords(seg), [Warning_(
                f"no extractor for document kind {seg.kind!r} ({seg.title!r}, lines "
                f"{seg.start}-{seg.end}); its facts are not extracted", kind="extractor")]
    try:
        records = fn(pack, seg, ctx)
        if seg.kind != "minutes" and not records.resolutions:
            records.resolutions = quoted_resolutions(pack, seg)
        if seg.kind in PROSE_KINDS and not records.relations:
            records.relations = _prose_relations(pack, seg)
        return records, []
    except Exception as exc:  # an extractor bug must not lose the other documents
        log.exception("extractor for %s failed", seg.kind)
        return DocumentRecords(seg), [Warning_(
            f"{pack.name}: the {seg.kind} extractor failed on lines {seg.start}-{seg.end} "
            f"({type(exc).__name__}: {exc}); that document's facts are missing",
            kind="extractor-error")]


def _link(docs: list[DocumentRecords]) -> list[Warning_]:
    try:
        from ingest.link import link_actions
    except ImportError:
        return []
    recs = [r for d in docs for r in d.recommendations]
    actions = [a for d in docs for a in d.actions]
    if not actions:
        return []
    found = link_actions(recs, actions)
    if isinstance(found, list) and all(isinstance(w, Warning_) for w in found):
        return found
    return []


_FIELD = re.compile(r"^[\w /&-]{2,40}:\s")
_MARKUP = re.compile(r"<[^>]+>|\*\*|^#+\s*")


def full_title(pack: PackText, seg: Segment) -> str:
    """The segment's title, with the subtitle line under it when there is one.

    'Combined Group Priorities' + 'Strategic Issues resulting from ...' makes one title; a
    field ('Inspection dates: ...'), a table row, a numbered item or a sentence is no
    subtitle.
    """
    title = seg.title.strip()
    head = next((i for i in range(seg.start, min(seg.end, seg.start + 6) + 1)
                 if _MARKUP.sub("", pack.line(i)).strip() == title), None)
    if head is None:
        return title
    for i in range(head + 1, min(seg.end, head + 3) + 1):
        line = _MARKUP.sub("", pack.line(i)).strip()
        if not line:
            continue
        words = line.split()
        if ("\t" in pack.line(i) or _FIELD.match(line) or line[:1].isdigit() or len(words) > 12
                or line.endswith((".", ":", ";", ",")) or not line[:1].isupper()):
            return title
        return f"{title} - {line}"
    return title


def extract_pack(source: Path | str | PackText) -> PackExtraction:
    """Extract and resolve every document of one pack."""
    pack = load_pack(source)
    segments, warnings = _segments(pack)
    ctx = PackContext()
    docs: list[DocumentRecords] = []
    for seg in segments:
        recs, more = _run(pack, seg, ctx)
        docs.append(recs)
        warnings.extend(more)
    warnings.extend(_link(docs))
    px = PackExtraction(name=pack.name, sha256=pack.sha256, documents=docs, warnings=warnings,
                        titles={s.number: full_title(pack, s) for s in segments})
    return resolve(px, home_council=ctx.council, meeting_body=ctx.meeting_body,
                   acronyms=ctx.acronyms, lines=pack.lines)
