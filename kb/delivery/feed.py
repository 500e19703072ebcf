"""The Atom feed of the digests (RFC 4287): one entry per day, newest first.

Written with ElementTree, which escapes every text; entry content is the digest's HTML
(itself escaped by the templates), carried as ``type="html"``.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime, time

from kb.delivery.digest import Digest
from kb.delivery.render import render

ATOM_NS = "http://www.w3.org/2005/Atom"


def _stamp(digest: Digest) -> datetime:
    if digest.generated_at:
        moment = digest.generated_at
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.combine(digest.day, time(0, 0), tzinfo=UTC)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _entry_id(base_url: str, title: str, day_page: str) -> str:
    if base_url:
        return f"{base_url.rstrip('/')}/{day_page}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"arxiv-kb:{title}:{day_page}").urn


def atom_feed(digests: Sequence[Digest], title: str, base_url: str = "") -> str:
    """The feed as an XML document; links are absolute when ``base_url`` is given, else
    relative to the feed (readers resolve them against the feed's own address)."""
    ET.register_namespace("", ATOM_NS)
    language = digests[0].language if digests else "en"
    root = ET.Element(
        f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language}
    )
    base = base_url.rstrip("/") + "/" if base_url else ""
    _sub(root, "id", base or uuid.uuid5(uuid.NAMESPACE_URL, f"arxiv-kb:{title}").urn)
    _sub(root, "title", title)
    updated = max((_stamp(d) for d in digests), default=datetime(1970, 1, 1, tzinfo=UTC))
    _sub(root, "updated", updated.isoformat())
    _sub(root, "link", rel="self", href=f"{base}feed.xml", type="application/atom+xml")
    _sub(root, "link", rel="alternate", href=f"{base}index.html", type="text/html")
    author = _sub(root, "author")
    _sub(author, "name", "arxiv-kb")
    _sub(root, "generator", "arxiv-kb")
    for digest in sorted(digests, key=lambda d: d.day, reverse=True):
        page = f"{digest.day.isoformat()}.html"
        entry = _sub(root, "entry")
        _sub(entry, "id", _entry_id(base_url, title, page))
        _sub(entry, "title", f"{digest.heading}: {digest.matched_line}")
        _sub(entry, "updated", _stamp(digest).isoformat())
        _sub(entry, "published", _stamp(digest).isoformat())
        _sub(entry, "link", rel="alternate", href=f"{base}{page}", type="text/html")
        titles = "; ".join(p.title for p in digest.papers[:10])
        _sub(entry, "summary", f"{digest.counts_line}. {titles}".strip(" ."))
        content = render("feed_entry.html", d=digest, page_url=f"{base}{page}")
        _sub(entry, "content", content.strip(), type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
