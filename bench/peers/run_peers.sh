#!/usr/bin/env bash
# Runs the PyTorch and Keras peer benchmarks and writes bench/peers/results.json.
#
#   bench/peers/run_peers.sh [--models bilstm,lstm,gru,bigru,elman] [--frameworks pytorch,keras]
#                            [--settings all|default] [--train-batches 100]
#                            [--infer-reviews 25000] [--archive PATH]
#
# Each framework runs in each of its padding settings (PyTorch: pre, packed; Keras: mask,
# pre), so that `sentiment bench` can hold us to each peer's fastest; --settings default
# runs only the scripts' defaults (PyTorch pre, Keras mask).
# --train-batches N times N batches of 64 after one warm-up batch: the default, 100, is
# 6,400 of the 25,000 training reviews (100 of 391 batches, about a quarter of an epoch);
# 0 times the full epoch. The first run creates bench/peers/.venv and installs
# requirements.txt into it (several GB; later runs reuse it while requirements.txt is
# unchanged). Set PYTHON to choose the interpreter the environment is made from.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV="$HERE/.venv"
VPY="$VENV/bin/python"

MODELS="bilstm,lstm,gru,bigru,elman"
FRAMEWORKS="pytorch,keras"
TRAIN_BATCHES=100
INFER_REVIEWS=25000
ARCHIVE=""
SETTINGS="all"

usage() { sed -n '2,16s/^# \{0,1\}//p' "$0"; }
die() { echo "run_peers: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --models) MODELS="${2:?--models needs a value}"; shift 2 ;;
    --models=*) MODELS="${1#*=}"; shift ;;
    --frameworks) FRAMEWORKS="${2:?--frameworks needs a value}"; shift 2 ;;
    --frameworks=*) FRAMEWORKS="${1#*=}"; shift ;;
    --train-batches) TRAIN_BATCHES="${2:?--train-batches needs a value}"; shift 2 ;;
    --train-batches=*) TRAIN_BATCHES="${1#*=}"; shift ;;
    --infer-reviews) INFER_REVIEWS="${2:?--infer-reviews needs a value}"; shift 2 ;;
    --infer-reviews=*) INFER_REVIEWS="${1#*=}"; shift ;;
    --settings) SETTINGS="${2:?--settings needs a value}"; shift 2 ;;
    --settings=*) SETTINGS="${1#*=}"; shift ;;
    --archive) ARCHIVE="${2:?--archive needs a value}"; shift 2 ;;
    --archive=*) ARCHIVE="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

case "$SETTINGS" in all|default) ;; *) die "--settings must be all or default, not '$SETTINGS'" ;; esac
[[ "$TRAIN_BATCHES" =~ ^[0-9]+$ ]] || die "--train-batches must be a whole number (0 = full epoch)"
[[ "$INFER_REVIEWS" =~ ^[0-9]+$ && "$INFER_REVIEWS" -gt 0 ]] || die "--infer-reviews must be a positive whole number"
IFS=',' read -r -a MODEL_LIST <<< "$MODELS"
IFS=',' read -r -a FW_LIST <<< "$FRAMEWORKS"
for m in "${MODEL_LIST[@]}"; do
  case "$m" in bilstm|lstm|gru|bigru|elman) ;; *) die "unknown model '$m' (bilstm, lstm, gru, bigru, elman)" ;; esac
done
for f in "${FW_LIST[@]}"; do
  case "$f" in pytorch|keras) ;; *) die "unknown framework '$f' (pytorch, keras)" ;; esac
done

# The archive: --archive, $IMDB_ARCHIVE, Data/, then ../shared/data/ beside the repository.
if [ -z "$ARCHIVE" ]; then
  for c in "${IMDB_ARCHIVE:-}" "$ROOT/Data/aclImdb_v1.tar.gz" "$ROOT/../shared/data/aclImdb_v1.tar.gz"; do
    if [ -n "$c" ] && [ -f "$c" ]; then ARCHIVE="$c"; break; fi
  done
fi
[ -n "$ARCHIVE" ] && [ -f "$ARCHIVE" ] || die "IMDB archive not found (tried --archive, \$IMDB_ARCHIVE, $ROOT/Data/aclImdb_v1.tar.gz, $ROOT/../shared/data/aclImdb_v1.tar.gz)"

