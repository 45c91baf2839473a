#!/usr/bin/env bash
# Page saves per second and latency percentiles with a few hundred concurrent respondents over HTTP, against
# PostgreSQL, beside the bare commit rate of the same database as the peer.
#   bench/run fieldwork [--db JDBC_URL] [--clients N] [--seconds S] [--warmup S] [--rate R]
# --db names a PostgreSQL server (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres); a fresh database
# is created on it for the run and dropped afterwards.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/bench/jdk.sh"
target="target-bench-fieldwork"
echo "bench fieldwork: building…" >&2
(cd "$root" && mvn -q -B -o -Dbarometer.target="$target" -pl stats,forms,app install -Dmaven.test.skip=true \
  && mvn -q -B -o -Dbarometer.target="$target" -pl bench compile dependency:build-classpath \
       -Dmdep.outputFile="$target/classpath.txt" -Dmdep.includeScope=runtime) >&2
cp="$root/bench/$target/classes:$(cat "$root/bench/$target/classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.barometer.bench.fieldwork.FieldworkBenchmark "$@"
