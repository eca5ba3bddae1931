"""The embedded store's sharing model (docs/decisions/0001): one writer, snapshot readers.

Readers must see whole committed states, never a mix, and a writer killed at any moment
must leave the store openable with each graph wholly old or wholly new.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph.backup import backup_store, restore_store
from graph.embedded import EmbeddedStore
from graph.settings import Settings
from graph.store import StoreError

ROOT = Path(__file__).resolve().parents[1]
G = URIRef("https://example.org/graph/doc")
P = URIRef("https://example.org/version")


def version_graph(version: int, n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"https://example.org/s{i}"), P, Literal(version)))
    return g


def python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def fingerprint(path: Path) -> tuple[int, str]:
    """Triple count and SHA-256 of the sorted N-Triples of graph G, read from the primary."""
    store = ox.Store.read_only(str(path / "db"))
    lines = sorted(str(q.triple) for q in store.quads_for_pattern(None, None, None,
                                                                   ox.NamedNode(str(G))))
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_read_only_handle_opened_before_a_write_sees_it_after(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "st") as writer:
        writer.replace_graphs({G: version_graph(1, 3)})
        reader = EmbeddedStore(tmp_path / "st", read_only=True)
        assert reader.count(G) == 3
        writer.replace_graphs({G: version_graph(2, 5)})
        assert reader.count(G) == 5
        assert set(reader.graph(G).objects()) == {Literal(2)}
        reader.close()


def test_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    holder = python("""
        import sys, time
        from graph.embedded import EmbeddedStore
        st = EmbeddedStore(sys.argv[1])
        print("open", flush=True)
        time.sleep(60)
    """, str(tmp_path / "st"))
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="open for writing by another process"):
            EmbeddedStore(tmp_path / "st")
        with EmbeddedStore(tmp_path / "st", read_only=True) as reader:
            assert reader.count() == 0  # readers are never refused
    finally:
        holder.kill()
        holder.wait()
    with EmbeddedStore(tmp_path / "st") as st:  # the lock dies with its process
        assert st.count() == 0


def test_reader_in_another_process_never_sees_a_mix(tmp_path: Path) -> None:
    n, versions = 1000, 4
    with EmbeddedStore(tmp_path / "st") as st:
        st.replace_graphs({G: version_graph(0, n)})
    writer = python(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from tests.test_store_snapshots import version_graph, G
        from graph.embedded import EmbeddedStore
        with EmbeddedStore(sys.argv[1]) as st:
            for v in range(1, {versions}):
                st.replace_graphs({{G: version_graph(v, {n})}})
    """, str(tmp_path / "st"))
    seen: set[int] = set()
    q = f"SELECT (COUNT(*) AS ?n) (MIN(?v) AS ?lo) (MAX(?v) AS ?hi) " \
        f"WHERE {{ GRAPH <{G}> {{ ?s <{P}> ?v }} }}"
    with EmbeddedStore(tmp_path / "st", read_only=True) as reader:
        while True:
            done = writer.poll() is not None
            row = reader.query(q).rows[0]  # type: ignore[union-attr]
            assert int(row["n"]) == n and row["lo"] == row["hi"], row
            seen.add(int(row["lo"]))
            if done:
                break
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    assert max(seen) == versions - 1 and len(seen) >= 2, seen


def test_kill_9_mid_replace_leaves_graph_wholly_old_or_wholly_new(tmp_path: Path) -> None:
    n = 200_000
    root = tmp_path / "st"
    old_nq = tmp_path / "old.nq"
    old_nq.write_text("".join(f'<https://example.org/s{i}> <{P}> "old" <{G}> .\n'
                              for i in range(n)))
    with EmbeddedStore(root) as st:
        st.bulk_load(old_nq)
    old = fingerprint(root)
    assert old[0] == n
    killed_mid_write = []
    for delay in (0.8,):
        # The same request replace_graphs sends (DROP + INSERT DATA in one update), built
        # with plain strings so that the test spends its time in the write, not in rdflib.
        writer = python(f"""
            import sys
            from graph.embedded import EmbeddedStore
            body = "".join(f'<https://example.org/s{{i}}> <{P}> "new" .\\n'
                           for i in range({n}))
            with EmbeddedStore(sys.argv[1]) as st:
                print("start", flush=True)
                st.update(f"DROP SILENT GRAPH <{G}> ; INSERT DATA {{{{ GRAPH <{G}> "
                          f"{{{{ {{body}} }}}} }}}}")
                print("done", flush=True)
        """, str(root))
        assert writer.stdout and writer.stdout.readline().strip() == "start"
        time.sleep(delay)
        killed_mid_write.append(writer.poll() is None)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        EmbeddedStore(root).close()  # openable for writing: the lock died with the writer
        state = fingerprint(root)
        assert state == old or (state[0] == n and "new" in _one_object(root)), \
            "a killed write must leave the graph wholly old or wholly new"
        with EmbeddedStore(root, read_only=True) as reader:
            assert reader.query(f"ASK {{ GRAPH <{G}> {{ ?s ?p ?o }} }}") is True
    assert any(killed_mid_write), "no kill landed during the write; the test proved nothing"


