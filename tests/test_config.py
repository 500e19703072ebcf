"""Settings: defaults, kb.toml, KB_* environment variables, KB_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.config import load_settings
from kb.errors import ConfigError


def test_defaults_put_state_under_kb_home(kb_home: Path) -> None:
    settings = load_settings()
    assert settings.home == kb_home.resolve()
    assert settings.db_path == kb_home.resolve() / "kb.duckdb"
    assert settings.index_dir.parent == settings.home
    assert settings.llm.backend == "extractive"
    assert settings.feeds.delay_s == 3.0


def test_toml_file_then_env_override(kb_home: Path, tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "custom.toml"
    config.write_text(
        """
[feeds]
categories = ["cs.RO"]
delay_s = 0.5

[llm]
backend = "openai"

[[profiles]]
name = "vla"
description = "Vision-language-action models for robots."
keywords = ["VLA"]
""",
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.feeds.categories == ["cs.RO"]
    assert settings.feeds.delay_s == 0.5
    assert settings.profile("vla").keywords == ["VLA"]
    assert settings.config_file == config.resolve()

    monkeypatch.setenv("KB_LLM__BACKEND", "llamacpp")
    monkeypatch.setenv("KB_CONFIG", str(config))
    settings = load_settings()
    assert settings.llm.backend == "llamacpp"  # env beats file
    assert settings.feeds.categories == ["cs.RO"]  # file read through KB_CONFIG


def test_bad_config_is_a_clear_error(kb_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[llm]\nbackend = 'gpt-telepathy'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml"):
        load_settings(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")


def test_unknown_profile_names_the_known_ones(kb_home: Path) -> None:
    with pytest.raises(ConfigError, match="no profile named"):
        load_settings().profile("nope")
