"""LLM backends behind one small protocol: llama.cpp (local GGUF) and OpenAI-compatible servers.

``get_llm(settings.llm)`` returns the configured backend (None: write extractively);
``complete_full`` never returns a cut sentence; ``kb.llm.cleanup`` cleans model output.
"""

from kb.llm.base import LLM, Completion, complete_full
from kb.llm.factory import get_llm, register_backend

__all__ = ["LLM", "Completion", "complete_full", "get_llm", "register_backend"]
