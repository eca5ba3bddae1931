"""Documents without an extractor of their own: bodies named, nothing else, never a failure.

A consultation paper, an unrecognised region of a pack or a kind added later still says who
is involved; that is cheap to read and useful to resolution. Anything the text does not
allow is skipped, and the document is kept (the segmenter has already warned about regions
it could not recognise).
"""

from __future__ import annotations

from ingest.body_mentions import body_mentions
from ingest.extractors import PackContext, register
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText


def extract_generic(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    """BodyMentions of any segment; a fallback for kinds with no extractor registered."""
    out = DocumentRecords(segment=segment)
    try:
        out.bodies.extend(body_mentions(pack, segment.start, segment.end, segment.kind))
    except (ValueError, IndexError) as exc:  # odd text: keep the document, report why
        from ingest.records import Warning_

        out.warnings.append(Warning_(f"bodies not read from {segment.kind} "
                                     f"'{segment.title[:60]}': {exc}"))
    return out


register("generic")(extract_generic)
register("consultation")(extract_generic)
