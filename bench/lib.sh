# What the benchmarks share (sourced from the repository's root, not run).

# Sets `bin` to the mosaic to measure: MOSAIC_BIN when given (to compare an earlier commit's build in
# the same session), else this tree's release build, built first.
release_mosaic() {
  if [ -n "${MOSAIC_BIN:-}" ]; then
    bin=$MOSAIC_BIN
  else
    swift build -c release --product mosaic --scratch-path .build-release >/dev/null
    bin=.build-release/release/mosaic
  fi
}

# Prints the SQLite file of COUNT generated practices (seed 1), made once in bench/out/ by `bin`.
generated_catalogue() {
  local count=$1 db=bench/out/web-$1.sqlite
  mkdir -p bench/out
  if [ ! -s "$db" ]; then
    "$bin" generate --count "$count" --seed 1 --output "bench/out/web-$count.jsonl" >&2
    "$bin" import --database "$db" "bench/out/web-$count.jsonl" >/dev/null
  fi
  echo "$db"
}
