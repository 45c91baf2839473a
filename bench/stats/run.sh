#!/usr/bin/env bash
# The statistics engine against R survey on one synthetic stratified sample.
#   bench/run stats [--timing-r PATH] [--rows N] [--xmx SIZE] [--reuse-r]
# 1. R's timing.R draws the sample, writes it as CSV and times every survey call (values printed to 15 digits);
#    with-cpu.R runs it unchanged and adds the CPU seconds of each timed call. Then the project's new-ops.R
#    times, on the same CSV, the estimators timing.R lacks (quantiles, models, tests), with their CPU seconds.
# 2. The engine reads the same CSV in a JVM limited to --xmx (default 300m) and times the same operations
#    after warm-up, then compares its values with R's printed ones and prints one table.
# Results go to bench/results/stats/ (git-ignored); the CSV to bench/work/ (git-ignored). The build folder
# target-bench-stats is this benchmark's own, so other builds cannot change the classes while it runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
timing_r="$root/../shared/r-survey/timing.R"
rows=1000000
xmx=300m
reuse_r=false
while [ $# -gt 0 ]; do
  case "$1" in
    --timing-r) timing_r="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --xmx) xmx="$2"; shift 2 ;;
    --reuse-r) reuse_r=true; shift ;;
    *) echo "bench stats: unknown option '$1' (expected --timing-r PATH, --rows N, --xmx SIZE, --reuse-r)" >&2; exit 2 ;;
  esac
done
[ -f "$timing_r" ] || { echo "bench stats: timing script not found: $timing_r (pass --timing-r PATH)" >&2; exit 2; }
command -v Rscript >/dev/null || { echo "bench stats: Rscript is not installed (apt-get install r-base-core r-cran-survey)" >&2; exit 2; }

work="$root/bench/work"
results="$root/bench/results/stats"
mkdir -p "$work" "$results"
csv="$work/stats-$rows.csv"
r_out="$results/r-timing.txt"
r_new="$results/r-new-ops.txt"

if [ "$reuse_r" = true ] && [ -s "$csv" ] && [ -s "$r_out" ]; then
  echo "bench stats: reusing $csv and $r_out" >&2
else
  echo "bench stats: running R ($timing_r, $rows rows; load average $(cut -d' ' -f1-3 /proc/loadavg))…" >&2
  { echo "# load average before R: $(cut -d' ' -f1-3 /proc/loadavg)"
    Rscript "$root/bench/stats/with-cpu.R" "$timing_r" "$rows" "$csv"; } > "$r_out"
  rm -f "$r_new" # made from the CSV just written
fi
if [ "$reuse_r" = true ] && [ -s "$r_new" ]; then
  echo "bench stats: reusing $r_new" >&2
else
  echo "bench stats: running R (new-ops.R on $csv; load average $(cut -d' ' -f1-3 /proc/loadavg))…" >&2
  { echo "# load average before new-ops.R: $(cut -d' ' -f1-3 /proc/loadavg)"
    Rscript "$root/bench/stats/new-ops.R" "$csv"; } > "$r_new"
fi

# A JDK 25 and a build of the engine with this benchmark.
source "$root/bench/jdk.sh"
target="target-bench-stats"
echo "bench stats: building…" >&2
(cd "$root" && mvn -q -B -o -Dbarometer.target="$target" -pl stats install -Dmaven.test.skip=true \
  && mvn -q -B -o -Dbarometer.target="$target" -pl bench compile dependency:build-classpath \
       -Dmdep.outputFile="$target/classpath.txt" -Dmdep.includeScope=runtime) >&2
cp="$root/bench/$target/classes:$root/stats/$target/classes:$(cat "$root/bench/$target/classpath.txt")"

# the engine's JVM as ./barometer estimate starts it (its collector, set in the launcher)
: "${BAROMETER_ENGINE_JVM_OPTS?run this through ./barometer bench stats, which sets the JVM options of the engine}"
read -r -a engine_opts <<< "$BAROMETER_ENGINE_JVM_OPTS"
echo "bench stats: running the engine (${engine_opts[*]} -Xmx$xmx)…" >&2
"$JAVA_HOME/bin/java" "${engine_opts[@]}" -Xmx"$xmx" -Xms"$xmx" -cp "$cp" org.barometer.bench.stats.StatsBenchmark \
  --csv "$csv" --r-output "$r_out" --r-new-ops "$r_new" --results "$results"
