"""A plain BERT sentence encoder (MiniLM and kin) on torch alone: no transformers import.

``import sentence_transformers`` costs ~6 s on two cores (transformers, scikit-learn and
friends) before a single text is embedded; this module loads the same weights with
``safetensors`` and the same tokenizer with ``tokenizers`` in ~1.3 s, most of it torch. It
covers exactly what the bundled all-MiniLM-L6-v2 folder describes (a BERT encoder, mean
pooling, optional normalisation); any other sentence-transformers folder is left to the
library (``load`` returns None), so the vectors are always the library's own.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

log = logging.getLogger(__name__)

TRANSFORMER = "sentence_transformers.models.Transformer"
POOLING = "sentence_transformers.models.Pooling"
NORMALIZE = "sentence_transformers.models.Normalize"
# Texts are padded to a multiple of this many tokens (see PlainSentenceModel.encode).
BUCKET = 16


class _Layer(nn.Module):
    """One BERT encoder layer: self-attention, then the feed-forward block (post-norm)."""

    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, -1).transpose(1, 2)

        context = F.scaled_dot_product_attention(
            split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=keep
        )
        context = context.transpose(1, 2).reshape(batch, length, -1)
        x = self.attention_norm(self.attention_out(context) + x)
        return self.output_norm(self.output(F.gelu(self.intermediate(x))) + x)


class BertEncoder(nn.Module):
    """Token ids -> mean-pooled (optionally unit) sentence vectors, as sentence-transformers."""

    def __init__(self, config: dict[str, Any], normalize: bool) -> None:
        super().__init__()
        hidden = int(config["hidden_size"])
        eps = float(config.get("layer_norm_eps", 1e-12))
        self.word = nn.Embedding(int(config["vocab_size"]), hidden)
        self.position = nn.Embedding(int(config["max_position_embeddings"]), hidden)
        self.token_type = nn.Embedding(int(config.get("type_vocab_size", 2)), hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(
            _Layer(
                hidden, int(config["num_attention_heads"]), int(config["intermediate_size"]), eps
            )  # fmt: skip
            for _ in range(int(config["num_hidden_layers"]))
        )
        self.normalize = normalize
        self.dim = hidden

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word(ids) + self.token_type(torch.zeros_like(ids)) + self.position(positions)
        x = self.embedding_norm(x)
        keep = mask[:, None, None, :].bool()
        for layer in self.layers:
            x = layer(x, keep)
        weights = mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
        return F.normalize(pooled, p=2, dim=1) if self.normalize else pooled


# safetensors name -> our parameter name, for the parts outside the layers
_TOP = {
    "embeddings.word_embeddings": "word",
    "embeddings.position_embeddings": "position",
    "embeddings.token_type_embeddings": "token_type",
    "embeddings.LayerNorm": "embedding_norm",
}
_LAYER = {
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attention_out",
    "attention.output.LayerNorm": "attention_norm",
    "intermediate.dense": "intermediate",
    "output.dense": "output",
    "output.LayerNorm": "output_norm",
}


def _rename(key: str) -> str | None:
    """Our name for a BERT checkpoint tensor, or None for ones we do not use (pooler)."""
    key = key.removeprefix("bert.")
    module, _, leaf = key.rpartition(".")
    if module in _TOP:
        return f"{_TOP[module]}.{leaf}"
    if module.startswith("encoder.layer."):
        number, _, rest = module.removeprefix("encoder.layer.").partition(".")
        if rest in _LAYER:
            return f"layers.{number}.{_LAYER[rest]}.{leaf}"
    return None


class PlainSentenceModel:
    """The tokenizer and encoder of a plain BERT sentence-transformers folder."""

    def __init__(self, folder: Path, encoder: BertEncoder, max_seq_length: int) -> None:
        from tokenizers import Tokenizer

        self.encoder = encoder
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        self.max_seq_length = max_seq_length

    @property
    def dim(self) -> int:
        """Vector size."""
        return self.encoder.dim

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        """Unit vectors for texts, float32, in input order.

        Each text is padded to its own width, the next multiple of ``BUCKET`` tokens, and
        batched only with texts of that width. A text's vector is then the same whatever else
        is embedded with it: padding to a batch neighbour's length moves bf16 components by up
        to 6e-4, enough to reorder near-tied evidence between a run and its resumption.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([str(t).strip() for t in texts])
        lengths = [len(e.ids) for e in encodings]
        by_width: dict[int, list[int]] = {}
        for i in sorted(range(len(texts)), key=lambda i: -lengths[i]):
            by_width.setdefault(-(-lengths[i] // BUCKET) * BUCKET, []).append(i)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for width in sorted(by_width, reverse=True):
                group = by_width[width]
                for start in range(0, len(group), batch_size):
                    rows = group[start : start + batch_size]
                    ids = torch.zeros((len(rows), width), dtype=torch.long)
                    mask = torch.zeros((len(rows), width), dtype=torch.long)
                    for r, i in enumerate(rows):
                        ids[r, : lengths[i]] = torch.tensor(encodings[i].ids)
                        mask[r, : lengths[i]] = 1
                    out[rows] = self.encoder(ids, mask).float().numpy()
        return out


def load(folder: Path, max_seq_length: int) -> PlainSentenceModel | None:
    """The folder's model when it is a plain BERT + mean pooling one, else None."""
    folder = Path(folder)
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"] for m in modules]
        if kinds not in ([TRANSFORMER, POOLING], [TRANSFORMER, POOLING, NORMALIZE]):
            return None
        if modules[0].get("path", "") not in ("", "."):
            return None
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling_path = folder / modules[1]["path"] / "config.json"
        pooling = json.loads(pooling_path.read_text(encoding="utf-8"))
        weights_path = folder / "model.safetensors"
        if not (folder / "tokenizer.json").is_file() or not weights_path.is_file():
            return None
    except (OSError, ValueError, KeyError, IndexError):
        return None
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    if (
        config.get("model_type") != "bert"
        or config.get("hidden_act") != "gelu"
        or config.get("position_embedding_type", "absolute") != "absolute"
        or modes != {"pooling_mode_mean_tokens"}
    ):
        return None
    from safetensors.torch import load_file

    encoder = BertEncoder(config, normalize=len(kinds) == 3)
    state = {}
    for key, tensor in load_file(str(weights_path)).items():
        name = _rename(key)
        if name is not None:
            state[name] = tensor.float()
    missing, unexpected = encoder.load_state_dict(state, strict=False)
    if missing or unexpected:
        log.debug("not a plain BERT checkpoint (missing %s, unexpected %s)", missing, unexpected)
        return None
    encoder.eval()
    return PlainSentenceModel(folder, encoder, max_seq_length)
