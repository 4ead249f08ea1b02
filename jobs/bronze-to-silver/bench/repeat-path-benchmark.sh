#!/usr/bin/env bash
# Benchmark of bronze-to-silver's repeat-heavy path end to end against a one-thread floor program (prints numbers
# and their ratio from one run; not part of the tests):
#   repeat-path-benchmark.sh [RECORDS, default 20000 [ROUNDS of floor then job, default 3]]
# JFR=FILE records a Flight Recorder profile of the whole run to FILE (jfr print --events jdk.ExecutionSample FILE).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
bash scripts/services.sh >/dev/null
mvn -B -q -pl jobs/bronze-to-silver -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
CP="jobs/bronze-to-silver/target/test-classes:jobs/bronze-to-silver/target/classes:shared/target/test-classes:shared/target/classes:shared/tools/target/classes:$(cat jobs/bronze-to-silver/target/test-classpath.txt)"
PROFILE=()
if [[ -n "${JFR:-}" ]]; then PROFILE=("-XX:StartFlightRecording=filename=$JFR,settings=profile"); fi
exec java --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
  "${PROFILE[@]}" -Dlog4j.configurationFile="$ROOT/flink-conf/log4j-console.properties" \
  -cp "$CP" io.songnodes.jobs.bronzetosilver.bench.RepeatPathBenchmark "$@"
