"""A fake arXiv on 127.0.0.1: replays real recorded feeds and PDFs, with scripted faults.

Routes: ``/rss/<category>`` (a feed file), ``/api/query`` (an Atom file), ``/pdf/<id>`` (a PDF,
with Range support). ``script(path, *faults)`` queues faults for a path: ``("status", code,
headers)``, ``("html",)``, ``("reset", n_bytes)`` (send n bytes then drop the connection),
``("drip", seconds_per_chunk)``, ``("hang", seconds)``. Every request is logged.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Logged:
    path: str
    headers: dict[str, str]
    time: float


@dataclass
class FakeArxiv:
    rss: dict[str, Path] = field(default_factory=dict)
    api: Path | None = None
    pdfs: dict[str, Path] = field(default_factory=dict)
    requests: list[Logged] = field(default_factory=list)
    faults: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))

    def __post_init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def script(self, path: str, *faults: tuple) -> None:
        """Queue faults for the next requests of ``path``."""
        self.faults[path].extend(faults)

    def hits(self, prefix: str) -> list[Logged]:
        """Requests whose path starts with ``prefix``."""
        return [r for r in self.requests if r.path.startswith(prefix)]

    def _body_for(self, path: str) -> tuple[bytes, str] | None:
        if path.startswith("/rss/"):
            file = self.rss.get(path[len("/rss/") :])
            return (file.read_bytes(), "application/rss+xml") if file else None
        if path.startswith("/api/query") and self.api:
            return self.api.read_bytes(), "application/atom+xml"
        if path.startswith("/pdf/"):
            file = self.pdfs.get(path[len("/pdf/") :])
            return (file.read_bytes(), "application/pdf") if file else None
        return None

    def _handler(self):
        state = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                state.requests.append(Logged(self.path, dict(self.headers), time.monotonic()))
                route = self.path.split("?")[0]
                queue = state.faults.get(route)
                fault = queue.popleft() if queue else None
                if fault and fault[0] == "status":
                    self._send(fault[1], b"busy", "text/plain", fault[2] if len(fault) > 2 else {})
                    return
                if fault and fault[0] == "html":
                    self._send(200, b"<!DOCTYPE html><html><body>Just a moment...</body></html>",
                               "text/html")  # fmt: skip
                    return
                if fault and fault[0] == "hang":
                    time.sleep(fault[1])
                    return
                found = state._body_for(route)
                if found is None:
                    self._send(404, b"not found", "text/plain")
                    return
                body, kind = found
                status = 200
                headers: dict[str, str] = {}
                range_header = self.headers.get("Range")
                if range_header and route.startswith("/pdf/"):
                    start = int(range_header.split("=")[1].split("-")[0])
                    headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                    body, status = body[start:], 206
                if fault and fault[0] == "reset":
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: fault[1]])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if fault and fault[0] == "drip":
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    try:
                        for i in range(0, min(len(body), 64), 8):
                            self.wfile.write(body[i : i + 8])
                            self.wfile.flush()
                            time.sleep(fault[1])
                    except OSError:
                        pass
                    self.close_connection = True
                    return
                self._send(status, body, kind, headers)

            def _send(self, status: int, body: bytes, kind: str, headers=None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def __enter__(self) -> FakeArxiv:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
