"""Backends registered by name; ``extractive`` means no model at all."""

from __future__ import annotations

from collections.abc import Callable

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.llm.base import LLM

Builder = Callable[[LLMSettings], LLM]


def _llamacpp(settings: LLMSettings) -> LLM:
    # imported here: llama-cpp-python is an optional dependency
    from kb.llm.llamacpp import LlamaCppLLM

    return LlamaCppLLM(settings)


def _openai(settings: LLMSettings) -> LLM:
    from kb.llm.openai_compat import OpenAICompatLLM

    return OpenAICompatLLM(settings)


BACKENDS: dict[str, Builder] = {"llamacpp": _llamacpp, "openai": _openai}


def register_backend(name: str, builder: Builder) -> None:
    """Make ``builder(settings)`` the backend called ``name``."""
    BACKENDS[name] = builder


def get_llm(settings: LLMSettings) -> LLM | None:
    """The configured model backend.

    Args:
        settings: the ``llm`` section of the settings.

    Returns:
        The backend, or None for ``extractive`` (the caller writes from evidence sentences).

    Raises:
        LLMError: the backend is unknown or cannot start (missing package, model or URL).
    """
    if settings.backend == "extractive":
        return None
    builder = BACKENDS.get(settings.backend)
    if builder is None:
        raise LLMError(
            f"unknown LLM backend {settings.backend!r} (have: extractive, {', '.join(BACKENDS)})"
        )
    return builder(settings)
