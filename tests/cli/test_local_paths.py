"""The local database is found without loading the settings when the environment sets none,
and exactly where the settings would put it; any other setting still goes through them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nearer.local_paths import NOT_SETTINGS, database_url_without_settings, default_data_dir


def _settings_url(monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]) -> str:
    import os

    from nearer.settings import Settings

    for name in list(os.environ):
        if name.upper().startswith("NEARER_"):
            monkeypatch.delenv(name)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return Settings().resolved_database_url()


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"NEARER_CACHE_DIR": "/tmp/c", "NEARER_PASSPHRASE": "x", "NEARER_KDF": "argon2id$t=1"},
        {"NEARER_DATABASE_URL": "sqlite:////tmp/elsewhere.sqlite3"},
        {"NEARER_DATABASE_URL": ""},
        {"NEARER_DATABASE_URL": "postgresql+psycopg://u@h/db", "NEARER_COACH_MODEL": "0"},
    ],
)
def test_without_settings_the_url_is_the_one_the_settings_give(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = database_url_without_settings(environ)
    assert found is not None
    assert found == _settings_url(monkeypatch, environ)


def test_the_default_is_the_data_folder() -> None:
    assert database_url_without_settings({}) == f"sqlite:///{default_data_dir() / 'nearer.sqlite3'}"


@pytest.mark.parametrize(
    "environ",
    [
        {"NEARER_DATA_DIR": "/tmp/d"},
        {"NEARER_SESSION_DAYS": "0"},  # a bad value is refused by the settings, as before
        {"nearer_database_url": "sqlite:////tmp/x.sqlite3"},  # settings read any case
        {"NEARER_DATABASE_URL": "sqlite:////tmp/x.sqlite3", "NEARER_SECRET_KEY": "changeme"},
        {"NEARER_SOMETHING_NEW": "1"},
    ],
)
def test_any_other_setting_goes_through_the_settings(environ: dict[str, str]) -> None:
    assert database_url_without_settings(environ) is None


def test_the_variables_passed_over_are_no_settings() -> None:
    from nearer.settings import Settings

    settings_names = {f"NEARER_{name.upper()}" for name in Settings.model_fields}
    assert not NOT_SETTINGS & settings_names
    assert "NEARER_DATABASE_URL" in settings_names and "NEARER_DATA_DIR" in settings_names


def test_a_command_finds_the_database_in_the_data_folder_without_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("NEARER_")}
    env.update(PYTHONPATH=src, XDG_DATA_HOME=str(tmp_path / "data"),
               NEARER_CACHE_DIR=str(tmp_path / "cache"))  # fmt: skip
    script = (
        "import runpy, sys\n"
        "sys.argv = ['nearer', 'journal', 'list', '--json']\n"
        "try:\n"
        "    runpy.run_module('nearer', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "assert 'pydantic_settings' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "data" / "nearer" / "nearer.sqlite3").exists()
