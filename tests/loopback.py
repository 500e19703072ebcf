"""A loopback arXiv for tests: a real HTTP server on 127.0.0.1 replaying recorded arXiv files.

Routes:
- ``/rss/<category>``: the RSS file of that category (one chosen day).
- ``/api/query``: API Atom. ``id_list`` requests get the recorded entries of those ids;
  otherwise a recorded page for that ``start`` when there is one (``api_pages``), else the
  entries of the ``api`` file sliced by ``start`` and ``max_results``, with the opensearch
  numbers rewritten as arXiv would.
- ``/pdf/<id>``: a PDF by versioned or bare id, honouring ``Range: bytes=N-``.

``script(path, reply, ...)`` queues replies for the next requests of a path (no query string):
``Reply.status(503, retry_after="1")``, ``Reply.html()``, ``Reply.reset(n)`` (n bytes then a TCP
reset), ``Reply.truncate(n)`` (n bytes then a clean close), ``Reply.drip(interval_s)``,
``Reply.hang(s)``, ``Reply.ignore_range()``, ``Reply.empty_feed()``, ``Reply.body(...)``.
Old-style tuples (``("status", 503, {...})``, ``("html",)``, ``("reset", n)``, ``("drip", s)``,
``("hang", s)``) are accepted too. Every request is logged in ``requests`` with its arrival time.
"""

from __future__ import annotations

import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CAPTCHA_HTML = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    b"<body><p>Checking your browser before accessing arxiv.org.</p></body></html>"
)
_ENTRY = re.compile(rb"<entry>.*?</entry>\s*", re.S)
_ENTRY_ID = re.compile(rb"<id>\s*https?://arxiv\.org/abs/(\S+?)(?:v\d+)?\s*</id>")
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")
MAX_FAULT_S = 10.0  # no scripted fault keeps a server thread busy longer than this


