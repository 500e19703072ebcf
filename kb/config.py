"""Settings: one typed object from defaults, ``kb.toml`` and ``KB_*`` environment variables.

Priority, highest first: explicit arguments, environment (``KB_HOME``, ``KB_LLM__BACKEND``...),
the TOML file (``--config FILE``, else ``KB_CONFIG``, else ``./kb.toml`` when present), defaults.
The sections are defined in ``kb.config_sections`` (``[feeds]`` ... ``[report]``),
``kb.config_interests`` (profiles, ``[relevance]``) and ``kb.config_delivery``, and are
importable from here (``from kb.config import FeedSettings``).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from kb.config_delivery import (  # noqa: F401  (re-exported: the settings tree)
    DeliverySettings,
    EmailSettings,
    SiteSettings,
    WebhookSettings,
)
from kb.config_interests import Profile, RelevanceSettings
from kb.config_keys import check_arguments, check_environment, check_file
from kb.config_sections import (
    BackfillSettings,
    ChunkingSettings,
    EmbeddingSettings,
    FeedSettings,
    IndexSettings,
    IngestSettings,
    LLMSettings,
    PdfSettings,
    QASettings,
    ReportSettings,
    SearchSettings,
)
from kb.errors import ConfigError


class Settings(BaseSettings):
    """Everything arxiv-kb can be told, with a default for each field."""

    model_config = SettingsConfigDict(
        env_prefix="KB_", env_nested_delimiter="__", extra="ignore", validate_default=True
    )

    home: Path = Field(default=Path("indexes"), description="Folder that holds all state.")
    feeds: FeedSettings = Field(default_factory=FeedSettings)
    pdf: PdfSettings = Field(default_factory=PdfSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    backfill: BackfillSettings = Field(default_factory=BackfillSettings)
    qa: QASettings = Field(default_factory=QASettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    relevance: RelevanceSettings = Field(default_factory=RelevanceSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    profiles: list[Profile] = Field(default_factory=list, description="Interest profiles.")
    config_file: Path | None = Field(default=None, description="The TOML file that was read.")

    @field_validator("home")
    @classmethod
    def _absolute_home(cls, value: Path) -> Path:
        return Path(value).expanduser().resolve()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then KB_* variables, then the TOML file."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    # Derived paths: everything lives under ``home``.
    @property
    def db_path(self) -> Path:
        """The DuckDB file, source of truth."""
        return self.home / "kb.duckdb"

    @property
    def index_dir(self) -> Path:
        """The FAISS index and its manifest (derived from DuckDB)."""
        return self.home / "faiss"

    @property
    def pdf_dir(self) -> Path:
        """Downloaded PDFs, cached by id and version."""
        return self.home / "pdfs"

    @property
    def reports_dir(self) -> Path:
        """Where daily reports are written."""
        return Path(self.report.out_dir).resolve() if self.report.out_dir else self.home / "reports"

    @property
    def lock_path(self) -> Path:
        """Lock file that keeps two writers apart."""
        return self.home / "kb.lock"

    def profile(self, name: str) -> Profile:
        """The profile called ``name``; raises ConfigError when absent."""
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise ConfigError(f"no profile named {name!r} (have: {[p.name for p in self.profiles]})")


def find_config_file(config: str | Path | None = None) -> Path | None:
    """The TOML file to read: the argument, else ``KB_CONFIG``, else ``./kb.toml`` if present."""
    if config:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        return path
    env = os.environ.get("KB_CONFIG")
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"KB_CONFIG points to a missing file: {path}")
        return path
    local = Path("kb.toml")
    return local if local.is_file() else None


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Load settings once at an entry point (CLI, app, script) and pass them down.

    Raises:
        ConfigError: when the file is missing, is not TOML, or holds invalid values.
    """
    path = find_config_file(config)

    class _FileSettings(Settings):
        model_config = SettingsConfigDict(
            **{**Settings.model_config, "toml_file": str(path) if path else None}
        )

    try:
        settings = _FileSettings(**overrides)
    except Exception as exc:  # pydantic ValidationError or tomllib.TOMLDecodeError
        raise ConfigError(f"invalid settings{f' in {path}' if path else ''}: {exc}") from exc
    # what pydantic would ignore is an error: a typo must not pass for a default
    if path is not None:
        check_file(tomllib.loads(path.read_text(encoding="utf-8")), Settings, path)
    check_arguments(overrides, Settings)
    delivery = settings.delivery
    secrets = (settings.llm.api_key_env, delivery.email.password_env, delivery.webhook.url_env)
    check_environment(os.environ, Settings, secrets)
    settings.config_file = path.resolve() if path else None
    return settings
