"""The knowledge base as a LlamaIndex retriever (optional: needs ``llama-index-core``).

``KBRetriever`` is a ``BaseRetriever`` over ``kb search``: the same two tiers, fusion and
filters; each hit becomes a ``TextNode`` whose metadata holds arxiv_id, title, page, section
and kind ("chunk", or "abstract" with page None). It never touches LlamaIndex's global
``Settings``: give the query engine its own LLM (or a model-free synthesizer).

    from kb.retriever import KBRetriever
    from llama_index.core.query_engine import RetrieverQueryEngine
    engine = RetrieverQueryEngine.from_args(KBRetriever(settings, k=8), llm=my_llm)
"""

from __future__ import annotations

from typing import Any

from kb.config import Settings
from kb.search import KINDS, Searcher, SearchFilters
from kb.types import Hit

try:
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
except ImportError as exc:  # pragma: no cover - the bench extra brings it
    raise ImportError(
        "KBRetriever needs LlamaIndex: pip install llama-index-core (or -e '.[bench]')"
    ) from exc


def hit_to_node(hit: Hit) -> NodeWithScore:
    """A search hit as a scored LlamaIndex node (text = the passage or the abstract)."""
    suffix = f"chunk-{hit.chunk_id}" if hit.kind == "chunk" else "abstract"
    metadata = {
        "arxiv_id": hit.arxiv_id,
        "title": hit.title,
        "page": hit.page,
        "page_end": hit.page_end,
        "section": hit.section,
        "kind": hit.kind,
        "chunk_id": hit.chunk_id,
        "published": hit.published,
        "full_text": hit.full_text,
    }
    node = TextNode(
        id_=f"{hit.arxiv_id}#{suffix}",
        text=hit.text,
        metadata=metadata,
        excluded_embed_metadata_keys=list(metadata),
        excluded_llm_metadata_keys=["chunk_id", "page_end", "full_text", "published"],
    )
    return NodeWithScore(node=node, score=hit.score)


class KBRetriever(BaseRetriever):
    """Retrieves from the arxiv-kb knowledge base (both tiers unless ``filters`` says)."""

    def __init__(
        self,
        settings: Settings,
        k: int = 10,
        filters: SearchFilters | None = None,
        searcher: Searcher | None = None,
        **kwargs: Any,
    ) -> None:
        self._searcher = searcher or Searcher(settings)
        self._k = k
        self._filters = filters or SearchFilters(kinds=KINDS)
        super().__init__(**kwargs)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        """The top ``k`` hits of ``kb search`` for the query, as nodes."""
        hits = self._searcher.search(query_bundle.query_str, self._k, self._filters)
        return [hit_to_node(hit) for hit in hits]
