"""Fast, cached forms of the ontology's key functions, for the ingest hot paths.

``ontology.namespaces.normalise`` decomposes every text and tests each character for a
combining accent in Python; mapping one large pack asks for some 5,000 keys, and that
per-character loop was a third of the mapping's time. Here an ASCII text (nearly all of
them) skips the decomposition, which cannot change it, and results are cached.
``key_for`` repeats the ontology's four lines over this ``normalise``.
``tests/test_ingest_speed.py`` checks both against the ontology's functions on arbitrary
text, so the keys, and with them every IRI, stay the ontology's own.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """:func:`ontology.namespaces.normalise`: case-, accent-, punctuation- and
    space-insensitive form used to derive keys."""
    if text.isascii():  # NFKD leaves ASCII as it is, and no ASCII character combines
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKD", text)
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ")
    s = _NON_ALNUM.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def key_for(*parts: object) -> str:
    """:func:`ontology.namespaces.key_for`: a short stable key from normalised content."""
    norm = [normalise(str(p)) for p in parts if p is not None and str(p) != ""]
    slug = "-".join(norm[0].split()[:6]) if norm else "x"
    digest = hashlib.sha256("\x1f".join(norm).encode("utf-8")).hexdigest()[:12]
    return f"{slug[:48]}-{digest}" if slug else digest


__all__ = ["key_for", "normalise"]
