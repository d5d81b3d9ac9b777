"""The torch.nn module a model folder describes: build it from config.json, load the weights
with ``load_state_dict(strict=True)``, classify -- or train one and ``sentiment import`` it.

    import json, torch
    from safetensors.torch import load_file
    from tokenizers import Tokenizer
    from torch_module import SentimentModule

    config = json.load(open("Data/models/imdb-bilstm/config.json"))
    model = SentimentModule.from_config(config)
    model.load_state_dict(load_file("Data/models/imdb-bilstm/model.safetensors"), strict=True)
    tokenizer = Tokenizer.from_file("Data/models/imdb-bilstm/tokenizer.json")
    ids = [tokenizer.encode("A quiet, moving film.").ids]
    print(model.probabilities(ids))          # [[p(neg), p(pos)]]

Everything the module needs is in config.json's ``architecture``: the children are named
``embedding``, ``lstm`` / ``gru`` / ``rnn`` and ``head`` so the state_dict keys are the file's
as they are; reviews are packed (each runs over its own tokens, never padding); the head reads
``readout.parts`` in order -- "final" is ``h_n[-2] ⊕ h_n[-1]`` (forward after the last token,
reverse after the first; ``h_n[-1]`` alone for one direction), "max" and "mean" pool the top
layer's output over each review's own steps.
"""

from __future__ import annotations

from typing import Sequence

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

ENCODERS = {"torch.nn.LSTM": ("lstm", nn.LSTM), "torch.nn.GRU": ("gru", nn.GRU),
            "torch.nn.RNN": ("rnn", nn.RNN)}


class SentimentModule(nn.Module):
    """Embedding → LSTM / GRU / RNN (batch_first, packed) → readout → Linear → logits."""

    def __init__(self, module: str, vocab_size: int, embedding_dim: int, hidden_size: int,
                 num_layers: int = 1, bidirectional: bool = True, parts: Sequence[str] = ("final",),
                 classes: int = 2, nonlinearity: str = "tanh"):
        super().__init__()
        name, kind = ENCODERS[module]
        self.encoder_name = name
        self.parts = list(parts)
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        extra = {"nonlinearity": nonlinearity} if kind is nn.RNN else {}
        self.add_module(name, kind(embedding_dim, hidden_size, num_layers=num_layers,
                                   bidirectional=bidirectional, batch_first=True, **extra))
        width = (2 if bidirectional else 1) * hidden_size * len(self.parts)
        self.head = nn.Linear(width, classes)

    @classmethod
    def from_config(cls, config: dict) -> "SentimentModule":
        """The module config.json's "architecture" describes (torch.nn encoders only)."""
        arch = config["architecture"]
        encoder = arch["encoder"]
        if encoder.get("module") not in ENCODERS or encoder.get("note"):
            raise NotImplementedError(f"not a torch.nn encoder: {encoder.get('note')}")
        return cls(encoder["module"], arch["embedding"]["num_embeddings"],
                   arch["embedding"]["embedding_dim"], encoder["hidden_size"],
                   encoder["num_layers"], encoder["bidirectional"], arch["readout"]["parts"],
                   arch["head"]["out_features"], encoder.get("nonlinearity") or "tanh")

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Logits [B, classes] of post-padded ids [B, T] with `lengths` (each ≥ 1)."""
        encoder = getattr(self, self.encoder_name)
        packed = pack_padded_sequence(self.embedding(ids), lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        output, state = encoder(packed)
        h_n = state[0] if isinstance(state, tuple) else state  # LSTM: (h_n, c_n)
        directions = 2 if encoder.bidirectional else 1
        features = []
        for part in self.parts:
            if part == "final":  # the top layer's directions, forward first
                features.append(torch.cat([h_n[-directions + d] for d in range(directions)], dim=1))
                continue
            steps, _ = pad_packed_sequence(output, batch_first=True)  # [B, T, D·H], zeros after L
            valid = (torch.arange(steps.shape[1])[None, :] < lengths[:, None])[:, :, None]
            if part == "max":
                features.append(steps.masked_fill(~valid, float("-inf")).amax(dim=1))
            else:  # mean
                features.append(steps.sum(dim=1) / lengths[:, None].to(steps.dtype))
        return self.head(torch.cat(features, dim=1))

    @torch.no_grad()
    def probabilities(self, sequences: Sequence[Sequence[int]]) -> torch.Tensor:
        """Softmax over the classes for each non-empty id sequence."""
        ids, lengths = pad(sequences)
        return torch.softmax(self.forward(ids, lengths), dim=1)


def pad(sequences: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Post-padded ids [B, T] (0 = <pad>) and lengths [B]."""
    lengths = torch.tensor([len(s) for s in sequences])
    ids = torch.zeros(len(sequences), int(lengths.max()), dtype=torch.long)
    for b, s in enumerate(sequences):
        ids[b, :len(s)] = torch.tensor(s, dtype=torch.long)
    return ids, lengths
