"""Checks a model folder's outsider files against the `sentiment` tool, on real reviews and on
edge cases (HTML, Unicode, very long, empty):

* tokenizer.json through Hugging Face `tokenizers` gives exactly the ids (and the tokens) of
  `sentiment tokenize`;
* the NumPy reference (sentiment_reference.py) gives the probabilities of `sentiment classify`
  within --tolerance (1e-5; classify prints 6 decimals, and computes in Float).

With --model the folder given is checked. Without it, models of several shapes are made from
random weights and imported with `sentiment import` (F16, BF16, F32 and F64 state_dicts;
LSTM, GRU and RNN; one and two directions and layers; each readout), with a vocabulary counted
from the reviews by tokenizer.json's own normalizer and pre-tokenizer.

    python reference/check_reference.py --sentiment .build/release/sentiment [--reviews 300]
        [--archive aclImdb_v1.tar.gz] [--model DIR]

Exit status 1 on any difference, after printing the first few.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentiment_reference import ReferenceModel  # noqa: E402

EDGE_CASES = [
    "",
    "<br /><br />",
    "!!! ??? ... --- 10/10",
    "Great<BR>film<br/>really<br  />good<br/ >end<brr>x<br",
    "I didn’t like it; it wasn't 'great', ''rock''n'roll'' 'tis ’quoted’",
    "ΟΔΥΣΣΕΥΣ ΣΑΣ final sigma, İstanbul, STRASSE ẞ ß, Kelvin K, ǅ ǈ ǋ titlecase",
    "naïve café cafe\u0301 n\u0303o Ⓐⓑ circled Ⅻ ⅻ roman ﬁne ligature",
    "日本語のレビュー、とても良い。 ที่สุด ภาษาไทย مُمْتاز हिन्दी फ़िल्म ᏣᎳᎩ ᲠᲔᲐᲚᲣᲠᲘ",
    "emoji 👍🏽 great 😀😀 ١٢٣ ٤٥ ௧௨ digits x²³ ½",
    "<b>bold</b> &amp; entity &#39;quoted&#39; <a href=\"x\">link</a>",
    "tabs\tand\r\nnewlines\u00a0nbsp\u2028line\u200bzero width\u0000nul",
    "word " * 3000,
    "Supercalifragilistic" * 5000,
]


def labelled_reviews(archive: Path, split: str, per_label: int) -> list[tuple[str, int]]:
    """The first `per_label` reviews of each label of `split` ("train" or "test") with their
    labels (0 neg, 1 pos), in archive order, read straight from the .tar.gz."""
    found: dict[str, list[str]] = {"neg": [], "pos": []}
    with tarfile.open(archive, mode="r:gz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if (member.isfile() and len(parts) == 4 and parts[1] == split
                    and parts[2] in found and len(found[parts[2]]) < per_label):
                found[parts[2]].append(tar.extractfile(member).read().decode("utf-8", errors="replace"))
                if all(len(v) == per_label for v in found.values()):
                    break
    return [(t, 0) for t in found["neg"]] + [(t, 1) for t in found["pos"]]


def every_word_scalar(ranges_from: Tokenizer) -> str:
    """Every scalar tokenizer.json's token pattern lists, one per word, 64 words a line."""
    pattern = json.loads(ranges_from.to_str())["pre_tokenizer"]["pattern"]["Regex"]
    body = pattern[1:pattern.index("]")]
    scalars = []
    for low, high in re.findall(r"\\x\{([0-9A-F]+)\}(?:-\\x\{([0-9A-F]+)\})?", body):
        scalars.extend(range(int(low, 16), int(high or low, 16) + 1))
    words = [chr(v) for v in scalars]
    return "\n".join(" ".join(words[i:i + 64]) for i in range(0, len(words), 64))