def _one_object(root: Path) -> str:
    store = ox.Store.read_only(str(root / "db"))
    objects = {q.object.value for q in store.quads_for_pattern(None, None, None,
                                                               ox.NamedNode(str(G)))}
    assert len(objects) == 1, "a mix of old and new triples"
    return objects.pop()


def test_writer_killed_between_commit_and_publish_is_published_on_next_open(
        tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "st") as st:
        st.replace_graphs({G: version_graph(1, 2)})
        st._pending()  # what update() does first; then "crash" before publish()
        st._store.update(f"INSERT DATA {{ GRAPH <{G}> {{ <urn:x> <{P}> 9 }} }}")
    reader = EmbeddedStore(tmp_path / "st", read_only=True)
    assert reader.count(G) == 2  # the unpublished commit is invisible ...
    EmbeddedStore(tmp_path / "st").close()
    assert reader.count(G) == 3  # ... until the next writer publishes it
    reader.close()


def test_restore_is_seen_by_a_reader_opened_before_it(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "st")
    with EmbeddedStore(settings.store) as st:
        st.replace_graphs({G: version_graph(1, 4)})
    backup_store(settings, tmp_path / "bk")
    with EmbeddedStore(settings.store) as st:
        st.replace_graphs({G: version_graph(2, 7)})
    reader = EmbeddedStore(settings.store, read_only=True)
    assert reader.count(G) == 7
    assert restore_store(settings, tmp_path / "bk") == 4
    assert reader.count(G) == 4 and set(reader.graph(G).objects()) == {Literal(1)}
    with EmbeddedStore(settings.store) as st:  # the restored primary takes writes
        st.replace_graphs({G: version_graph(3, 1)})
    assert reader.count(G) == 1
    reader.close()


def test_snapshots_are_pruned_only_after_their_successor_is_old(tmp_path: Path) -> None:
    from graph.embedded import KEEP_SNAPSHOTS, SNAPSHOT_GRACE

    snaps = tmp_path / "st" / "snapshots"
    with EmbeddedStore(tmp_path / "st") as st:
        for v in range(KEEP_SNAPSHOTS + 2):
            st.replace_graphs({G: version_graph(v, 1)})
        recent = sorted(p.name for p in snaps.iterdir())
        assert len(recent) == KEEP_SNAPSHOTS + 3, "a reader may still use a recent one"
        past = time.time() - SNAPSHOT_GRACE - 10
        for p in snaps.iterdir():
            os.utime(p, (past, past))
        st.replace_graphs({G: version_graph(99, 1)})
    kept = sorted(p.name for p in snaps.iterdir())
    assert len(kept) == KEEP_SNAPSHOTS and kept[-1] == (tmp_path / "st" / "CURRENT") \
        .read_text().strip()


def test_closing_twice_is_harmless(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from graph.embedded import EmbeddedStore

    st = EmbeddedStore(tmp_path / "s")
    st.close()
    st.close()
    again = EmbeddedStore(tmp_path / "s")  # the writer's lock was released
    assert again.count() >= 0
    again.close()


def test_current_watch_reads_current_only_when_it_changes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from graph import snapshots

    reads: list[Path] = []
    real = snapshots.current_name
    monkeypatch.setattr(snapshots, "current_name", lambda root: reads.append(root) or real(root))
    watch = snapshots.CurrentWatch(tmp_path)
    assert watch.name() is None and not reads  # no CURRENT: nothing to read
    (tmp_path / "CURRENT").write_text("0000000001\n")
    assert [watch.name() for _ in range(5)] == ["0000000001"] * 5
    assert len(reads) == 1  # read once, then only stat()ed
    tmp = tmp_path / "CURRENT.tmp"  # what publish() and restore do: a rename
    tmp.write_text("0000000002\n")
    os.replace(tmp, tmp_path / "CURRENT")
    assert watch.name() == "0000000002" and len(reads) == 2
    (tmp_path / "CURRENT").write_text("0000000003 \n")  # rewritten in place, longer
    assert watch.name() == "0000000003"
    (tmp_path / "CURRENT").unlink()
    assert watch.name() is None
