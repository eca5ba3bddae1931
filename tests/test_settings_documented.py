"""Every setting is documented in README, and bad values name the variable."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.settings import Settings, SettingsError, documented
from tests.conftest import ROOT


def test_every_setting_is_in_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [env for env, _, _ in documented() if f"`{env}`" not in readme]
    assert not missing, f"settings missing from README: {missing}"


def test_env_values_are_typed() -> None:
    s = Settings.from_env({"REMIT_QUERY_TIMEOUT": "2.5", "REMIT_WORKERS": "3",
                           "REMIT_REFERENCE_DATE": "2012-01-31"})
    assert s.query_timeout == 2.5 and s.workers == 3
    assert s.today() == dt.date(2012, 1, 31)


def test_bad_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="REMIT_QUERY_TIMEOUT"):
        Settings.from_env({"REMIT_QUERY_TIMEOUT": "soon"})


def test_overrides_beat_environment() -> None:
    s = Settings.from_env({"REMIT_PORT": "9000"}, port=9100)
    assert s.port == 9100
