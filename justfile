# arqam — every command a user or CI runs. `just --list` shows them.
set shell := ["bash", "-euo", "pipefail", "-c"]

# One target directory outside the clone, so CI runs and fresh clones rebuild incrementally.
export CARGO_TARGET_DIR := env_var_or_default("CARGO_TARGET_DIR", env_var("HOME") / ".cache/arqam/target")
venv := ".venv"
shared := "../shared"

# Build the dataset from seeds/ into output/ (CSV, Parquet, datapackage.json).
build-dataset:
    cargo run -q -p arqam-cli --bin arqam -- build-dataset --seeds seeds --out output

# Everything CI checks: formatting, lints, Rust tests, downstream Python tests, and the
# external conformance suites (fails when a pass rate drops below its target).
test: venv
    cargo fmt --all --check
    cargo clippy --workspace --all-targets -q -- -D warnings
    cargo test --workspace -q
    cargo test --workspace --benches -q
    {{venv}}/bin/python tests/conformance/harness.py --shared {{shared}} --bin "$CARGO_TARGET_DIR/debug/arqam"
    {{venv}}/bin/python -m pytest -q tests/python
    python3 tests/quality/gate.py --shared {{shared}} --bin "$CARGO_TARGET_DIR/debug/arqam"

# What CI runs.
ready: test

# Build the seeds (into output/) and the development set (../shared/dev) and print both
# scores, figures and dates (pass -v for misses, extras and wrong attributes).
score *args: build-dataset
    cargo build -q -p arqam-cli
    python3 tests/quality/gate.py --shared {{shared}} --bin "$CARGO_TARGET_DIR/debug/arqam" --report {{args}}

# The quality gate (part of `just test`): fails when a seed or development-set score drops
# below its floor in tests/quality/floors.json; `just quality --bless` raises the floors.
quality *args:
    cargo build -q -p arqam-cli
    python3 tests/quality/gate.py --shared {{shared}} --bin "$CARGO_TARGET_DIR/debug/arqam" {{args}}

# Figures and dates of a phrase, as JSON lines: just extract 'قتل 12 مدنيا'
extract text:
    cargo run -q -p arqam-cli --bin arqam -- extract --text '{{text}}'

# The Python environment of the downstream tests (pyarrow, polars, pytest).
venv:
    test -x {{venv}}/bin/python || python3 -m venv {{venv}}
    {{venv}}/bin/python -m pip install -q --disable-pip-version-check -r tests/python/requirements.txt

fmt:
    cargo fmt --all

lint:
    cargo clippy --workspace --all-targets -- -D warnings

# Pass rates of the external conformance suites (Duckling, Recognizers-Text), per file.
conformance *args:
    cargo build -q -p arqam-cli
    python3 tests/conformance/harness.py --bin "$CARGO_TARGET_DIR/debug/arqam" {{args}}

# Fuzz each target for a bounded time (seconds each; the corpora start from the seeds and
# the extraction fixtures). Needs cargo-fuzz; runs on stable with RUSTC_BOOTSTRAP.
fuzz seconds="120":
    command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
    for t in decode_parse normalize numbers extract; do \
        mkdir -p fuzz/corpus/$t && cp seeds/*.txt fuzz/corpus/$t/ && \
        grep -h '^>' tests/fixtures/extraction/*.txt | sed 's/^> *//' | split -l 1 - fuzz/corpus/$t/fx_ && \
        (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -O $t corpus/$t -- -max_total_time={{seconds}} -max_len=4096); \
    done

# Throughput and memory, end to end: arqam (release build) against `cat` (the I/O floor)
# and ripgrep's digit scan on the same generated corpus (200 MB and 50 MB, built once and
# kept in ~/.cache/arqam/bench). Prints one table; fails when an issue-8 target is missed.
bench:
    cargo build --release -q -p arqam-cli
    command -v rg >/dev/null || (command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && apt-get install -y -q ripgrep >/dev/null) || cargo install ripgrep --locked
    python3 benches/run.py --arqam "$CARGO_TARGET_DIR/release/arqam" --rg "$(command -v rg || echo $HOME/.cargo/bin/rg)" --cache "$HOME/.cache/arqam/bench"

# The criterion benches of the hot stages (decode+parse, normalize+tokenize, number layer,
# attribution, export); each asserts what it computes. Reports in $CARGO_TARGET_DIR/criterion.
bench-stages *args:
    cargo bench --workspace {{args}}
