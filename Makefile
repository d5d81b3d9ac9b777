# The sentiment pipeline's entry points. `make test` and `make train-imdb` each install
# (or name) what they need first, so both work on a fresh machine.

SWIFT        ?= swift
CONFIG       ?= release
BUILD_FLAGS  := -c $(CONFIG)
BIN          := .build/$(CONFIG)/sentiment
APT_PACKAGES := zlib1g-dev libopenblas-dev liblinear-dev libopenmpi-dev openmpi-bin pkg-config

# The archive: $IMDB_ARCHIVE, then Data/, then ../shared/data/.
IMDB_ARCHIVE ?= $(firstword $(wildcard Data/aclImdb_v1.tar.gz ../shared/data/aclImdb_v1.tar.gz) Data/aclImdb_v1.tar.gz)
IMDB_URL     := https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz

.PHONY: all deps build test test-reference test-sanitize fuzz fuzz-build train-imdb train-ratings train-best pretrain-imdb pretrain-lm train-nbsvm train-ensemble compare evaluate classify data bench bench-peers help

all: build

help:
	@echo "make train-imdb   train the default bidirectional LSTM on IMDB and write its report"
	@echo "make train-ratings  train a 4-class model on IMDB's star ratings (1-2, 3-4, 7-8, 9-10), write Reports/imdb-ratings.md"
	@echo "make train-best   word vectors, two rounds of self-training on train/unsup (teachers: BiLSTM ⊕ NBSVM ensembles), the ablation ladder; writes Reports/imdb-best.md"
	@echo "make pretrain-lm  pretrain the bidirectional LSTM language model (Reports/imdb-language-model.md)"
	@echo "make train-nbsvm  fit NBSVM (uni+bi+trigrams, liblinear) on IMDB and write its report"
	@echo "make train-ensemble  combine MODEL (the BiLSTM) and the NBSVM model, weight fitted on validation"
	@echo "make compare      train Elman, Jordan, LSTM variants, GRU and bidirectional models; compare them"
	@echo "make evaluate     evaluate the trained model (MODEL=...) on the test split"
	@echo "make classify     classify review files: make classify INPUT='path/to/reviews'"
	@echo "make test         make test-reference, then the test suite (optimised build)"
	@echo "make test-reference  tokenizer.json and the NumPy reference (reference/) against sentiment tokenize/classify"
	@echo "make test-sanitize  the test suite under AddressSanitizer, then ThreadSanitizer"
	@echo "make fuzz         run each libFuzzer target (Fuzz/) for FUZZ_SECONDS (default 180)"
	@echo "make bench        measure throughput; writes Reports/benchmarks.md"
	@echo "make bench-peers  run the PyTorch and Keras peers (bench/peers), then make bench beside them"
	@echo "make data         fetch the IMDB archive into Data/ if it is not there yet"

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: no 'swift' on PATH; install Swift 6 (swift.org) first." >&2; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "error: missing system packages. Run:" >&2; \
	    echo "  sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

# The reference check first: it fills reference/.venv, whose safetensors the suite's Python
# checks then use.
test: deps
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	$(MAKE) --no-print-directory test-reference
	$(SWIFT) test $(BUILD_FLAGS) --skip-build --disable-swift-testing

# The outsider's view of a model folder, checked against the tool: tokenizer.json through
# Hugging Face tokenizers gives our ids, and reference/sentiment_reference.py (NumPy) our
# probabilities within 1e-5, on edge cases and the first REFERENCE_REVIEWS test reviews, for
# models imported from random state_dicts (F16, BF16, F32, F64). Its packages go into
# reference/.venv (numpy, safetensors, tokenizers: about 60 MB, once). Without python3 the
# check is skipped with a message; REFERENCE_CHECK=no skips it on purpose.
REFERENCE_VENV    := reference/.venv
REFERENCE_REVIEWS ?= 300
REFERENCE_CHECK   ?= yes

