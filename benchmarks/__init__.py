"""Benchmarks of arxiv-kb: ingest against llama-index, evidence recall, search, the daily run.

``scripts/bench.py`` is the entry point; every measurement lives here so tests and the
script drive the same code.
"""
