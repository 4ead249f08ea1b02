#!/usr/bin/env bash
# Prints dlq-replay's replay rate against the local RabbitMQ: a --rate capped run and an uncapped run.
# Usage: jobs/dlq-replay/bench/benchmark.sh [capped messages=600] [rate=50] [uncapped messages=20000]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
cp_file="$root/jobs/dlq-replay/target/test-classpath.txt"
mvn -B -q -o -pl jobs/dlq-replay -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cd jobs/dlq-replay
java --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.songnodes.jobs.dlqreplay.ReplayBenchmark "$@" 2>&1 \
  | grep -v -E '^\s+at |WARN|INFO|^SLF4J'
