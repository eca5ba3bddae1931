"""Every excerpt printed to PDF reads as its text does: the same meetings, decisions,
actions, inspections, judgements, recommendations and agenda, work programme and plan
items. The PDF loader rebuilds paragraphs from printed lines and tables from ruled cells;
this holds it to the text the extractors were written against."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loaders import load
from ingest.pipeline import extract_pack
from ingest.text import PackText
from tests.conftest import DATA
from tests.excerpt_helpers import records
from tests.helpers.pdf_print import print_pdf

EXCERPTS = sorted((DATA / "excerpts").glob("*.txt"))
KINDS = ("meetings", "resolutions", "actions", "inspections", "recommendations",
         "agenda_items", "key_decisions", "work_programme", "plan_lines", "declarations")


def _counts(px) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {k: len(records(px, k)) for k in KINDS}
    counts["judgements"] = sum(len(i.judgements) for i in records(px, "inspections"))
    return counts


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=[p.stem for p in EXCERPTS])
def test_printed_to_pdf_it_reads_as_its_text(excerpt: Path, tmp_path: Path) -> None:
    text = excerpt.read_text(encoding="utf-8")
    pdf = print_pdf(text, tmp_path / f"{excerpt.stem}.pdf")
    if pdf is None:
        pytest.skip(f"{excerpt.name}: characters the PDF's core font cannot print, or a "
                    "table row taller than a page")
    as_text = _counts(extract_pack(PackText.from_string(text, excerpt.name)))
    assert _counts(extract_pack(load(pdf))) == as_text


def test_most_excerpts_can_be_printed(tmp_path: Path) -> None:
    printed = [p for p in EXCERPTS
               if print_pdf(p.read_text(encoding="utf-8"), tmp_path / "x.pdf") is not None]
    assert len(printed) >= len(EXCERPTS) - 8