@dataclass
class Reply:
    """One scripted answer for the next request of a path."""

    kind: str
    code: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = "text/plain"
    after_bytes: int = 0
    interval_s: float = 0.0
    chunk_bytes: int = 8
    seconds: float = 0.0

    @classmethod
    def status(
        cls, code: int, retry_after: str | float | None = None, body: bytes = b"busy"
    ) -> Reply:
        """An error status, with a Retry-After header when given."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return cls("status", code=code, headers=headers, body=body)

    @classmethod
    def html(cls) -> Reply:
        """A 200 HTML page (a captcha) where a PDF or feed should be."""
        return cls("html", body=CAPTCHA_HTML, content_type="text/html; charset=utf-8")

    @classmethod
    def reset(cls, after_bytes: int) -> Reply:
        """Send the headers and ``after_bytes`` of the body, then reset the connection."""
        return cls("reset", after_bytes=after_bytes)

    @classmethod
    def truncate(cls, after_bytes: int) -> Reply:
        """Send the headers and ``after_bytes`` of the body, then close cleanly (short body)."""
        return cls("truncate", after_bytes=after_bytes)

    @classmethod
    def drip(cls, interval_s: float, chunk_bytes: int = 8) -> Reply:
        """Send the headers, then ``chunk_bytes`` every ``interval_s`` (a slow-loris server)."""
        return cls("drip", interval_s=interval_s, chunk_bytes=chunk_bytes)

    @classmethod
    def hang(cls, seconds: float) -> Reply:
        """Read the request and answer nothing for ``seconds``, then close."""
        return cls("hang", seconds=seconds)

    @classmethod
    def ignore_range(cls) -> Reply:
        """Serve the whole file with 200 even when a Range was asked."""
        return cls("ignore_range")

    @classmethod
    def no_length(cls, after_bytes: int | None = None) -> Reply:
        """Send the body without Content-Length, ending it by closing (optionally cut short)."""
        return cls("no_length", after_bytes=-1 if after_bytes is None else after_bytes)

    @classmethod
    def empty_feed(cls) -> Reply:
        """The normal feed with its entries removed (arXiv's occasional empty API page)."""
        return cls("empty_feed")

    @classmethod
    def raw(cls, body: bytes, content_type: str, status: int = 200) -> Reply:
        """Any body with any status."""
        return cls("body", code=status, body=body, content_type=content_type)


def _from_tuple(fault: tuple) -> Reply:
    """The old tuple form of a scripted fault."""
    kind = fault[0]
    if kind == "status":
        return Reply("status", code=fault[1], headers=dict(fault[2]) if len(fault) > 2 else {})
    if kind == "html":
        return Reply.html()
    if kind == "reset":  # the tuple form always meant a short body, then a clean close
        return Reply.truncate(fault[1])
    if kind == "drip":
        return Reply.drip(fault[1])
    if kind == "hang":
        return Reply.hang(fault[1])
    raise ValueError(f"unknown fault {fault!r}")


@dataclass
class LoggedRequest:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    time: float
    method: str = "GET"
    reply: str = "ok"
    sent_bytes: int = 0  # body bytes written for a drip (before the client hung up)

    @property
    def route(self) -> str:
        """The path without its query string."""
        return self.path.split("?", 1)[0]

    @property
    def query(self) -> dict[str, str]:
        """The query parameters (last value wins)."""
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))

    def header(self, name: str) -> str | None:
        """A request header by case-insensitive name."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


Logged = LoggedRequest


class LoopbackArxiv:
    """The server; use as a context manager or call ``start()`` and ``stop()``."""

    def __init__(
        self,
        rss: dict[str, Path] | None = None,
        api: Path | None = None,
        pdfs: dict[str, Path] | None = None,
        api_pages: dict[int, Path] | None = None,
        api_extra: tuple[Path, ...] = (),
    ) -> None:
        self.rss = dict(rss or {})
        self.api = api
        self.api_pages = dict(api_pages or {})
        self.pdfs = dict(pdfs or {})
        self.api_extra = api_extra
        self.requests: list[LoggedRequest] = []
        self.faults: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._entries: dict[str, bytes] | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @classmethod
    def from_shared_data(cls, data: Path, day: str = "2025-12-02") -> LoopbackArxiv:
        """A server over ../shared/data: that day's RSS files, the API files, every PDF."""
        rss = {p.stem.split("_", 1)[1]: p for p in (data / "feeds" / "rss").glob(f"{day}_*.xml")}
        pages = {}
        for path in (data / "feeds" / "real" / "api" / "arxivpy_2026").glob("q_testing_s*_m10_*"):
            pages[int(re.match(r"q_testing_s(\d+)_", path.name).group(1))] = path
        pdfs: dict[str, Path] = {}
        for path in sorted((data / "pdfs").glob("*.pdf")):
            pdfs[path.stem] = path
            pdfs.setdefault(path.stem.split("v")[0], path)  # bare id: the version we have
        api_dir = data / "feeds" / "api"
        return cls(
            rss=rss,
            api=api_dir / "2025-12-08_query.atom",
            pdfs=pdfs,
            api_pages=pages,
            api_extra=tuple(sorted(api_dir.glob("*.atom"))),
        )

    # -- test-facing helpers ----------------------------------------------------------------
    def script(self, path: str, *replies: Reply | tuple | list) -> None:
        """Queue replies for the next requests of ``path`` (then normal service resumes)."""
        flat: list[Any] = []
        for reply in replies:
            flat.extend(reply if isinstance(reply, list) else [reply])
        with self._lock:
            for reply in flat:
                self.faults[path].append(reply if isinstance(reply, Reply) else _from_tuple(reply))

    def hits(self, prefix: str = "/") -> list[LoggedRequest]:
        """Requests whose path starts with ``prefix``."""
        with self._lock:
            return [r for r in self.requests if r.path.startswith(prefix)]

    def gaps(self, prefix: str = "/") -> list[float]:
        """Seconds between consecutive arrivals of requests under ``prefix``."""
        times = [r.time for r in self.hits(prefix)]
        return [b - a for a, b in zip(times, times[1:], strict=False)]

    def feed_urls(self) -> dict[str, str]:
        """The ``[feeds]`` URL settings that point at this server."""
        return {
            "rss_base_url": f"{self.url}/rss",
            "api_base_url": f"{self.url}/api/query",
            "pdf_base_url": f"{self.url}/pdf",
        }

    def start(self) -> LoopbackArxiv:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; scripted hangs and drips end at once."""
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> LoopbackArxiv:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- content ----------------------------------------------------------------------------
    def _api_entries(self) -> dict[str, bytes]:
        """Every recorded API entry by bare arXiv id (for id_list queries)."""
        if self._entries is None:
            entries: dict[str, bytes] = {}
            files = [*self.api_extra, *([self.api] if self.api else []), *self.api_pages.values()]
            for file in files:
                for entry in _ENTRY.findall(file.read_bytes()):
                    match = _ENTRY_ID.search(entry)
                    if match:
                        entries.setdefault(match.group(1).decode(), entry)
            self._entries = entries
        return self._entries

    def _api_body(self, query: dict[str, str], empty: bool) -> bytes | None:
        start = int(query.get("start", 0))
        per_page = int(query.get("max_results", 10))
        if query.get("id_list"):
            entries = self._api_entries()
            ids = [re.sub(r"v\d+$", "", i.strip()) for i in query["id_list"].split(",")]
            found = [entries[i] for i in ids if i in entries]
            template = (self.api or next(iter(self.api_pages.values()))).read_bytes()
            page = found[start : start + per_page]
            return _atom(template, [] if empty else page, len(found), start, per_page)
        if start in self.api_pages and per_page == 10:
            raw = self.api_pages[start].read_bytes()
            return _atom(raw, [], None, None, None, keep=not empty)
        if self.api is None:
            return None
        raw = self.api.read_bytes()
        entries = _ENTRY.findall(raw)
        page = entries[start : start + per_page]
        return _atom(raw, [] if empty else page, len(entries), start, per_page)

    def _content(
        self, route: str, query: dict[str, str], reply: Reply | None
    ) -> tuple[bytes, str] | None:
        empty = reply is not None and reply.kind == "empty_feed"
        if route.startswith("/rss/"):
            file = self.rss.get(route[len("/rss/") :])
            if file is None:
                return None
            raw = file.read_bytes()
            if empty:
                raw = re.sub(rb"<item>.*?</item>\s*", b"", raw, flags=re.S)
            return raw, "application/rss+xml; charset=utf-8"
        if route == "/api/query":
            body = self._api_body(query, empty)
            return (body, "application/atom+xml; charset=utf-8") if body is not None else None
        if route.startswith("/pdf/"):
            file = self.pdfs.get(route[len("/pdf/") :])
            return (file.read_bytes(), "application/pdf") if file else None
        return None

    # -- the handler ------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        state = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                logged = LoggedRequest(self.path, dict(self.headers), time.monotonic())
                route = self.path.split("?", 1)[0]
                with state._lock:
                    state.requests.append(logged)
                    queue = state.faults.get(route)
                    reply = queue.popleft() if queue else None
                logged.reply = reply.kind if reply else "ok"
                self.close_connection = True
                if reply is not None and reply.kind in ("status", "html", "body"):
                    self._send(reply.code, reply.body, reply.content_type, reply.headers)
                    return
                if reply is not None and reply.kind == "hang":
                    state._stopping.wait(min(reply.seconds, MAX_FAULT_S))
                    return
                found = state._content(route, logged.query, reply)
                if found is None:
                    self._send(404, b"not found", "text/plain")
                    return
                body, kind = found
                status, headers = 200, {}
                wanted = _RANGE.match(self.headers.get("Range", ""))
                honour = not (reply and reply.kind == "ignore_range")
                if wanted and route.startswith("/pdf/") and honour:
                    first = int(wanted.group(1))
                    last = int(wanted.group(2)) if wanted.group(2) else len(body) - 1
                    if first >= len(body):
                        self._send(
                            416, b"", "text/plain", {"Content-Range": f"bytes */{len(body)}"}
                        )
                        return
                    headers["Content-Range"] = f"bytes {first}-{last}/{len(body)}"
                    body, status = body[first : last + 1], 206
                if reply is not None and reply.kind in ("reset", "truncate", "drip", "no_length"):
                    self._misbehave(reply, status, body, kind, headers, logged)
                    return
                self._send(status, body, kind, headers)

            def _send(
                self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _misbehave(
                self,
                reply: Reply,
                status: int,
                body: bytes,
                kind: str,
                headers: dict[str, str],
                logged: LoggedRequest,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if reply.kind != "no_length":
                    self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    if reply.kind == "no_length":
                        cut = reply.after_bytes if reply.after_bytes >= 0 else len(body)
                        self.wfile.write(body[:cut])
                        return  # close_connection ends the body
                    if reply.kind == "drip":
                        deadline = time.monotonic() + MAX_FAULT_S
                        for i in range(0, len(body), reply.chunk_bytes):
                            self.wfile.write(body[i : i + reply.chunk_bytes])
                            self.wfile.flush()
                            logged.sent_bytes = i + reply.chunk_bytes
                            if (
                                state._stopping.wait(reply.interval_s)
                                or time.monotonic() > deadline
                            ):
                                break
                        return
                    self.wfile.write(body[: reply.after_bytes])
                    time.sleep(0.05)  # let the bytes leave before the connection goes
                    if reply.kind == "reset":
                        # SO_LINGER 0: close() sends a TCP RST instead of a FIN
                        self.connection.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                        self.connection.close()
                    else:
                        self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # the client gave up first: that is what the fault is for

        return Handler


FakeArxiv = LoopbackArxiv


def _atom(
    raw: bytes,
    entries: list[bytes],
    total: int | None,
    start: int | None,
    per_page: int | None,
    keep: bool = False,
) -> bytes:
    """An Atom page from a recorded response: its head, the given entries, fixed numbers."""
    if keep:
        return raw
    first = _ENTRY.search(raw)
    head = raw[: first.start()] if first else raw[: raw.rindex(b"</feed>")]
    for name, value in (("totalResults", total), ("startIndex", start), ("itemsPerPage", per_page)):
        if value is not None:
            head = re.sub(
                rb"(<opensearch:" + name.encode() + rb"[^>]*>)\s*\d+\s*<",
                lambda m, v=value: m.group(1) + str(v).encode() + b"<",
                head,
            )
    return head + b"".join(entries) + b"</feed>\n"
