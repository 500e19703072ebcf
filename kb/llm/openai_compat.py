"""Any OpenAI-compatible chat-completions endpoint (hosted APIs, Ollama, vLLM, llama.cpp server).

The API key is read from the environment variable named in the settings, sent only in the
Authorization header, and never logged or put in an error message.
"""

from __future__ import annotations

import json
import logging
import os
import time
import urllib.error
import urllib.request
from email.utils import parsedate_to_datetime

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.llm.base import Completion, chat_messages

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return default


class OpenAICompatLLM:
    """POST {base_url}/chat/completions with the standard JSON body."""

    name = "openai"

    def __init__(self, settings: LLMSettings, retries: int = 2) -> None:
        self.settings = settings
        self.model = settings.model
        self.url = settings.base_url.rstrip("/") + "/chat/completions"
        self.retries = retries

    def __repr__(self) -> str:
        return f"OpenAICompatLLM(url={self.url!r}, model={self.model!r})"

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.settings.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
    ) -> Completion:
        """One chat completion; retries 429/5xx a few times, honouring Retry-After."""
        messages = chat_messages(prompt, system)
        body = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens or self.settings.max_tokens,
            "temperature": self.settings.temperature,
        }
        if stop:
            body["stop"] = stop
        data = json.dumps(body).encode("utf-8")
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(self.url, data=data, headers=self._headers())
            try:
                with urllib.request.urlopen(request, timeout=self.settings.timeout_s) as resp:
                    raw = resp.read()
                break
            except urllib.error.HTTPError as exc:
                excerpt = exc.read()[:200].decode("utf-8", "replace")
                if exc.code in RETRY_STATUSES and attempt < self.retries:
                    wait = min(_retry_after(exc.headers.get("Retry-After"), 1.0 * 2**attempt), 30)
                    log.warning("%s answered %s; retrying in %.1f s", self.url, exc.code, wait)
                    time.sleep(wait)
                    continue
                raise LLMError(f"{self.url} answered HTTP {exc.code}: {excerpt}") from None
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise LLMError(f"cannot reach {self.url}: {reason}") from None
        try:
            payload = json.loads(raw)
            choice = payload["choices"][0]
            text = choice["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError(
                f"{self.url} returned an invalid chat completion: {raw[:200]!r}"
            ) from exc
        return Completion(text, choice.get("finish_reason") or "stop")
