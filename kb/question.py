"""What a question asks for, and whether a piece of text holds that kind of thing.

"How many ...", "which model ...", "what dataset ..." ask for a number, a model name or a
dataset name; evidence holding such an entity is preferred, and an answer that has none is
weak. The cues are plain patterns over English questions (a translated question included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kb.lexical import tokenize

Wants = Literal["number", "model", "dataset", "any"]

_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|large|big|long|small|often|fast|far|high|low|well|accurate)\b"
    r"|\bby how\b|\bwhat (?:is |was |are |were )?(?:the )?(?:\w+ ){0,2}"
    r"(?:number|size|percentage|percent|share|fraction|proportion|rate|ratio|accuracy|score"
    r"|average|total|count|amount|length|f1|precision|recall|bleu|rouge|auc|error|speed-?up"
    r"|improvement|gain|value|cost|price|budget|duration|time|temperature|learning rate"
    r"|batch size|dimension|depth|threshold|epochs?|steps|parameters|weight)s?\b"
    r"|\bwhat (?:score|value|accuracy|percentage|fraction)\b|\bhow did .* (?:score|perform)\b",
    re.IGNORECASE,
)
_MODEL_Q = re.compile(
    r"\b(?:which|what) (?:\w+ ){0,3}?(?:models?|llms?|language models?|backbones?"
    r"|architectures?|networks?|encoders?|decoders?|embeddings?|baselines?)\b"
    r"|\b(?:based|built|trained|fine-?tuned|initiali[sz]ed) (?:on|from)\b\W*$"
    r"|\b(?:based|built) on\b",
    re.IGNORECASE,
)
_DATASET_Q = re.compile(
    r"\b(?:which|what) (?:\w+ ){0,3}?(?:datasets?|benchmarks?|corpora|corpus|data ?sets?"
    r"|collections?|test sets?)\b|\bdatasets?\b.*\b(?:build|built|create|construct|introduce"
    r"|release|develop|collect|curate)\w*",
    re.IGNORECASE,
)
# numbers that are values, not citation marks [12] or section numbers
_VALUE = re.compile(r"(?<![\[\w.])\d[\d,]*(?:\.\d+)?|\b\d+(?:\.\d+)?[kmb]\b")
_CITATION = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]")
_NAME = re.compile(
    r"\b(?:[A-Z][A-Za-z]*[-.]?\d[\w.\-]*|[A-Za-z]+-\d[\w.\-]*|[A-Z]{2,}[A-Za-z]*(?:-\w+)*"
    r"|[A-Z][a-z]+[A-Z][\w\-]*)\b"
)
_DATASET_WORD = re.compile(
    r"\b(?:datasets?|benchmarks?|corpus|corpora|collections?|test sets?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Question:
    """A question's words (as BM25 tokens) and the kind of answer it wants."""

    text: str
    wants: Wants
    terms: frozenset[str]


def analyse(question: str) -> Question:
    """The kind of answer ``question`` wants and its content terms."""
    if _NUMBER_Q.search(question):
        wants: Wants = "number"
    elif _DATASET_Q.search(question):
        wants = "dataset"
    elif _MODEL_Q.search(question):
        wants = "model"
    else:
        wants = "any"
    return Question(question, wants, frozenset(tokenize([question])[0]))


def holds_answer_kind(wants: Wants, text: str) -> bool:
    """Whether ``text`` holds the kind of entity the question wants (always for ``any``)."""
    if wants == "any":
        return True
    if wants == "number":
        return bool(_VALUE.search(_CITATION.sub(" ", text)))
    names = [m for m in _NAME.findall(text) if not m.isupper() or len(m) > 2]
    if wants == "model":
        return bool(names)
    return bool(names) and bool(_DATASET_WORD.search(text))
