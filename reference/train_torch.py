"""Trains a classifier in PyTorch for a few batches, imports it with `sentiment import`, and
checks that `sentiment classify` gives PyTorch's probabilities on the same test reviews.

The PyTorch side works as an outsider would: the vocabulary is counted from the training
reviews with tokenizer.json's normalizer and pre-tokenizer (taken from a folder `sentiment
import` writes), ids come from a `tokenizers` WordLevel tokenizer on that vocabulary, the
module is reference/torch_module.py's, and the weights are saved with
`safetensors.torch.save_file` (in --dtype).

    /tmp/venv-torch/bin/python reference/train_torch.py --sentiment .build/release/sentiment \
        --archive ../shared/data/aclImdb_v1.tar.gz [--encoder lstm] [--readout final] \
        [--batches 20] [--reviews 1000] [--dtype float32]

Exit status 1 when any |Δp| exceeds --tolerance (1e-5).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer, models

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_reference import labelled_reviews, raw_tokens, rules_tokenizer  # noqa: E402
from torch_module import SentimentModule, pad  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentiment", default=".build/release/sentiment")
    parser.add_argument("--archive", required=True)
    parser.add_argument("--encoder", choices=["lstm", "gru", "rnn"], default="lstm")
    parser.add_argument("--readout", choices=["final", "max", "mean", "concat"], default="final")
    parser.add_argument("--batches", type=int, default=20, help="training batches of 32")
    parser.add_argument("--reviews", type=int, default=1000, help="test reviews to compare on")
    parser.add_argument("--max-length", type=int, default=200)
    parser.add_argument("--dtype", choices=["float32", "float16", "bfloat16", "float64"], default="float32")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    torch.manual_seed(0)
    archive = Path(args.archive)
    train = labelled_reviews(archive, "train", args.batches * 16)
    test = labelled_reviews(archive, "test", args.reviews // 2)
    with tempfile.TemporaryDirectory(prefix="train_torch.") as tmp:
        work = Path(tmp)
        rules = rules_tokenizer(args.sentiment, work)
        counts = Counter(t for text, _ in train for t in raw_tokens(rules, text))
        words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5000]]
        vocab = {w: i for i, w in enumerate(["<pad>", "<unk>"] + words)}
        (work / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
        tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
        tokenizer.normalizer = rules.normalizer
        tokenizer.pre_tokenizer = rules.pre_tokenizer
        tokenizer.enable_truncation(args.max_length, direction="left")

        module = {"lstm": "torch.nn.LSTM", "gru": "torch.nn.GRU", "rnn": "torch.nn.RNN"}[args.encoder]
        parts = ["final", "max", "mean"] if args.readout == "concat" else [args.readout]
        model = SentimentModule(module, len(vocab), 32, 24, bidirectional=True, parts=parts)
        optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
        examples = [(e.ids, label) for e, (_, label) in
                    zip(tokenizer.encode_batch([t for t, _ in train]), train) if e.ids]
        random.Random(0).shuffle(examples)
        model.train()
        for b in range(args.batches):
            batch = examples[b * 32:(b + 1) * 32]
            ids, lengths = pad([s for s, _ in batch])
            loss = torch.nn.functional.cross_entropy(model(ids, lengths), torch.tensor([y for _, y in batch]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"trained {args.batches} batches of 32 in PyTorch {torch.__version__}; last loss {loss.item():.4f}")
        model.eval()
        dtype = getattr(torch, args.dtype)
        state = {k: v.detach().to(dtype).contiguous() for k, v in model.state_dict().items()}
        save_file(state, str(work / "state_dict.safetensors"))
        model = model.to(torch.float64)  # PyTorch's probabilities of the weights as saved
        model.load_state_dict({k: v.to(torch.float64) for k, v in state.items()}, strict=True)

        folder = work / "imported"
        subprocess.run([args.sentiment, "import", "--weights", str(work / "state_dict.safetensors"),
                        "--vocabulary", str(work / "vocab.txt"), "--output", str(folder),
                        "--readout", args.readout, "--max-length", str(args.max_length)], check=True)
        inputs = work / "inputs"
        inputs.mkdir()
        texts = [t for t, _ in test]
        for i, text in enumerate(texts):
            (inputs / f"{i:05d}.txt").write_text(text, encoding="utf-8", newline="")
        rows = [json.loads(line) for line in subprocess.run(
            [args.sentiment, "classify", "--model", str(folder), "--format", "jsonl", str(inputs)],
            capture_output=True, text=True, check=True).stdout.splitlines()]
        ids = [e.ids for e in tokenizer.encode_batch(texts)]
        with torch.no_grad():
            p_torch = [float(p) for b in range(0, len(ids), 200)
                       for p in model.probabilities(ids[b:b + 200])[:, 1]]
        deltas = [abs(row["p_pos"] - p) for row, p in zip(rows, p_torch)]
        flips = sum((row["label"] == "pos") != (p >= 0.5) for row, p in zip(rows, p_torch))
        worst = max(deltas)
        print(f"{len(rows)} test reviews: max |Δp| {worst:.2e} between PyTorch ({args.dtype} weights, "
              f"{args.encoder}, readout {args.readout}) and sentiment classify; {flips} label flips")
        return 0 if worst <= args.tolerance and len(rows) == len(texts) else 1


if __name__ == "__main__":
    sys.exit(main())