# --- the virtual environment ---------------------------------------------------------
if [ ! -x "$VPY" ]; then
  BASE_PY="${PYTHON:-python3}"
  command -v "$BASE_PY" >/dev/null || die "no '$BASE_PY' on PATH to create $VENV from"
  "$BASE_PY" -m venv "$VENV" || die "'$BASE_PY -m venv $VENV' failed (on Debian: apt-get install python3-venv)"
fi
STAMP="$VENV/.requirements.sha256"
WANT=$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  echo "run_peers: installing bench/peers/requirements.txt into bench/peers/.venv (torch, tensorflow-cpu: ~7 GB, a few minutes the first time)..."
  LOG="$VENV/pip-install.log"
  start=$(date +%s)
  if ! "$VPY" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt" >"$LOG" 2>&1; then
    echo "run_peers: error: 'pip install -r bench/peers/requirements.txt' failed; the end of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  "$VPY" -c "import torch, tensorflow, keras, tokenizers" >>"$LOG" 2>&1 \
    || { echo "run_peers: error: the packages installed but 'import torch, tensorflow, keras, tokenizers' failed; see $LOG" >&2; tail -n 20 "$LOG" >&2; exit 1; }
  echo "$WANT" > "$STAMP"
  echo "run_peers: installed in $(( $(date +%s) - start )) s; .venv is $(du -sh "$VENV" | cut -f1)"
fi

# --- the runs ------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/run_peers.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# The Swift tokenizer's rules as a tokenizer.json, which imdb_data.py tokenizes by.
SENTIMENT="${SENTIMENT:-$ROOT/.build/release/sentiment}"
[ -x "$SENTIMENT" ] || die "no $SENTIMENT to take the tokenizer rules from; run 'make build' first (or set SENTIMENT)"
"$SENTIMENT" tokenize --rules "$WORK/tokenizer-rules.json" || die "'sentiment tokenize --rules' failed"
export SENTIMENT_TOKENIZER_RULES="$WORK/tokenizer-rules.json"
: > "$WORK/results.jsonl"
failed=0
# A framework's padding settings, its script's default first.
settings_of() {
  case "$1:$SETTINGS" in
    pytorch:all) echo "pre packed" ;;
    keras:all) echo "mask pre" ;;
    pytorch:default) echo "pre" ;;
    keras:default) echo "mask" ;;
  esac
}
for m in "${MODEL_LIST[@]}"; do
  for f in "${FW_LIST[@]}"; do
    for s in $(settings_of "$f"); do
      echo "run_peers: $f $m --padding $s (train batches: $TRAIN_BATCHES, infer reviews: $INFER_REVIEWS)"
      if "$VPY" "$HERE/${f}_bench.py" --model "$m" --padding "$s" --archive "$ARCHIVE" \
           --train-batches "$TRAIN_BATCHES" --infer-reviews "$INFER_REVIEWS" --json \
           >"$WORK/out.json" 2>"$WORK/err.log"; then
        grep -E '^(train|infer):' "$WORK/err.log" | sed 's/^/    /' || true
        tail -n 1 "$WORK/out.json" >> "$WORK/results.jsonl"
      else
        echo "run_peers: error: $f $m --padding $s failed; the end of its output:" >&2
        tail -n 15 "$WORK/err.log" >&2
        failed=$((failed + 1))
      fi
    done
  done
done

# results.json is replaced in one rename, so a reader never sees half a file; a batch in
# which every run failed leaves the previous results.json alone.
[ -s "$WORK/results.jsonl" ] || die "no run succeeded; $HERE/results.json left as it was"
"$VPY" - "$WORK/results.jsonl" "$HERE/results.json" <<'EOF'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src) as f:
    rows = [json.loads(line) for line in f if line.strip()]
tmp = f"{dst}.tmp{os.getpid()}"
with open(tmp, "w") as f:
    json.dump(rows, f, indent=2)
    f.write("\n")
    f.flush()
    os.fsync(f.fileno())
os.replace(tmp, dst)
print(f"run_peers: wrote {len(rows)} result(s) to {dst}")
EOF

[ "$failed" -eq 0 ] || die "$failed run(s) failed"
