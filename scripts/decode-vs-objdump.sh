#!/usr/bin/env bash
# The long comparison of the decoder with GNU objdump (opt-in; the test suite runs 20,000 strings
# per mode): COUNT random byte strings per mode (default a million), then every opcode of the
# one-byte and 0F maps with every ModRM byte, in a release build. Exits 1 when any disagreement
# is neither documented in DECODER-DIFFERENCES.md nor in a pending category.
# Usage: scripts/decode-vs-objdump.sh [COUNT [SEED]]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
seed=${2:-1}
swift build -c release --product swiftvmm
binary="$(swift build -c release --show-bin-path)/swiftvmm"
status=0
for mode in 16 32 64; do
  "$binary" compare-objdump --mode "$mode" --count "$count" --seed "$seed" --show-pending || status=1
  "$binary" compare-objdump --mode "$mode" --sweep --seed "$seed" || status=1
done
exit "$status"
