"""What a question asks for, and whether a piece of text holds that kind of thing.

"How many ...", "which model ...", "what dataset ..." ask for a number, a model name or a
dataset name; evidence holding such an entity is preferred, and an answer that has none is
weak. The cues are plain patterns over English questions (a translated question included).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kb.lexical import STOPWORDS, tokenize

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
# a model's name carries a version or size (GPT-4o, Qwen2.5-7b, T5, Llama-2-13B, BERT-Base)
_MODEL_NAME = re.compile(
    r"\b(?:[A-Za-z][A-Za-z\-]*-?\d[\w.\-]*|[A-Z]{2,}[a-z]*-(?:[Bb]ase|[Ll]arge|[Ss]mall|XL)\w*)\b"
)
# "based on the Qwen2.5-7b", "we fine-tune LLaMA-2-7B", "initialised from BERT-Base"
_MODEL_RELATION = re.compile(
    r"\b(?:based on|built (?:on|upon)|initiali[sz]ed (?:from|with)|fine-?tun\w* (?:from|on)?"
    r"|backbone|we (?:use|adopt|employ|train|fine-?tune)\w*)\W+(?:\w+\W+){0,3}?"
    r"(?:[A-Za-z][A-Za-z\-]*-?\d[\w.\-]*)",
    re.IGNORECASE,
)
_GENERIC_CAPS = frozenset({"LLM", "LLMS", "NLP", "AI", "RL", "GPU", "CPU", "PDF", "API", "URL"})
# a named thing: an acronym, a CamelCase word, or a name with digits (AutoScholarQuery, SQuAD)
_NAME = re.compile(r"\b(?:[A-Z]{2,}[A-Za-z0-9\-]*|[A-Z][a-z]+[A-Z][\w\-]*|[A-Za-z]+-?\d[\w.\-]*)\b")
_DATASET_WORD = re.compile(
    r"\b(?:datasets?|benchmarks?|corpus|corpora|collections?|test sets?)\b", re.IGNORECASE
)


_WH = re.compile(r"\b(?:how (?:many|much|long|large)|which|what|whose)\b", re.IGNORECASE)
_AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "be",
        "been",
        "being",
    ]
)
_PREP = frozenset(
    [
        "of",
        "in",
        "on",
        "for",
        "to",
        "by",
        "with",
        "from",
        "at",
        "between",
        "about",
        "into",
        "over",
        "under",
        "during",
        "after",
        "before",
        "than",
        "as",
        "and",
        "or",
    ]
)
_LEAD_IN = frozenset(
    [
        "the",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "many",
        "much",
    ]
)
MAX_FOCUS_WORDS = 3
# After "what/which" these start a clause whose subject is not what is asked for ("What do
# the authors see ...", "What does the project offer ...")
_DO_AUX = frozenset(["do", "does", "did", "can", "could", "will", "would", "should", "has",
                     "have", "had", "might", "may"])  # fmt: skip
# Nouns that name the kind of answer, not its content: "what *shortcoming*", "what *kind*
# of validation", "what *happens* when ..." are answered by sentences that never use them
_ANSWER_TYPE_NOUNS = frozenset(
    [
        "kind", "type", "sort", "way", "manner", "new", "risk", "shortcoming", "drawback",
        "weakness", "limitation", "downside", "issue", "problem", "challenge", "obstacle",
        "difficulty", "concern", "assumption", "property", "feature", "aspect", "characteristic",
        "dimension", "extension", "difference", "advantage", "benefit", "strength", "reason",
        "purpose", "role", "goal", "aim", "motivation", "idea", "lesson", "insight", "factor",
        "happen",
    ]
)  # fmt: skip


@dataclass(frozen=True)
class Question:
    """A question's words (as BM25 tokens), its focus and the kind of answer it wants.

    The focus is the noun phrase the question is about ("how many *seconds*", "which
    *license*", "what *inter-annotator agreement*"): an answer must mention some of it.
    """

    text: str
    wants: Wants
    terms: frozenset[str]
    focus: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    proper_names: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counted: frozenset[str] = frozenset()


# A name as a question writes it: an acronym (KITTI, AUROC, GPU), mixed case (AqSolDB, mAP,
# PubLayNet, GPT-4o, XGBoost, CTRLsum), or a word with digits after a capital (Qwen2.5).
# Hyphenated compounds are read part by part ("BioASQ-trained" names BioASQ, "NLP-powered"
# names NLP).
_QUESTION_NAME = re.compile(
    r"^(?:[A-Z]{2,}s?|[A-Za-z]*[a-z][A-Z][\w.]*|[A-Z][\w.]*\d[\w.]*|[a-z]+[A-Z]+\w*"
    r"|[A-Z]{2,}[a-z]+\w*)$"
)
# A proper name: a capitalised word inside a sentence (Zotero, Cronbach, Hanabi, Elicit).
_PROPER_NAME = re.compile(r"^[A-Z][a-z]{2,}$")
_SENTENCE_BREAK = re.compile(r"(?<=[.?!:;])\s+")
# Capitalised words for the parts of a paper ("in Table 3", "Study 2") name nothing outside it.
_PAPER_PARTS = frozenset(
    ["table", "figure", "fig", "section", "appendix", "equation", "eq", "algorithm", "chapter",
     "study", "experiment", "supplement", "part", "step", "stage", "phase"]
)  # fmt: skip


def question_names(question: str) -> list[str]:
    """The names a question uses (datasets, metrics, models, tools), as written; a name
    joined of names by hyphens ("GRU-D", "TAT-QA") also as a whole: its parts alone
    ("GRU", "QA") name other things."""
    found: list[str] = []
    for word in re.findall(r"[\w.\-]+", question):
        parts = [part.strip(".") for part in word.strip(".-").split("-")]
        for part in parts:
            if len(part) >= 2 and _QUESTION_NAME.match(part) and part not in found:
                found.append(part)
        whole = "-".join(parts)
        if len(parts) >= 2 and all(_NAME_PART.match(p) for p in parts) and whole not in found:
            found.append(whole)
    return found


# a part of a hyphenated name: itself a name, or a capital letter or digits ("GRU-D")
_NAME_PART = re.compile(r"^(?:[A-Z]|\d+)$|^(?:[A-Z]{2,}s?|[A-Za-z]*[a-z][A-Z][\w.]*)$")


def _proper(word: str) -> bool:
    return bool(_PROPER_NAME.match(word)) and word.lower() not in _PAPER_PARTS


def proper_names(question: str, shaped: Iterable[str] | None = None) -> list[str]:
    """The capitalised words a question uses inside a sentence ("... import a user's Zotero or
    Mendeley library?", "What Cronbach's alpha ..."): proper names of products, people's
    methods, games; then runs of them, which name one thing ("Semantic Scholar", "Chrome Web
    Store") even when each word occurs alone. A sentence's first word, the names
    ``question_names`` finds (``shaped``, when already known) and words for the parts of a
    paper ("Table", "Study") are left out."""
    shaped = set(question_names(question) if shaped is None else shaped)
    words: list[str] = []
    runs: list[str] = []
    for sentence in _SENTENCE_BREAK.split(question.strip()):
        run: list[str] = []
        for token in [*re.findall(r"[\w\-]+|[^\w\s]", sentence)[1:], "."]:
            for part in token.strip("-").split("-"):
                if _proper(part) and part not in shaped:
                    words.append(part)
            if _proper(token):
                run.append(token)
                continue
            if len(run) >= 2:
                runs.append(" ".join(run))
            run = []
    return list(dict.fromkeys([*words, *runs]))


# "a model such as LEGAL-BERT", "(for example davinci or curie)": the reader's own examples,
# one word or a list of them closed by "or"/"and" ("such as A, B or C")
_EXAMPLES = re.compile(
    r"\b(?:such\s+as|for\s+example|for\s+instance|e\.g\.,?)\s+"
    r"([\w.\-]+(?:(?:\s*,\s*[\w.\-]+)*\s*,?\s+(?:or|and)\s+[\w.\-]+)?)",
    re.I,
)


def question_examples(question: str) -> list[str]:
    """The examples a question gives after "such as", "for example" or "e.g.": one word, or
    a list closed by "or"/"and" ("such as davinci or curie"); none when the first word is a
    common word ("for example in frames per second")."""
    match = _EXAMPLES.search(question)
    if not match:
        return []
    words = [w.strip(".") for w in re.findall(r"[\w.\-]+", match.group(1))]
    if words[0].lower() in STOPWORDS or len(words[0]) < 3:
        return []
    return [w for w in words if w and w.lower() not in STOPWORDS | {"or", "and"}]


def focus_words(question: str) -> list[str]:
    """The words after the question word, up to a verb "is/does/...", a preposition or a
    punctuation mark (at most MAX_FOCUS_WORDS; articles and numbers skipped); none when the
    question word starts a clause ("what do the authors see") or the words name only the kind
    of answer ("what *kind* of", "what *shortcoming*")."""
    match = _WH.search(question)
    if not match:
        return []
    words = re.findall(r"[\w\-]+|[^\w\s]", question[match.end() :])
    if words and words[0].lower() in _DO_AUX and match.group().lower() in ("what", "which"):
        return []
    i = 0
    while i < len(words) and (words[i].lower() in _AUX | _LEAD_IN or words[i].isdigit()):
        i += 1
    found: list[str] = []
    for word in words[i:]:
        if len(found) == MAX_FOCUS_WORDS or not re.match(r"[\w\-]", word):
            break
        if word.lower() in _AUX or word.lower() in _PREP:
            break
        found.append(word)
    if any(_singular(w.lower()) in _ANSWER_TYPE_NOUNS for w in found):
        return []
    return found


# "How many *professional annotators* took part ...": the things a question counts, up to a
# verb, a preposition or a punctuation mark
_HOW_MANY = re.compile(
    r"\bhow many ((?:[\w\-]+ ){0,3}?[\w\-]+?)(?= (?:did|do|does|were|was|are|is|have|has|had"
    r"|can|could|would|will|in|of|per|for|to|on|at|from|the|a|took|wrote|picked|received)\b"
    r"|[?,])",
    re.IGNORECASE,
)
# a count: digits or a number word
_COUNT = re.compile(
    r"(?<![\w.])(?:\d[\d,]*(?:\.\d+)?(?:(?=[x×](?!\w))|\b)|(?:one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\b)",
    re.IGNORECASE,
)
COUNT_REACH = 3  # content words after a number that may name what it counts
# a measure is also written as a symbol after the number ("0.7 s", "12 h", "4.5%", "3x")
_MEASURE_SYMBOLS = {
    "second": re.compile(r"\s?(?:s|sec|secs|seconds?)\b"),
    "minut": re.compile(r"\s?(?:min|mins)\b"),
    "hour": re.compile(r"\s?(?:h|hr|hrs)\b"),
    "percent": re.compile(r"\s?%"),
    "percentag": re.compile(r"\s?(?:%|pp)"),
    "time": re.compile(r"\s?[x×](?!\w)"),  # "how many times faster": "2.5×"
}


def counted_terms(question: str) -> frozenset[str]:
    """The terms of what a "how many ..." question counts ("how many *hospitals*")."""
    match = _HOW_MANY.search(question)
    return frozenset(tokenize([match.group(1)])[0]) if match else frozenset()


def states_count(counted: frozenset[str], text: str, row: bool = False) -> bool:
    """Whether ``text`` gives a count of ``counted``: a number followed, within COUNT_REACH
    content words, by one of its terms ("51,697 inpatient *admissions*" counts admissions,
    not hospitals); a table row counts when it (or its header) names one of them."""
    if row:
        return bool(counted & set(tokenize([text])[0]))
    symbols = [_MEASURE_SYMBOLS[t] for t in counted if t in _MEASURE_SYMBOLS]
    for match in _COUNT.finditer(text):
        if any(symbol.match(text, match.end()) for symbol in symbols):
            return True
        after = tokenize([text[match.end() : match.end() + 80]])[0][:COUNT_REACH]
        if counted & set(after):
            return True
    return False


def _singular(word: str) -> str:
    """A focus word without a plural or third-person "s" ("kinds" -> "kind", "happens")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


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
    focus = frozenset(t for word in focus_words(question) for t in tokenize([word])[0])
    terms = frozenset(tokenize([question])[0])
    names = tuple(question_names(question))
    proper = tuple(proper_names(question, names))
    examples = tuple(question_examples(question))
    counted = counted_terms(question)
    return Question(question, wants, terms, focus, names, proper, examples, counted)


def unmentioned(question: Question, text: str) -> list[str]:
    """What ``question`` names and ``text`` (a paper's pages) never mentions: its names
    (KITTI, GPT-4o, XGBoost) and proper names (Zotero, Semantic Scholar), and its examples
    ("such as davinci or curie") when none of them is mentioned."""
    named = (*question.names, *question.proper_names)
    # one pass over the paper's text for names and examples alike
    absent = set(missing_names(tuple(dict.fromkeys((*named, *question.examples))), text))
    missing = [name for name in named if name in absent]
    examples = [e for e in question.examples if e not in missing]
    if examples and all(e in absent for e in examples):
        missing += examples
    # a missing run ("Melting Pot") is named once, not also word by word
    in_runs = {word for name in missing if " " in name for word in name.split()}
    return [name for name in missing if " " in name or name not in in_runs]


def _squeeze(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _spelled_out(name: str, flat: str) -> bool:
    """Whether an acronym appears written out ("RMSE": "root mean squared error")."""
    letters = name[:-1] if name.endswith("s") and name[:-1].isupper() else name
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
        return False
    words = r"[\s\-]+".join(rf"{c.lower()}[a-z]*" for c in letters)
    return re.search(rf"(?<![a-z0-9]){words}(?![a-z0-9])", flat) is not None


def missing_names(names: tuple[str, ...] | list[str], text: str) -> list[str]:
    """The names a question uses that ``text`` (a paper's pages) never mentions.

    A name counts as mentioned as a whole word (any case, plural allowed), or, from five
    characters on, spelled with other punctuation ("GPT4" for "GPT-4", "Pub-LayNet" broken
    over a line).
    """
    flat = " ".join(text.replace("-\n", "").split()).lower()
    squeezed = _squeeze(flat)
    missing = []
    for name in names:
        word = name.lower()
        pattern = rf"(?<![a-z0-9]){re.escape(word.rstrip('s') or word)}(?:e?s)?(?![a-z0-9])"
        if re.search(pattern, flat):
            continue
        short = 3 if "-" in word else 5  # "GRU-D" may be written "GRUD" or "GRU D"
        if len(_squeeze(word)) >= short and _squeeze(word) in squeezed:
            continue
        if _spelled_out(name, flat):
            continue
        missing.append(name)
    return missing


def answer_strength(wants: Wants, text: str) -> int:
    """2 when ``text`` states the wanted thing in the way asked ("based on the Qwen2.5-7b"
    for a model), 1 when it merely holds one, 0 when it holds none."""
    if not holds_answer_kind(wants, text):
        return 0
    return 2 if wants == "model" and _MODEL_RELATION.search(text) else 1


def holds_answer_kind(wants: Wants, text: str) -> bool:
    """Whether ``text`` holds the kind of entity the question wants (always for ``any``)."""
    if wants == "any":
        return True
    if wants == "number":
        return bool(_VALUE.search(_CITATION.sub(" ", text)))
    if wants == "model":
        return any(not m.isdigit() for m in _MODEL_NAME.findall(text))
    names = [m for m in _NAME.findall(text) if m.upper() not in _GENERIC_CAPS]
    return bool(names) and bool(_DATASET_WORD.search(text))
