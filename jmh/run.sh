#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite on the same generated data: meterkit vs DuckDB,
# H2, the naive baseline and the rooflines at 1 M and at 10 M samples, then the memory footprint.
# Warmup, measurement and fork settings are pinned in the benchmark annotations so that the suite
# fits a 2-core machine in under 10 minutes. Nothing else heavy should run meanwhile.
#
# Usage: jmh/run.sh [extra JMH arguments for both sizes, e.g. a benchmark regex]
# Env:   UPDATE_README=1  also rewrite the results section of jmh/README.md
#        SKIP_MEMORY=1    skip the memory footprint (about a minute)
#        H2_10M=1         also run H2 at 10 M samples (adds 5+ minutes)
# Out:   jmh/target/results-1m.json, results-10m.json (JMH), memory.json, report.md (printed)
set -euo pipefail

cd "$(dirname "$0")/.."
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

mvn -B -ntp -q -pl jmh -am package -DskipTests

jar=jmh/target/benchmarks.jar
# The host JVM gets a big heap: the H2 and DuckDB query benchmarks run in it (@Fork(0), see
# H2State and DuckDbState).
# -prof gc adds gc.alloc.rate.norm (bytes allocated per operation) to every result.
# Every JVM gets a pre-touched heap: this VM faults fresh memory in slowly (about 9 s for
# 4 GB), which otherwise slows allocation down until the heap has been cycled once.
jmh=(java -Xms2g -Xmx16g -XX:+AlwaysPreTouch -jar "$jar" -rf json -prof gc)
"${jmh[@]}" -rff jmh/target/results-1m.json -p size=1000000 "$@"
# H2 runs at 1 M only unless H2_10M=1: on this machine it loads 10 M rows in minutes and answers
# Q1 in ~20 s, more than the whole budget. Its bytes/sample and speed ratios hardly depend on N.
exclude=()
if [[ "${H2_10M:-0}" != 1 ]]; then
  exclude=(-e 'H2QueryBenchmark|PeerIngestBenchmark.h2')
fi
"${jmh[@]}" -rff jmh/target/results-10m.json -p size=10000000 "${exclude[@]}" "$@"

memory_args=()
if [[ "${SKIP_MEMORY:-0}" != 1 ]]; then
  # meterkit and the naive list at 10 M samples; H2 and DuckDB at 1 M (slow loads; bytes/sample
  # hardly depend on N).
  java -Xms1g -Xmx16g -cp "$jar" io.meterkit.jmh.store.MemoryFootprint \
    10000000 jmh/target/memory.json 1000000
  memory_args=(--memory jmh/target/memory.json)
fi

elapsed=$(($(date +%s) - started))
note="run.sh wall time ${elapsed} s (build included); load average (1/5/15 min) before: ${load_before}, after: $(cut -d' ' -f1-3 /proc/loadavg)."
readme_args=()
if [[ "${UPDATE_README:-0}" == 1 ]]; then
  readme_args=(--readme jmh/README.md)
fi
java -cp "$jar" io.meterkit.jmh.Report jmh/target/results-1m.json jmh/target/results-10m.json \
  "${memory_args[@]}" --command "jmh/run.sh${*:+ $*}" --note "$note" "${readme_args[@]}" |
  tee jmh/target/report.md
echo "run.sh: done in ${elapsed} s"
