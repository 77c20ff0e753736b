#!/usr/bin/env bash
# Search benchmark (release build): snapshot build time, resident memory and p50/p99 latency of seven
# kinds of query (and of suggestions) on generated catalogues. Usage: bench/search.sh [COUNT...] (default 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product mosaic-bench-search --scratch-path .build-release >/dev/null
# Each size in its own process, so that memory figures do not include the previous size.
for n in "${@:-1000 10000 100000}"; do
  for size in $n; do .build-release/release/mosaic-bench-search "$size"; done
done