def run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some input had no words, said in its row
        sys.exit(f"check_reference: {' '.join(command[:2])} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def raw_tokens(tokenizer: Tokenizer, text: str) -> list[str]:
    """tokenizer.json's normalizer and pre-tokenizer: the tokens before the vocabulary."""
    normalized = tokenizer.normalizer.normalize_str(text)
    return [t for t, _ in tokenizer.pre_tokenizer.pre_tokenize_str(normalized)]


def rules_tokenizer(sentiment: str, work: Path) -> Tokenizer:
    """Our normalizer and pre-tokenizer (`sentiment tokenize --rules`), for counting a
    vocabulary from text: a tokenizer.json whose vocabulary is <pad> and <unk> alone."""
    path = work / "rules.json"
    subprocess.run([sentiment, "tokenize", "--rules", str(path)], check=True)
    return Tokenizer.from_file(str(path))


def random_models(sentiment: str, texts: list[str], work: Path) -> list[Path]:
    """Folders imported from random state_dicts of several shapes and dtypes."""
    rng = np.random.default_rng(13)
    rules = rules_tokenizer(sentiment, work)
    counts = Counter(t for text in texts for t in raw_tokens(rules, text))
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3000]]
    vocab_file = work / "vocab.txt"
    vocab_file.write_text("\n".join(["<pad>", "<unk>"] + words) + "\n", encoding="utf-8")
    v = len(words) + 2
    shapes = [  # name, encoder, gates, layers, directions, readout, dtype, extra flags
        ("bilstm-final-f16", "lstm", 4, 1, 2, "final", "F16", ["--max-length", "400"]),
        ("bigru-concat-bf16", "gru", 3, 1, 2, "concat", "BF16", []),
        ("rnn-relu-2layers-mean", "rnn", 1, 2, 1, "mean", "F32", ["--nonlinearity", "relu"]),
        ("lstm-max-post-f64", "lstm", 4, 1, 1, "max", "F64",
         ["--max-length", "50", "--truncation", "post"]),
        ("bigru-2layers-final-cased", "gru", 3, 2, 2, "final", "F32", ["--no-lowercase"]),
    ]
    folders = []
    for name, encoder, gates, layers, directions, readout, dtype, flags in shapes:
        parts = 3 if readout == "concat" else 1
        tensors = make_state_dict(rng, encoder, gates, v, 16, 8, layers, directions, parts)
        folders.append(import_model(sentiment, tensors, vocab_file, work / name,
                                    ["--readout", readout] + flags, dtype))
    return folders


def make_state_dict(rng, encoder: str, gates: int, vocab: int, e: int, h: int, layers: int,
                    directions: int, parts: int) -> dict[str, np.ndarray]:
    """Random weights, large enough that the probabilities spread over (0, 1)."""
    tensors = {"embedding.weight": rng.normal(size=(vocab, e))}
    for k in range(layers):
        width = e if k == 0 else directions * h
        for suffix in ["", "_reverse"][:directions]:
            tensors[f"{encoder}.weight_ih_l{k}{suffix}"] = rng.uniform(-0.6, 0.6, (gates * h, width))
            tensors[f"{encoder}.weight_hh_l{k}{suffix}"] = rng.uniform(-0.6, 0.6, (gates * h, h))
            tensors[f"{encoder}.bias_ih_l{k}{suffix}"] = rng.uniform(-0.3, 0.3, gates * h)
            tensors[f"{encoder}.bias_hh_l{k}{suffix}"] = rng.uniform(-0.3, 0.3, gates * h)
    tensors["head.weight"] = rng.normal(size=(2, parts * directions * h))
    tensors["head.bias"] = rng.normal(size=2)
    return tensors


def import_model(sentiment: str, tensors: dict[str, np.ndarray], vocab: Path, folder: Path,
                 flags: list[str], dtype: str) -> Path:
    weights = folder.with_suffix(".safetensors")
    if dtype == "BF16":  # numpy has no bfloat16: the upper halves of float32, rounded to nearest
        write_bfloat16(tensors, weights)
    else:
        kind = {"F16": np.float16, "F32": np.float32, "F64": np.float64}[dtype]
        save_file({k: v.astype(kind) for k, v in tensors.items()}, str(weights))
    subprocess.run([sentiment, "import", "--weights", str(weights), "--vocabulary", str(vocab),
                    "--output", str(folder)] + flags, check=True, capture_output=True)
    return folder


