"""README's "Guarantees" name the tests that prove them: each named test must exist, so a
renamed or deleted test cannot leave a guarantee pointing at nothing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def guarantee_refs() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    refs, current = [], None
    # "tests/x.py::name" names a file; a following "::name" means the same file.
    for path, name in re.findall(r"`(tests/[\w/]+\.py)?::(\w+)`", section):
        current = path or current
        assert current, f"::{name} in README's Guarantees follows no test file"
        refs.append((current, name))
    return refs


def test_guarantees_name_tests() -> None:
    assert len(guarantee_refs()) >= 20


def test_every_test_named_by_a_guarantee_exists() -> None:
    missing = []
    for path, name in guarantee_refs():
        file = ROOT / path
        names = {n.name for n in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
                 if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)} \
            if file.exists() else set()
        if name not in names:
            missing.append(f"{path}::{name}")
    assert not missing, f"README Guarantees name tests that do not exist: {missing}"
