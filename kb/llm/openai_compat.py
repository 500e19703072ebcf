"""Any OpenAI-compatible chat-completions endpoint (hosted APIs, Ollama, vLLM, llama.cpp server).

The API key is read from the environment variable named in the settings at each call, sent
only in the Authorization header, and never logged, stored or put in an error message.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.http import HTTPFailure, RetryPolicy, Transport
from kb.llm.base import Completion, chat_messages, finish_reason, join_continuation

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_RETRY_AFTER_S = 60.0
USER_AGENT = "arxiv-kb (OpenAI-compatible client)"


def _excerpt(raw: bytes | str, limit: int = 200) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    text = " ".join(text.split())
    return text[:limit] + ("..." if len(text) > limit else "")


def _content(message: Any) -> str:
    """The text of a chat message (a string, or a list of text parts)."""
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


class OpenAICompatLLM:
    """POST {base_url}/chat/completions with the standard JSON body."""

    name = "openai"
    writes = True

    def __init__(
        self,
        settings: LLMSettings,
        retries: int = 2,
        backoff_s: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """A client of ``settings.base_url``; no request is made yet.

        Error statuses 429/502/503/504 are retried ``retries`` times (Retry-After honoured up
        to a minute, else ``backoff_s`` doubling); timeouts and other errors are reported.

        Raises:
            LLMError: the base URL is not http(s).
        """
        if not settings.base_url.startswith(("http://", "https://")):
            raise LLMError(f"llm.base_url must be an http(s) URL, not {settings.base_url!r}")
        self.settings = settings
        self.model = settings.model
        self.base_url = settings.base_url.rstrip("/")
        self.url = f"{self.base_url}/chat/completions"
        policy = RetryPolicy(
            retries=retries, backoff_s=backoff_s, max_retry_after_s=MAX_RETRY_AFTER_S,
            statuses=RETRY_STATUSES, retry_failures=False,
        )  # fmt: skip
        self.transport = Transport(
            policy, timeout_s=settings.timeout_s, user_agent=USER_AGENT, sleep=sleep
        )

    def __repr__(self) -> str:
        return f"OpenAICompatLLM(url={self.url!r}, model={self.model!r})"

    def _key(self) -> str | None:
        return os.environ.get(self.settings.api_key_env) or None

    def _redact(self, text: str) -> str:
        """``text`` with the API key (if a server echoed it) blanked out."""
        key = self._key()
        return text.replace(key, "***") if key else text

    def _headers(self, data: bytes | None, accept: str = "application/json") -> dict[str, str]:
        headers = {"Accept": accept}
        if data is not None:
            headers["Content-Type"] = "application/json"
        key = self._key()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def _request(self, url: str, data: bytes | None) -> bytes:
        """One HTTP exchange through the shared transport; the response body.

        Raises:
            LLMError: HTTP error, timeout or unreachable server.
        """
        try:
            return self.transport.request(url, data=data, headers=self._headers(data)).body
        except HTTPFailure as failure:
            raise LLMError(self._message(failure)) from failure

    def _open(self, url: str, data: bytes | None, accept: str) -> Any:
        """A live response (the caller closes it), opened with the transport's retries.

        Raises:
            LLMError: HTTP error, timeout or unreachable server.
        """
        try:
            return self.transport.open(url, data=data, headers=self._headers(data, accept))
        except HTTPFailure as failure:
            raise LLMError(self._message(failure)) from failure

    def _read(self, url: str, read: Any) -> Any:
        """``read()`` of an open response, its failures as LLMError."""
        try:
            return read()
        except TimeoutError as exc:
            raise LLMError(f"{url} did not answer within {self.settings.timeout_s:g} s") from exc
        except (http.client.HTTPException, OSError) as exc:
            raise LLMError(f"connection to {url} failed: {exc}") from exc

    def _message(self, failure: HTTPFailure) -> str:
        """What went wrong, with the server's words (the key blanked out if echoed)."""
        url = failure.url
        if failure.kind == "timeout":
            return f"{url} did not answer within {self.settings.timeout_s:g} s"
        if failure.kind == "unreachable":
            return f"cannot reach {url}: {failure.cause}"
        body = self._redact(_excerpt(failure.body))
        if failure.kind == "retry_after":
            return (
                f"{url} answered HTTP {failure.status} and asks to wait "
                f"{failure.retry_after:.0f} s: {body}"
            )
        if failure.kind == "status":
            return f"{url} answered HTTP {failure.status}: {body}"
        return f"connection to {url} failed: {self._redact(failure.cause)}"

    def _body(
        self, prompt: str, system: str | None, max_tokens: int | None, stop: list[str] | None
    ) -> dict[str, Any]:
        """The chat-completions request body."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": chat_messages(prompt, system),
            "max_tokens": max_tokens or self.settings.max_tokens,
            "temperature": self.settings.temperature,
            "seed": self.settings.seed,
        }
        if stop:
            body["stop"] = stop
        return body

    def stream(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
    ) -> Iterator[str]:
        """The answer's text as the server sends it (``"stream": true``, server-sent events).

        Raises:
            LLMError: HTTP error, timeout, unreachable server, or an event that is not JSON.
        """
        body = {**self._body(prompt, system, max_tokens, stop), "stream": True}
        log.debug("POST %s model=%s (stream)", self.url, self.model)
        with self._open(self.url, json.dumps(body).encode("utf-8"), "text/event-stream") as resp:
            if "event-stream" not in (resp.headers.get("Content-Type") or ""):
                # a server that ignores "stream": its whole chat completion at once
                payload = self._decode(self._read(self.url, resp.read), "returned")
                yield self._message_text(payload, "returned no chat completion")
                return
            while True:
                line = self._read(self.url, resp.readline)
                if not line:
                    return
                text = line.decode("utf-8", "replace").strip()
                if not text.startswith("data:"):
                    continue  # blank separators, comments (": ping"), event names
                data = text[5:].strip()
                if data == "[DONE]":
                    return
                piece = self._delta(data)
                if piece:
                    yield piece

    def _message_text(self, payload: Any, failure: str) -> str:
        """The text of a chat completion's first choice."""
        try:
            return _content(payload["choices"][0]["message"])
        except (KeyError, IndexError, TypeError) as exc:
            raise LLMError(
                f"{self.url} {failure}: {self._redact(_excerpt(str(payload)))!r}"
            ) from exc

    def _decode(self, raw: bytes | str, verb: str) -> Any:
        """A response body (or streamed event) as JSON; its error object raised as LLMError."""
        try:
            payload = json.loads(raw)
        except ValueError as exc:
            raise LLMError(
                f"{self.url} {verb} invalid JSON: {self._redact(_excerpt(raw))!r}"
            ) from exc
        if isinstance(payload, dict) and payload.get("error"):
            raise LLMError(
                f"{self.url} returned an error: {self._redact(_excerpt(str(payload['error'])))}"
            )
        return payload

    def _delta(self, data: str) -> str:
        """The text of one streamed chat.completion.chunk event."""
        event = self._decode(data, "streamed")
        try:
            return _content(event["choices"][0].get("delta") or {}) if event["choices"] else ""
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            raise LLMError(
                f"{self.url} streamed no chat chunk: {self._redact(_excerpt(data))!r}"
            ) from exc

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
        continue_from: str | None = None,
    ) -> Completion:
        """One chat completion.

        A continuation sends the cut answer as the assistant's turn and asks, in a new user
        turn, to go on; the answer is joined to the cut one (a restart is not repeated).

        Raises:
            LLMError: HTTP error (after retries on 429/502/503/504, honouring Retry-After),
                timeout, unreachable server, or a response that is not a chat completion.
        """
        body = self._body(prompt, system, max_tokens, stop)
        body["messages"] = chat_messages(prompt, system, continue_from)
        log.debug("POST %s model=%s max_tokens=%s", self.url, self.model, body["max_tokens"])
        raw = self._request(self.url, json.dumps(body).encode("utf-8"))
        payload = self._decode(raw, "returned")
        try:
            choice = payload["choices"][0]
            text = _content(choice["message"])
        except (KeyError, IndexError, TypeError) as exc:
            raise LLMError(
                f"{self.url} returned no chat completion: {self._redact(_excerpt(raw))!r}"
            ) from exc
        if continue_from:
            text = join_continuation(continue_from, text)
        usage = payload.get("usage") if isinstance(payload.get("usage"), dict) else {}
        tokens = usage.get("completion_tokens")
        tokens = tokens if isinstance(tokens, int) else 0
        return Completion(text, finish_reason(choice.get("finish_reason")), tokens)

    def list_models(self) -> list[str]:
        """Model ids the server offers (GET {base_url}/models).

        Raises:
            LLMError: the request failed or the answer is not a model list.
        """
        raw = self._request(f"{self.base_url}/models", None)
        try:
            return [m["id"] for m in json.loads(raw)["data"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise LLMError(f"{self.base_url}/models returned no model list") from exc
