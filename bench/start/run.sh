#!/usr/bin/env bash
# A node's start with every demo edition stored, beside a start with nothing published; and the demo's first start.
#   bench/run start [--db JDBC_URL]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/bench/jdk.sh"
target="target-bench-start"
echo "bench start: building…" >&2
# the app built as ./barometer builds it (which also drops the JVM cache of the build before), and the benchmark
"$root/barometer" build
(cd "$root" && mvn -q -B -Dbarometer.target="$target" -pl bench compile dependency:build-classpath \
       -Dmdep.outputFile="$target/classpath.txt" -Dmdep.includeScope=runtime) >&2
cp="$root/bench/$target/classes:$(cat "$root/bench/$target/classpath.txt")"
jars=("$root"/app/target/barometer-app-*.jar)
exec "$JAVA_HOME/bin/java" -Xmx1g -Dbarometer.root="$root" \
  -Dbarometer.app.classpath="${jars[0]}:$root/app/target/lib/*" \
  -cp "$cp" org.barometer.bench.start.StartBenchmark "$@"
