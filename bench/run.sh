#!/usr/bin/env bash
# Runs the guest bench/guest/cpu-bound.S under swiftvmm's interpreter, QEMU TCG and Bochs, checks
# that they compute the same checksums, and prints each one's MIPS and swiftvmm's ratios to the
# other two. bench/README.md says how MIPS is computed.
#
# Environment: TARGET_SECONDS (length of each emulator's large run, default 3), REPEATS (timed
# pairs of runs per emulator, the best counts, default 3), SMALL_ROUNDS (default 100).
set -euo pipefail

readonly ROUND_INSTRUCTIONS=44141       # instructions per round of the guest (bench/README.md)
readonly ITERATIONS_OFFSET=506          # the guest's 32-bit round count, in its boot sector
readonly DEBUG_EXIT_STATUS=33           # swiftvmm and QEMU once the guest writes 0x10 to port 0xF4
readonly FLOPPY_BYTES=1474560
readonly CALIBRATION_SECONDS=1          # a probe must outlast the small run by this much
TARGET_SECONDS=${TARGET_SECONDS:-3}
REPEATS=${REPEATS:-3}
SMALL_ROUNDS=${SMALL_ROUNDS:-100}
readonly ENGINES=(swiftvmm qemu bochs)

die() { echo "bench/run.sh: $*" >&2; exit 1; }

for setting in TARGET_SECONDS REPEATS SMALL_ROUNDS; do
    [[ ${!setting} =~ ^[1-9][0-9]*$ ]] || die "$setting must be a positive whole number, not '${!setting}'"
