#!/usr/bin/env bash
# Long fuzzing run, reproducible: every target runs for SECONDS (default
# 600) in a release build with overflow checks, from a seed taken from the
# clock and printed, so `FUZZ_SEED=<seed> tests/fuzz.sh SECONDS` replays it.
# A failure keeps its minimal input under tests/fixtures/fuzz-regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
seed="${FUZZ_SEED:-$(date +%s)}"
echo "fuzz: FUZZ_SEED=$seed FUZZ_SECONDS=$seconds"
CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true FUZZ_SEED="$seed" FUZZ_SECONDS="$seconds" \
  cargo test --release --test fuzz_props -- --nocapture --test-threads=1
