"""PyTorch peer benchmark: training and raw-text inference throughput on IMDB (CPU).

Model: Embedding(20,002, 128) -> recurrent layer, 64 units per direction ->
Linear(2), cross-entropy on the logits.  `--padding pre` (the default, the fastest
on a CPU): reviews are pre-padded to 200 and the layer runs every step of the padded
tensor through torch's fused CPU kernel (oneDNN), reading the padding first.
`--padding packed`: batches are post-padded and packed with
pack_padded_sequence(enforce_sorted=False), so no padding step is run, but torch then
runs the layer step by step outside the fused kernel (about 4x slower here).

    python pytorch_bench.py --model bilstm --train-batches 100 --json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

import imdb_data
from imdb_data import MAXLEN, VOCAB_SIZE

MODELS = ("bilstm", "lstm", "gru", "bigru", "elman")
EMBED_DIM = 128
HIDDEN = 64
TRAIN_BATCH = 64
INFER_BATCH = 256


class Classifier(nn.Module):
    def __init__(self, kind: str, packed: bool):
        super().__init__()
        self.kind = kind
        self.packed = packed
        bidirectional = kind in ("bilstm", "bigru")
        cell = {"bilstm": nn.LSTM, "lstm": nn.LSTM, "gru": nn.GRU, "bigru": nn.GRU,
                "elman": nn.RNN}[kind]
        extra = {"nonlinearity": "tanh"} if kind == "elman" else {}
        self.embedding = nn.Embedding(VOCAB_SIZE, EMBED_DIM, padding_idx=imdb_data.PAD_ID)
        self.rnn = cell(EMBED_DIM, HIDDEN, batch_first=True, bidirectional=bidirectional, **extra)
        self.out = nn.Linear(HIDDEN * (2 if bidirectional else 1), 2)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        embedded = self.embedding(ids)
        if self.packed:
            embedded = pack_padded_sequence(embedded, lengths, batch_first=True,
                                            enforce_sorted=False)
        _, h = self.rnn(embedded)
        if isinstance(h, tuple):  # LSTM: (h_n, c_n)
            h = h[0]
        # h: (directions, batch, HIDDEN), the state after each review's last real
        # token (forward) and after its first token (backward direction).
        return self.out(torch.cat(list(h), dim=1))


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    imdb_data.add_common_arguments(p, MODELS)
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--padding", choices=("pre", "packed"), default="pre",
                   help="pre: pre-padding to 200, every step run in the fused kernel (default); "
                        "packed: post-padding + pack_padded_sequence")
    return p.parse_args(argv)


def padded(id_lists, packed: bool):
    """The id array (cut after the longest review when packed) and the lengths."""
    ids, lengths = imdb_data.pad_batch(id_lists, padding="post" if packed else "pre")
    width = int(lengths.max()) if packed else MAXLEN  # packed: later columns are all PAD
    return ids[:, :width], lengths


def batch_tensors(data: imdb_data.ImdbData, start: int, stop: int, packed: bool):
    ids, lengths = padded(data.train_ids[start:stop], packed)
    return (torch.from_numpy(ids), torch.from_numpy(lengths),
            torch.from_numpy(data.train_labels[start:stop]))


def main(argv=None) -> int:
    args = parse_args(argv)
    threads = os.cpu_count() or 1
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    archive = args.archive or str(imdb_data.default_archive())
    t0 = time.perf_counter()
    data = imdb_data.load(archive, seed=args.seed)
    log(f"data: {archive} read and encoded in {time.perf_counter() - t0:.1f} s")

    packed = args.padding == "packed"
    model = Classifier(args.model, packed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    n_train = len(data.train_ids)
    n_batches = -(-n_train // TRAIN_BATCH)
    if args.train_batches > 0:
        n_batches = min(n_batches, args.train_batches)
    # The batches are built before the clock starts, as a DataLoader with workers
    # would have them ready; the timed loop is forward, backward and the Adam step.
    batches = [batch_tensors(data, b * TRAIN_BATCH, min((b + 1) * TRAIN_BATCH, n_train), packed)
               for b in range(n_batches)]

    def step(ids, lengths, labels) -> float:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(ids, lengths), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    model.train()
    step(*batches[0])  # warm-up batch: not timed, not counted
    train_reviews = 0
    t0 = time.perf_counter()
    for ids, lengths, labels in batches:
        last_loss = step(ids, lengths, labels)
        train_reviews += labels.shape[0]
    train_seconds = time.perf_counter() - t0
    train_tps = train_reviews * MAXLEN / train_seconds
    log(f"train: {train_reviews} reviews in {train_seconds:.2f} s -> "
        f"{train_tps:,.0f} tokens/s (last loss {last_loss:.4f})")

    # Inference from raw text: tokenize + encode + forward + softmax, batches of 256.
    texts = data.test_texts[:max(1, min(args.infer_reviews, len(data.test_texts)))]
    model.eval()

    def infer(chunk):
        ids, lengths = imdb_data.encode_texts(chunk, data.vocab, padding="post" if packed else "pre")
        width = int(lengths.max()) if packed else MAXLEN
        logits = model(torch.from_numpy(ids[:, :width]), torch.from_numpy(lengths))
        return torch.softmax(logits, dim=1).numpy()

    with torch.inference_mode():
        infer(texts[:INFER_BATCH])  # warm-up, not timed
        probs = []
        t0 = time.perf_counter()
        for i in range(0, len(texts), INFER_BATCH):
            probs.append(infer(texts[i:i + INFER_BATCH]))
        infer_seconds = time.perf_counter() - t0
    probs = np.concatenate(probs)
    accuracy = float((probs.argmax(1) == data.test_labels[:len(texts)]).mean())
    infer_rps = len(texts) / infer_seconds
    log(f"infer: {len(texts)} raw reviews in {infer_seconds:.2f} s -> {infer_rps:,.1f} reviews/s "
        f"(accuracy after this much training: {accuracy:.3f})")

    result = imdb_data.timing_record(
        "pytorch", torch.__version__, args.model, train_reviews=train_reviews, train_seconds=train_seconds,
        infer_reviews=len(texts), infer_seconds=infer_seconds, threads=threads,
        batch_size=TRAIN_BATCH, infer_batch_size=INFER_BATCH, setting=args.padding,
        padding="packed (pack_padded_sequence, enforce_sorted=False)" if packed
        else "pre-padded to 200, every step run")
    if args.json:
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
