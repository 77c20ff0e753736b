#!/usr/bin/env bash
# Load and fault test on loopback (bounded): attacks replayed, then a mixed load with SIGKILLs and restarts.
# Usage: bench/fault.sh [SECONDS]    (release build)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product mosaic --scratch-path .build-release >/dev/null
exec python3 bench/fault.py .build-release/release/mosaic "${1:-40}"
