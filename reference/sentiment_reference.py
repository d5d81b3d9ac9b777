"""A reference classifier for sentiment model folders, in NumPy alone (no torch).

A model folder holds ``config.json``, ``model.safetensors`` and ``tokenizer.json``.  This module
reads them as an outsider would -- the tokenizer with Hugging Face ``tokenizers``, the weights
with ``safetensors.numpy``, the network from config.json's ``architecture`` -- and computes the
class probabilities in float64, step by step, with the equations of ``torch.nn.LSTM``, ``GRU``
and ``RNN``:

    LSTM   i, f, g, o = split(W x_t + b_ih + U h + b_hh)     (weight_ih_l0 rows: i, f, g, o)
           c = σ(f) c + σ(i) tanh(g);   h = σ(o) tanh(c)
    GRU    r, z = σ(W_rz x_t + b_ih_rz + U_rz h + b_hh_rz)  (rows: r, z, n)
           n = tanh(W_n x_t + b_in + r (U_n h + b_hn));   h = (1 − z) n + z h
    RNN    h = tanh or relu(W x_t + b_ih + U h + b_hh)

Each review runs over its own tokens only, from zero states (what ``pack_padded_sequence``
does); the reverse direction reads it from its last token back to its first.  The head reads
``architecture.readout.parts`` in order: "final" (forward h after the last token ⊕ reverse h
after the first, torch's ``h_n[-2] ⊕ h_n[-1]``), "max" and "mean" over the steps of the top
layer's output (forward ⊕ reverse at each step); then ``Linear`` and softmax over the classes
in ``id2label`` order.

    python reference/sentiment_reference.py --model Data/models/imdb-bilstm review.txt ...

prints one line per file: its path and p(label) for each label.  Cells torch.nn has no module
for (Jordan, peephole or coupled LSTM, reset-before GRU, merges other than concatenation) are
refused with the folder's own note saying what they are.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

GATES = {"torch.nn.LSTM": 4, "torch.nn.GRU": 3, "torch.nn.RNN": 1}


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # = 1 / (1 + e^(−a)), without overflow


@dataclass
class Direction:
    """One direction of one layer: W [G·H, I], U [G·H, H], b_ih and b_hh [G·H]."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


