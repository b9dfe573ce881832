#!/usr/bin/env bash
# Builds the benchmarks and runs the main suite on the same generated data: meterkit vs DuckDB, H2,
# the naive baseline and the rooflines at 1 M and at 10 M samples; re-measures any meterkit result
# whose 99.9% confidence half-width exceeds 20% of its mean (up to twice; one still that unstable is
# reported as such, never as a number); query latency while one thread ingests (10 M); the memory
# footprint; then the report (jmh/report.sh). Warmup, measurement and fork settings are pinned in
# the benchmark annotations. Nothing else heavy should run meanwhile. jmh/run-scale.sh adds the
# 100 M point of the scaling table.
#
# Usage: jmh/run.sh [extra JMH arguments for both sizes, e.g. a benchmark regex]
# Env:   UPDATE_README=1  also rewrite the results section of jmh/README.md
#        SKIP_MEMORY=1    skip the memory footprint (about a minute)
#        SKIP_LATENCY=1   skip the latency under ingest (about a minute)
#        PEERS_10M=1      also run H2 (queries, load) and DuckDB's load at 10 M (adds 10+ minutes)
# Out:   jmh/target/results-1m.json, results-10m.json (JMH; -again<N>.json: re-measurements),
#        memory.json, latency.json, note-run.txt, report.md (printed)
set -euo pipefail

cd "$(dirname "$0")/.."
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

mvn -B -ntp -q -pl jmh -am package -DskipTests
target=jmh/target
jar=$target/benchmarks.jar
rm -f "$target"/results-1m*.json "$target"/results-10m*.json "$target"/note-run.txt \
  "$target"/memory.json "$target"/latency.json

# The host JVM runs the H2 and DuckDB query benchmarks (@Fork(0), see H2State and DuckDbState).
# -prof gc adds gc.alloc.rate.norm (bytes allocated per operation) to every result.
# Every JVM gets a pre-touched heap: this VM faults fresh memory in slowly (about 9 s for 4 GB),
# which otherwise slows allocation down until the heap has been cycled once.
jmh=(java -Xms2g -Xmx8g -XX:+AlwaysPreTouch -jar "$jar" -rf json -prof gc)

# measure TAG SIZE [JMH arguments]: runs, then re-measures unstable meterkit results (twice at most).
measure() {
  local tag=$1 size=$2
  shift 2
  local files=("$target/results-$tag.json")
  "${jmh[@]}" -rff "${files[0]}" -p size="$size" "$@"
  for attempt in 1 2; do
    local unstable
    unstable=$(java -cp "$jar" io.meterkit.jmh.Report --unstable "$size" "${files[@]}")
    [[ -z $unstable ]] && break
    echo "run.sh: re-measuring at $size samples: $unstable"
    files+=("$target/results-$tag-again$attempt.json")
    "${jmh[@]}" -rff "${files[-1]}" -p size="$size" "$unstable"
  done
}

# The HTTP adapter's PostSamplesBenchmark has no size: it runs alone (see jmh/README.md).
measure 1m 1000000 -e 'PostSamplesBenchmark' "$@"
# At 10 M, H2 and the DuckDB load run only with PEERS_10M=1: H2 loads 10 M rows in minutes and
# answers Q1 in seconds, DuckDB's appender takes half a minute per load; their speed ratios and
# bytes/sample hardly depend on N.
exclude=(-e 'PostSamplesBenchmark')
if [[ "${PEERS_10M:-0}" != 1 ]]; then
  exclude=(-e 'PostSamplesBenchmark|H2QueryBenchmark|PeerIngestBenchmark.h2|PeerIngestBenchmark.duckDb')
fi
measure 10m 10000000 "${exclude[@]}" "$@"

if [[ "${SKIP_LATENCY:-0}" != 1 ]]; then
  java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp "$jar" io.meterkit.jmh.query.LatencyUnderIngest \
    10000000 "$target/latency.json"
fi

if [[ "${SKIP_MEMORY:-0}" != 1 ]]; then
  # meterkit at 10 M and 1 M, the naive list at 10 M; H2 and DuckDB at 1 M (slow loads;
  # bytes/sample hardly depend on N).
  java -Xms1g -Xmx16g -cp "$jar" io.meterkit.jmh.store.MemoryFootprint \
    10000000 "$target/memory.json" 1000000
fi

elapsed=$(($(date +%s) - started))
echo "run.sh: wall time ${elapsed} s (build included); load average (1/5/15 min) before:" \
  "${load_before}, after: $(cut -d' ' -f1-3 /proc/loadavg)." >"$target/note-run.txt"
COMMAND="jmh/run.sh${*:+ $*}" jmh/report.sh
echo "run.sh: done in ${elapsed} s"
