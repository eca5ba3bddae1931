"""Notebooks are committed without outputs, author paths or shell installs.

They are executed top to bottom by `make test` (pytest --nbmake notebooks).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_exist() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert names == ["01_analyst_sparql_tour.ipynb", "02_who_owns_what.ipynb",
                     "03_cross_agency_analysis.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: a cell has outputs"
            assert cell.get("execution_count") is None, f"{path.name}: execution counts"
            src = "".join(cell["source"])
            assert "!pip" not in src and "%pip" not in src, f"{path.name}: installs packages"
            assert "/home/" not in src and "/work/" not in src, f"{path.name}: author path"
