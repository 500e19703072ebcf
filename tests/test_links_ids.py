"""Code links and arXiv identifiers."""

from __future__ import annotations

import pytest

from kb.errors import InvalidIdError
from kb.ids import filename_to_id, id_to_filename, parse_arxiv_id
from kb.links import extract_code_links


def test_links_keep_case_and_drop_trailing_punctuation() -> None:
    text = ("The code and models are publicly available at https://github.com/ZhiyingDu/HiMoE-VLA. "
            "Demo (https://huggingface.co/spaces/a/B). Project page: https://x.github.io/p/; "
            "see also https://example.com/unrelated.")  # fmt: skip
    assert extract_code_links(text) == [
        "https://github.com/ZhiyingDu/HiMoE-VLA",
        "https://huggingface.co/spaces/a/B",
        "https://x.github.io/p/",
    ]
    assert extract_code_links("Code: \\url{https://gitlab.com/g/r}.", None) == [
        "https://gitlab.com/g/r"
    ]
    assert extract_code_links("at github.com/a/b, twice https://github.com/a/b") == [
        "https://github.com/a/b"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("oai:arXiv.org:2512.05693v1", ("2512.05693", 1)),
        ("arXiv:2512.05693", ("2512.05693", None)),
        ("https://arxiv.org/abs/2506.07339v2", ("2506.07339", 2)),
        ("http://arxiv.org/pdf/1706.03762v7.pdf", ("1706.03762", 7)),
        ("math/0601001", ("math/0601001", None)),
        ("math.GT/0309136v2", ("math.GT/0309136", 2)),
        ("hep-th/9901001", ("hep-th/9901001", None)),
        ("0704.0001", ("0704.0001", None)),
    ],
)
def test_every_id_form(raw: str, expected: tuple) -> None:
    assert parse_arxiv_id(raw) == expected


@pytest.mark.parametrize("bad", ["../../etc/passwd", "", "2512.05693/../x", "abc", "12345.678"])
def test_paths_and_junk_are_rejected(bad: str) -> None:
    with pytest.raises(InvalidIdError):
        parse_arxiv_id(bad)


def test_file_names() -> None:
    assert id_to_filename("math/0601001", 2) == "math_0601001v2.pdf"
    assert filename_to_id("math_0601001v2.pdf") == ("math/0601001", 2)
    assert filename_to_id("2203.00130v1.pdf") == ("2203.00130", 1)
    assert filename_to_id("1706.03762v7_Attention_Is_All_You_Need.pdf") == ("1706.03762", 7)
    assert filename_to_id("papermage_emnlp2023demo.pdf") is None
