"""The benchmark result as a plain-text table for people."""

from __future__ import annotations

from typing import Any


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def _table(
    title: str, header: list[str], rows: list[list[Any]], markdown: bool = False
) -> list[str]:
    cells = [header] + [[_fmt(c) for c in row] for row in rows]
    if markdown:
        lines = [f"\n{title}\n", "| " + " | ".join(header) + " |",
                 "|" + "---|" * len(header)]  # fmt: skip
        return lines + ["| " + " | ".join(row) + " |" for row in cells[1:]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [f"\n{title}"]
    for n, row in enumerate(cells):
        lines.append("  " + "  ".join(c.rjust(w) if n else c.ljust(w)
                                      for c, w in zip(row, widths, strict=True)))  # fmt: skip
    return lines


def _ingest_lines(result: dict[str, Any], markdown: bool) -> list[str]:
    """Ingest against llama-index (speed, recall), and where the time goes."""
    ingest = result["ingest"]
    if not ingest:
        return ["\nIngest comparison: skipped"]
    ours, llama = ingest["ours"], ingest["llamaindex"]
    lines = [f"ingest set: {len(ingest['pdfs'])} PDFs ({ingest['pdf_source']}), "
             f"{ingest['questions']} QA questions"]  # fmt: skip
    rows = []
    sides = [("arxiv-kb", ours), ("llama-index", llama)]
    if "ours_int8" in ingest:
        sides.insert(1, ("arxiv-kb int8", ingest["ours_int8"]))
    if "ours_fp32" in ingest:
        sides.insert(1, ("arxiv-kb fp32 (library)", ingest["ours_fp32"]))
    for name, side in sides:
        recall = side["evidence_recall"] or {}
        ms_per_chunk = round(side["total_s"] / max(1, side["chunks"]) * 1000, 1)
        rows.append([name, side["total_s"], side["chunks"], ms_per_chunk, recall.get("@1"),
                     recall.get("@5"), recall.get("@10"), side["model_load_s"]])  # fmt: skip
    lines += _table(
        f"Ingest, same PDFs and model (speed-up {result['ingest_speedup_vs_llamaindex']}x)",
        ["pipeline", "total s", "chunks", "ms/chunk", "recall@1", "recall@5", "recall@10",
         "model load s"],
        rows, markdown,
    )  # fmt: skip
    stages = sorted(set(ours["stages_s"]) | set(llama["stages_s"]))
    return lines + _table(
        "Where ingest time goes (s)",
        ["stage", "arxiv-kb", "llama-index"],
        [[s, ours["stages_s"].get(s), llama["stages_s"].get(s)] for s in stages]
        + [["re-ingest unchanged", ours["reingest_unchanged_s"], None]],
        markdown,
    )


def _search_lines(result: dict[str, Any], markdown: bool) -> list[str]:
    """Vector search per size: flat against HNSW."""
    search = result["search"]
    rows = []
    for key, row in search.items():
        if not key.isdigit():
            continue
        hnsw = row.get("hnsw") or {}
        flat = row["flat"]
        rows.append([f"{int(key):,}", row["kb_kind"], flat["p50_ms"], flat["p95_ms"],
                     hnsw.get("p50_ms"), hnsw.get("p95_ms"), hnsw.get("recall@10_vs_exact"),
                     hnsw.get("build_s"), flat["index_mb"], hnsw.get("index_mb")])  # fmt: skip
    embed = search.get("query_embedding_ms", {})
    return _table(
        f"Vector search, one query, top 10 (+ query embedding p50 {embed.get('p50')} ms)",
        ["vectors", "kb uses", "flat p50", "flat p95", "hnsw p50", "hnsw p95", "hnsw recall@10",
         "hnsw build s", "flat MB", "hnsw MB"],
        rows, markdown,
    )  # fmt: skip


def _daily_lines(result: dict[str, Any], markdown: bool) -> list[str]:
    """The daily run's stages."""
    daily = result.get("daily")
    if not daily:
        return ["\nDaily run: skipped (--no-daily, or no real feeds)"]
    return _table(
        f"Daily run: {daily['announced']} announcements, {daily['matched']} matched with PDFs "
        f"-> {daily['total_s']} s",
        ["stage", "s"],
        [[k, v] for k, v in daily["stages_s"].items()]
        + [["start-up + model load", daily["startup_and_model_load_s"]]],
        markdown,
    )


def render_table(result: dict[str, Any], markdown: bool = False) -> str:
    """Ingest vs llama-index, stages, search per size, the daily run, and the machine
    (plain text, or Markdown tables for the README)."""
    m0, m1 = result["machine_start"], result["machine_end"]
    lines = [
        f"machine: {m0['cores']} cores, load average {m0['loadavg_1_5_15']} at start, "
        f"{m1['loadavg_1_5_15']} at end (other work shares these cores)"
    ]
    lines += _ingest_lines(result, markdown)
    lines += _search_lines(result, markdown)
    lines += _daily_lines(result, markdown)
    lines.append(f"\nbenchmark took {result['bench_s']} s")
    return "\n".join(lines)
