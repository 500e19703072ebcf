"""LLM backends behind one small protocol: llama.cpp (local GGUF), OpenAI-compatible servers,
and the extractive backend (no model: the paper's own sentences).

``get_backend(settings.llm)`` returns the configured backend, never None; ``complete_full``
never returns a cut sentence; ``kb.llm.cleanup`` cleans model output.
"""

from kb.llm.base import LLM, Completion, complete_full
from kb.llm.extractive import ExtractiveBackend
from kb.llm.factory import get_backend, get_llm, register_backend

__all__ = [
    "LLM",
    "Completion",
    "ExtractiveBackend",
    "complete_full",
    "get_backend",
    "get_llm",
    "register_backend",
]
