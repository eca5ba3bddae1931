"""Per-client concurrency: a client (its bearer token, else its address) may run at most
``settings.client_concurrency`` queries at once; one more gets 429 with Retry-After, so one
busy notebook cannot take every query worker from everyone else.

Tokens are kept only as a digest, never as text. Counts live in the process (one event
loop), which is where the requests are.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import defaultdict
from collections.abc import Iterator

from fastapi import Request

from queryapi.errors import ApiError


def client_id(request: Request) -> str:
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:16]
    return "addr:" + (request.client.host if request.client else "unknown")


class ClientLimiter:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.running: dict[str, int] = defaultdict(int)

    @contextlib.contextmanager
    def slot(self, client: str) -> Iterator[None]:
        """Hold one of the client's slots for the duration of a query; 429 if none is free."""
        if self.limit and self.running[client] >= self.limit:
            raise ApiError(429, f"too many concurrent queries from this client (limit "
                           f"{self.limit}, setting REMIT_CLIENT_CONCURRENCY); retry when one "
                           "has finished", headers={"Retry-After": "1"})
        self.running[client] += 1
        try:
            yield
        finally:
            self.running[client] -= 1
            if self.running[client] <= 0:
                del self.running[client]
