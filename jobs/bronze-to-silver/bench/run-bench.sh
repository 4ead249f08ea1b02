#!/usr/bin/env bash
# Shared by the benchmark scripts: services up, test classes built, then runs MAIN_CLASS [ARGS...] on the test
# classpath with the JVM options the cluster uses (flink-conf/config.yaml). JAVA_OPTS adds options;
# JFR=FILE records a Flight Recorder profile of the whole run to FILE (jfr print --events jdk.ExecutionSample FILE).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
main=$1; shift
bash scripts/services.sh >/dev/null
mvn -B -q -pl jobs/bronze-to-silver -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
CP="jobs/bronze-to-silver/target/test-classes:jobs/bronze-to-silver/target/classes:shared/target/test-classes:shared/target/classes:shared/tools/target/classes:$(cat jobs/bronze-to-silver/target/test-classpath.txt)"
PROFILE=()
if [[ -n "${JFR:-}" ]]; then PROFILE=("-XX:StartFlightRecording=filename=$JFR,settings=profile"); fi
# common pool parallelism as in flink-conf/config.yaml (env.java.opts.all): the HttpClient's answers are completed there
exec java -Djava.util.concurrent.ForkJoinPool.common.parallelism=8 ${JAVA_OPTS:-} "${PROFILE[@]}" \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
  -Dlog4j.configurationFile="$ROOT/flink-conf/log4j-console.properties" \
  -cp "$CP" "$main" "$@"
