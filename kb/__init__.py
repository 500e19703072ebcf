"""arxiv-kb: daily arXiv reports and a searchable knowledge base of full texts."""

__version__ = "0.1.0"