class ReferenceModel:
    """A model folder, loaded: `tokenizer`, `config`, and `probabilities(texts)`."""

    def __init__(self, folder: str | Path):
        folder = Path(folder)
        self.config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        arch = self.config["architecture"]
        encoder = arch["encoder"]
        if encoder.get("module") not in GATES or encoder.get("note"):
            raise NotImplementedError(
                f"{folder}: not a torch.nn encoder: {encoder.get('note') or encoder.get('module')}")
        self.labels = [self.config["id2label"][str(i)] for i in range(len(self.config["id2label"]))]
        self.module = encoder["module"]
        self.nonlinearity = np.tanh if encoder.get("nonlinearity", "tanh") == "tanh" else (
            lambda a: np.maximum(a, 0.0))
        self.parts = arch["readout"]["parts"]
        weights = {k: v.astype(np.float64) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self.embedding = weights[arch["embedding"]["weight"]]
        prefix = encoder["prefix"]
        suffixes = [""] + (["_reverse"] if encoder["bidirectional"] else [])
        self.layers = [
            [Direction(*(weights[f"{prefix}{name}_l{k}{suffix}"]
                         for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))
             for suffix in suffixes]
            for k in range(encoder["num_layers"])
        ]
        self.head_weight = weights[arch["head"]["prefix"] + "weight"]
        self.head_bias = weights[arch["head"]["prefix"] + "bias"]

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """The ids of each text, truncated as the model was trained (tokenizer.json does it)."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def probabilities(self, texts: Sequence[str], batch_tokens: int = 1 << 15) -> list[np.ndarray | None]:
        """p of each label for each text ([p(neg), p(pos)]), or None for a text with no token.
        Texts run longest first in batches of at most `batch_tokens` padded steps (and 256)."""
        ids = self.encode(texts)
        result: list[np.ndarray | None] = [None] * len(ids)
        order = sorted((i for i in range(len(ids)) if ids[i]), key=lambda i: -len(ids[i]))
        start = 0
        while start < len(order):
            size = max(1, min(256, batch_tokens // len(ids[order[start]])))
            members = order[start:start + size]
            for i, p in zip(members, self.probabilities_of_ids([ids[i] for i in members])):
                result[i] = p
            start += size
        return result

    def probabilities_of_ids(self, sequences: Sequence[Sequence[int]]) -> np.ndarray:
        """[B, classes] for non-empty id sequences, longest first."""
        lengths = np.array([len(s) for s in sequences])
        steps = int(lengths.max())
        padded = np.zeros((len(sequences), steps), dtype=np.int64)  # 0 = <pad>, never read
        for b, s in enumerate(sequences):
            padded[b, :len(s)] = s
        x = self.embedding[padded]  # [B, T, E]
        finals = []
        for layer in self.layers:
            outputs, finals = [], []
            for d, direction in enumerate(layer):
                reverse = d == 1
                inputs = self.flip(x, lengths) if reverse else x
                out, h = self.run(direction, inputs, lengths)
                outputs.append(self.flip(out, lengths) if reverse else out)
                finals.append(h)
            x = np.concatenate(outputs, axis=2)  # forward ⊕ reverse at each step
        valid = (np.arange(steps)[None, :] < lengths[:, None])[:, :, None]
        features = []
        for part in self.parts:
            if part == "final":
                features.append(np.concatenate(finals, axis=1))
            elif part == "max":
                features.append(np.where(valid, x, -np.inf).max(axis=1))
            elif part == "mean":
                features.append(np.where(valid, x, 0.0).sum(axis=1) / lengths[:, None])
            else:
                raise NotImplementedError(f"readout part {part!r}")
        logits = np.concatenate(features, axis=1) @ self.head_weight.T + self.head_bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    @staticmethod
    def flip(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Each sequence's valid steps in reverse order (padding steps stay where they are)."""
        t = np.arange(x.shape[1])[None, :]
        index = np.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
        return np.take_along_axis(x, index[:, :, None], axis=1)

    def run(self, p: Direction, x: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One direction over sequences sorted longest first: output [B, T, H] and final h [B, H].
        At step t only the n sequences longer than t move (they are the first n rows)."""
        batch, steps, _ = x.shape
        hidden = p.w_hh.shape[1]
        gx = x @ p.w_ih.T + p.b_ih  # every step's input projection at once
        h = np.zeros((batch, hidden))
        c = np.zeros((batch, hidden))
        out = np.zeros((batch, steps, hidden))
        for t in range(steps):
            n = int((lengths > t).sum())
            gh = h[:n] @ p.w_hh.T + p.b_hh
            g = gx[:n, t]
            if self.module == "torch.nn.LSTM":
                i, f, cand, o = np.split(g + gh, 4, axis=1)
                c[:n] = sigmoid(f) * c[:n] + sigmoid(i) * np.tanh(cand)
                h[:n] = sigmoid(o) * np.tanh(c[:n])
            elif self.module == "torch.nn.GRU":
                xr, xz, xn = np.split(g, 3, axis=1)
                hr, hz, hn = np.split(gh, 3, axis=1)
                r, z = sigmoid(xr + hr), sigmoid(xz + hz)
                h[:n] = (1 - z) * np.tanh(xn + r * hn) + z * h[:n]
            else:
                h[:n] = self.nonlinearity(g + gh)
            out[:n, t] = h[:n]
        return out, h


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="model folder")
    parser.add_argument("files", nargs="+", help="review files (UTF-8)")
    args = parser.parse_args(argv)
    model = ReferenceModel(args.model)
    texts = [Path(f).read_text(encoding="utf-8") for f in args.files]
    print("source\t" + "\t".join(f"p({label})" for label in model.labels))
    for path, p in zip(args.files, model.probabilities(texts)):
        print(path + "\t" + ("\t".join(f"{v:.6f}" for v in p) if p is not None else "no words"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
