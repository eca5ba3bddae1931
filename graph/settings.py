"""Every setting, declared once: name, ``REMIT_*`` environment variable, default and help.

The CLI, the app, notebooks and benchmarks all build a :class:`Settings` from here, and
``tests/test_settings_documented.py`` fails if one is missing from README's settings table.
Requests never read the environment: the app reads it once, at start-up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


def _setting(default: Any, help: str, env: str | None = None) -> Any:
    return field(default=default, metadata={"help": help, "env": env})


@dataclass(frozen=True)
class Settings:
    store: Path = _setting(Path("var/store"), "Directory of the embedded Oxigraph store.")
    endpoint: str | None = _setting(
        None, "URL of a SPARQL 1.1 server to use instead of the embedded store (its query "
        "URL; updates go to REMIT_UPDATE_ENDPOINT, else the query URL with a final /query "
        "replaced by /update, else the same URL).")
    update_endpoint: str | None = _setting(
        None, "SPARQL 1.1 Update URL of the remote server, when it differs from REMIT_ENDPOINT.")
    base_iri: str = _setting(
        "https://remit.example/", "Base IRI under which entity IRIs are minted as "
        "{base}id/{type}/{key}.")
    query_timeout: float = _setting(30.0, "Time limit of every SPARQL query, in seconds.")
    update_token: str | None = _setting(
        None, "Bearer token that allows SPARQL Update and Graph Store writes; none means "
        "the endpoint is read-only.")
    row_cap: int = _setting(
        100_000, "Most rows a SELECT returns through /sparql; past it the response says so "
        "(header and message), never a silent partial result. 0 means no cap.")
    max_query_bytes: int = _setting(
        200_000, "Largest SPARQL query text accepted, in bytes (larger gets 413).")
    workers: int = _setting(2, "Query worker processes of the app.")
    ingest_workers: int = _setting(
        1, "Processes that read and extract the next packs while `remit ingest` writes one "
        "(0: everything in the writing process).")
    client_concurrency: int = _setting(
        8, "Most concurrent queries one client (token, else address) may run; more get 429.")
    host: str = _setting("127.0.0.1", "Address `remit serve` listens on.")
    port: int = _setting(8000, "Port `remit serve` listens on.")
    reference_date: dt.date | None = _setting(
        None, "Date against which items are overdue (ISO date); default today.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``REMIT_*`` variables, then explicit overrides (CLI options)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            var = env_name(f)
            if var in env and env[var] != "":
                values[f.name] = _coerce(f, env[var], var)
        for name, value in overrides.items():
            if value is not None:
                f = next((x for x in dataclasses.fields(cls) if x.name == name), None)
                if f is None:
                    raise SettingsError(f"unknown setting {name!r}")
                values[name] = _coerce(f, value, f"--{name.replace('_', '-')}") if isinstance(
                    value, str) else value
        return cls(**values)

    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()


def env_name(f: dataclasses.Field[Any]) -> str:
    return f.metadata.get("env") or f"REMIT_{f.name.upper()}"


def documented() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for README and `remit settings`."""
    out = []
    for f in dataclasses.fields(Settings):
        out.append((env_name(f), "" if f.default is None else str(f.default), f.metadata["help"]))
    return out


def _coerce(f: dataclasses.Field[Any], raw: str, where: str) -> Any:
    kind = str(f.type)
    try:
        if "Path" in kind:
            return Path(raw)
        if "float" in kind:
            value = float(raw)
            if value <= 0:
                raise ValueError("must be positive")
            return value
        if "int" in kind:
            value = int(raw)
            if value < 0:
                raise ValueError("must not be negative")
            return value
        if "date" in kind:
            return dt.date.fromisoformat(raw)
        return raw
    except ValueError as exc:
        raise SettingsError(f"{where}={raw!r}: {exc}") from exc