done

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Installs with apt-get the packages whose marker file is missing.
install_missing() {
    local wanted=(
        /usr/bin/as:binutils
        /usr/bin/qemu-system-x86_64:qemu-system-x86
        /usr/bin/bochs:bochs
        /usr/share/bochs/BIOS-bochs-latest:bochsbios
        /usr/share/vgabios/vgabios.bin:vgabios
        /usr/lib/x86_64-linux-gnu/bochs/plugins/libbx_sdl2_gui.so:bochs-sdl
    )
    local missing=() entry
    for entry in "${wanted[@]}"; do
        [[ -e ${entry%%:*} ]] || missing+=("${entry#*:}")
    done
    ((${#missing[@]} == 0)) && return
    echo "installing ${missing[*]}"
    ((EUID == 0)) || die "need root to install ${missing[*]} (or install them first)"
    apt-get update -q >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; die "apt-get update failed"; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
}

build_swiftvmm() {
    echo "building swiftvmm (release)"
    swift build -c release --package-path "$repo" >"$work/build.log" 2>&1 ||
        { tail -40 "$work/build.log" >&2; die "swift build -c release failed"; }
    swiftvmm=$(swift build -c release --package-path "$repo" --show-bin-path)/swiftvmm
}

assemble_guest() {
    as --64 -o "$work/guest.o" "$bench/guest/cpu-bound.S"
    ld -m elf_x86_64 --oformat binary -Ttext=0x7C00 -e 0 -o "$work/sector.bin" "$work/guest.o"
    (($(stat -c %s "$work/sector.bin") == 512)) || die "the guest assembled to $(stat -c %s "$work/sector.bin") bytes, not one 512-byte sector"
}

# Prints the path of a 1.44 MB floppy image whose boot sector runs $1 rounds.
floppy() {
    local rounds=$1 image="$work/rounds-$1.img" bytes
    if [[ ! -e $image ]]; then
        cp "$work/sector.bin" "$image"
        bytes=$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((rounds & 255)) $((rounds >> 8 & 255)) $((rounds >> 16 & 255)) $((rounds >> 24 & 255)))
        printf %b "$bytes" | dd of="$image" bs=1 seek=$ITERATIONS_OFFSET conv=notrunc status=none
        truncate -s $FLOPPY_BYTES "$image"
    fi
    echo "$image"
}

write_bochsrc() {
    cat >"$work/bochsrc" <<EOF
megs: 32
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
boot: floppy
display_library: sdl2
clock: sync=none
port_e9_hack: enabled=1
speaker: enabled=0
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
log: $work/bochs.log
panic: action=fatal
EOF
    # Debian's Bochs has its debugger built in, which stops before the first instruction.
    echo c >"$work/bochs-debugger-commands"
}

# Each run_ENGINE boots the image $1, leaves the guest's standard output in $work/out and
# succeeds when the emulator stopped the way the guest asked it to.
run_swiftvmm() {
    local status=0
    "$swiftvmm" run --engine interp --image "$1" --serial "file:$work/out" --stats "$work/stats.json" \
        </dev/null >/dev/null 2>"$work/err" || status=$?
    ((status == DEBUG_EXIT_STATUS))
}

run_qemu() {
    local status=0
    qemu-system-x86_64 -accel tcg -m 32 -nodefaults -display none -no-reboot -boot a \
        -drive "file=$1,format=raw,if=floppy,readonly=on" \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -debugcon "file:$work/out" \
        </dev/null >/dev/null 2>"$work/err" || status=$?
    ((status == DEBUG_EXIT_STATUS))
}

run_bochs() {
    # Bochs ends with status 1 and this message when the guest writes "Shutdown" to port 0x8900.
    SDL_VIDEODRIVER=dummy bochs -q -f "$work/bochsrc" -rc "$work/bochs-debugger-commands" \
        "floppya: 1_44=$1, status=inserted" </dev/null >"$work/out" 2>"$work/err" || true
    grep -q 'Shutdown port: shutdown requested' "$work/err"
}

# Runs engine $1 for $2 rounds and sets `seconds` and `cpu_seconds` (wall time, and user plus
# system time, of the whole emulator process) and `checksum` (the guest's, from port 0xE9); for
# swiftvmm also `instructions` (from --stats).
measure() {
    local engine=$1 rounds=$2 image start end
    image=$(floppy "$rounds")
    rm -f "$work/out"
    start=$(date +%s.%N)
    times >"$work/times-before"         # the shell's and its children's CPU times so far
    "run_$engine" "$image" || {
        tail -20 "$work/err" >&2
        die "$engine did not finish the guest's $rounds rounds cleanly (its standard error is above)"
    }
    times >"$work/times-after"
    end=$(date +%s.%N)
    seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')
    cpu_seconds=$(awk 'function seconds(t, parts) { sub(/s$/, "", t); split(t, parts, "m"); return parts[1] * 60 + parts[2] }
        FNR == 2 { children = seconds($1) + seconds($2); if (NR == FNR) before = children; else after = children }
        END { printf "%.3f", after - before }' "$work/times-before" "$work/times-after")
    checksum=$(grep -aoE '^[0-9a-f]{16}$' "$work/out" | head -1) ||
        die "$engine printed no checksum for $rounds rounds"
    if [[ $engine == swiftvmm ]]; then
        instructions=$(sed -n 's/^ *"instructions" : \([0-9]*\).*/\1/p' "$work/stats.json")
        [[ -n $instructions ]] || die "swiftvmm's --stats has no instruction count"
    fi
}

declare -A checksums                    # rounds -> checksum and the engine that computed it
# Fails unless $engine's checksum for $rounds rounds agrees with any earlier one for that count.
check_checksum() {
    local engine=$1 rounds=$2
    local known=${checksums[$rounds]:-}
    if [[ -z $known ]]; then
        checksums[$rounds]="$checksum $engine"
    elif [[ ${known%% *} != "$checksum" ]]; then
        die "wrong checksum: $rounds rounds give $checksum on $engine but ${known%% *} on ${known#* }"
    fi
}

# Sets large[$1] to the round count that makes its run last about TARGET_SECONDS longer than the
# small run, probing with counts four times larger each time until the difference is measurable.
calibrate() {
    local engine=$1 rounds=1000 small_seconds
    measure "$engine" "$SMALL_ROUNDS"
    check_checksum "$engine" "$SMALL_ROUNDS"
    small_seconds=$seconds
    while :; do
        ((SMALL_ROUNDS + rounds <= 0xFFFFFFFF)) || die "$engine ran 2^32 rounds no slower than $SMALL_ROUNDS"
        measure "$engine" $((SMALL_ROUNDS + rounds))
        check_checksum "$engine" $((SMALL_ROUNDS + rounds))
        if awk -v d="$seconds" -v s="$small_seconds" -v min="$CALIBRATION_SECONDS" 'BEGIN { exit !(d - s >= min) }'; then
            break
        fi
        rounds=$((rounds * 4))
    done
    large[$engine]=$(awk -v r="$rounds" -v d="$seconds" -v s="$small_seconds" -v t="$TARGET_SECONDS" -v n="$SMALL_ROUNDS" \
        'BEGIN { printf "%d", n + r * t / (d - s) }')
    ((large[$engine] <= 0xFFFFFFFF)) || die "$engine would need more than 2^32 rounds; lower TARGET_SECONDS"
}

# Sets best[$1] to $2 if that is shorter.
keep_shortest() {
    if [[ -z ${best[$1]:-} ]] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then
        best[$1]=$2
    fi
}

# Times REPEATS pairs of small and large runs of engine $1, keeps the shortest wall and CPU time
# of each kind, and sets the engine's MIPS by each clock.
time_engine() {
    local engine=$1 repeat count rounds clock
    for ((repeat = 0; repeat < REPEATS; repeat++)); do
        for count in small large; do
            rounds=$SMALL_ROUNDS
            if [[ $count == large ]]; then rounds=${large[$engine]}; fi
            measure "$engine" "$rounds"
            check_checksum "$engine" "$rounds"
            if [[ $engine == swiftvmm ]]; then swiftvmm_instructions[$count]=$instructions; fi
            keep_shortest "$engine wall $count" "$seconds"
            keep_shortest "$engine cpu $count" "$cpu_seconds"
        done
    done
    rounds=$((large[$engine] - SMALL_ROUNDS))
    for clock in wall cpu; do
        local small=${best[$engine $clock small]} long=${best[$engine $clock large]}
        awk -v l="$long" -v s="$small" 'BEGIN { exit !(l > s) }' ||
            die "$engine's large run took no more $clock time than its small run; raise TARGET_SECONDS"
        mips[$engine $clock]=$(awk -v r="$rounds" -v i="$ROUND_INSTRUCTIONS" -v l="$long" -v s="$small" \
            'BEGIN { printf "%.1f", r * i / (l - s) / 1e6 }')
    done
}

# swiftvmm counts every instruction it retires: the difference must be whole rounds of ROUND_INSTRUCTIONS.
check_instruction_count() {
    local counted=$((swiftvmm_instructions[large] - swiftvmm_instructions[small]))
    local expected=$(((large[swiftvmm] - SMALL_ROUNDS) * ROUND_INSTRUCTIONS))
    ((counted == expected)) ||
        die "swiftvmm counted $counted instructions for $((large[swiftvmm] - SMALL_ROUNDS)) rounds, not $expected ($ROUND_INSTRUCTIONS a round)"
}

# Each large count was run by one engine only: have the fastest other engine compute it too.
cross_check() {
    local engine other reference
    for engine in "${ENGINES[@]}"; do
        reference=
        for other in "${ENGINES[@]}"; do
            [[ $other == "$engine" ]] && continue
            if [[ -z $reference ]] || awk -v a="${mips[$other wall]}" -v b="${mips[$reference wall]}" 'BEGIN { exit !(a > b) }'; then
                reference=$other
            fi
        done
        echo "checking ${large[$engine]} rounds on $reference"
        measure "$reference" "${large[$engine]}"
        check_checksum "$reference" "${large[$engine]}"
    done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

install_missing
build_swiftvmm
assemble_guest
write_bochsrc
echo "load before: $(uptime)"

declare -A large swiftvmm_instructions
declare -A best mips                    # keys "ENGINE CLOCK COUNT" and "ENGINE CLOCK"; CLOCK is wall or cpu
for engine in "${ENGINES[@]}"; do
    echo "calibrating $engine"
    calibrate "$engine"
    echo "timing $engine: $REPEATS x ($SMALL_ROUNDS and ${large[$engine]} rounds)"
    time_engine "$engine"
done
check_instruction_count
cross_check
echo "load after: $(uptime)"

declare -A names=([swiftvmm]="swiftvmm interp" [qemu]="QEMU TCG" [bochs]="Bochs")
echo
printf '%-16s %12s %14s | %-26s | %-26s\n' "" "" "" "wall clock" "CPU time (user + system)"
printf '%-16s %12s %14s | %8s %8s %8s | %8s %8s %8s\n' emulator "large rounds" instructions \
    "small s" "large s" MIPS "small s" "large s" MIPS
for engine in "${ENGINES[@]}"; do
    printf '%-16s %12d %14d | %8.3f %8.3f %8s | %8.3f %8.3f %8s\n' "${names[$engine]}" "${large[$engine]}" \
        $(((large[$engine] - SMALL_ROUNDS) * ROUND_INSTRUCTIONS)) \
        "${best[$engine wall small]}" "${best[$engine wall large]}" "${mips[$engine wall]}" \
        "${best[$engine cpu small]}" "${best[$engine cpu large]}" "${mips[$engine cpu]}"
done
echo "(instructions: those of the large run beyond the $SMALL_ROUNDS-round run; checksum of $SMALL_ROUNDS rounds: ${checksums[$SMALL_ROUNDS]%% *} on all three)"
echo
printf '%-18s %10s %10s\n' "" wall CPU
printf '%-18s %10s %10s   (target: at least 2)\n' "swiftvmm / Bochs" \
    "$(ratio "${mips[swiftvmm wall]}" "${mips[bochs wall]}")" "$(ratio "${mips[swiftvmm cpu]}" "${mips[bochs cpu]}")"
printf '%-18s %10s %10s\n' "swiftvmm / QEMU" \
    "$(ratio "${mips[swiftvmm wall]}" "${mips[qemu wall]}")" "$(ratio "${mips[swiftvmm cpu]}" "${mips[qemu cpu]}")"
