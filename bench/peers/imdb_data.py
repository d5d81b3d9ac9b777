"""IMDB preprocessing shared by the peer benchmarks (PyTorch and Keras).

It mirrors the Swift pipeline's choices so that every framework sees the same
integers:

* reviews are read straight from ``aclImdb_v1.tar.gz`` with :mod:`tarfile`;
  only ``aclImdb/{train,test}/{pos,neg}/ID_RATING.txt`` are used (``unsup`` is
  skipped), decoded as UTF-8 with replacement characters for bad bytes;
* text is tokenized by the Swift tokenizer's own rules, read from the
  tokenizer.json that ``sentiment tokenize --rules FILE`` writes (run_peers.sh
  does, and names it in ``$SENTIMENT_TOKENIZER_RULES``), through Hugging Face
  ``tokenizers``: ``<br>`` variants as spaces, ’ as ', lowercasing, tokens =
  runs of letters, digits and combining marks with apostrophes inside;
* the vocabulary is the 20,000 most frequent training tokens, ties broken by
  the token itself (code-point order); PAD = 0, OOV = 1, words from 2;
* a review keeps its LAST ``MAXLEN`` tokens and is padded with 0 to ``MAXLEN``.

Nothing here depends on a deep-learning framework; numpy and tokenizers are used.
"""

from __future__ import annotations

import functools
import os
import re
import tarfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from tokenizers import Tokenizer

VOCAB_WORDS = 20_000
PAD_ID = 0
OOV_ID = 1
FIRST_WORD_ID = 2
VOCAB_SIZE = VOCAB_WORDS + FIRST_WORD_ID  # 20,002 embedding rows
MAXLEN = 200

_MEMBER_RE = re.compile(r"^aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt$")


@functools.lru_cache(maxsize=1)
def _rules():
    """The normalizer and pre-tokenizer of $SENTIMENT_TOKENIZER_RULES."""
    path = os.environ.get("SENTIMENT_TOKENIZER_RULES")
    if not path or not os.path.isfile(path):
        raise SystemExit("imdb_data: set SENTIMENT_TOKENIZER_RULES to the tokenizer.json that "
                         "`sentiment tokenize --rules FILE` writes (run_peers.sh does it)")
    rules = Tokenizer.from_file(path)
    return rules.normalizer, rules.pre_tokenizer


def tokenize(text: str) -> list[str]:
    """Split one review into tokens, exactly as the Swift tokenizer does."""
    normalizer, pre_tokenizer = _rules()
    return [token for token, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text))]


@dataclass
class Review:
    split: str   # "train" or "test"
    label: int   # 1 = pos, 0 = neg
    review_id: int
    rating: int
    text: str


def default_archive(repo_root: Path | None = None) -> Path:
    """$IMDB_ARCHIVE, then Data/aclImdb_v1.tar.gz, then ../shared/data/ (beside the repo)."""
    env = os.environ.get("IMDB_ARCHIVE")
    if env:
        return Path(env)
    root = repo_root or Path(__file__).resolve().parents[2]
    candidates = [root / "Data" / "aclImdb_v1.tar.gz",
                  root.parent / "shared" / "data" / "aclImdb_v1.tar.gz"]
    for c in candidates:
        if c.is_file():
            return c
    return candidates[0]


def read_reviews(archive: str | os.PathLike) -> tuple[list[Review], list[Review]]:
    """Read the labelled train and test reviews, in a fixed order (split, label, id)."""
    train: list[Review] = []
    test: list[Review] = []
    with tarfile.open(archive, mode="r:gz") as tar:
        for member in tar:  # streams the archive once, front to back
            if not member.isfile():
                continue
            m = _MEMBER_RE.match(member.name)
            if m is None:
                continue
            split, polarity, rid, rating = m.groups()
            f = tar.extractfile(member)
            assert f is not None
            text = f.read().decode("utf-8", errors="replace")
            r = Review(split, 1 if polarity == "pos" else 0, int(rid), int(rating), text)
            (train if split == "train" else test).append(r)
    key = lambda r: (-r.label, r.review_id)  # noqa: E731  pos first, then by id
    train.sort(key=key)
    test.sort(key=key)
    if len(train) != 25_000 or len(test) != 25_000:
        raise ValueError(f"{archive}: expected 25,000 + 25,000 labelled reviews, "
                         f"found {len(train)} + {len(test)}")
    return train, test


class Vocabulary:
    """Token -> id map for the `VOCAB_WORDS` most frequent training tokens."""

    def __init__(self, words: Sequence[str]):
        self.words = list(words)
        self.index = {w: i + FIRST_WORD_ID for i, w in enumerate(self.words)}

    @classmethod
    def build(cls, token_lists: Iterable[list[str]], size: int = VOCAB_WORDS) -> "Vocabulary":
        counts: Counter[str] = Counter()
        for toks in token_lists:
            counts.update(toks)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return cls([w for w, _ in ranked[:size]])

    def encode(self, tokens: list[str], maxlen: int = MAXLEN) -> list[int]:
        """Ids of the last `maxlen` tokens (unknown words -> OOV_ID)."""
        get = self.index.get
        return [get(t, OOV_ID) for t in tokens[-maxlen:]]


