#!/usr/bin/env bash
# Renders jmh/target/report.md from every result in jmh/target (written by jmh/run.sh and
# jmh/run-scale.sh): the JMH results per size, each followed by its re-measurements, the memory
# footprints, the latency under ingest and the runs' notes. Called by both scripts; run it alone to
# re-render.
#
# Env:   UPDATE_README=1  also rewrite the results section of jmh/README.md
#        COMMAND          the command named under the tables (default: jmh/run.sh)
set -euo pipefail

cd "$(dirname "$0")/.."
target=jmh/target
jar=$target/benchmarks.jar

files=()
for tag in 1m 10m 100m; do
  for base in "$target/results-$tag.json" "$target/results-$tag-ingest.json"; do
    if [[ -f $base ]]; then
      files+=("$base")
      # Re-measurements of unstable rows come after the result they replace.
      for again in "${base%.json}"-again*.json; do
        [[ -f $again ]] && files+=("$again")
      done
    fi
  done
done
if [[ ${#files[@]} -eq 0 ]]; then
  echo "report.sh: no results in $target; run jmh/run.sh first" >&2
  exit 1
fi

memory=()
for file in "$target/memory.json" "$target/memory-100m.json"; do
  [[ -f $file ]] && memory+=("$file")
done
args=()
if [[ ${#memory[@]} -gt 0 ]]; then
  args+=(--memory "$(IFS=,; echo "${memory[*]}")")
fi
[[ -f $target/latency.json ]] && args+=(--latency "$target/latency.json")
note=$(cat "$target"/note-*.txt 2>/dev/null | tr '\n' ' ' || true)
[[ -n $note ]] && args+=(--note "$note")
[[ "${UPDATE_README:-0}" == 1 ]] && args+=(--readme jmh/README.md)

java -cp "$jar" io.meterkit.jmh.Report "${files[@]}" --command "${COMMAND:-jmh/run.sh}" \
  "${args[@]}" | tee "$target/report.md"
