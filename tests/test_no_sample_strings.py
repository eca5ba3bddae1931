"""Code and reference data hold no string found only in the sample pack.

The forbidden list is built from the sample at test time: the people named in its
attendance and officers blocks and its 'Report of:' lines, the local acronyms it defines as
'(ABC)' that reference data does not list, and a few of its typos (written here; the test
file itself may hold them). Extraction must follow structure and general patterns, so none
of these may appear in ontology/, ingest/, graph/, queryapi/ or remit/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

SCANNED = ("ontology", "ingest", "graph", "queryapi", "remit")
SUFFIXES = {".py", ".ttl", ".rq", ".json", ".csv", ".yaml", ".yml", ".txt", ".sparql", ".html",
            ".jinja", ".j2", ".md"}
#: Misspellings of the sample (not real words): code matching them would be fitted to it.
KNOWN_TYPOS = ("Esat", "CESCIB", "Acroynms", "widwives", "appropraite", "identifeid",
               "propeerty", "fmailies", "procedurement")
_ATTENDANCE_START = re.compile(r"^(present|apologies|in attendance)\b", re.I)
_MINUTE = re.compile(r"^\d{1,3}\s+[A-Z][A-Z /&-]{3,}$")


def _people(lines: list[str]) -> set[str]:
    """Surnames (and full names) from the attendance and officers blocks and 'Report of:'."""
    names: set[str] = set()
    block = False
    for line in lines:
        text = line.strip()
        if _ATTENDANCE_START.match(text) or text.lower() == "officers":
            block = True
            continue
        if _MINUTE.match(text):
            block = False
        if block and text:
            cell = text.split("\t")[0]
            for m in re.finditer(r"(?:\b[A-Z]\s+)+([A-Z][a-z'’]+[A-Za-z]*)|"
                                 r"([A-Z][a-z]+ [A-Z][a-z'’]+[A-Za-z]*)",
                                 cell.replace("Councillors", "").replace("Councillor", "")):
                names.add(m.group(1) or m.group(2))
        m = re.match(r"^Report of:\s*([A-Z][a-z]+ [A-Z][a-z'’]+)\s*,", text)
        if m:
            names.add(m.group(1))
    # full names, and surnames long enough not to be everyday words or common names
    return {n for n in names if " " in n} | {
        n.split()[-1] for n in names if len(n.split()[-1]) >= 6}


def _local_acronyms(text: str) -> set[str]:
    from ontology.reference import generic_acronyms, national_bodies

    known = {a.acronym.upper() for a in generic_acronyms()}
    known |= {a.upper() for b in national_bodies() for a in b.acronyms}
    found = set(re.findall(r"\(([A-Z][A-Za-z&]{2,7})\)", text))
    return {a for a in found if a.upper() not in known and a.upper().rstrip("S") not in known
            and sum(c.isupper() for c in a) >= 3}


@pytest.fixture(scope="module")
def forbidden() -> set[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    return _people(text.splitlines()) | _local_acronyms(text) | set(KNOWN_TYPOS)


def test_forbidden_list_is_built_from_the_sample(forbidden: set[str]) -> None:
    # the list must be non-trivial, or the scan below proves nothing
    assert len(forbidden) >= 20
    assert any(" " in f for f in forbidden)  # full names from the officers block
    assert any(f.isupper() and f not in KNOWN_TYPOS for f in forbidden)  # local acronyms


def _files() -> list[Path]:
    out = []
    for top in SCANNED:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                out.append(path)
    return out


def test_no_sample_strings_in_code_or_reference_data(forbidden: set[str]) -> None:
    pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in sorted(forbidden)) + r")\b")
    hits = []
    for path in _files():
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                 .splitlines(), 1):
            m = pattern.search(line)
            if m:
                hits.append(f"{path.relative_to(ROOT)}:{n}: {m.group(1)!r}")
    assert not hits, "strings of the sample pack in code:\n" + "\n".join(hits)
