"""Model output cleanup, sentence splitting, Markdown escaping, the OpenAI-compatible backend."""

from __future__ import annotations

import logging

import pytest

from kb.config import LLMSettings
from kb.errors import LLMError
from kb.llm.base import complete_full
from kb.llm.cleanup import extract_citations, strip_chatter, trim_to_sentence, validate_citations
from kb.llm.openai_compat import OpenAICompatLLM
from kb.sentences import split_sentences
from kb.textsafe import escape_markdown


def test_split_sentences_keeps_abbreviations_and_citations() -> None:
    text = "Smith et al. use Fig. 3 and e.g. LIBERO. Accuracy is 91.4% [p. 4]. 这是第一句。第二句！"
    assert split_sentences(text) == [
        "Smith et al. use Fig. 3 and e.g. LIBERO.", "Accuracy is 91.4% [p. 4].", "这是第一句。",
        "第二句！",
    ]  # fmt: skip


def test_chatter_and_cut_sentences_are_removed() -> None:
    raw = "Sure, as an analyst, here is the summary: The model works [p. 3]. It also"
    assert trim_to_sentence(strip_chatter(raw)) == "The model works [p. 3]."
    assert (
        strip_chatter("<think>hmm</think>好的，以下是总结：模型有效[p. 2]。") == "模型有效[p. 2]。"
    )
    assert strip_chatter("It helps [p. 1]. Let me know if you need anything else.") == (
        "It helps [p. 1]."
    )


def test_invalid_citations_are_removed() -> None:
    text = "A holds [p. 2]. B holds [p. 9]. C holds [pp. 2-3]. D has none."
    fixed, removed = validate_citations(text, {2, 3}, require=True)
    assert fixed == "A holds [p. 2]. C holds [p. 2, 3]." and removed == [9]
    assert extract_citations("X (p. 4, 5).")[0][1] == [4, 5]


def test_markdown_escaping_neutralises_html_and_links() -> None:
    assert escape_markdown("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert "](" not in escape_markdown("[a](javascript:alert(1))")


def test_openai_backend_key_retry_continuation_and_errors(fake_openai, monkeypatch, caplog):
    from openai_server import completion

    monkeypatch.setenv("MY_KEY", "sk-very-secret")
    llm = OpenAICompatLLM(LLMSettings(backend="openai", base_url=fake_openai.url,
                                      api_key_env="MY_KEY", model="m"))  # fmt: skip
    fake_openai.script.append((429, {"error": "slow down"}, {"Retry-After": "0.1"}))
    fake_openai.script.append((200, completion("The first half is", "length"), {}))
    fake_openai.script.append((200, completion("done well [p. 1]. And then", "stop"), {}))
    with caplog.at_level(logging.DEBUG):
        result = complete_full(llm, "[p. 1] Some evidence.", "system", 10)
    assert result.text == "The first half is done well [p. 1]."
    assert len(fake_openai.requests) == 3
    assert fake_openai.requests[0]["headers"]["Authorization"] == "Bearer sk-very-secret"
    fake_openai.script.append((500, {"error": "boom"}, {}))
    fake_openai.script.append((500, {"error": "boom"}, {}))
    fake_openai.script.append((500, {"error": "boom"}, {}))
    with pytest.raises(LLMError, match="HTTP 500") as info:
        llm.complete("hello")
    fake_openai.script.append((200, b"not json", {}))
    with pytest.raises(LLMError, match="invalid chat completion"):
        llm.complete("hello")
    assert "sk-very-secret" not in str(info.value) + caplog.text + repr(llm)
