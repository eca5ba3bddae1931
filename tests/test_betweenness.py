"""graph.betweenness gives networkx's betweenness (normalised, undirected, endpoints
excluded), exact and sampled, as the same floats."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.betweenness import betweenness


def random_graph(seed: int, n: int, m: int) -> nx.Graph:
    rnd = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(f"https://example.org/n{rnd.randrange(10**6)}-{i}" for i in range(n))
    nodes = list(g)
    for _ in range(m):
        a, b = rnd.choice(nodes), rnd.choice(nodes)  # self-loops included
        g.add_edge(a, b)
    return g


@pytest.mark.parametrize("seed", range(6))
def test_exact_equals_networkx(seed: int) -> None:
    g = random_graph(seed, 40 + 10 * seed, 60 + 25 * seed)
    assert betweenness(g) == nx.betweenness_centrality(g)


@pytest.mark.parametrize(("seed", "k"), [(0, 1), (1, 5), (2, 17), (3, 30), (4, 59)])
def test_sampled_equals_networkx_for_the_same_seed(seed: int, k: int) -> None:
    g = random_graph(seed, 60, 140)
    got = betweenness(g, k=k, seed=seed)
    want = nx.betweenness_centrality(g, k=k, seed=seed)
    assert got.keys() == want.keys()
    for node, score in want.items():  # k=1: sources' scores are NaN in both
        assert got[node] == score or (score != score and got[node] != got[node])


def test_a_sample_of_every_node_is_the_exact_score() -> None:
    g = random_graph(9, 30, 50)
    assert betweenness(g, k=30) == nx.betweenness_centrality(g)


def test_disconnected_and_tiny_graphs() -> None:
    g = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    g.add_node("lonely")
    assert betweenness(g) == nx.betweenness_centrality(g)
    two = nx.Graph([("a", "b")])
    assert betweenness(two) == nx.betweenness_centrality(two) == {"a": 0.0, "b": 0.0}


def test_bad_arguments_are_refused() -> None:
    g = random_graph(1, 10, 12)
    with pytest.raises(ValueError, match="undirected"):
        betweenness(nx.DiGraph(g))
    with pytest.raises(ValueError, match="cannot sample 11"):
        betweenness(g, k=11)
