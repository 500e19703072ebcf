"""The reference pipeline: plain llama-index (PyMuPDFReader, SentenceSplitter, FAISS store).

llama-index types stay inside this module and its global ``Settings`` is never touched: the
embedding model and the splitter are passed explicitly.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.embed import resolve_model_path

log = logging.getLogger(__name__)

# Our chunker cuts at 1,200 characters with 150 of overlap; MiniLM sees at most 256 tokens.
# SentenceSplitter counts tokens (tiktoken), ~4.3 characters each on these papers.
CHUNK_TOKENS = 256
OVERLAP_TOKENS = 32


@dataclass
class LlamaRun:
    """A built llama-index index and what it cost."""

    index: Any
    chunks: int
    timings_s: dict[str, float] = field(default_factory=dict)


def load_embed_model(model: str, max_seq_length: int, batch_size: int | None = None) -> Any:
    """HuggingFaceEmbedding over the same local model folder as ours (never a hub download)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    extra = {"embed_batch_size": batch_size} if batch_size else {}
    return HuggingFaceEmbedding(
        model_name=str(resolve_model_path(model)),
        device="cpu",
        max_length=max_seq_length,
        normalize=True,
        local_files_only=True,
        **extra,
    )


def build_index(pdfs: Sequence[Path], embed_model: Any) -> LlamaRun:
    """PDF -> documents (one per page) -> nodes -> embeddings -> FAISS flat inner product."""
    import faiss
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.readers.file import PyMuPDFReader
    from llama_index.vector_stores.faiss import FaissVectorStore

    timings: dict[str, float] = {}
    start = time.perf_counter()
    reader = PyMuPDFReader()
    documents = []
    for path in pdfs:
        for doc in reader.load_data(file_path=path):
            doc.metadata["arxiv_pdf"] = path.name
            documents.append(doc)
    timings["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    splitter = SentenceSplitter(chunk_size=CHUNK_TOKENS, chunk_overlap=OVERLAP_TOKENS)
    nodes = splitter.get_nodes_from_documents(documents)
    timings["chunk"] = time.perf_counter() - start
    start = time.perf_counter()
    dim = len(embed_model.get_text_embedding("dimension probe"))
    store = FaissVectorStore(faiss_index=faiss.IndexFlatIP(dim))
    storage = StorageContext.from_defaults(vector_store=store)
    index = VectorStoreIndex(nodes, storage_context=storage, embed_model=embed_model)
    timings["embed_index"] = time.perf_counter() - start
    return LlamaRun(index, len(nodes), {k: round(v, 3) for k, v in timings.items()})


def retrieve_texts(run: LlamaRun, question: str, top_k: int) -> list[tuple[str, str]]:
    """(pdf file name, node text) of the ``top_k`` nearest nodes over all PDFs."""
    retriever = run.index.as_retriever(similarity_top_k=top_k)
    return [
        (hit.node.metadata.get("arxiv_pdf", ""), hit.node.get_content())
        for hit in retriever.retrieve(question)
    ]
