"""A real OpenAI-compatible chat-completions server on 127.0.0.1 for tests.

Its default answer is built from the prompt: it copies up to two evidence lines of the form
``N. [p. P] sentence`` (or ``[p. P] sentence``) and cites their pages, after a chatty preamble
("Sure! As an analyst, ...") that the client must strip. Tests can queue scripted responses
(status, body, headers) and read every request it received.
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


def answer_from_prompt(prompt: str) -> str:
    """Two evidence sentences with their pages, one with an invented page to be removed."""
    found = _EVIDENCE.findall(prompt)
    if not found:
        return "NOT FOUND"
    parts = ["Sure! As an analyst, here is what the paper says:"]
    for page, sentence in found[:2]:
        parts.append(f"{sentence.strip()} [p. {page}]")
    parts.append("This claim cites a page that was never given [p. 999].")
    return " ".join(parts)


class FakeOpenAI:
    """Server state: queued scripted responses and the log of requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: deque[tuple[int, Any, dict[str, str]]] = deque()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self):
        state = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "fake-model"}]}, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                state.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": payload,
                        "time": time.monotonic(),
                    }  # fmt: skip
                )
                if state.script:
                    status, body, headers = state.script.popleft()
                    if isinstance(body, str):
                        body = completion(body)
                    self._send(status, body, headers)
                    return
                user = payload["messages"][-1]["content"]
                self._send(200, completion(answer_from_prompt(user)), {})

        return Handler

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def completion(text: str, finish_reason: str = "stop") -> dict[str, Any]:
    """A chat.completion object as the OpenAI API returns it."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish_reason,
            }  # fmt: skip
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
