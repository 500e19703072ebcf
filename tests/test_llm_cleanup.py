"""Model output cleanup (kb.llm.cleanup), the shared sentence splitter, Markdown escaping."""

from __future__ import annotations

import pytest

from kb.llm.base import join_continuation
from kb.llm.cleanup import (
    extract_citations,
    split_sentences,
    strip_chatter,
    trim_to_sentence,
    validate_citations,
)
from kb.sentences import split_sentences as project_splitter
from kb.textsafe import escape_markdown


def test_cleanup_reuses_the_project_splitter() -> None:
    assert split_sentences is project_splitter


def test_split_sentences_keeps_abbreviations_and_citations() -> None:
    text = "Smith et al. use Fig. 3 and e.g. LIBERO. Accuracy is 91.4% [p. 4]. 这是第一句。第二句！"
    assert split_sentences(text) == [
        "Smith et al. use Fig. 3 and e.g. LIBERO.", "Accuracy is 91.4% [p. 4].", "这是第一句。",
        "第二句！",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use i.e. a VAE. It is 3.5 times faster.", ["We use i.e. a VAE.", "It is 3.5 times faster."]),
        ("See Sec. 4.2 and Eq. 3 for details. Then.", ["See Sec. 4.2 and Eq. 3 for details.", "Then."]),
        ("It works (p. 4). Next one.", ["It works (p. 4).", "Next one."]),
        ("第一句。第二句！第三句？第四", ["第一句。", "第二句！", "第三句？", "第四"]),
        ("Mixed 中文句子。English sentence. 再一句。", ["Mixed 中文句子。", "English sentence.", "再一句。"]),
        ("", []),
    ],
)  # fmt: skip
def test_split_sentences_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Sure, as an analyst, here is the summary: The model works [p. 3].", "The model works [p. 3]."),
        ("Certainly! The method is simple [p. 2].", "The method is simple [p. 2]."),
        ("Here is the summary: it uses a VAE [p. 1].", "It uses a VAE [p. 1]."),
        ("As an AI language model, I only see the evidence [p. 1].", "I only see the evidence [p. 1]."),
        ("Based on the provided evidence, the model is small [p. 5].", "The model is small [p. 5]."),
        ("It helps [p. 1]. Let me know if you need anything else.", "It helps [p. 1]."),
        ("It helps [p. 1]. I hope this helps! Feel free to ask more.", "It helps [p. 1]."),
        ("<think>the user wants a summary</think>The model works [p. 3].", "The model works [p. 3]."),
        ("<think>reasoning that ran out of tokens", ""),
        ("private reasoning</think>\nThe model works [p. 3].", "The model works [p. 3]."),
        ("It works [p. 1]. <think>check</think>It is fast [p. 2].", "It works [p. 1]. It is fast [p. 2]."),
        ("**The model works [p. 3].**", "The model works [p. 3]."),
        ("## Summary\n\nThe model works [p. 3].\n\n---", "The model works [p. 3]."),
        ("**Summary:** the model works [p. 2].", "The model works [p. 2]."),
        ("Summary:\nThe model works [p. 2].", "The model works [p. 2]."),
        ("- The model works [p. 2].\n- It is **fast** [p. 3].", "The model works [p. 2]. It is fast [p. 3]."),
        ("1. The model works [p. 2].\n2) It is fast [p. 3].", "The model works [p. 2]. It is fast [p. 3]."),
        ("Sure! Here is a short summary of the paper\n\nIt works [p. 1].", "It works [p. 1]."),
        # content that merely starts like chatter is kept
        ("Great results are reported on LIBERO [p. 4].", "Great results are reported on LIBERO [p. 4]."),
        ("The method has three parts:\n- A [p. 1].\n- B [p. 2].", "The method has three parts: A [p. 1]. B [p. 2]."),
        # Chinese
        ("<think>嗯</think>好的，以下是总结：模型有效[p. 2]。", "模型有效[p. 2]。"),
        ("作为一个AI助手，我认为模型有效[p. 2]。希望这对您有帮助！", "我认为模型有效[p. 2]。"),
        ("这是一种新方法[p. 1]。", "这是一种新方法[p. 1]。"),
        ("可以看出模型有效[p. 2]。\n如果您有任何问题，请告诉我。", "可以看出模型有效[p. 2]。"),
        ("", ""),
    ],
)  # fmt: skip
def test_strip_chatter(raw: str, clean: str) -> None:
    assert strip_chatter(raw) == clean


