"""The schema: migrations applied in order, numbered by position (1-based).

Append a new migration at the end with a comment saying what it adds; never edit one that
has shipped (a database records the number of the last one it applied).
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: papers, pages, chunks, references, runs, failures, embedding cache, announcements.
    """
    CREATE TABLE papers (
        arxiv_id VARCHAR PRIMARY KEY,
        version INTEGER,
        title VARCHAR NOT NULL DEFAULT '',
        abstract VARCHAR NOT NULL DEFAULT '',
        authors VARCHAR[] NOT NULL DEFAULT [],
        announce_type VARCHAR,
        primary_category VARCHAR,
        categories VARCHAR[] NOT NULL DEFAULT [],
        published TIMESTAMP,
        updated TIMESTAMP,
        announced DATE,
        abs_url VARCHAR NOT NULL DEFAULT '',
        pdf_url VARCHAR NOT NULL DEFAULT '',
        comment VARCHAR,
        journal_ref VARCHAR,
        doi VARCHAR,
        code_links VARCHAR[] NOT NULL DEFAULT [],
        source VARCHAR NOT NULL DEFAULT '',
        parse_status VARCHAR NOT NULL DEFAULT 'pending',
        parse_error VARCHAR,
        pdf_path VARCHAR,
        pdf_sha256 VARCHAR,
        parsed_version INTEGER,
        n_pages INTEGER,
        n_chunks INTEGER NOT NULL DEFAULT 0,
        first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL
    );
    CREATE TABLE pages (
        arxiv_id VARCHAR NOT NULL,
        page INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (arxiv_id, page)
    );
    CREATE TABLE chunks (
        chunk_id BIGINT PRIMARY KEY,
        arxiv_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        ordinal INTEGER NOT NULL,
        page INTEGER NOT NULL,
        page_end INTEGER NOT NULL,
        section VARCHAR NOT NULL DEFAULT '',
        text VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        embedding BLOB NOT NULL
    );
    CREATE INDEX chunks_paper ON chunks (arxiv_id);
    CREATE TABLE paper_references (
        arxiv_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (arxiv_id, ordinal)
    );
    CREATE TABLE announcements (
        day DATE NOT NULL,
        arxiv_id VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        announce_type VARCHAR,
        version INTEGER,
        PRIMARY KEY (day, arxiv_id, category)
    );
    CREATE TABLE failures (
        arxiv_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        failed_at TIMESTAMP NOT NULL,
        PRIMARY KEY (arxiv_id, stage)
    );
    CREATE SEQUENCE run_ids START 1;
    CREATE TABLE runs (
        run_id BIGINT PRIMARY KEY DEFAULT nextval('run_ids'),
        kind VARCHAR NOT NULL,
        params VARCHAR NOT NULL DEFAULT '{}',
        started TIMESTAMP NOT NULL,
        finished TIMESTAMP,
        status VARCHAR NOT NULL DEFAULT 'running',
        stats VARCHAR NOT NULL DEFAULT '{}'
    );
    CREATE TABLE embedding_cache (
        model VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        embedding BLOB NOT NULL,
        PRIMARY KEY (model, content_hash)
    );
    CREATE TABLE kv (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    );
    """,
    # 2: which papers matched which interest profile, and why (daily runs, app filters).
    """
    CREATE TABLE matches (
        arxiv_id VARCHAR NOT NULL,
        profile VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        reason VARCHAR NOT NULL,
        day DATE,
        PRIMARY KEY (arxiv_id, profile)
    );
    """,
    # 3: grounded analyses, reused while paper version, backend, model, prompt and language match.
    """
    CREATE TABLE analyses (
        arxiv_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        backend VARCHAR NOT NULL,
        model VARCHAR NOT NULL,
        prompt_version VARCHAR NOT NULL,
        language VARCHAR NOT NULL,
        sections VARCHAR NOT NULL,
        cited_chunk_ids BIGINT[] NOT NULL,
        created TIMESTAMP NOT NULL,
        PRIMARY KEY (arxiv_id, version, backend, model, prompt_version, language)
    );
    """,
    # 4: every delivery of a day's digest (email, webhook): sent, failed or skipped, and why.
    """
    CREATE SEQUENCE delivery_ids START 1;
    CREATE TABLE deliveries (
        delivery_id BIGINT PRIMARY KEY DEFAULT nextval('delivery_ids'),
        day DATE NOT NULL,
        channel VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        detail VARCHAR NOT NULL DEFAULT '',
        attempted_at TIMESTAMP NOT NULL
    );
    CREATE INDEX deliveries_day ON deliveries (day, channel);
    """,
    # 5: the user's ratings of papers for a profile, and papers imported as profile examples.
    """
    CREATE TABLE feedback (
        arxiv_id VARCHAR NOT NULL,
        profile VARCHAR NOT NULL,
        relevant BOOLEAN NOT NULL,
        rated_at TIMESTAMP NOT NULL,
        source VARCHAR NOT NULL DEFAULT 'cli',
        PRIMARY KEY (arxiv_id, profile)
    );
    CREATE TABLE profile_examples (
        profile VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        arxiv_id VARCHAR,
        source VARCHAR NOT NULL,
        added TIMESTAMP NOT NULL,
        PRIMARY KEY (profile, key)
    );
    """,
    # 6: the abstract tier: which text of each paper was embedded (the vector itself lives once,
    # in embedding_cache under (model, content_hash)); vector_id is the paper's FAISS id.
    """
    CREATE TABLE paper_vectors (
        arxiv_id VARCHAR PRIMARY KEY,
        vector_id BIGINT NOT NULL,
        model VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL
    );
    CREATE INDEX paper_vectors_id ON paper_vectors (vector_id);
    """,
]
