"""Settings: defaults, kb.toml, KB_* environment variables, KB_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.config import load_settings
from kb.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parent.parent / "kb" / "kb.example.toml"


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


# -- unknown keys are errors ------------------------------------------------------------------
def test_a_typo_in_kb_toml_names_the_key_the_file_and_the_closest_key(kb_home: Path) -> None:
    config = kb_home.parent / "kb.toml"
    config.write_text("[chunking]\nmax_char = 800\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config)
    message = str(info.value)
    assert "'chunking.max_char'" in message and str(config) in message
    assert message.endswith("did you mean 'chunking.max_chars'?")
    config.write_text('[[profiles]]\nname = "x"\ndescription = "y"\nkeyword = ["z"]\n')
    with pytest.raises(ConfigError, match=r"'profiles\[0\]\.keyword' .*'profiles\[0\]\.keywords'"):
        load_settings(config)
    config.write_text("[nothing_like_it]\nx = 1\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match="valid keys there: backfill, chunking, delivery, embedding, feeds, home"
    ):
        load_settings(config)


def test_an_older_kb_toml_still_loads_and_says_what_it_ignores(
    kb_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """relevance.threshold and cosine-scale profile thresholds came from an older version."""
    config = kb_home.parent / "kb.toml"
    config.write_text(
        "[relevance]\nthreshold = 0.45\nmax_score = 3.0\nthreshold_slope = 50\n\n"
        '[[profiles]]\nname = "old"\ndescription = "d"\nthreshold = 0.46\n\n'
        '[[profiles]]\nname = "own"\ndescription = "d"\nthreshold = 2.5\n',
        encoding="utf-8",
    )
    with caplog.at_level("WARNING"):
        settings = load_settings(config)
    assert settings.profile("old").threshold is None  # calibration decides
    assert settings.profile("own").threshold == 2.5  # today's scale is kept
    text = caplog.text
    assert "'relevance.threshold'" in text and "no longer used" in text
    assert "'relevance.max_score'" in text and "relevance.relative_bar" in text
    assert "'relevance.threshold_slope'" in text
    assert "0.46 is on the old cosine scale" in text
    caplog.clear()
    with caplog.at_level("WARNING"), pytest.MonkeyPatch.context() as env:
        env.setenv("KB_RELEVANCE__THRESHOLD", "0.45")  # the same key set the other way
        load_settings(config)
    assert "KB_RELEVANCE__THRESHOLD is no longer used" in caplog.text


def test_an_unknown_kb_variable_is_an_error(kb_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("KB_FEEDS__DELAY", "1")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value) == (
        "unknown setting KB_FEEDS__DELAY (an environment variable); "
        "did you mean 'KB_FEEDS__DELAY_S'?"
    )
    monkeypatch.delenv("KB_FEEDS__DELAY")
    monkeypatch.setenv("KB_CHUNKING__MAX_CHARS", "900")  # a real one passes
    monkeypatch.setenv("KB_CRASH_AT", "")  # not a setting, but ours
    monkeypatch.setenv("KB_LLM__API_KEY_ENV", "KB_MY_KEY")
    monkeypatch.setenv("KB_MY_KEY", "sk-0")  # the variable the API key is read from
    monkeypatch.setenv("KB_SMTP_PASSWORD", "s3cret")  # a plain KB_ name: not a setting's form
    monkeypatch.setenv("KB_DELIVERY__EMAIL__PASSWORD_ENV", "KB_MAIL__PW")
    monkeypatch.setenv("KB_MAIL__PW", "s3cret")  # named by a setting as a secret's variable
    settings = load_settings()
    assert settings.chunking.max_chars == 900 and settings.llm.api_key_env == "KB_MY_KEY"
    with pytest.raises(ConfigError, match="'feedz' .*did you mean 'feeds'"):
        load_settings(feedz={"delay_s": 1})


def test_an_api_key_in_the_file_is_still_refused_as_such(kb_home: Path) -> None:
    config = kb_home.parent / "kb.toml"
    config.write_text('[llm]\napi_key = "sk-0"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="an API key cannot be a setting"):
        load_settings(config)


# -- kb.toml written back with its comments ----------------------------------------------------
def test_saving_profiles_keeps_comments_order_and_untouched_text(kb_home: Path) -> None:
    from kb.config import Profile
    from kb.configfile import save_profiles

    original = EXAMPLE.read_text(encoding="utf-8")
    config = kb_home.parent / "kb.toml"
    config.write_text(original, encoding="utf-8")
    profiles = load_settings(config).profiles
    save_profiles(config, profiles)
    assert config.read_text(encoding="utf-8") == original  # nothing changed, nothing rewritten

    keywords = [*profiles[1].keywords, "load forecasting"]
    edited = profiles[1].model_copy(update={"keywords": keywords})
    save_profiles(config, [profiles[0], edited, profiles[2], Profile(name="new", description="d")])
    after = config.read_text(encoding="utf-8").splitlines()
    before = original.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=False) if a != b]
    old_line = next(line for line in before if line.startswith('keywords = ["multivariate'))
    assert changed == [(old_line, old_line[:-1] + ', "load forecasting"]')]
    assert after[len(before) :] == ["", "[[profiles]]", 'name = "new"', 'description = "d"']
    assert [p.name for p in load_settings(config).profiles] == ["vla", "time-series", "traffic",
                                                                 "new"]  # fmt: skip

    config.write_text("# mine\n[feeds]\ndelay_s = 4.0  # slower\n", encoding="utf-8")
    save_profiles(config, [Profile(name="a", description="b")])
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# mine\n[feeds]\ndelay_s = 4.0  # slower\n")
    assert load_settings(config).profile("a").description == "b"


def test_the_example_file_agrees_with_the_defaults(kb_home: Path) -> None:
    """Every value kb.example.toml sets (besides relevance and profiles) is the default."""
    import tomllib

    from kb.config import Settings

    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    defaults = Settings().model_dump()
    checked = 0
    for section, values in data.items():
        if section in ("relevance", "profiles"):
            continue
        for key, value in values.items():
            assert defaults[section][key] == value, f"{section}.{key}"
            checked += 1
    assert checked >= 5
    load_settings(EXAMPLE)  # and every key in it is known
