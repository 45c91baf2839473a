# Sourced by the benchmarks' scripts: JAVA_HOME set to a JDK 25 (the one given, else Temurin's beside the default).
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$candidate" ] && "$candidate/bin/java" -version 2>&1 | head -n 1 | grep -q 'version "25'; then
    export JAVA_HOME="$candidate"; break
  fi
done
