"""Debian's Chromium under Playwright for the browser tests, in one place.

Never a browser download: Playwright is pointed at ``/usr/bin/chromium`` (or
``REMIT_CHROMIUM``) with the flags this machine's closed network needs. Tests skip with a
clear message where Chromium or Playwright is absent; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("REMIT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def have_chromium() -> bool:
    return Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is not None


def require_chromium() -> Any:
    """Skip the calling test (or module) unless Chromium and Playwright are there; return
    Playwright's sync API."""
    if not have_chromium():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium "
                    "(apt-get install chromium) to run the browser tests",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium, closed afterwards."""
    sync_api = require_chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def local_only(route: Any, request: Any) -> None:
    """Let requests to 127.0.0.1 (and data:/blob:) through; abort everything else."""
    if request.url.startswith(("data:", "blob:")) or \
            urlparse(request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


class Watched:
    """A page whose console errors, script errors, dialogs and off-host requests are kept."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any, request: Any) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def clean(self) -> bool:
        return not self.errors and not self.dialogs and not self.outside

    def close(self) -> None:
        self.context.close()


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Wait until ``expression`` is truthy in ``page``, asking it with ``page.evaluate``.

    Why not ``page.wait_for_function``: its polling re-evaluates a string inside the page,
    which a page whose Content-Security-Policy forbids 'unsafe-eval' (every page of the
    app) refuses whenever the first check comes back false: a race that failed a fresh
    CI run (Playwright issue 7395). ``evaluate`` goes through the DevTools protocol and is
    not subject to the page's CSP."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression!r} still false after {timeout:g} s")
        time.sleep(0.05)
