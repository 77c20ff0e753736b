#!/usr/bin/env bash
# Import benchmark: wall time and peak memory of `mosaic import` for generated catalogues.
# Usage: bench/import.sh [COUNT...]   (default: 10000 100000)
# Builds the release binary into .build-release, writes its files under bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
source bench/lib.sh
release_mosaic
mkdir -p bench/out
for n in "${counts[@]}"; do
  file=bench/out/synthetic-$n.jsonl
  [ -s "$file" ] || "$bin" generate --count "$n" --seed 1 --output "$file"
  db=bench/out/import-$n.sqlite
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f "%e %M" -o bench/out/time-$n.txt "$bin" import --database "$db" "$file" > bench/out/import-$n.log
  read -r seconds kb < bench/out/time-$n.txt
  /usr/bin/time -f "%e %M" -o bench/out/time-again-$n.txt "$bin" import --database "$db" "$file" > bench/out/import-again-$n.log
  read -r again_seconds again_kb < bench/out/time-again-$n.txt
  size=$(du -m "$file" | cut -f1)
  printf '{"practices": %d, "file_mb": %d, "import_s": %s, "peak_mb": %d, "reimport_s": %s, "reimport_peak_mb": %d, "result": "%s", "reimport_result": "%s"}\n' \
    "$n" "$size" "$seconds" $((kb / 1024)) "$again_seconds" $((again_kb / 1024)) "$(cat bench/out/import-$n.log)" "$(cat bench/out/import-again-$n.log)"
done
