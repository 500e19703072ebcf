"""Code and project links found in abstracts and comments, cleaned of trailing punctuation."""

from __future__ import annotations

import re

_CODE_HOSTS = (
    r"github\.com|gitlab\.com|huggingface\.co|hf\.co|bitbucket\.org|codeberg\.org|"
    r"[\w\-]+\.github\.io|sites\.google\.com|paperswithcode\.com"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'{}\\^`|]+", re.IGNORECASE)
_BARE = re.compile(rf"(?<![\w/.])(?:{_CODE_HOSTS})/[^\s<>\"'{{}}\\^`|]+", re.IGNORECASE)
_LATEX_URL = re.compile(r"\\(?:url|href)\{([^}]+)\}")
_HOST_OK = re.compile(rf"^https?://(?:www\.)?(?:{_CODE_HOSTS})(?:/|$)", re.IGNORECASE)
_CUE = re.compile(
    r"(?:code|project\s+page|project\s+website|website|homepage|demo|available|released?)"
    r"[^.]{0,60}$",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"*>"


def clean_url(url: str) -> str:
    """Remove trailing punctuation and unbalanced closing brackets; keep case."""
    url = url.strip()
    while url:
        last = url[-1]
        if (
            last in _TRAILING
            or last == ")"
            and url.count("(") < url.count(")")
            or last == "]"
            and url.count("[") < url.count("]")
            or last == "}"
            and url.count("{") < url.count("}")
        ):
            url = url[:-1]
        else:
            break
    if url.lower().startswith("www."):
        url = "https://" + url
    return url


def _candidates(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group(1)) for m in _LATEX_URL.finditer(text)]
    plain = _LATEX_URL.sub(lambda m: " " * len(m.group(0)), text)
    found += [(m.start(), m.group(0)) for m in _URL.finditer(plain)]
    masked = _URL.sub(lambda m: " " * len(m.group(0)), plain)
    found += [(m.start(), "https://" + m.group(0)) for m in _BARE.finditer(masked)]
    return sorted(found)


def extract_code_links(*texts: str | None) -> list[str]:
    """GitHub/GitLab/Hugging Face/Bitbucket/project-page links, in order, without duplicates.

    Other URLs count when the words just before them announce code or a project page
    ("Code: ...", "project page at ...").
    """
    links: list[str] = []
    seen: set[str] = set()
    for text in texts:
        if not text:
            continue
        for start, raw in _candidates(text):
            url = clean_url(raw)
            if not re.match(r"^https?://[^/\s]+\.[^/\s]+", url):
                continue
            keep = bool(_HOST_OK.match(url)) or bool(_CUE.search(text[max(0, start - 80) : start]))
            if keep and url.rstrip("/").lower() not in seen:
                seen.add(url.rstrip("/").lower())
                links.append(url)
    return links
