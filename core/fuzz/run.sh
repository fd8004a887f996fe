#!/usr/bin/env bash
# Runs one fuzz target (check | fix_roundtrip | structured) for SECONDS (default 600),
# seeded with the project's fixtures. Needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP
# lets the stable toolchain accept the sanitizer flags cargo-fuzz passes.
#
# Seeds stay under 4 KB (and inputs under -max_len=4096): libFuzzer mutates, and every
# execution re-reads, the whole input, so a 16 KB chart file as a seed makes each run
# several times slower without reaching more code. A fixture under 4 KB is copied whole;
# a larger one gives 4 KB cuts at line boundaries: its first 4 KB, and 4 KB from each
# top-level storage key (`persistence:`, `artifactsStore:`, `connections:`, ...) that the
# first cut does not reach, so the storage sections of the big chart files are seeds too.
#
# `structured` builds its values files from libFuzzer's bytes (see
# fuzz_targets/structured.rs), so its seeds are byte strings, not YAML; it starts from an
# empty corpus of its own and grows one.
#
# Extra arguments after SECONDS go to libFuzzer (e.g. -seed=1, -max_len=8192).
# SEEDS_ONLY=1 writes the seeds into fuzz/corpus/TARGET and stops. The corpus directory
# keeps what earlier runs found; delete it to start from the seeds alone.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: core/fuzz/run.sh check|fix_roundtrip|structured [seconds] [libFuzzer args...]}"
seconds="${2:-600}"
shift $(($# < 2 ? $# : 2))
max=4096
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"

# cut FILE START NAME: the lines of FILE from line START on, as many whole lines as fit
# in $max bytes, into $corpus/NAME.
cut_seed() {
  LC_ALL=C awk -v start="$2" -v max="$max" '
    NR < start { next }
    { n = length($0) + 1; if (used + n > max) exit; used += n; print }
  ' "$1" >"$corpus/$3"
}

if [ "$target" != structured ]; then
  for f in ../tests/fixtures/corpus/*.yaml ../tests/fixtures/corpus/deploy-tests/*.yml \
           ../tests/fixtures/examples/*.yaml ../tests/fixtures/docs/*.yaml; do
    base="$(basename "$f")"
    size=$(wc -c <"$f")
    if [ "$size" -lt "$max" ]; then
      cp "$f" "$corpus/$base"
      continue
    fi
    cut_seed "$f" 1 "$base.cut1"
    reach=$(wc -l <"$corpus/$base.cut1") # the last line a cut holds so far
    grep -n -E '^(persistence|artifactsStore|connections|defaultArtifactsStore|mountConnections|notificationConnections):' "$f" |
      cut -d: -f1 | while read -r line; do
        if [ "$line" -gt "$reach" ]; then
          cut_seed "$f" "$line" "$base.cut$line"
          reach=$((line + $(wc -l <"$corpus/$base.cut$line") - 1))
        fi
      done
  done
  # A corpus grown by an earlier run may hold inputs over $max: libFuzzer would only
  # read their first $max bytes, so drop them rather than keep duplicates.
  find "$corpus" -type f -size +"$max"c -delete
fi

[ -n "${SEEDS_ONLY:-}" ] && exit 0
# No sanitizer by default: storage-core and its parser (saphyr-parser) have no `unsafe`,
# so AddressSanitizer finds nothing Rust's own checks miss, and it made executions 4x
# slower (fix_roundtrip: 443 vs 1,949 exec/s). SANITIZER=address turns it back on.
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer "${SANITIZER:-none}" "$target" -- -max_total_time="$seconds" -max_len="$max" \
  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$@"