test-reference: build
	@if [ "$(REFERENCE_CHECK)" = no ]; then echo "test-reference: skipped (REFERENCE_CHECK=no)"; exit 0; fi; \
	if ! command -v python3 >/dev/null; then \
	  echo "test-reference: SKIPPED: no python3 on PATH to check tokenizer.json and the NumPy reference with"; exit 0; \
	fi; \
	if [ ! -x $(REFERENCE_VENV)/bin/python ]; then \
	  python3 -m venv $(REFERENCE_VENV) || { echo "test-reference: SKIPPED: 'python3 -m venv' failed (on Debian: apt-get install python3-venv)"; exit 0; }; \
	fi; \
	stamp=$(REFERENCE_VENV)/.requirements; \
	if ! cmp -s reference/requirements.txt $$stamp; then \
	  echo "test-reference: installing reference/requirements.txt into $(REFERENCE_VENV)"; \
	  $(REFERENCE_VENV)/bin/python -m pip install -q --disable-pip-version-check -r reference/requirements.txt \
	    || { echo "error: pip install -r reference/requirements.txt failed (offline? make test REFERENCE_CHECK=no skips this check)" >&2; exit 1; }; \
	  cp reference/requirements.txt $$stamp; \
	fi; \
	$(REFERENCE_VENV)/bin/python reference/check_reference.py --sentiment $(BIN) \
	  --archive "$(IMDB_ARCHIVE)" --reviews $(REFERENCE_REVIEWS)

# The suite under each sanitizer, each in its own build folder (debug builds: the sanitizers'
# reports name lines).
test-sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan --disable-swift-testing
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --disable-swift-testing

# libFuzzer targets (Fuzz/*.swift, outside the product): SentimentKit compiled once with
# coverage and AddressSanitizer into $(FUZZ_DIR), then one binary per target, each run for
# FUZZ_SECONDS on its corpus ($(FUZZ_DIR)/corpus/NAME, seeded from Fuzz/seeds/NAME), at low
# priority, one at a time (Swift's backtracer off: it hangs beside ASan's). A crash stops
# `make fuzz` and leaves the input as
# $(FUZZ_DIR)/crash-NAME-*; add it under Tests/ as a regression input.
FUZZ_SECONDS ?= 180
FUZZ_TARGETS ?= gzip tar safetensors model-folder tokenizer
FUZZ_DIR     := .build-fuzz
FUZZ_FLAGS    = -O -sanitize=fuzzer,address -parse-as-library -swift-version 5 \
  -I Sources/CZlib -I Sources/COpenBLAS -I Sources/CLiblinear -I Sources/CMPI \
  $(patsubst -I%,-Xcc -I%,$(shell pkg-config --cflags-only-I openblas ompi))

fuzz-build: deps
	mkdir -p $(FUZZ_DIR)
	swiftc $(FUZZ_FLAGS) -emit-library -static -emit-module -module-name SentimentKit \
	  -emit-module-path $(FUZZ_DIR)/SentimentKit.swiftmodule \
	  $$(find Sources/SentimentKit -name '*.swift' | sort) -o $(FUZZ_DIR)/libSentimentKit.a
	for t in $(FUZZ_TARGETS); do \
	  swiftc $(FUZZ_FLAGS) -I $(FUZZ_DIR) Fuzz/FuzzInput.swift Fuzz/$$t.swift \
	    -L $(FUZZ_DIR) -lSentimentKit -lz -lopenblas -llinear $$(pkg-config --libs ompi) -o $(FUZZ_DIR)/fuzz-$$t || exit 1; \
	done

fuzz: fuzz-build
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  SWIFT_BACKTRACE=enable=no FUZZ_SEED_DIR=$(FUZZ_DIR)/corpus/$$t nice -n 10 $(FUZZ_DIR)/fuzz-$$t \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/crash-$$t- $(FUZZ_DIR)/corpus/$$t \
	    $$([ -d Fuzz/seeds/$$t ] && echo Fuzz/seeds/$$t) || exit 1; \
	done

data:
	@if [ -f "$(IMDB_ARCHIVE)" ]; then echo "IMDB archive: $(IMDB_ARCHIVE)"; exit 0; fi; \
	mkdir -p Data; echo "Downloading $(IMDB_URL) to Data/ ..."; \
	if curl -fL --retry 2 -o Data/aclImdb_v1.tar.gz.part "$(IMDB_URL)"; then \
	  mv Data/aclImdb_v1.tar.gz.part Data/aclImdb_v1.tar.gz; \
	else \
	  rm -f Data/aclImdb_v1.tar.gz.part; \
	  echo "error: could not download the archive. Put aclImdb_v1.tar.gz in Data/, or set IMDB_ARCHIVE=/path/to/it." >&2; exit 1; \
	fi

MODEL          ?= Data/models/imdb-bilstm
COMPARE_EPOCHS ?= 3

train-imdb: build data
	$(BIN) train --data "$(IMDB_ARCHIVE)" --model-dir $(MODEL) --report Reports/imdb-bilstm.md

# IMDB's star ratings as a 4-class task: 1-2, 3-4, 7-8, 9-10 stars, from the file names.
train-ratings: build data
	$(BIN) train --data "$(IMDB_ARCHIVE)" --format imdb-ratings --epochs 3 --model-dir Data/models/imdb-ratings --report Reports/imdb-ratings.md

