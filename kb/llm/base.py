"""The LLM protocol, and completion that never ends in the middle of a sentence."""

from __future__ import annotations

import inspect
import logging
import re
from dataclasses import dataclass
from typing import Literal, Protocol

from kb.llm.cleanup import strip_preamble, trim_to_sentence

log = logging.getLogger(__name__)

FinishReason = Literal["stop", "length"]
# the user turn after a cut answer, for chat APIs that cannot extend the assistant's message
CONTINUE_INSTRUCTION = (
    "Your answer was cut off. Continue it exactly where it stops, without repeating any of it."
)
# the same, for a backend without ``continue_from``: the partial answer goes in the prompt
CONTINUE_PROMPT = "{prompt}\n\nYour answer so far, which was cut off:\n{partial}\n\n{instruction}"
_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass
class Completion:
    """Generated text, why generation stopped and how many tokens it took (0: unknown).

    ``finish_reason`` is ``"length"`` when the token limit cut the text, else ``"stop"``.
    """

    text: str
    finish_reason: FinishReason = "stop"
    tokens: int = 0


class LLM(Protocol):
    """A backend: ``name`` is the backend, ``model`` the model id recorded with outputs.

    ``writes`` is True for a model; False only for the extractive backend, whose callers pick
    the paper's own sentences instead of asking for text.
    """

    name: str
    model: str
    writes: bool

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
        continue_from: str | None = None,
    ) -> Completion:
        """One completion of ``prompt`` (a user message) under ``system``.

        With ``continue_from`` (the model's own answer to ``prompt``, cut by the token limit)
        the model goes on from there and ``text`` is the whole answer, old part included.

        Raises:
            LLMError: the backend failed (unreachable, bad answer, model not loadable).
        """
        ...


def chat_messages(
    prompt: str, system: str | None, continue_from: str | None = None
) -> list[dict[str, str]]:
    """Chat messages: an optional system message, the prompt, and for a continuation the cut
    answer followed by the instruction to continue it."""
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": prompt})
    if continue_from:
        messages.append({"role": "assistant", "content": continue_from})
        messages.append({"role": "user", "content": CONTINUE_INSTRUCTION})
    return messages


def finish_reason(value: object) -> FinishReason:
    """A backend's finish reason as ``length`` (cut by the token limit) or ``stop``."""
    return "length" if value in ("length", "max_tokens") else "stop"


def join_continuation(partial: str, more: str) -> str:
    """``partial`` followed by a continuation written as a new chat turn, without a repeated
    start or a chatty opener ("Sure! Here is the rest:")."""
    partial = partial.rstrip()
    more = strip_preamble(more, capitalise=False).strip()
    if not partial or " ".join(more.split()).startswith(" ".join(partial.split())):
        return more or partial  # the model started over: its new text holds everything
    tail = re.split(r"(?<=[.!?。！？])\s+", partial)[-1]
    if more.startswith(tail):  # the model restarted the cut sentence
        partial = partial[: len(partial) - len(tail)].rstrip()
    if not more or not partial:
        return partial or more
    cjk = _CJK_EDGE.match(partial[-1]) and _CJK_EDGE.match(more[0])
    glue = "" if cjk or more[0] in ",.;:!?)]}，。；：！？）" else " "
    return partial + glue + more


def _can_continue(llm: LLM) -> bool:
    try:
        return "continue_from" in inspect.signature(llm.complete).parameters
    except (TypeError, ValueError):
        return False


def complete_full(
    llm: LLM,
    prompt: str,
    system: str | None = None,
    max_tokens: int | None = None,
    max_continuations: int = 2,
    stop: list[str] | None = None,
) -> Completion:
    """A completion that is never cut mid-sentence.

    When the model runs out of tokens it is asked to continue its answer, at most
    ``max_continuations`` times; the text then ends at its last complete sentence. A short
    answer the model finished itself without punctuation ("NOT FOUND") is kept as it is.

    Args:
        llm: the backend.
        prompt: the user message.
        system: the system message.
        max_tokens: tokens per call (default: the backend's setting).
        max_continuations: extra calls allowed after a cut answer.
        stop: stop sequences.

    Returns:
        The completion (line breaks kept); ``finish_reason`` is ``length`` when the text was
        still cut after the last continuation (and trimmed); ``tokens`` is the sum.

    Raises:
        LLMError: a call failed.
    """
    completion = llm.complete(prompt, system=system, max_tokens=max_tokens, stop=stop)
    text, tokens = completion.text, completion.tokens
    native = _can_continue(llm)
    for attempt in range(max_continuations):
        if completion.finish_reason != "length" or not text.strip():
            break
        log.debug("%s answer cut at %d chars; continuation %d", llm.name, len(text), attempt + 1)
        if native:
            completion = llm.complete(
                prompt, system=system, max_tokens=max_tokens, stop=stop, continue_from=text
            )
            text = completion.text
        else:
            follow = CONTINUE_PROMPT.format(
                prompt=prompt, partial=text.strip(), instruction=CONTINUE_INSTRUCTION
            )
            completion = llm.complete(follow, system=system, max_tokens=max_tokens, stop=stop)
            text = join_continuation(text, completion.text)
        tokens += completion.tokens
    trimmed = trim_to_sentence(text)
    if not trimmed and completion.finish_reason == "stop":
        trimmed = text.strip()
    return Completion(trimmed, completion.finish_reason, tokens)
