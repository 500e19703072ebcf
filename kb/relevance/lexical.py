"""The profile's words: TF-IDF similarity of each paper to the profile's own text.

The embedding of a few sentences blurs the specific terms a profile is about ("watermark",
"re-identification", "LLM-as-a-judge"); a bag of weighted words keeps them. Dense and sparse
evidence fail on different papers, so the scorer adds the two (each calibrated against the
background) as hybrid search engines do. The vocabulary and the inverse document frequencies
come from the papers at hand: the background and the papers being scored, so a term common in
the day's stream counts for little.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

KEYWORD_REPEATS = 2  # the profile's keywords count twice in its query: the user chose them
TOP_TERMS = 3


def lexical_document(title: str, abstract: str) -> str:
    """A paper as the lexical channel reads it: the title (twice: it names the topic) and
    the whole abstract."""
    return f"{title}. {title}. {abstract}"


@dataclass
class LexicalIndex:
    """TF-IDF vectors of the background papers and the papers being scored."""

    vectorizer: TfidfVectorizer
    background: sparse.csr_matrix
    papers: sparse.csr_matrix
    terms: np.ndarray

    @classmethod
    def build(
        cls, background: Sequence[tuple[str, str]], papers: Sequence[tuple[str, str]]
    ) -> LexicalIndex:
        """Fit the vocabulary on both sets of ``(title, abstract)`` pairs."""
        docs = [lexical_document(t, a) for t, a in [*background, *papers]]
        # min_df=2 drops one-off words (typos, formula debris); max_df drops words so common
        # in this stream ("model", "results") that they tell nothing about a topic.
        vectorizer = TfidfVectorizer(
            stop_words="english",
            sublinear_tf=True,
            ngram_range=(1, 2),
            min_df=2 if len(docs) >= 20 else 1,
            max_df=0.5 if len(docs) >= 20 else 1.0,
        )
        matrix = vectorizer.fit_transform(docs).tocsr()
        n = len(background)
        return cls(vectorizer, matrix[:n], matrix[n:], vectorizer.get_feature_names_out())

    def query(self, wanted: Sequence[str], keywords: Sequence[str]) -> sparse.csr_matrix:
        """The profile as a TF-IDF vector: its wanted texts (each sentence and the whole, as
        the profile's aspects) and its keywords."""
        text = " ".join([*wanted, *(list(keywords) * KEYWORD_REPEATS)])
        return self.vectorizer.transform([text]).tocsr()

    def similarities(self, query: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Cosine of the query to every paper and every background paper."""
        papers = np.asarray((self.papers @ query.T).todense()).ravel()
        background = np.asarray((self.background @ query.T).todense()).ravel()
        return papers, background

    def shared_terms(self, query: sparse.csr_matrix, i: int, n: int = TOP_TERMS) -> list[str]:
        """The terms that contribute most to paper ``i``'s similarity to the query."""
        row = self.papers[i].multiply(query).tocoo()
        if not row.nnz:
            return []
        order = np.argsort(-row.data)[:n]
        return [str(self.terms[row.col[k]]) for k in order]
