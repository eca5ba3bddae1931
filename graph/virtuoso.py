"""Run Remit over Virtuoso: a loopback-only server in its own directory, bulk-loaded from
``remit export --nquads`` output (one named graph per document stays one graph).

Why Virtuoso: past one machine (or past what the embedded store answers fast enough on one),
Remit's store layer talks SPARQL 1.1 to any server (``graph/remote.py``, selected by
``REMIT_ENDPOINT``); Virtuoso is the open-source one with a Debian package and a bulk
loader. Recipe, as code (docs/scaling.md has it by hand and for 1e8+ and clusters)::

    python -m graph.virtuoso serve export.nq --dir var/virtuoso    # prints REMIT_ENDPOINT

Steps: write a ``virtuoso.ini`` whose ports listen on 127.0.0.1 only and whose
``DirsAllowed`` names the export's folder; start ``virtuoso-t +foreground``; through
``isql-vt``: ``ld_dir(folder, file, fallback graph)``, ``rdf_loader_run()``, ``checkpoint``;
and ``GRANT SPARQL_UPDATE TO "SPARQL"`` when Remit should write (ingest) through /sparql.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

FALLBACK_GRAPH = "https://remit.example/graph/unnamed"

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dirs}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 2G
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
MaxClientConnections = 20
ServerThreads = 20
MaxKeepAlives = 20
KeepAliveTimeout = 10
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
DefaultQuery = SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1
"""


class VirtuosoError(RuntimeError):
    """Virtuoso is missing, did not start, or refused a command; the message says which."""


def installed() -> bool:
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Virtuoso:
    """One Virtuoso server in ``directory`` (created; a temporary one if None)."""

    def __init__(self, directory: Path | None = None, data_dirs: tuple[Path, ...] = (),
                 memory_gb: float = 2.0) -> None:
        if not installed():
            raise VirtuosoError("virtuoso-t or isql-vt not found: apt-get install "
                                "virtuoso-opensource (the Debian package)")
        self.dir = Path(directory or tempfile.mkdtemp(prefix="remit-virtuoso-")).resolve()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.isql_port, self.http_port = _port(), _port()
        buffers = int(memory_gb * 1e9 * 0.66 / 8000)  # the ini's own rule: 8 KB pages
        dirs = ", ".join(str(Path(p).resolve()) for p in (*data_dirs, self.dir))
        (self.dir / "virtuoso.ini").write_text(INI.format(
            d=self.dir, isql=self.isql_port, http=self.http_port, dirs=dirs,
            buffers=buffers, dirty=buffers * 3 // 4), encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def start(self, timeout: float = 60) -> None:
        log = open(self.dir / "stdout.log", "wb")  # noqa: SIM115 - lives with the process
        self.proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile",
                                      str(self.dir / "virtuoso.ini")], cwd=self.dir,
                                     stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise VirtuosoError(f"virtuoso-t exited ({self.proc.returncode}); see "
                                    f"{self.dir / 'virtuoso.log'}")
            try:
                if httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=2).is_success:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise VirtuosoError(f"Virtuoso did not answer on {self.endpoint} within {timeout:.0f} s")

    def isql(self, *statements: str, timeout: float = 3600) -> str:
        """Run SQL statements through isql-vt (as dba, whose password a fresh database has
        as 'dba'; the server listens on loopback only)."""
        script = "\n".join(s.rstrip().rstrip(";") + ";" for s in statements)
        res = subprocess.run(["isql-vt", str(self.isql_port), "dba", "dba",
                              "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"],
                             input=script, capture_output=True, text=True, timeout=timeout)
        out = res.stdout + res.stderr
        if res.returncode != 0 or "*** Error" in out:
            raise VirtuosoError(f"isql failed: {out.strip()[-800:]}")
        return out

    def bulk_load(self, nquads: Path, fallback_graph: str = FALLBACK_GRAPH) -> None:
        """Load an N-Quads (or .nt/.ttl) file with Virtuoso's bulk loader; quads keep their
        graph names. The file's folder must be in DirsAllowed (pass it as ``data_dirs``)."""
        p = Path(nquads).resolve()
        self.isql(f"ld_dir('{p.parent}', '{p.name}', '{fallback_graph}')",
                  "rdf_loader_run()", "checkpoint")
        errors = self.isql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST "
                           "WHERE ll_error IS NOT NULL")
        if p.name in errors:
            raise VirtuosoError(f"bulk load of {p} failed: {errors.strip()[-800:]}")

    def grant_update(self) -> None:
        """Let /sparql accept SPARQL Update (Remit's ingest writes through it); loopback only,
        so the grant is the server's only access control: never expose this port."""
        self.isql('GRANT SPARQL_UPDATE TO "SPARQL"',
                  'GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL"',
                  'GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL"')

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(VirtuosoError, subprocess.TimeoutExpired):
            self.isql("shutdown", timeout=30)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def __enter__(self) -> Virtuoso:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Serve N-Quads exports from a loopback Virtuoso.")
    ap.add_argument("command", choices=["serve"])
    ap.add_argument("nquads", type=Path, nargs="+", help="files from `remit export --nquads`")
    ap.add_argument("--dir", type=Path, default=Path("var/virtuoso"))
    ap.add_argument("--memory-gb", type=float, default=2.0)
    ap.add_argument("--allow-update", action="store_true")
    args = ap.parse_args(argv)
    v = Virtuoso(args.dir, tuple({p.resolve().parent for p in args.nquads}), args.memory_gb)
    v.start()
    try:
        for p in args.nquads:
            v.bulk_load(p)
        if args.allow_update:
            v.grant_update()
        print(f"export REMIT_ENDPOINT={v.endpoint}\n(Ctrl-C stops Virtuoso; data stay in "
              f"{v.dir})", flush=True)
        assert v.proc is not None
        v.proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        v.stop()


if __name__ == "__main__":
    main()
