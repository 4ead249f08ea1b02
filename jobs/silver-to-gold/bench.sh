#!/usr/bin/env bash
# Full batch recompute benchmark: bench.sh [tracks=100000] [playlist_rows=1000000]
# Needs the local PostgreSQL (SONGNODES_TEST_PG_ADMIN_URL); creates and drops its own database.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl jobs/silver-to-gold -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
CP="jobs/silver-to-gold/target/test-classes:jobs/silver-to-gold/target/classes:shared/target/test-classes:shared/target/classes:$(cat jobs/silver-to-gold/target/bench.cp)"
exec java -Xmx4g -XX:ActiveProcessorCount=2 ${BENCH_JAVA_OPTS:-} --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -cp "$CP" io.songnodes.jobs.silvertogold.GoldBatchBenchmark "$@"
