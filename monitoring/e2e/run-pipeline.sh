#!/usr/bin/env bash
# Runs every job locally with Flink's Prometheus reporter against the provider simulator with faults
# (module monitoring/e2e: src/test/.../e2e/MonitoringScenario.java), for the end-to-end proof:
#   run-pipeline.sh start   build, start the scenario in the background, return once every family is fed
#   run-pipeline.sh stop    stop the jobs and clean up their database, queues and Redis keys
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${SONGNODES_E2E_DIR:-$ROOT/target/e2e}
cd "$ROOT"

case "${1:-}" in
  start)
    mkdir -p "$WORK"
    rm -f "$WORK/READY" "$WORK/STOP"
    mvn -B -q -pl monitoring/e2e -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
    CP="monitoring/e2e/target/test-classes:shared/target/test-classes:shared/target/classes:shared/tools/target/classes"
    CP="$CP:jobs/bronze-to-silver/target/classes:jobs/silver-to-gold/target/classes:jobs/dlq-replay/target/classes"
    CP="$CP:$(cat monitoring/e2e/target/test-classpath.txt)"
    nohup java --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
      --add-opens=java.base/java.time=ALL-UNNAMED -Dlog4j.configurationFile="$ROOT/flink-conf/log4j-console.properties" \
      -cp "$CP" io.songnodes.e2e.MonitoringScenario "$WORK" > "$WORK/scenario.log" 2>&1 &
    echo $! > "$WORK/pid"
    for _ in $(seq 1 600); do
      if [ -f "$WORK/READY" ]; then grep '^\[e2e\]' "$WORK/scenario.log"; exit 0; fi
      if ! kill -0 "$(cat "$WORK/pid")" 2>/dev/null; then
        echo "the scenario ended before it was ready:"; tail -50 "$WORK/scenario.log"; exit 1
      fi
      sleep 1
    done
    echo "the scenario was not ready within 10 minutes:"; tail -50 "$WORK/scenario.log"; exit 1 ;;
  stop)
    touch "$WORK/STOP"
    pid=$(cat "$WORK/pid" 2>/dev/null || true)
    for _ in $(seq 1 120); do [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null && break; sleep 1; done
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    grep '^\[e2e\]' "$WORK/scenario.log" | tail -3 || true ;;
  *) echo "usage: run-pipeline.sh start|stop" >&2; exit 2 ;;
esac