def write_bfloat16(tensors: dict[str, np.ndarray], path: Path) -> None:
    """A safetensors file of BF16 tensors, written by hand (the format is a JSON header and the
    little-endian data), as torch.bfloat16 tensors would be saved."""
    header, chunks, offset = {}, [], 0
    for name, value in tensors.items():
        bits = value.astype(np.float32).view(np.uint32).astype(np.uint64)
        data = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2").tobytes()
        header[name] = {"dtype": "BF16", "shape": list(value.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(len(text).to_bytes(8, "little") + text + b"".join(chunks))


def check_folder(sentiment: str, folder: Path, inputs: Path, texts: list[str],
                 tolerance: float, scalars: str | None) -> list[str]:
    """Every difference between the tool and the outsider files on `texts` (files in `inputs`)."""
    problems: list[str] = []
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    text_config = config["text"]
    ours = [json.loads(line) for line in run([sentiment, "tokenize", "--model", str(folder), str(inputs)]).splitlines()]
    theirs = tokenizer.encode_batch(texts)
    for text, row, encoding in zip(texts, ours, theirs):
        ids = row.get("ids", [])  # an empty input is an error row: no ids
        if ids != encoding.ids:
            problems.append(f"{folder.name}: {row['source']}: ids differ: ours {ids[:12]}…, tokenizers {encoding.ids[:12]}…")
        tokens = truncate(raw_tokens(tokenizer, text), text_config)
        if row.get("tokens", []) != tokens:
            diff = next(((a, b) for a, b in zip(row.get("tokens", []), tokens) if a != b), None)
            problems.append(f"{folder.name}: {row['source']}: tokens differ (first: {diff})")
    if scalars is not None:
        mine = truncate(raw_tokens(tokenizer, scalars), {"maxLength": None})
        all_words = [json.loads(line) for line in run(
            [sentiment, "tokenize", "--model", str(folder), str(inputs.parent / "scalars.txt")]).splitlines()]
        if all_words[0].get("tokens") != truncate(mine, text_config):
            pairs = [(a, b) for a, b in zip(all_words[0]["tokens"], mine) if a != b]
            problems.append(f"{folder.name}: every word scalar: {len(pairs)} tokens differ, e.g. "
                            + ", ".join(f"{a!r} ≠ {b!r} (U+{ord(a[0]):04X})" for a, b in pairs[:8]))
    model = ReferenceModel(folder)
    classified = [json.loads(line) for line in
                  run([sentiment, "classify", "--model", str(folder), "--format", "jsonl", str(inputs)]).splitlines()]
    worst = 0.0
    for row, p in zip(classified, model.probabilities(texts)):
        if p is None or row["error"] is not None:
            if (p is None) != (row["error"] is not None):
                problems.append(f"{folder.name}: {row['source']}: classify {row['error'] or row['probability']}, reference {p}")
            continue
        for i, label in enumerate(model.labels):  # one p_LABEL column per class, in the model's order
            delta = abs(row[f"p_{label}"] - p[i])
            worst = max(worst, delta)
            if delta > tolerance:
                problems.append(f"{folder.name}: {row['source']}: p({label}) {row[f'p_{label}']} by classify, {p[i]:.7f} by the reference")
    print(f"  {folder.name}: {len(texts)} inputs, ids {'identical' if not any('ids differ' in x for x in problems) else 'DIFFER'}, "
          f"max |Δp| {worst:.2e}")
    return problems


def truncate(tokens: list[str], text_config: dict) -> list[str]:
    limit = text_config.get("maxLength")
    if limit is None or len(tokens) <= limit:
        return tokens
    return tokens[-limit:] if text_config.get("truncation", "pre") == "pre" else tokens[:limit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentiment", default=".build/release/sentiment")
    parser.add_argument("--archive", default=os.environ.get("IMDB_ARCHIVE"))
    parser.add_argument("--reviews", type=int, default=300,
                        help="IMDB test reviews to check on, half of each label (25000: all)")
    parser.add_argument("--model", help="a model folder to check (default: random imported ones)")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    texts = list(EDGE_CASES)
    if args.archive and Path(args.archive).is_file():
        texts += [t for t, _ in labelled_reviews(Path(args.archive), "test", (args.reviews + 1) // 2)]
    else:
        print("check_reference: no IMDB archive (--archive or $IMDB_ARCHIVE): edge cases only")
    with tempfile.TemporaryDirectory(prefix="check_reference.") as tmp:
        work = Path(tmp)
        inputs = work / "inputs"
        inputs.mkdir()
        for i, text in enumerate(texts):
            (inputs / f"{i:05d}.txt").write_text(text, encoding="utf-8", newline="")
        folders = [Path(args.model)] if args.model else random_models(args.sentiment, texts, work)
        rules = Tokenizer.from_file(str(folders[0] / "tokenizer.json"))
        scalars = every_word_scalar(rules)
        (work / "scalars.txt").write_text(scalars, encoding="utf-8")
        problems: list[str] = []
        for folder in folders:
            problems += check_folder(args.sentiment, folder, inputs, texts, args.tolerance, scalars)
    for problem in problems[:20]:
        print("  " + problem)
    if problems:
        print(f"check_reference: {len(problems)} differences")
        return 1
    print(f"check_reference: tokenizer.json and the NumPy reference agree with sentiment on {len(texts)} inputs "
          f"(and every word scalar) in {len(folders)} model folder(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
