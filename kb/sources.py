"""Live sources: today's RSS per category and the arXiv API (paged), through the polite client."""

from __future__ import annotations

import logging
import re
import urllib.parse
from collections.abc import Sequence

from kb.arxiv_client import HostUnreachableError, PoliteClient, feed_settings
from kb.config import FeedSettings, Settings
from kb.errors import DownloadError, FeedError, InvalidIdError
from kb.feeds import merge_papers, parse_feed
from kb.ids import parse_arxiv_id
from kb.types import Paper

log = logging.getLogger(__name__)

_CATEGORY = re.compile(r"^[A-Za-z][\w\-]*(\.[\w\-]+)?$")
_TOTAL = re.compile(rb"<(?:\w+:)?totalResults[^>]*>\s*(\d+)\s*<")
METADATA_BATCH = 50  # ids per API call: short URLs, small responses


def fetch_rss(category: str, client: PoliteClient, settings: Settings | FeedSettings) -> bytes:
    """The raw RSS of one category (``{rss_base_url}/{category}``).

    Raises:
        ValueError: ``category`` does not look like an arXiv category (nothing is requested).
        DownloadError: the request failed for good.
    """
    if not _CATEGORY.match(category):
        raise ValueError(f"not an arXiv category: {category!r}")
    base = feed_settings(settings).rss_base_url.rstrip("/")
    return client.get(f"{base}/{category}").body


def fetch_today(settings: Settings | FeedSettings, client: PoliteClient) -> list[Paper]:
    """Today's announcements of every configured category, one record per paper.

    A category that fails is logged and skipped; the others still count.

    Raises:
        DownloadError: arXiv is unreachable, or no category could be fetched.
    """
    feeds = feed_settings(settings)
    papers: list[Paper] = []
    failed: list[str] = []
    for category in feeds.categories:
        try:
            raw = fetch_rss(category, client, feeds)
            found = parse_feed(raw, name=f"rss:{category}")
        except HostUnreachableError:
            raise  # the other categories would fail the same way
        except (DownloadError, FeedError, ValueError) as exc:
            failed.append(f"{category} ({exc})")
            log.error("%s: skipped: %s", category, exc)
            continue
        log.info("%s: %d papers", category, len(found))
        papers.extend(found)
    if failed and len(failed) == len(feeds.categories):
        raise DownloadError(f"no category could be fetched: {'; '.join(failed)}")
    return merge_papers(papers)


def _total_results(raw: bytes) -> int | None:
    """The API's ``opensearch:totalResults``, or None when absent."""
    match = _TOTAL.search(raw)
    return int(match.group(1)) if match else None


def _api_ids(ids: Sequence[str]) -> list[str]:
    """Valid ids as the API wants them (bare or versioned); invalid ones are logged and dropped."""
    valid: list[str] = []
    for raw in ids:
        try:
            bare, version = parse_arxiv_id(raw)
        except InvalidIdError as exc:
            log.warning("skipped: %s", exc)
            continue
        valid.append(f"{bare}v{version}" if version else bare)
    return valid


def _api_page(
    client: PoliteClient,
    base: str,
    offset: int,
    size: int,
    search_query: str | None,
    ids: Sequence[str],
) -> tuple[list[Paper], int | None, str]:
    """One page of API results: (papers, the announced total if any, the URL asked)."""
    params: dict[str, str | int] = {"start": offset, "max_results": size}
    if search_query:
        params["search_query"] = search_query
    if ids:
        params["id_list"] = ",".join(ids)
    url = f"{base}?{urllib.parse.urlencode(params)}"
    raw = client.get(url).body
    return parse_feed(raw, name=f"arXiv API ({url})"), _total_results(raw), url


def query_api(
    settings: Settings | FeedSettings,
    client: PoliteClient,
    *,
    search_query: str | None = None,
    id_list: Sequence[str] | None = None,
    start: int = 0,
    max_results: int = 100,
    page_size: int = 100,
) -> list[Paper]:
    """Papers from the arXiv API, one polite request per page.

    Paging stops at ``max_results`` papers, at ``opensearch:totalResults``, or at a short page.
    An empty page before the announced total (an arXiv hiccup) is asked once more.

    Args:
        settings: Settings or its ``feeds`` section (``api_base_url``).
        client: the polite client of this run.
        search_query: an API query such as ``cat:cs.AI AND ti:robot``.
        id_list: arXiv ids (invalid ones are skipped with a warning).
        start: index of the first result.
        max_results: results wanted at most.
        page_size: results asked per request.

    Returns:
        The papers, one record per id, in the API's order.

    Raises:
        ValueError: neither a query nor ids.
        DownloadError: a request failed for good. FeedError: the API answered with an error.
    """
    ids = _api_ids(id_list or [])
    if not search_query and not ids:
        if id_list:
            return []  # every id was invalid (already logged)
        raise ValueError("query_api needs search_query or id_list")
    base = feed_settings(settings).api_base_url
    papers: list[Paper] = []
    offset, end, total = start, start + max_results, None
    asked_again = False
    while offset < end and (total is None or offset < total):
        size = min(page_size, end - offset)
        page, announced, url = _api_page(client, base, offset, size, search_query, ids)
        total = announced or total
        if not page:
            if total is not None and offset < min(total, end) and not asked_again:
                log.warning(
                    "%s: empty page before the %d results announced; asking again", url, total
                )
                asked_again = True
                continue
            break
        asked_again = False
        papers.extend(page)
        offset += len(page)
        if total is None and len(page) < size:
            break
    if total is not None and offset < min(total, end):
        log.warning("arXiv API: got %d of %d results", offset - start, min(total, end) - start)
    return merge_papers(papers)


def fetch_metadata(
    ids: Sequence[str],
    settings: Settings | FeedSettings,
    client: PoliteClient,
    batch_size: int = METADATA_BATCH,
) -> list[Paper]:
    """Metadata of papers by id, ``batch_size`` ids per API call (invalid ids are skipped).

    Raises:
        DownloadError: a request failed for good. FeedError: the API answered with an error.
    """
    valid = _api_ids(ids)
    found: list[Paper] = []
    for i in range(0, len(valid), batch_size):
        batch = valid[i : i + batch_size]
        found.extend(
            query_api(settings, client, id_list=batch, max_results=len(batch), page_size=len(batch))
        )
    missing = {parse_arxiv_id(i)[0] for i in valid} - {p.arxiv_id for p in found}
    if missing:
        log.warning("arXiv API: no metadata for %d ids: %s", len(missing), sorted(missing)[:10])
    return merge_papers(found)
