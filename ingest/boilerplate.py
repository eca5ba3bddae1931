"""Rights and licence notices: text about the document, not about who answers for what.

Inspectorates and councils close their reports with a copyright or re-use notice ('You may
reuse this information ... under the terms of the Open Government Licence ... write to the
Information Policy Team, The National Archives ...'). The teams and bodies such a notice
names administer the licence; reading them as parties to the pack's business adds bodies
nobody in the pack answers to. The prose finders skip these lines; structured records
(tables, headings) never come from them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.literal_search import LiteralSearch

_NOTICE = re.compile(
    r"\bcrown copyright\b|\bopen government licen[cs]e\b|\ball rights reserved\b|©|"
    r"\b(?:re-?use|reproduce)d?\s+(?:of\s+)?(?:this|the)\s+(?:information|material|document|"
    r"publication)\b.{0,80}\b(?:free of charge|licen[cs]e|permission)", re.I)


def is_rights_notice(line: str) -> bool:
    """Whether a line is a copyright, licence or re-use notice.

    >>> is_rights_notice("You may reuse this information free of charge under the terms "
    ...                  "of the Open Government Licence.")
    True
    >>> is_rights_notice("The Board reuses this information when it plans its audits.")
    False
    """
    return _CUES(line) and _notice(line)  # most lines: one cheap scan


#: Every notice holds one of these; finding none keeps the full pattern off ordinary lines
#: (a literal search: every line of a pack is asked, some of them three times).
_CUES = LiteralSearch("copyright", "licen", "rights reserved", "©", "free of charge",
                      "permission")


@lru_cache(maxsize=4096)
def _notice(line: str) -> bool:
    return bool(_NOTICE.search(line))
