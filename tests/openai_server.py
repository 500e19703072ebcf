"""A real OpenAI-compatible chat-completions server on 127.0.0.1 for tests.

Routes: ``POST /v1/chat/completions`` (the chat.completion wire format) and ``GET /v1/models``;
anything else is a 404 with an OpenAI-style error object. A body without ``model`` or
``messages`` is a 400.

Default answer (when nothing is scripted) is built from the first user message (the prompt,
also in a continuation request), like a chatty but grounded model:

* it copies up to three evidence lines of the form ``N. [p. P] sentence`` or ``[p. P] sentence``
  (the formats kb.analyze and kb.qa send) and cites each one's page: ``sentence [p. P].``;
* with ``noise`` on (the default) it adds what a real model adds and the client must clean:
  a preamble ("Sure! As an analyst, here is what the paper says:") and one sentence citing a
  page that was never given (``[p. 999]``);
* with no evidence lines it answers ``NOT FOUND``.

With ``"stream": true`` in the request the same answer (scripted or default) is sent as
server-sent events, as the API does: one ``chat.completion.chunk`` per word (``data: {...}``
lines), a last chunk with the finish reason, then ``data: [DONE]``.

Tests script the next answers with :meth:`FakeOpenAI.reply`, :meth:`cut` (an answer cut with
``finish_reason: "length"``, then its continuation), :meth:`fail` (an HTTP error, optionally
with ``Retry-After``), :meth:`bad_json` and :meth:`hang`, and read :attr:`requests` (path,
headers, JSON body, time) to check what the client sent.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_EVIDENCE = re.compile(r"^(?:\d+\.\s*)?\[p\. (\d+)\]\s*(.+)$", re.MULTILINE)
PREAMBLE = "Sure! As an analyst, here is what the paper says:"
BOGUS = "This claim cites a page that was never given [p. 999]."


def answer_from_prompt(prompt: str, noise: bool = True) -> str:
    """Up to three evidence sentences of ``prompt`` with their pages (see the module doc)."""
    found = _EVIDENCE.findall(prompt)
    if not found:
        return "NOT FOUND"
    parts = [PREAMBLE] if noise else []
    for page, sentence in found[:3]:
        parts.append(f"{sentence.strip().rstrip('.')} [p. {page}].")
    if noise:
        parts.append(BOGUS)
    return " ".join(parts)


def completion(text: str, finish_reason: str = "stop", model: str = "fake-model") -> dict:
    """A chat.completion object as the OpenAI API returns it."""
    words = len(text.split())
    return {
        "id": f"chatcmpl-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish_reason,
            }  # fmt: skip
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": words, "total_tokens": words + 1},
    }


def chunk_events(text: str, finish_reason: str = "stop", model: str = "fake-model") -> bytes:
    """A streamed chat completion: the text as ``chat.completion.chunk`` events, word by word."""
    created = int(time.time())
    ident = f"chatcmpl-{time.monotonic_ns()}"
    pieces = re.findall(r"\S+\s*|\s+", text)
    deltas = [{"role": "assistant", "content": ""}] + [{"content": p} for p in pieces]
    events = []
    for index, delta in enumerate(deltas):
        last = index == len(deltas) - 1
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason if last else None}
        events.append({"id": ident, "object": "chat.completion.chunk", "created": created,
                       "model": model, "choices": [choice]})  # fmt: skip
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
    return body.encode("utf-8")


def _error(message: str, kind: str = "invalid_request_error") -> dict:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


class FakeOpenAI:
    """Server state: scripted answers, the request log, and whether default answers are noisy."""

    def __init__(self, noise: bool = True) -> None:
        self.noise = noise
        self.requests: list[dict[str, Any]] = []
        # (status, body, headers): a str body becomes a completion, bytes are sent as they are,
        # anything else as JSON; status 0 means "hang for body seconds, then drop"
        self.script: deque[tuple[int, Any, dict[str, str]]] = deque()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        # a short poll interval: shutdown() at the end of each test returns at once
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # scripting -----------------------------------------------------------------------------
    def reply(self, text: str, finish_reason: str = "stop") -> None:
        """Answer the next request with ``text``."""
        self.script.append((200, completion(text, finish_reason), {}))

    def cut(self, first: str, rest: str) -> None:
        """Answer ``first`` cut by the token limit, then ``rest`` to the continuation request."""
        self.reply(first, "length")
        self.reply(rest, "stop")

    def fail(self, status: int, message: str = "error", retry_after: str | None = None) -> None:
        """Answer the next request with HTTP ``status`` (and a Retry-After header if given)."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        self.script.append((status, _error(message, "server_error"), headers))

    def bad_json(self, body: bytes = b"<html>not json</html>") -> None:
        """Answer the next request with a 200 whose body is not JSON."""
        self.script.append((200, body, {}))

    def hang(self, seconds: float) -> None:
        """Do not answer the next request for ``seconds``."""
        self.script.append((0, seconds, {}))

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        """The logged POSTs to /v1/chat/completions."""
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    # serving -------------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        state = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str, finish_reason: str, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                for line in chunk_events(text, finish_reason, model).splitlines(keepends=True):
                    self.wfile.write(line)
                    self.wfile.flush()

            def do_GET(self) -> None:
                state.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": None,
                     "time": time.monotonic()}
                )  # fmt: skip
                if self.path.rstrip("/") != "/v1/models":
                    self._send(404, _error(f"unknown path {self.path}"))
                    return
                models = [{"id": "fake-model", "object": "model", "created": 0,
                           "owned_by": "tests"}]  # fmt: skip
                self._send(200, {"object": "list", "data": models})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                try:
                    payload = json.loads(raw or b"{}")
                except ValueError:
                    payload = None
                state.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": payload,
                     "time": time.monotonic()}
                )  # fmt: skip
                if self.path != "/v1/chat/completions":
                    self._send(404, _error(f"unknown path {self.path}"))
                    return
                if (
                    not isinstance(payload, dict)
                    or not payload.get("model")
                    or not isinstance(payload.get("messages"), list)
                ):
                    self._send(400, _error("'model' and 'messages' are required"))
                    return
                streaming = bool(payload.get("stream"))
                if state.script:
                    status, body, headers = state.script.popleft()
                    if status == 0:
                        time.sleep(body)
                        return
                    if streaming and status == 200 and isinstance(body, dict) and "choices" in body:
                        choice = body["choices"][0]
                        self._stream(choice["message"]["content"], choice["finish_reason"],
                                     payload["model"])  # fmt: skip
                        return
                    self._send(status, completion(body) if isinstance(body, str) else body, headers)
                    return
                user = [m for m in payload["messages"] if m.get("role") == "user"][0]["content"]
                text = answer_from_prompt(user, state.noise)
                if streaming:
                    self._stream(text, "stop", payload["model"])
                    return
                self._send(200, completion(text, model=payload["model"]))

        return Handler

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
