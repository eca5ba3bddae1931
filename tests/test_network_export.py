"""Exports round-trip, and the standalone HTML is offline and escapes document text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from graph.exports import ExportError, read, write
from graph.projections import project


@pytest.fixture
def graph(accountability_store: EmbeddedStore) -> nx.MultiDiGraph:
    return project(accountability_store, "accountability")


@pytest.mark.parametrize("ext", [".gexf", ".graphml", ".json"])
def test_export_round_trips_nodes_edges_and_attributes(graph, tmp_path: Path, ext: str) -> None:
    back = read(write(graph, tmp_path / f"net{ext}"))
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    for n, d in graph.nodes(data=True):
        assert back.nodes[n]["type"] == d["type"]
        assert back.nodes[n]["label"] == d["label"]
    want = sorted((a, b, d["type"]) for a, b, d in graph.edges(data=True))
    assert sorted((a, b, d["type"]) for a, b, d in back.edges(data=True)) == want


def test_cytoscape_export_lists_every_node(graph, tmp_path: Path) -> None:
    data = json.loads(write(graph, tmp_path / "net.cyjs").read_text())
    assert len(data["elements"]["nodes"]) == graph.number_of_nodes()


def test_standalone_html_is_offline_and_escaped(graph, tmp_path: Path) -> None:
    page = write(graph, tmp_path / "net.html").read_text()
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "<script>alert(1)</script>" not in page
    assert "\\u003cscript\\u003ealert(1)" in page  # the label travels as escaped JSON
    assert "vis.Network" in page and "Table of links" in page


def test_unknown_extension_is_refused(graph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.png"):
        write(graph, tmp_path / "net.png")
