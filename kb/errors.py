"""Error hierarchy: every error names the item it is about."""

from __future__ import annotations


class KBError(Exception):
    """Base class of every error arxiv-kb raises on purpose."""


class ConfigError(KBError):
    """Settings that cannot be loaded or do not make sense."""


class InvalidIdError(KBError, ValueError):
    """A string that is not a valid arXiv identifier."""


class FeedError(KBError):
    """A feed that cannot be read or parsed (names the feed)."""


class DownloadError(KBError):
    """A request to arXiv (or a mirror) that failed for good."""


class NotAPdfError(DownloadError):
    """A response or file that should be a PDF and is not."""


class ParseError(KBError):
    """A PDF that cannot be turned into text (names the file)."""


class IndexMismatchError(KBError):
    """A FAISS index made with another model, dimension or chunking."""


class StoreBusyError(KBError):
    """The knowledge base is being written by another process: try again."""


class LockedError(KBError):
    """Another daily run holds the lock."""


class LLMError(KBError):
    """An LLM backend that failed or is not installed."""


class NotFoundError(KBError, LookupError):
    """A paper or report that is not in the knowledge base."""
