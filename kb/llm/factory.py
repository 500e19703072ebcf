"""Backends registered by name: the one place that decides between extractive and a model."""

from __future__ import annotations

from collections.abc import Callable

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.llm.base import LLM
from kb.llm.extractive import ExtractiveBackend

Builder = Callable[[LLMSettings], LLM]


def _extractive(settings: LLMSettings) -> LLM:
    return ExtractiveBackend()


def _llamacpp(settings: LLMSettings) -> LLM:
    # imported here: llama-cpp-python is an optional dependency
    from kb.llm.llamacpp import LlamaCppLLM

    return LlamaCppLLM(settings)


def _openai(settings: LLMSettings) -> LLM:
    from kb.llm.openai_compat import OpenAICompatLLM

    return OpenAICompatLLM(settings)


BACKENDS: dict[str, Builder] = {
    "extractive": _extractive,
    "llamacpp": _llamacpp,
    "openai": _openai,
}


def register_backend(name: str, builder: Builder) -> None:
    """Make ``builder(settings)`` the backend called ``name``."""
    BACKENDS[name] = builder


def get_backend(settings: LLMSettings) -> LLM:
    """The configured backend: a model, or the ``ExtractiveBackend`` (``writes`` False).

    Args:
        settings: the ``llm`` section of the settings.

    Raises:
        LLMError: the backend is unknown or cannot start (missing package, model or URL).
    """
    builder = BACKENDS.get(settings.backend)
    if builder is None:
        raise LLMError(f"unknown LLM backend {settings.backend!r} (have: {', '.join(BACKENDS)})")
    return builder(settings)


def get_llm(settings: LLMSettings) -> LLM | None:
    """The configured model, or None when the backend writes no text (``extractive``).

    For callers that need a model or nothing (the relevance judge); analyses and answers take
    ``get_backend``, which never returns None.

    Raises:
        LLMError: as ``get_backend``.
    """
    backend = get_backend(settings)
    return backend if backend.writes else None
