"""Live sources: today's RSS per category and the arXiv API, through the polite client."""

from __future__ import annotations

import logging
import re
import urllib.parse
from collections.abc import Sequence

from kb.config import Settings
from kb.feeds import merge_papers, parse_feed
from kb.http import PoliteClient
from kb.types import Paper

log = logging.getLogger(__name__)


def fetch_rss(category: str, client: PoliteClient, settings: Settings) -> bytes:
    """The raw RSS of one category (``{rss_base_url}/{category}``)."""
    if not re.fullmatch(r"[\w.\-+]+", category):
        raise ValueError(f"not an arXiv category: {category!r}")
    return client.get(f"{settings.feeds.rss_base_url.rstrip('/')}/{category}").body


def fetch_today(settings: Settings, client: PoliteClient) -> list[Paper]:
    """Today's announcements of every configured category, one record per paper."""
    papers: list[Paper] = []
    for category in settings.feeds.categories:
        raw = fetch_rss(category, client, settings)
        papers.extend(parse_feed(raw, name=f"rss:{category}"))
    return merge_papers(papers)


def query_api(
    settings: Settings,
    client: PoliteClient,
    *,
    search_query: str | None = None,
    id_list: Sequence[str] | None = None,
    max_results: int = 100,
    page_size: int = 100,
) -> list[Paper]:
    """Papers from the arXiv API, paging until ``max_results`` or the end of the results."""
    papers: list[Paper] = []
    start = 0
    while start < max_results:
        params = {"start": start, "max_results": min(page_size, max_results - start)}
        if search_query:
            params["search_query"] = search_query
        if id_list:
            params["id_list"] = ",".join(id_list)
        url = f"{settings.feeds.api_base_url}?{urllib.parse.urlencode(params)}"
        page = parse_feed(client.get(url).body, name=url)
        papers.extend(page)
        if len(page) < params["max_results"]:
            break
        start += len(page)
    return merge_papers(papers)


def fetch_metadata(ids: Sequence[str], settings: Settings, client: PoliteClient) -> list[Paper]:
    """Metadata of papers by id, in batches of 50 ids per API call."""
    found: list[Paper] = []
    for i in range(0, len(ids), 50):
        batch = list(ids[i : i + 50])
        found.extend(query_api(settings, client, id_list=batch, max_results=len(batch)))
    return merge_papers(found)
