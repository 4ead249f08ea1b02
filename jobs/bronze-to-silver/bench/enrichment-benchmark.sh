#!/usr/bin/env bash
# Benchmark of bronze-to-silver's enrichment (prints numbers; not part of the tests):
#   enrichment-benchmark.sh [COPIES of the kit tracklists for the cache path, default 10]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
bash scripts/services.sh >/dev/null
mvn -B -q -pl jobs/bronze-to-silver -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
CP="jobs/bronze-to-silver/target/test-classes:jobs/bronze-to-silver/target/classes:shared/target/test-classes:shared/target/classes:shared/tools/target/classes:$(cat jobs/bronze-to-silver/target/test-classpath.txt)"
# common pool parallelism as in flink-conf/config.yaml (env.java.opts.all): the HttpClient's answers are completed there
exec java -Djava.util.concurrent.ForkJoinPool.common.parallelism=8 ${JAVA_OPTS:-} --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
  -Dlog4j.configurationFile="$ROOT/flink-conf/log4j-console.properties" \
  -cp "$CP" io.songnodes.jobs.bronzetosilver.bench.EnrichmentBenchmark "$@"
