"""arXiv identifiers: parse every historic form, strip prefixes and versions, reject the rest."""

from __future__ import annotations

import re

from kb.errors import InvalidIdError

# New style (2007-04 on): YYMM.NNNN (to 2014) or YYMM.NNNNN, optional version.
_NEW = r"(?P<new>\d{4}\.\d{4,5})"
# Old style: archive[.SUBJECT]/YYMMNNN, e.g. math/0601001, math.GT/0309136, hep-th/9901001.
_OLD = r"(?P<old>[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/\d{7})"
_ID_RE = re.compile(rf"^(?:{_NEW}|{_OLD})(?:v(?P<version>\d+))?$")
_PREFIXES = re.compile(
    r"^(?:oai:arxiv\.org:|arxiv:|https?://(?:export\.|www\.)?arxiv\.org/(?:abs|pdf)/)",
    re.IGNORECASE,
)


def parse_arxiv_id(raw: str) -> tuple[str, int | None]:
    """Split any arXiv id form into ``(bare id, version or None)``.

    Args:
        raw: ``2512.05693v1``, ``oai:arXiv.org:2512.05693v1``, ``arXiv:math/0601001``,
            ``https://arxiv.org/abs/2512.05693v2``, ``https://arxiv.org/pdf/2512.05693v1.pdf``...

    Returns:
        The id without prefix or version, and the version number when present.

    Raises:
        InvalidIdError: when the text is not an arXiv id (this also rejects any path such as
            ``../../etc/passwd``, so ids are safe to use in file names).
    """
    text = (raw or "").strip()
    text = _PREFIXES.sub("", text)
    if text.lower().endswith(".pdf"):
        text = text[:-4]
    match = _ID_RE.fullmatch(text)
    if not match:
        raise InvalidIdError(f"not an arXiv id: {raw!r}")
    bare = match.group("new") or match.group("old")
    version = match.group("version")
    return bare, int(version) if version else None


def normalize_id(raw: str) -> str:
    """The bare id (no prefix, no version); raises InvalidIdError when invalid."""
    return parse_arxiv_id(raw)[0]


def is_arxiv_id(raw: str) -> bool:
    """True when ``raw`` parses as an arXiv id in any accepted form."""
    try:
        parse_arxiv_id(raw)
    except InvalidIdError:
        return False
    return True


def id_to_filename(arxiv_id: str, version: int | None = None, suffix: str = ".pdf") -> str:
    """A safe file name for a paper: old-style slashes become underscores."""
    bare, parsed_version = parse_arxiv_id(arxiv_id)
    version = version or parsed_version
    stem = bare.replace("/", "_") + (f"v{version}" if version else "")
    return stem + suffix


def filename_to_id(name: str) -> tuple[str, int | None] | None:
    """Read an arXiv id from a file name such as ``2203.00130v1.pdf`` or ``math_0601001.pdf``.

    Also accepts names with a title after the id (``1706.03762v7_Attention.pdf``).
    Returns None when the name does not start with an id.
    """
    stem = name.rsplit("/", 1)[-1]
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    match = re.match(r"^(\d{4}\.\d{4,5}(?:v\d+)?)(?:[_\-\s].*)?$", stem)
    if match:
        return parse_arxiv_id(match.group(1))
    match = re.match(r"^([a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?)_(\d{7}(?:v\d+)?)(?:[_\-\s].*)?$", stem)
    if match:
        return parse_arxiv_id(f"{match.group(1)}/{match.group(2)}")
    return None


_LOCAL_RE = re.compile(r"^local-[0-9a-f]{12}$")


def local_id(sha256_hex: str) -> str:
    """The id of a PDF that has no arXiv id: ``local-`` + 12 hex digits of its hash."""
    return f"local-{sha256_hex[:12]}"


def parse_paper_id(raw: str) -> tuple[str, int | None]:
    """Like parse_arxiv_id, but also accepts the ``local-<hex>`` ids of user PDFs."""
    text = (raw or "").strip()
    if _LOCAL_RE.match(text):
        return text, None
    return parse_arxiv_id(text)
