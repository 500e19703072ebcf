"""The offline backend: no model at all; analyses and answers are the paper's own sentences."""

from __future__ import annotations

from kb.errors import LLMError
from kb.llm.base import Completion


class ExtractiveBackend:
    """Writes no text: callers see ``writes`` False and pick cited sentences from the evidence.

    It is the default ``[llm] backend``; analyses it makes are stored under backend and model
    ``extractive``.
    """

    name = "extractive"
    model = "extractive"
    writes = False

    def complete(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        stop: list[str] | None = None,
        continue_from: str | None = None,
    ) -> Completion:
        """Never called by the project (it checks ``writes``).

        Raises:
            LLMError: always: there is no model to write text.
        """
        raise LLMError("the extractive backend writes no text: set [llm] backend to a model")
