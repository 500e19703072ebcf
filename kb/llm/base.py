"""The LLM protocol, and completion that never ends in the middle of a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kb.llm.cleanup import trim_to_sentence


@dataclass
class Completion:
    """Generated text and why generation stopped (``stop`` or ``length``)."""

    text: str
    finish_reason: str = "stop"


class LLM(Protocol):
    """A chat model: ``name`` is the backend, ``model`` the model id recorded with outputs."""

    name: str
    model: str

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
    ) -> Completion:
        """One completion of ``prompt`` (a user message) under ``system``."""
        ...


def chat_messages(prompt: str, system: str | None) -> list[dict[str, str]]:
    """The chat messages of a completion: an optional system message, then the prompt."""
    return ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": prompt}
    ]


def complete_full(
    llm: LLM,
    prompt: str,
    system: str | None = None,
    max_tokens: int | None = None,
    max_continuations: int = 2,
) -> Completion:
    """Complete, asking the model to continue when it ran out of tokens, then end the text at
    its last full sentence, so an answer is never cut mid-sentence."""
    completion = llm.complete(prompt, system=system, max_tokens=max_tokens)
    text = completion.text
    for _ in range(max_continuations):
        if completion.finish_reason != "length":
            break
        follow = f"{prompt}\n\n{text}"
        completion = llm.complete(
            follow + "\n\nContinue exactly where the text above stops.",
            system=system,
            max_tokens=max_tokens,
        )
        text = f"{text.rstrip()} {completion.text.lstrip()}" if completion.text else text
    return Completion(trim_to_sentence(text), "stop")
