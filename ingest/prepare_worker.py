"""A helper process of ``ingest/prepared.py``: prepares the packs it is sent, in order.

Run as ``python -m ingest.prepare_worker [module:function]`` (default
``ingest.load:prepare_pack``). Requests and replies are frames (an 8-byte length, then a
pickle) read from buffered streams, since several are in flight at once: a request is
``(path, base_iri)``, a reply what the function returned; the end of the input ends the
process. A fresh interpreter started this way
never re-runs the caller's main script, as a ``multiprocessing`` spawn would for a script
without a ``__main__`` guard.
"""

from __future__ import annotations

import importlib
import os
import pickle
import struct
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

_HEADER = struct.Struct("!Q")

DEFAULT = "ingest.load:prepare_pack"


def load(spec: str) -> Callable[[Path, str], Any]:
    module, _, name = spec.partition(":")
    fn: Callable[[Path, str], Any] = getattr(importlib.import_module(module), name)
    return fn


def send(stream: IO[bytes], value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next frame; EOFError at the end of the stream (or in the middle of a frame)."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the stream ended")
    size = _HEADER.unpack(head)[0]
    body = stream.read(size)
    if len(body) < size:
        raise EOFError("the stream ended inside a frame")
    return pickle.loads(body)


def main(argv: list[str]) -> int:
    prepare = load(argv[0] if argv else DEFAULT)
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed while extracting goes to stderr, not into a reply
    requests = sys.stdin.buffer
    while True:
        try:
            path, base_iri = receive(requests)
        except EOFError:
            return 0
        send(replies, prepare(Path(path), base_iri))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
