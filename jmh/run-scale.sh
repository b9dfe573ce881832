#!/usr/bin/env bash
# The 100 M point of the scaling table, which does not fit the main suite's ten minutes: meterkit's
# Q1–Q4 and batch ingest at 100,000,000 samples (with the re-measuring of jmh/run.sh) and its
# bytes/sample, then the report again with every result in jmh/target (run jmh/run.sh first for the
# 1 M and 10 M points). About 10 minutes and up to 16 GB of memory (the ingest benchmark holds the
# 100 M samples, about 7 GB, besides the stores it loads).
#
# Usage: jmh/run-scale.sh
# Env:   UPDATE_README=1  also rewrite the results section of jmh/README.md
# Out:   jmh/target/results-100m.json, results-100m-ingest.json (JMH), memory-100m.json,
#        note-scale.txt, report.md (printed)
set -euo pipefail

cd "$(dirname "$0")/.."
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

mvn -B -ntp -q -pl jmh -am package -DskipTests
target=jmh/target
jar=$target/benchmarks.jar
rm -f "$target"/results-100m*.json "$target"/memory-100m.json "$target"/note-scale.txt
size=100000000

# measure FILE HEAP REGEX: one JMH run with the forks' heap set for 100 M samples, then up to two
# re-measurements of unstable meterkit results.
measure() {
  local file=$1 heap=$2 regex=$3
  local jmh=(java -Xms1g -Xmx2g -jar "$jar" -rf json -prof gc -p size="$size"
    -jvmArgsAppend "-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch")
  local files=("$file")
  "${jmh[@]}" -rff "$file" "$regex"
  for attempt in 1 2; do
    local unstable
    unstable=$(java -cp "$jar" io.meterkit.jmh.Report --unstable "$size" "${files[@]}")
    [[ -z $unstable ]] && break
    echo "run-scale.sh: re-measuring: $unstable"
    files+=("${file%.json}-again$attempt.json")
    "${jmh[@]}" -rff "${files[-1]}" "$unstable"
  done
}

# The store: about 1.2 GB at 12 bytes/sample.
measure "$target/results-100m.json" 4g 'MeterkitQueryBenchmark'
# The 100 M samples as a list (about 7.2 GB), the store being loaded and the previous one.
measure "$target/results-100m-ingest.json" 14g 'MeterkitIngestBenchmark.recordAll'
java -Xms1g -Xmx8g -cp "$jar" io.meterkit.jmh.store.MemoryFootprint \
  "$size" "$target/memory-100m.json" --meterkit-only

elapsed=$(($(date +%s) - started))
echo "run-scale.sh: wall time ${elapsed} s (build included); load average (1/5/15 min) before:" \
  "${load_before}, after: $(cut -d' ' -f1-3 /proc/loadavg)." >"$target/note-scale.txt"
COMMAND="jmh/run.sh; jmh/run-scale.sh" jmh/report.sh
echo "run-scale.sh: done in ${elapsed} s"
