"""Backends registered by name; ``extractive`` means no model at all."""

from __future__ import annotations

from collections.abc import Callable

from kb.config import LLMSettings
from kb.llm.base import LLM


def _llamacpp(settings: LLMSettings) -> LLM:
    from kb.llm.llamacpp import LlamaCppLLM

    return LlamaCppLLM(settings)


def _openai(settings: LLMSettings) -> LLM:
    from kb.llm.openai_compat import OpenAICompatLLM

    return OpenAICompatLLM(settings)


BACKENDS: dict[str, Callable[[LLMSettings], LLM]] = {"llamacpp": _llamacpp, "openai": _openai}


def get_llm(settings: LLMSettings) -> LLM | None:
    """The configured model backend, or None for the extractive (model-free) backend."""
    if settings.backend == "extractive":
        return None
    return BACKENDS[settings.backend](settings)
