"""Full-text search over the graph: an SQLite FTS5 index of people, bodies, posts,
recommendations and decisions, kept next to the store (``var/store/search.sqlite``).

Oxigraph has no text index and a regex scan grows with the data, so the words of each
entity's names and text are indexed here. Two entry points:

* :func:`build_index` ``(store, path)`` rebuilds the whole index (into a temporary file that
  then replaces the old one, so readers never see half an index);
* :func:`update_index` ``(store, path, pack_iri)`` re-indexes the entities one pack's graph
  mentions (and those it used to mention). **The ingest pipeline calls it after each
  committed pack**, with ``path = index_path(settings)``.

Both record the store's state token; the app rebuilds when the token it sees differs (a
store changed by other means), so a stale index heals itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from graph.bindings import iri_text, with_values
from graph.settings import Settings
from graph.store import Store
from ontology.namespaces import DCTERMS, FOAF, RDFS, REM, SKOS

#: Indexed classes and the kind name shown to users.
KINDS = {REM.Person: "person", REM.Body: "body", REM.Post: "post",
         REM.RoleOwner: "role-owner", REM.Recommendation: "recommendation",
         REM.Resolution: "decision", REM.KeyDecision: "decision", REM.Action: "action"}
#: Properties whose values are names (label column) and text (text column).
NAMES = (RDFS.label, FOAF.name, SKOS.altLabel, REM.acronym, DCTERMS.title,
         REM.recommendationId, REM.reference)
TEXTS = (REM.text, REM.decisionText, REM.keyActions, REM.progressNote)

#: Only the indexed classes and properties are read (in the query, not after it): an entity's
#: other literals (dates, statuses, line spans) were half the rows of a pack's re-index.
#: Classes and properties are tested by FILTER, not joined from VALUES: with the entities
#: bound (a pack's re-index) the engine then looks each one up, where a VALUES of classes
#: made it read every typed entity of the store first (77 ms against 1.5 ms for a pack of
#: a 1M-triple store, growing with the store; the whole index 2.6 s against 1.8 s).
_FIELDS = f"""
SELECT ?s ?cls ?p ?v WHERE {{
  ?s a ?cls . FILTER(?cls IN ({", ".join(iri_text(c) for c in KINDS)}))
  OPTIONAL {{ ?s ?p ?v .
             FILTER(isLiteral(?v) && ?p IN ({", ".join(iri_text(p) for p in NAMES + TEXTS)})) }}
}}"""
_IN_PACK = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS entities USING fts5(
  iri UNINDEXED, kind UNINDEXED, label, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS packs (iri TEXT, pack TEXT, PRIMARY KEY (iri, pack));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


#: Marks around matched words in snippets (control characters never found in text).
MARK = ("\x02", "\x03")


class SearchIndexError(RuntimeError):
    """The index file cannot be read or written; the message names the file."""


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    label: str
    snippet: str


def index_path(settings: Settings) -> Path:
    """The index file next to the embedded store (also used with a remote endpoint)."""
    return Path(settings.store) / "search.sqlite"


_KIND_OF = {str(c): kind for c, kind in KINDS.items()}
_NAME_RANK = {str(p): i for i, p in enumerate(NAMES)}
_TEXT_PROPS = {str(p) for p in TEXTS}
_JSON = "application/sparql-results+json"


def _solutions(store: Store, sparql: str, bindings: dict) -> list[dict[str, Any]]:
    """The query's solutions as the engine's SPARQL JSON: values as strings, no rdflib
    term per value (the conversion was half the cost of re-indexing a pack)."""
    text = with_values(sparql, bindings) if bindings else sparql
    body = store.query_serialized(text, _JSON).body
    return json.loads(body)["results"]["bindings"]


def _entities(store: Store, iris: Iterable[URIRef] | None = None) -> dict[str, tuple]:
    """iri → (kind, label, text) for indexed entities (all, or those in ``iris``)."""
    bindings: dict = {}
    if iris is not None:
        chosen = list(iris)
        if not chosen:
            return {}
        bindings["s"] = chosen
    acc: dict[str, dict] = {}
    for row in _solutions(store, _FIELDS, bindings):
        e = acc.setdefault(row["s"]["value"], {"kind": _KIND_OF[row["cls"]["value"]],
                                               "names": [], "texts": []})
        p = row["p"]["value"] if "p" in row else None
        v = row["v"]["value"] if "v" in row else ""
        if p in _NAME_RANK and (_NAME_RANK[p], v) not in e["names"]:
            e["names"].append((_NAME_RANK[p], v))
        elif p in _TEXT_PROPS and v not in e["texts"]:
            e["texts"].append(v)
    return {iri: (e["kind"], _label(e), " ".join(e["texts"])) for iri, e in acc.items()}


def _label(e: dict) -> str:
    """Names for agents; for commitments the identifier (if any) and the start of the text."""
    names = [v for _, v in sorted(e["names"])]
    if e["kind"] in ("recommendation", "decision", "action") and e["texts"]:
        text = e["texts"][0]
        short = text if len(text) <= 100 else text[:99].rsplit(" ", 1)[0] + "…"
        return f"{names[0]}: {short}" if names else short
    return " / ".join(names) or e["kind"]


#: Bumped when rows are written differently; an index of another format is rebuilt.
FORMAT = "2"


def rowid(iri: str) -> int:
    """A row id fixed by the IRI (63 bits of its SHA-1): the FTS table's only index is its
    rowid, so deleting an entity by IRI would otherwise scan the whole table (20 s per pack
    on an index of a 1M-triple store)."""
    return int.from_bytes(hashlib.sha1(iri.encode("utf-8")).digest()[:8], "big") >> 1


def _write(db: sqlite3.Connection, rows: dict[str, tuple]) -> None:
    db.executemany("INSERT INTO entities (rowid, iri, kind, label, text) VALUES (?, ?, ?, ?, ?)",
                   [(rowid(iri), iri, k, label, text) for iri, (k, label, text) in rows.items()])


def _pack_members(store: Store, pack: URIRef) -> list[URIRef]:
    return [URIRef(r["s"]["value"]) for r in _solutions(store, _IN_PACK, {"g": pack})
            if r["s"]["type"] == "uri"]


def build_index(store: Store, path: Path | str) -> int:
    """Rebuild the whole index at ``path`` atomically; returns the number of entities."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphans(path)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        rows = _entities(store)
        with sqlite3.connect(tmp) as db:
            db.executescript(_SCHEMA)
            _write(db, rows)
            for pack in store.graph_names():
                db.executemany("INSERT OR IGNORE INTO packs VALUES (?, ?)",
                               [(str(s), str(pack)) for s in _pack_members(store, pack)
                                if str(s) in rows])
            db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (store.state(),))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
        db.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        raise SearchIndexError(f"cannot write the search index {path}: {exc}") from exc
    finally:  # whatever stopped the build, its half-written copy goes
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
    return len(rows)


