#!/usr/bin/env bash
# Opt-in fuzz run (not part of `swift test`): builds swiftvmm in release mode and feeds it
# ten million inputs, each one decoder string and one interpreter state.
#
#   scripts/fuzz.sh [--asan] [--count N] [--seed S] [--target decoder|interpreter|both] [--jobs J]
#
# --asan builds with AddressSanitizer (in .build/asan), so that any host access outside a live
# allocation stops the run with a report. --jobs splits the inputs between J processes; the
# input numbers stay those of one run, so a failure reproduces with `swiftvmm fuzz --reproduce`.
set -euo pipefail
cd "$(dirname "$0")/.."

count=10000000
seed=1
target=both
jobs=1
build=(swift build -c release --product swiftvmm)
while [ $# -gt 0 ]; do
  case "$1" in
    --asan)
      build+=(--sanitize=address --scratch-path .build/asan)
      # LeakSanitizer reports the opcode tables that global constants hold (a fixed 923 objects,
      # however many inputs run) as leaks; memory errors are what this run looks for.
      export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
      shift ;;
    --count) count="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) echo "usage: $0 [--asan] [--count N] [--seed S] [--target decoder|interpreter|both] [--jobs J]" >&2; exit 2 ;;
  esac
done

"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/swiftvmm"

share=$(( (count + jobs - 1) / jobs ))
pids=()
logs=()
for (( job = 0; job < jobs; job++ )); do
  first=$(( job * share ))
  n=$(( count - first < share ? count - first : share ))
  [ "$n" -gt 0 ] || break
  log="$(mktemp)"
  logs+=("$log")
  ( "$binary" fuzz --seed "$seed" --target "$target" --first "$first" --count "$n" 2>&1 | tee "$log" | sed -u "s/^/[job $job] /" ) &
  pids+=($!)
done

status=0
passed=0
failed=0
for index in "${!pids[@]}"; do
  wait "${pids[$index]}" || status=$?
  if line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "${logs[$index]}" | tail -1)"; then
    passed=$(( passed + $(echo "$line" | cut -d' ' -f1) ))
    failed=$(( failed + $(echo "$line" | cut -d' ' -f3) ))
  fi
  rm -f "${logs[$index]}"
done
echo "$passed passed, $failed failed"
exit "$status"
