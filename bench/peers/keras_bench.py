"""Keras 3 (TensorFlow backend) peer benchmark: training and raw-text inference on IMDB (CPU).

Model: Embedding(20,002, 128) -> recurrent layer, 64 units per direction ->
Dense(2, softmax), sparse categorical cross-entropy, Adam(1e-3), batch 64.

Padding: by default reviews are POST-padded to 200 and the embedding has
mask_zero=True, so padding is inert in both directions -- the same function
PyTorch computes with packed sequences.  On this CPU it trained as fast (within
the noise) as the other Keras idiom, pre-padding without a mask (pad_sequences' default,
as in Keras's IMDB examples): 50.1k vs 50.0k tokens/s over 20 BiLSTM batches,
because Keras runs all 200 steps either way (it skips padding only with cuDNN
on a GPU) and the per-step mask select is cheap.  `--padding pre` selects the
unmasked variant.

    python keras_bench.py --model bilstm --train-batches 100 --json
"""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TF's start-up chatter off stderr

import argparse
import json
import sys
import time

import numpy as np

import imdb_data
from imdb_data import MAXLEN, VOCAB_SIZE

MODELS = ("bilstm", "lstm", "gru", "bigru", "elman")
EMBED_DIM = 128
HIDDEN = 64
TRAIN_BATCH = 64
INFER_BATCH = 256


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    imdb_data.add_common_arguments(p, MODELS)
    p.add_argument("--padding", choices=("mask", "pre"), default="mask",
                   help="mask: post-padding + mask_zero=True (default); pre: pre-padding, no mask")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args(argv)


def build_model(keras, kind: str, mask: bool):
    layers = keras.layers
    cell = {"bilstm": layers.LSTM, "lstm": layers.LSTM, "gru": layers.GRU,
            "bigru": layers.GRU, "elman": layers.SimpleRNN}[kind]
    inputs = keras.Input(shape=(MAXLEN,), dtype="int32")
    x = layers.Embedding(VOCAB_SIZE, EMBED_DIM, mask_zero=mask)(inputs)
    rnn = cell(HIDDEN)  # SimpleRNN's activation is tanh by default
    if kind in ("bilstm", "bigru"):
        rnn = layers.Bidirectional(rnn)  # concatenates the two final states
    x = rnn(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    model = keras.Model(inputs, outputs, name=f"imdb_{kind}")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy")
    return model


def main(argv=None) -> int:
    args = parse_args(argv)
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    import tensorflow as tf
    import keras

    threads = os.cpu_count() or 1
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    keras.utils.set_random_seed(args.seed)
    if keras.backend.backend() != "tensorflow":
        raise SystemExit(f"expected the TensorFlow backend, got {keras.backend.backend()}")

    archive = args.archive or str(imdb_data.default_archive())
    t0 = time.perf_counter()
    data = imdb_data.load(archive, seed=args.seed)
    log(f"data: {archive} read and encoded in {time.perf_counter() - t0:.1f} s")

    mask = args.padding == "mask"
    pad_side = "post" if mask else "pre"
    model = build_model(keras, args.model, mask)

    n_train = len(data.train_ids)
    if args.train_batches > 0:
        n_train = min(n_train, args.train_batches * TRAIN_BATCH)
    x_train, _ = imdb_data.pad_batch(data.train_ids[:n_train], padding=pad_side, dtype=np.int32)
    y_train = data.train_labels[:n_train].astype(np.int32)
    dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(TRAIN_BATCH)
    dataset = dataset.prefetch(tf.data.AUTOTUNE)

    # Warm-up: one batch through fit() traces and builds the train function
    # (not timed, not counted); later fit() calls reuse it.
    model.fit(dataset.take(1), epochs=1, verbose=0, shuffle=False)
    t0 = time.perf_counter()
    history = model.fit(dataset, epochs=1, verbose=0, shuffle=False)
    train_seconds = time.perf_counter() - t0
    train_reviews = n_train
    train_tps = train_reviews * MAXLEN / train_seconds
    log(f"train: {train_reviews} reviews in {train_seconds:.2f} s -> "
        f"{train_tps:,.0f} tokens/s (loss {history.history['loss'][-1]:.4f})")

    # Inference from raw text: tokenize + encode all, then predict() in batches of 256.
    texts = data.test_texts[:max(1, min(args.infer_reviews, len(data.test_texts)))]

    def infer(chunk):
        ids, _ = imdb_data.encode_texts(chunk, data.vocab, padding=pad_side, dtype=np.int32)
        return model.predict(ids, batch_size=INFER_BATCH, verbose=0)

    infer(texts[:INFER_BATCH])  # warm-up: traces the predict function, not timed
    t0 = time.perf_counter()
    probs = infer(texts)
    infer_seconds = time.perf_counter() - t0
    accuracy = float((probs.argmax(1) == data.test_labels[:len(texts)]).mean())
    infer_rps = len(texts) / infer_seconds
    log(f"infer: {len(texts)} raw reviews in {infer_seconds:.2f} s -> {infer_rps:,.1f} reviews/s "
        f"(accuracy after this much training: {accuracy:.3f})")

    result = imdb_data.timing_record(
        "keras", keras.__version__, args.model, train_reviews=train_reviews, train_seconds=train_seconds,
        infer_reviews=len(texts), infer_seconds=infer_seconds, threads=threads,
        batch_size=TRAIN_BATCH, infer_batch_size=INFER_BATCH,
        backend="tensorflow " + tf.__version__, setting=args.padding,
        padding="pre-padding, no mask" if not mask else "post-padding, mask_zero=True")
    if args.json:
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
