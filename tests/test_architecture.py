"""Imports flow one way (ARCHITECTURE.md): a layer never imports the layers above it."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

ALLOWED = {
    "ontology": {"ontology"},
    "graph": {"ontology", "graph"},
    "ingest": {"ontology", "graph", "ingest"},
    "queryapi": {"ontology", "graph", "queryapi"},
    "remit": {"ontology", "graph", "ingest", "queryapi", "remit"},
}
PROJECT = set(ALLOWED) | {"bench", "tests"}
NO_WEB = ("fastapi", "starlette", "uvicorn")


def imports(package: str) -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out += [(str(path.relative_to(ROOT)), a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                out.append((str(path.relative_to(ROOT)), node.module))
    return out


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_flow_downwards(package: str) -> None:
    bad = [(f, m) for f, m in imports(package)
           if m.split(".")[0] in PROJECT and m.split(".")[0] not in ALLOWED[package]]
    assert not bad, f"{package} imports a layer above it: {bad}"


@pytest.mark.parametrize("package", ["ontology", "graph", "ingest"])
def test_no_web_framework_below_queryapi(package: str) -> None:
    bad = [(f, m) for f, m in imports(package) if m.split(".")[0] in NO_WEB]
    assert not bad, f"{package} imports a web framework: {bad}"


def test_ontology_imports_nothing_of_the_project() -> None:
    assert all(m.split(".")[0] not in PROJECT - {"ontology"} for _, m in imports("ontology"))
