"""Digest -> HTML and plain text through Jinja2 templates (package data), escaped by default.

HTML templates autoescape every value. Paper text goes through the ``text`` filter, which
escapes ``& < >`` (quotes need no escaping outside attributes, so a title reads the same in
the page source); attribute values are either ours or URLs checked by the ``url`` filter.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from kb.delivery.digest import Digest, DigestPaper, http_url

_FONT = (
    "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,'PingFang SC','Hiragino Sans GB',"
    "'Microsoft YaHei',sans-serif"
)
# One set of styles: inline (style="...") in emails and feed entries, where <style> is often
# stripped, and as classes of style.css on the site.
STYLES: dict[str, str] = {
    "body": "margin:0;padding:0;background:#f6f8fa",
    "page": f"max-width:760px;margin:0 auto;padding:16px 18px;font-family:{_FONT};"
    "font-size:16px;line-height:1.55;color:#1f2328;background:#ffffff;overflow-wrap:anywhere",
    "h1": "font-size:22px;line-height:1.3;margin:4px 0 8px",
    "h2": "font-size:18px;line-height:1.35;margin:0 0 6px",
    "h3": "font-size:15px;margin:14px 0 4px;color:#24292f",
    "nav": "font-size:14px;margin:0 0 8px",
    "meta": "color:#57606a;font-size:13px;margin:4px 0",
    "demo": "background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px;"
    "font-size:14px",
    "toc": "margin:10px 0;padding-left:24px",
    "paper": "border-top:1px solid #d0d7de;margin-top:22px;padding-top:14px",
    "a": "color:#0969da;text-decoration:none",
    "cite": "color:#57606a;font-size:12px;white-space:nowrap",
    "tag": "display:inline-block;background:#ddf4ff;color:#0550ae;border-radius:10px;"
    "padding:0 8px;font-size:13px;font-weight:600",
    "reason": "color:#57606a;font-size:14px",
    "p": "margin:4px 0 8px",
    "related": "margin:4px 0 8px;padding-left:22px;font-size:14px",
    "note": "color:#57606a;font-style:italic",
    "footer": "color:#57606a;font-size:12px;border-top:1px solid #d0d7de;margin-top:24px;"
    "padding-top:10px",
}
_DARK_CSS = """
@media (prefers-color-scheme: dark) {
  .body { background: #0d1117; }
  .page { background: #161b22; color: #e6edf3; }
  .h3 { color: #e6edf3; }
  .a { color: #58a6ff; }
  .meta, .reason, .note, .footer, .cite { color: #8d96a0; }
  .paper, .footer { border-color: #30363d; }
  .tag { background: #0c2d6b; color: #a5d6ff; }
  .demo { background: #3b2e00; border-color: #9e6a03; }
}
"""
_RELATIVE = re.compile(r"^(?:[\w\-]+\.html)?(?:#[\w\-]+)?$")


def site_css() -> str:
    """The site's style sheet: the same styles as the emails, as classes, plus dark mode."""
    rules = "\n".join(f".{name} {{ {style} }}" for name, style in STYLES.items())
    return f"{rules}\n{_DARK_CSS.strip()}\n"


def _text(value: Any) -> Markup:
    """Text from a paper or feed: ``& < >`` escaped, nothing else interpreted."""
    return Markup(html.escape(str(value if value is not None else ""), quote=False))


def _url(value: Any) -> Markup:
    """An http(s) URL, or a page of the site itself; anything else becomes ``#``."""
    text = str(value or "")
    safe = http_url(text) or (text if _RELATIVE.match(text) else None)
    return Markup(html.escape(safe or "#", quote=True))


def _cited_pages(paper: DigestPaper) -> list[int]:
    pages = {c.page for sec in paper.sections for x in sec.sentences for c in x.citations}
    return sorted(pages)


def _style_attr(inline: bool) -> Callable[[str], Markup]:
    if inline:
        return lambda name: Markup(f'style="{STYLES[name]}"')
    return lambda name: Markup(f'class="{name}"')


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment over ``kb/delivery/templates`` (strict: a typo is an error);
    ``.html`` templates autoescape, ``.txt`` ones do not."""
    env = Environment(
        loader=PackageLoader("kb.delivery", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = _text
    env.filters["url"] = _url
    env.filters["cited_pages"] = _cited_pages
    return env


def render(template: str, inline_styles: bool = True, **context: Any) -> str:
    """A template rendered with ``s`` (style or class attributes) and the given context."""
    return environment().get_template(template).render(s=_style_attr(inline_styles), **context)


def email_html(digest: Digest) -> str:
    """The HTML part of the digest email (inline styles, one column: readable on a phone)."""
    return render("email.html", d=digest)


def email_text(digest: Digest) -> str:
    """The plain-text part of the digest email."""
    text = render("email.txt", d=digest)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
