"""README documents every `remit` command (docs that fail the build when they drift)."""

from __future__ import annotations

import re

from remit.cli import _load, app
from tests.conftest import ROOT


def test_every_command_is_in_readme() -> None:
    _load()
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in
             app.registered_commands}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^remit (\w+)", readme, re.MULTILINE))
    documented |= set(re.findall(r"/ remit (\w+)", readme))
    missing = sorted(n for n in names if n not in documented)
    assert not missing, f"commands missing from README: {missing}"