# The best recipe from the raw archive, timed as a whole: word vectors pretrained on the train
# and unlabelled reviews; a BiLSTM started from them (ladder step 7) and NBSVM, combined into
# the first teacher; it labels train/unsup, and a BiLSTM learns from the labelled and the
# teacher-labelled reviews (step 8). Step 8 joins the second teacher, which labels train/unsup
# afresh for the recipe's BiLSTM (step 9). Then one run per lever (each adds one to the one
# before, all judged on the validation split), the language model's step, the recipe's ensemble,
# and Reports/imdb-best.md from them all.
VECTORS    ?= Data/models/imdb-word-vectors
LM         ?= Data/models/imdb-language-model
BEST       ?= Data/models/imdb-best
NBSVM      ?= Data/models/imdb-nbsvm
TEACHER    ?= Data/models/imdb-teacher
TEACHER_2  ?= Data/models/imdb-teacher-2
LADDER     := Data/models/ablation
PLAIN      := --readout final --dropout 0 --word-dropout 0 --input-dropout 0 --output-dropout 0 \
              --weight-dropout 0 --optimizer adam --weight-decay 0 --schedule constant --learning-rate 1e-3
HEAD       := $(PLAIN) --readout concat --dropout 0.5
# The students: 128 units a direction, started from the word vectors. The first learns the first
# teacher's most probable class of the reviews it is at least 0.8 sure of; the second, every
# review with a class drawn from the second teacher's probabilities afresh each epoch (soft
# labels in expectation), which validation preferred (91.64% vs 91.32%, val. loss 0.217 vs
# 0.237; Reports/self-training/).
STUDENT    ?= --init $(VECTORS) --hidden 128 --teacher-targets hard --teacher-confidence 0.8
STUDENT_2  ?= --init $(VECTORS) --hidden 128 --teacher-targets sampled --teacher-confidence 0.5
# The recipe's ensemble (issue 11): every recurrent run of the recipe and the ladder's step 5,
# with NBSVM; the weights are fitted on validation.
BEST_ENSEMBLE ?= $(BEST),$(LADDER)/8-student,$(LADDER)/7-vectors,$(LADDER)/5-awd,$(NBSVM)
TRAIN_LINEAR    = $(BIN) train-linear --data "$(IMDB_ARCHIVE)" --weighting nbsvm --model-dir $(NBSVM) --report Reports/imdb-nbsvm.md
TRAIN_TEACHER   = $(BIN) train-ensemble --data "$(IMDB_ARCHIVE)" --members $(LADDER)/7-vectors,$(NBSVM) --model-dir $(TEACHER) --report Reports/imdb-teacher.md
TRAIN_TEACHER_2 = $(BIN) train-ensemble --data "$(IMDB_ARCHIVE)" --members $(LADDER)/7-vectors,$(LADDER)/8-student,$(NBSVM) --model-dir $(TEACHER_2) --report Reports/imdb-teacher-2.md

pretrain-imdb: build data
	$(BIN) pretrain --data "$(IMDB_ARCHIVE)" --output $(VECTORS) --report Reports/imdb-word-vectors.md

# A bidirectional LSTM language model of the default classifier's shape, its embedding started
# from the word vectors: what `train --init $(LM)` fine-tunes.
pretrain-lm: pretrain-imdb
	$(BIN) pretrain --objective language-model --init $(VECTORS) --data "$(IMDB_ARCHIVE)" \
	  --output $(LM) --report Reports/imdb-language-model.md