def pad_batch(id_lists: Sequence[list[int]], maxlen: int = MAXLEN, *,
              padding: str = "post", dtype=np.int64) -> tuple[np.ndarray, np.ndarray]:
    """Stack id lists into a (n, maxlen) array padded with PAD_ID.

    `padding="post"` puts the tokens first (what packed sequences want);
    `padding="pre"` puts them last (the classic Keras layout without a mask).
    Returns the array and the lengths (at least 1, so that an empty review is
    one PAD step rather than a zero-length sequence, which packing rejects).
    """
    n = len(id_lists)
    out = np.zeros((n, maxlen), dtype=dtype)
    lengths = np.empty(n, dtype=np.int64)
    for i, ids in enumerate(id_lists):
        k = len(ids)
        if k:
            if padding == "post":
                out[i, :k] = ids
            else:
                out[i, maxlen - k:] = ids
        lengths[i] = max(k, 1)
    return out, lengths


def encode_texts(texts: Sequence[str], vocab: Vocabulary, maxlen: int = MAXLEN, *,
                 padding: str = "post", dtype=np.int64) -> tuple[np.ndarray, np.ndarray]:
    """Raw review texts -> padded id array and lengths (the inference front end)."""
    return pad_batch([vocab.encode(tokenize(t), maxlen) for t in texts], maxlen,
                     padding=padding, dtype=dtype)


@dataclass
class ImdbData:
    vocab: Vocabulary
    train_ids: list[list[int]]   # encoded, truncated training reviews, shuffled
    train_labels: np.ndarray     # int64, same order
    test_texts: list[str]        # raw test reviews (inference starts from these)
    test_labels: np.ndarray


def load(archive: str | os.PathLike, seed: int = 0) -> ImdbData:
    """Read the archive, build the vocabulary, encode the training set.

    Both splits are shuffled once with `seed`, so that a partial epoch (the
    first N batches) or a partial inference run (the first N test reviews)
    sees both classes and a typical mix of lengths.
    """
    train, test = read_reviews(archive)
    train_tokens = [tokenize(r.text) for r in train]
    vocab = Vocabulary.build(train_tokens)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(train))
    test = [test[i] for i in rng.permutation(len(test))]
    train_ids = [vocab.encode(train_tokens[i]) for i in order]
    train_labels = np.array([train[i].label for i in order], dtype=np.int64)
    return ImdbData(vocab=vocab,
                    train_ids=train_ids,
                    train_labels=train_labels,
                    test_texts=[r.text for r in test],
                    test_labels=np.array([r.label for r in test], dtype=np.int64))


if __name__ == "__main__":  # quick look: python imdb_data.py [ARCHIVE]
    import sys
    import time

    path = sys.argv[1] if len(sys.argv) > 1 else default_archive()
    t0 = time.perf_counter()
    d = load(path)
    dt = time.perf_counter() - t0
    lens = np.array([len(x) for x in d.train_ids])
    print(f"loaded {path} in {dt:.1f} s; vocab {len(d.vocab.words)} (+2), "
          f"train {len(d.train_ids)}, test {len(d.test_texts)}; "
          f"train lengths after truncation: mean {lens.mean():.1f}, "
          f"share at {MAXLEN}: {(lens == MAXLEN).mean():.2%}")
    print("top words:", d.vocab.words[:12])
    print("example:", tokenize("It's <br />a ''rock''n'roll'' movie, 10/10 — naïve_fun!")[:12])


def timing_record(framework: str, version: str, model: str, *, train_reviews: int,
                  train_seconds: float, infer_reviews: int, infer_seconds: float, threads: int,
                  batch_size: int, infer_batch_size: int, **extra) -> dict:
    """One benchmark result in the shape run_peers.sh collects (tokens counted as reviews × MAXLEN)."""
    return {
        "framework": framework,
        "version": version,
        "model": model,
        "train_tokens_per_s": round(train_reviews * MAXLEN / train_seconds, 1),
        "train_reviews": train_reviews,
        "train_seconds": round(train_seconds, 3),
        "infer_reviews_per_s": round(infer_reviews / infer_seconds, 1),
        "infer_reviews": infer_reviews,
        "infer_seconds": round(infer_seconds, 3),
        "threads": threads,
        "batch_size": batch_size,
        "infer_batch_size": infer_batch_size,
        **extra,
    }


def add_common_arguments(p, models: Sequence[str]) -> None:
    """The options both peer benchmarks take: model, archive, and how much to time."""
    p.add_argument("--model", choices=models, default="bilstm")
    p.add_argument("--archive", default=None,
                   help="aclImdb_v1.tar.gz (default: $IMDB_ARCHIVE, Data/, ../shared/data/)")
    p.add_argument("--train-batches", type=int, default=100,
                   help="timed training batches of 64 (0 = the full epoch of 25,000 reviews)")
    p.add_argument("--infer-reviews", type=int, default=25_000,
                   help="test reviews for the inference measurement (max 25,000)")
