"""The sample pack scored against its gold facts: the F1 floors of the ingest issue.

The only test that reads the gold (a copy under tests/data/gold/, with the scorer). It runs
``remit extract``'s Python API on the sample, writes the JSON, runs the scorer on it and
checks every measure's F1 against its floor.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

from ingest.jsonout import to_gold_json
from ingest.pipeline import extract_pack
from tests.conftest import DATA, SAMPLE

GOLD = DATA / "gold" / "seed_gold.json"
SCORER = DATA / "gold" / "score_extraction.py"

#: The issue's floors: 0.95 on every measure, 0.98 on these.
STRICT = {"bodies", "recommendations", "actions", "action_owners", "judgements",
          "key_decisions"}
FLOOR, STRICT_FLOOR = 0.95, 0.98
#: Measures below the issue's floor today, each with the floor it must not fall below and
#: the reason (as rdflib's known-failures lists do); raise the floor as the gap closes.
#: Measures below their floor, each with its floor and the reason. Empty: every measure
#: meets the issue's floors; a gap added here must say why.
KNOWN_GAPS: dict[str, tuple[float, str]] = {}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    return _scores(SAMPLE, tmp_path_factory.mktemp("score"))


def _scores(pack: Path, tmp: Path) -> dict[str, float]:
    out = tmp / "out.json"
    out.write_text(json.dumps(to_gold_json(extract_pack(pack)), default=str),
                   encoding="utf-8")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert mod.main([str(out), str(GOLD)]) == 0
    text = buf.getvalue()
    print(text)
    found = dict(re.findall(r"^(\w+)\s+gold.*F1 ([0-9.]+)", text, re.M))
    return {k: float(v) for k, v in found.items()}


def test_every_gold_list_is_scored(scores: dict[str, float]) -> None:
    gold = json.loads(Path(GOLD).read_text(encoding="utf-8"))
    lists = {k for k, v in gold.items() if isinstance(v, list)}
    assert lists <= set(scores) | {"meetings"}  # meetings score as two measures


@pytest.mark.parametrize("measure", sorted([
    "bodies", "people", "meetings", "meeting_attendance", "agenda_items", "declarations",
    "resolutions", "reports", "inspections", "judgements", "recommendations", "actions",
    "action_owners", "further_areas", "implementation_plan", "plan_leads", "work_programme",
    "task_groups", "key_decisions"]))
def test_f1_floor(scores: dict[str, float], measure: str) -> None:
    floor = STRICT_FLOOR if measure in STRICT else FLOOR
    if measure in KNOWN_GAPS:
        floor, _reason = KNOWN_GAPS[measure]
    assert scores[measure] >= floor, f"{measure}: F1 {scores[measure]:.3f} < {floor}"


def test_known_gaps_are_still_gaps(scores: dict[str, float]) -> None:
    """A gap that has closed must leave the list, so the issue's floor applies again."""
    for measure in KNOWN_GAPS:
        floor = STRICT_FLOOR if measure in STRICT else FLOOR
        assert scores[measure] < floor, f"{measure} now meets {floor}: drop it from KNOWN_GAPS"


def test_page_breaks_anywhere_change_no_score(scores: dict[str, float],
                                              tmp_path: Path) -> None:
    """PDF conversion puts a page number wherever a page ends: inside an attendance list, a
    resolution's clauses, a table row carried on to the next page. The sample with 'Page
    N' set off by blank lines after every 45th line scores as the sample does."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    paged: list[str] = []
    for i, line in enumerate(lines, 1):
        paged.append(line)
        if i % 45 == 0:
            paged += ["", f"Page {i // 45 + 1}", ""]
    pack = tmp_path / "paged.txt"
    pack.write_text("\n".join(paged), encoding="utf-8")
    assert _scores(pack, tmp_path) == scores


def _as_markdown(lines: list[str]) -> list[str]:
    """The pack as a markdown converter writes it: every run of TAB rows a pipe table (its
    first row the header, a rule under it) and every short title line in bold."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + "---|" * width)
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            continue
        s = lines[i].strip()
        short_title = s and len(s.split()) <= 10 and s[0].isupper() and not s.endswith(".") \
            and ":" not in s and "**" not in s and "<" not in s and "|" not in s
        out.append(f"**{s}**" if short_title else lines[i])
        i += 1
    return out


def test_markdown_tables_and_bold_titles_change_no_score(scores: dict[str, float],
                                                        tmp_path: Path) -> None:
    """Converters differ: one writes tables as TAB rows, another as markdown pipe tables
    and headings in bold. The sample rewritten the second way scores as the sample does."""
    pack = tmp_path / "markdown.txt"
    pack.write_text("\n".join(_as_markdown(SAMPLE.read_text(encoding="utf-8").split("\n"))),
                    encoding="utf-8")
    text = pack.read_text(encoding="utf-8")
    assert text.count("|---|") > 10 and text.count("**") > 100  # it was rewritten
    assert _scores(pack, tmp_path) == scores


def test_ligatures_and_invisible_characters_change_no_score(scores: dict[str, float],
                                                           tmp_path: Path) -> None:
    """PDF converters leave typographic ligatures ('Responsible Ofﬁcer'), soft hyphens and
    non-breaking spaces in the text. The sample with all three scores as the sample does."""
    text = SAMPLE.read_text(encoding="utf-8")
    odd = (text.replace("fi", "\ufb01").replace("fl", "\ufb02").replace("ation", "a\u00adtion")
           .replace(" ", "\u00a0", 2000))
    pack = tmp_path / "typography.txt"
    pack.write_text(odd, encoding="utf-8")
    assert _scores(pack, tmp_path) == scores