train-best: build data
	@mkdir -p $(LADDER)
	start=$$(date +%s) && \
	$(BIN) pretrain --data "$(IMDB_ARCHIVE)" --output $(VECTORS) --report Reports/imdb-word-vectors.md && \
	$(BIN) train --data "$(IMDB_ARCHIVE)" --init $(VECTORS) --model-dir $(LADDER)/7-vectors --report Reports/ablation/7-vectors.md && \
	$(TRAIN_LINEAR) && \
	$(TRAIN_TEACHER) && \
	$(BIN) train --data "$(IMDB_ARCHIVE)" --teacher $(TEACHER) $(STUDENT) --model-dir $(LADDER)/8-student --report Reports/ablation/8-student.md && \
	$(TRAIN_TEACHER_2) && \
	$(BIN) train --data "$(IMDB_ARCHIVE)" --teacher $(TEACHER_2) $(STUDENT_2) --model-dir $(BEST) --report Reports/imdb-best-model.md && \
	echo $$(( $$(date +%s) - start )) > $(LADDER)/recipe-seconds
	$(BIN) pretrain --objective language-model --init $(VECTORS) --data "$(IMDB_ARCHIVE)" \
	  --output $(LM) --report Reports/imdb-language-model.md
	$(BIN) train --data "$(IMDB_ARCHIVE)" $(PLAIN) --max-length 200 --model-dir $(LADDER)/1-cut --report Reports/ablation/1-cut.md
	$(BIN) train --data "$(IMDB_ARCHIVE)" $(PLAIN) --model-dir $(LADDER)/2-whole --report Reports/ablation/2-whole.md
	$(BIN) train --data "$(IMDB_ARCHIVE)" $(PLAIN) --readout concat --model-dir $(LADDER)/3-pooled --report Reports/ablation/3-pooled.md
	$(BIN) train --data "$(IMDB_ARCHIVE)" $(HEAD) --model-dir $(LADDER)/4-dropout --report Reports/ablation/4-dropout.md
	$(BIN) train --data "$(IMDB_ARCHIVE)" --model-dir $(LADDER)/5-awd --report Reports/ablation/5-awd.md
	$(BIN) train --data "$(IMDB_ARCHIVE)" --init $(LM) --discriminative-factor 2.6 \
	  --model-dir $(LADDER)/6-lm --report Reports/ablation/6-lm.md
	$(BIN) train-ensemble --data "$(IMDB_ARCHIVE)" --members $(BEST_ENSEMBLE) \
	  --model-dir Data/models/imdb-best-ensemble --report Reports/imdb-best-ensemble.md
	$(BIN) ablation --vectors $(VECTORS) --language-model $(LM) --report Reports/imdb-best.md \
	  --recipe-seconds $$(cat $(LADDER)/recipe-seconds) \
	  --teacher-command '$(subst $(BIN),sentiment,$(TRAIN_LINEAR))' \
	  --teacher-command '$(subst $(BIN),sentiment,$(TRAIN_TEACHER))' \
	  --teacher-command '$(subst $(BIN),sentiment,$(TRAIN_TEACHER_2))' \
	  "last 200 tokens, final state, no dropout, Adam 1e-3=$(LADDER)/1-cut" \
	  "+ whole reviews=$(LADDER)/2-whole" \
	  "+ concat pooling (final, max, mean)=$(LADDER)/3-pooled" \
	  "+ dropout 0.5 before the head=$(LADDER)/4-dropout" \
	  "+ word, locked and weight dropout, AdamW, slanted triangle: make train-imdb=$(LADDER)/5-awd" \
	  "step 5 + language model pretrained on train + unsup (embedding and encoder), discriminative rates=$(LADDER)/6-lm=5" \
	  "step 5 + word vectors pretrained on train + unsup (the first teacher's recurrent member)=$(LADDER)/7-vectors=5" \
	  "step 7, 128 units + self-training: train/unsup labelled by the first teacher (step 7 ⊕ NBSVM)=$(LADDER)/8-student=7" \
	  "step 8 + a second round: every train/unsup review, its class drawn from the second teacher (steps 7 ⊕ 8 ⊕ NBSVM): the recipe=$(BEST)=8"

train-nbsvm: build data
	$(TRAIN_LINEAR)

train-ensemble: build data
	$(BIN) train-ensemble --data "$(IMDB_ARCHIVE)" --members $(MODEL),Data/models/imdb-nbsvm --model-dir Data/models/imdb-ensemble --report Reports/imdb-ensemble.md

compare: build data
	$(BIN) compare --data "$(IMDB_ARCHIVE)" --epochs $(COMPARE_EPOCHS) --report Reports/comparison.md

evaluate: build data
	$(BIN) evaluate --data "$(IMDB_ARCHIVE)" --model $(MODEL)

classify: build
	@test -n "$(INPUT)" || { echo "usage: make classify INPUT='file, folder or - for stdin' [MODEL=$(MODEL)]" >&2; exit 64; }
	$(BIN) classify --model $(MODEL) $(INPUT)

# Timed training batches of 64 per model, for ours and the peers alike (0: the whole epoch).
BENCH_BATCHES ?= 100

bench: build data
	$(BIN) bench --data "$(IMDB_ARCHIVE)" --train-batches $(BENCH_BATCHES)

# The peers first (bench/peers/results.json), then ours, so the report sets both side by side.
bench-peers: build data
	bench/peers/run_peers.sh --archive "$(IMDB_ARCHIVE)" --train-batches $(BENCH_BATCHES)
	$(BIN) bench --data "$(IMDB_ARCHIVE)" --train-batches $(BENCH_BATCHES)