@pytest.mark.parametrize(
    ("text", "trimmed"),
    [
        ("The model works [p. 3]. It also", "The model works [p. 3]."),
        ("It works. [p. 4]", "It works. [p. 4]"),
        ("It works [p. 4]", "It works [p. 4]"),
        ("It works [p. 4", ""),
        ("A holds. It works on many tasks, e.g.", "A holds."),
        ("A holds. See Fig.", "A holds."),
        ("It was shown by Smith et al.", "It was shown by Smith et al."),
        ("Accuracy rose to 3.5 points. It rose to 3.", "Accuracy rose to 3.5 points. It rose to 3."),
        ("Accuracy rose to 3.5 points. It rose to 4.2", "Accuracy rose to 3.5 points."),
        ('He said "it works." Then', 'He said "it works."'),
        ("It works (p. 4). More (p.", "It works (p. 4)."),
        ("A holds. Everything else fails...", "A holds."),
        ("Is it fast? Yes! And", "Is it fast? Yes!"),
        ("模型有效[p. 2]。它还", "模型有效[p. 2]。"),
        ("第一句。第二句！第三", "第一句。第二句！"),
        ("no sentence at all", ""),
        ("  spaced\n\nout. And", "spaced\n\nout."),  # line breaks stay for strip_chatter
    ],
)  # fmt: skip
def test_trim_to_sentence(text: str, trimmed: str) -> None:
    assert trim_to_sentence(text) == trimmed


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ("A [p. 4].", [4]),
        ("A [p.4].", [4]),
        ("A [P. 4].", [4]),
        ("A [p. 4, 5].", [4, 5]),
        ("A [pp. 4-5].", [4, 5]),
        ("A [pp. 4–6].", [4, 5, 6]),
        ("A (p. 4).", [4]),
        ("A [pages 4 and 6].", [4, 6]),
        ("A [p. 4; p. 7].", [4, 7]),
        ("A [p. 4][p. 5, 4].", [4, 5]),
        ("A works. [p. 4]", [4]),
        ("模型有效（p. 3）。", [3]),
        ("模型有效［p. 2］。", [2]),
        ("模型有效[第3页]。", [3]),
        ("A [4].", []),
        ("A (p < 0.05).", []),
        ("A [pp. 9-3].", []),
    ],
)
def test_extract_citations(text: str, pages: list[int]) -> None:
    assert extract_citations(text)[0][1] == pages


def test_extract_citations_per_sentence() -> None:
    text = "A holds [p. 2]. B has no citation. 模型有效[p. 3]。"
    assert extract_citations(text) == [
        ("A holds [p. 2].", [2]), ("B has no citation.", []), ("模型有效[p. 3]。", [3]),
    ]  # fmt: skip


def test_invalid_citations_are_removed() -> None:
    text = "A holds [p. 2]. B holds [p. 9]. C holds [pp. 2-3]. D has none. E holds [p. 3, 9]."
    fixed, removed = validate_citations(text, {2, 3}, require=True)
    assert fixed == "A holds [p. 2]. C holds [pp. 2-3]. E holds [p. 3]."
    assert removed == [9]
    fixed, removed = validate_citations(text, {2, 3})
    assert fixed == (
        "A holds [p. 2]. B holds. C holds [pp. 2-3]. D has none. E holds [p. 3]."
    ) and removed == [9]
    assert validate_citations("X [p. 0]. Y [p. 7].", set(), require=True) == ("", [0, 7])


def test_invalid_citations_in_chinese() -> None:
    fixed, removed = validate_citations("模型有效[p. 2]。它很快[p. 7]。它很好。", {2}, require=True)
    assert fixed == "模型有效[p. 2]。" and removed == [7]


@pytest.mark.parametrize(
    ("partial", "more", "joined"),
    [
        ("The first half is", "done well [p. 1].", "The first half is done well [p. 1]."),
        ("A works. The first half is", "The first half is done.", "A works. The first half is done."),
        ("A works. The first", "A works. The first half is done.", "A works. The first half is done."),
        ("It is", "Sure! Here is the continuation: fast.", "It is fast."),
        ("The value is 3", ".5 points.", "The value is 3.5 points."),
        ("模型有效", "，而且很快。", "模型有效，而且很快。"),
        ("模型有效", "而且很快。", "模型有效而且很快。"),
        ("It is", "", "It is"),
    ],
)  # fmt: skip
def test_join_continuation(partial: str, more: str, joined: str) -> None:
    assert join_continuation(partial, more) == joined


def test_markdown_escaping_neutralises_html_and_links() -> None:
    assert escape_markdown("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert "](" not in escape_markdown("[a](javascript:alert(1))")
