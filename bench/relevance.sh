#!/usr/bin/env bash
# Relevance on the hand-judged set (bench/relevance/judgments.tsv): nDCG@10 and recall@10 per category,
# as `swift test` measures them (Tests/MosaicSearchTests/RelevanceSetTests.swift keeps a floor under each).
# RELEVANCE_DETAIL=1 also prints each query's figures and what it shows (2/1 = judged relevant, · = not).
# Usage: bench/relevance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null 2>&1
swift test --skip-build --filter RelevanceSetTests 2>&1 | grep -E "^(category|[a-z]+ +[0-9]|[a-z]+	[0-9])"