def _remove_orphans(path: Path) -> None:
    """Half-built copies of the index left by processes that were killed while building
    ('search.sqlite.tmp<pid>' of a process that no longer runs) and their journals."""
    for leftover in path.parent.glob(path.name + ".tmp*"):
        pid = leftover.name[len(path.name) + 4:].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, another user's
        return True
    return True


def update_index(store: Store, path: Path | str, pack_iri: URIRef | str) -> int:
    """Re-index what the pack's graph mentions now and mentioned before; returns the count.

    Called by ingest after each committed pack. Builds the index if it does not exist."""
    path, pack = Path(path), URIRef(str(pack_iri))
    if not is_current_format(path):
        return build_index(store, path)
    try:
        with sqlite3.connect(path) as db:
            db.executescript(_SCHEMA)
            before = [URIRef(r[0]) for r in db.execute(
                "SELECT iri FROM packs WHERE pack = ?", (str(pack),))]
            now = _pack_members(store, pack)
            touched = list(dict.fromkeys([*before, *now]))
            rows = _entities(store, touched)
            db.executemany("DELETE FROM entities WHERE rowid = ?",
                           [(rowid(str(i)),) for i in touched])
            db.execute("DELETE FROM packs WHERE pack = ?", (str(pack),))
            _write(db, rows)
            db.executemany("INSERT OR IGNORE INTO packs VALUES (?, ?)",
                           [(str(s), str(pack)) for s in now if str(s) in rows])
            db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (store.state(),))
        db.close()
    except sqlite3.Error as exc:
        raise SearchIndexError(f"cannot update the search index {path}: {exc}") from exc
    return len(rows)


def _meta(path: Path | str, key: str) -> str | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        db.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None


def _format(path: Path | str) -> str | None:
    return _meta(path, "format")


def is_current_format(path: Path | str) -> bool:
    """An index is there and written in this version's format (else it must be rebuilt)."""
    return Path(path).exists() and _format(path) == FORMAT


def indexed_state(path: Path | str) -> str | None:
    """The store state the index was built from, or None if there is no index (or one of
    an older format, which must be rebuilt)."""
    return _meta(path, "state") if _format(path) == FORMAT else None


def fts_query(text: str) -> str:
    """User words as an FTS5 query: each word quoted (no operators), prefix-matched, ANDed."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words[:12])


def search(path: Path | str, text: str, *, kinds: Iterable[str] = (),
           limit: int = 20) -> list[Hit]:
    """Best matches first (bm25, names weighted over text)."""
    match = fts_query(text)
    if not match:
        return []
    sql = ("SELECT iri, kind, label, snippet(entities, 3, ?, ?, ' … ', 12) "
           "FROM entities WHERE entities MATCH ?")
    params: list = [MARK[0], MARK[1], match]
    kinds = list(kinds)
    if kinds:
        sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
        params += kinds
    sql += " ORDER BY bm25(entities, 0, 0, 5.0, 1.0) LIMIT ?"
    params.append(limit)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            rows = db.execute(sql, params).fetchall()
        db.close()
    except sqlite3.Error as exc:
        raise SearchIndexError(f"cannot read the search index {path}: {exc}") from exc
    return [Hit(*r) for r in rows]
