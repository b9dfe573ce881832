#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite: meterkit vs DuckDB, H2, the naive baseline and
# the rooflines, at 1 M and 10 M samples, then the memory footprint at 10 M samples.
# Warmup/measurement/fork settings are pinned in the benchmark annotations so that the suite fits
# a 2-core machine in under 10 minutes. Nothing else heavy should run meanwhile.
#
# Usage: jmh/run.sh [extra JMH arguments, e.g. a benchmark regex or -p size=1000000]
# Env:   UPDATE_README=1 also rewrites the results section of jmh/README.md.
#        SKIP_MEMORY=1 skips the memory footprint (about a minute).
# Out:   jmh/target/results.json (JMH), jmh/target/memory.json, jmh/target/report.md (printed).
set -euo pipefail

cd "$(dirname "$0")/.."
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

mvn -B -ntp -q -pl jmh -am package -DskipTests

jar=jmh/target/benchmarks.jar
# -prof gc adds gc.alloc.rate.norm (bytes allocated per operation) to every result.
java -jar "$jar" -rf json -rff jmh/target/results.json -prof gc "$@"

memory_args=()
if [[ "${SKIP_MEMORY:-0}" != 1 ]]; then
  java -Xms2g -Xmx16g -cp "$jar" io.meterkit.jmh.store.MemoryFootprint 10000000 jmh/target/memory.json
  memory_args=(--memory jmh/target/memory.json)
fi

elapsed=$(($(date +%s) - started))
note="run.sh wall time ${elapsed} s (build included); load average before: ${load_before}, after: $(cut -d' ' -f1-3 /proc/loadavg)."
readme_args=()
if [[ "${UPDATE_README:-0}" == 1 ]]; then
  readme_args=(--readme jmh/README.md)
fi
java -cp "$jar" io.meterkit.jmh.Report jmh/target/results.json "${memory_args[@]}" \
  --command "jmh/run.sh${*:+ $*}" --note "$note" "${readme_args[@]}" | tee jmh/target/report.md
echo "run.sh: done in ${elapsed} s"
