#!/usr/bin/env bash
# Counts what the interpreter spends per guest instruction of bench/guest/cpu-bound.S: host
# instructions, conditional and indirect branches, and simulated mispredictions, from Cachegrind
# runs of two round counts (so start-up cancels). Unlike timings, the counts are the same on every
# run, so they show the effect of a change on a machine whose timings are noisy.
#
# Environment: ROUNDS (the smaller run's round count, default 200; the larger run has twice as many).
set -euo pipefail

readonly ROUND_INSTRUCTIONS=44141       # instructions per round of the guest (bench/README.md)
readonly ITERATIONS_OFFSET=506          # the guest's 32-bit round count, in its boot sector
ROUNDS=${ROUNDS:-200}

die() { echo "bench/host-cost.sh: $*" >&2; exit 1; }
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive whole number, not '$ROUNDS'"

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v valgrind >/dev/null; then
    ((EUID == 0)) || die "need root to install valgrind (or install it first)"
    echo "installing valgrind"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends valgrind; } >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log" >&2; die "apt-get install valgrind failed"; }
fi

echo "building swiftvmm (release)"
swift build -c release --package-path "$repo" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; die "swift build -c release failed"; }
# Valgrind cannot read the DWARF 5 that Swift emits; its symbols are enough.
strip --strip-debug -o "$work/swiftvmm" "$(swift build -c release --package-path "$repo" --show-bin-path)/swiftvmm"

as --64 -o "$work/guest.o" "$bench/guest/cpu-bound.S"
ld -m elf_x86_64 --oformat binary -Ttext=0x7C00 -e 0 -o "$work/sector.bin" "$work/guest.o"

# Prints "instructions conditional-branches conditional-mispredicts indirect-branches indirect-mispredicts".
measure() {
    local rounds=$1 image="$work/rounds-$1.bin"
    cp "$work/sector.bin" "$image"
    local bytes
    bytes=$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((rounds & 255)) $((rounds >> 8 & 255)) $((rounds >> 16 & 255)) $((rounds >> 24 & 255)))
    printf %b "$bytes" | dd of="$image" bs=1 seek=$ITERATIONS_OFFSET conv=notrunc status=none
    valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file="$work/out.$rounds" \
        "$work/swiftvmm" run --engine interp --image "$image" --mem 32M >/dev/null 2>"$work/log.$rounds" || true
    grep -q "^summary:" "$work/out.$rounds" || { cat "$work/log.$rounds" >&2; die "cachegrind failed"; }
    awk '/^summary:/ { print $2, $3, $4, $5, $6 }' "$work/out.$rounds"
}

echo "running $ROUNDS and $((2 * ROUNDS)) rounds under Cachegrind"
read -r i1 c1 cm1 b1 bm1 < <(measure "$ROUNDS")
read -r i2 c2 cm2 b2 bm2 < <(measure $((2 * ROUNDS)))
awk -v n=$((ROUNDS * ROUND_INSTRUCTIONS)) -v i=$((i2 - i1)) -v c=$((c2 - c1)) -v cm=$((cm2 - cm1)) -v b=$((b2 - b1)) -v bm=$((bm2 - bm1)) 'BEGIN {
    printf "per guest instruction: %.1f host instructions, %.2f conditional branches (%.3f mispredicted), %.2f indirect branches (%.3f mispredicted)\n", i / n, c / n, cm / n, b / n, bm / n
}'
