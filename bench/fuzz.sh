#!/usr/bin/env bash
# Fuzzing: libFuzzer targets for every reader of untrusted input (JSON Lines and CSV records, periods,
# catalogue query strings, form bodies, multipart bodies, uploaded templates), built with Swift's
# -sanitize=fuzzer. Each runs for SECONDS from the seed corpus in bench/fuzz/corpus (new inputs go to
# bench/out/corpus, crashes to bench/out/crashes). Usage: bench/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl csv period query form multipart docx)
swift build -c release --product mosaic-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING 2>&1 | grep -E "error|Compiling mosaic_fuzz|Build complete" || true
bin=.build-fuzz/release/mosaic-fuzz
[ -x "$bin" ] || { echo "the fuzzing build failed"; exit 1; }
mkdir -p bench/out/crashes
# One target: its corpus, its log, a line of JSON with what it did.
fuzz() {
  local target=$1 corpus=bench/out/corpus/$1 log=bench/out/fuzz-$1.log result runs
  mkdir -p "$corpus"
  cp -n bench/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  # Inputs up to 64 KB; an input that takes more than 10 s counts as a hang.
  # Swift's own backtracer is off, so that libFuzzer's handler writes the crashing input.
  if SWIFT_BACKTRACE=enable=no MOSAIC_FUZZ=$target "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=bench/out/crashes/"$target"- -print_final_stats=1 "$corpus" > "$log" 2>&1; then
    result=ok
  else
    result=FOUND
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "{\"target\":\"$target\",\"seconds\":$seconds,\"executions\":\"$runs\",\"corpus\":$(ls "$corpus" | wc -l),\"result\":\"$result\"}"
  [ "$result" = ok ]
}
# JOBS targets at a time (default: one per core).
jobs=${JOBS:-$(nproc)}
status=0
pids=()
for target in "${targets[@]}"; do
  fuzz "$target" & pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
