#!/usr/bin/env bash
# A real Flink 1.20.3 standalone session cluster on this machine, run from the jars Maven assembles in
# flink-conf/dist/target/flink-dist/lib (the binary tarball is not on Maven Central) and flink-conf/config.yaml:
#   cluster.sh start      a JobManager and $SONGNODES_TASKMANAGERS TaskManagers, each under a supervisor that
#                         starts it again when it dies; returns once they registered
#   cluster.sh status     processes, pids, ports and the running jobs
#   cluster.sh stop       stop everything cleanly (running jobs are cancelled by the JobManager's shutdown)
#   cluster.sh flink ...  the Flink CLI (CliFrontend) against this cluster
# Settings (environment): SONGNODES_CLUSTER_DIR (state: conf, lib, logs, pids, checkpoints, savepoints; default
# .cluster/), SONGNODES_REST_PORT (8081), SONGNODES_RPC_PORT (6123), SONGNODES_TASKMANAGERS (1),
# SONGNODES_TM_MEMORY / SONGNODES_JM_MEMORY (process sizes; default: config.yaml's).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST_LIB=$ROOT/flink-conf/dist/target/flink-dist/lib
DIR=${SONGNODES_CLUSTER_DIR:-$ROOT/.cluster}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
CONF=$DIR/conf LIB=$DIR/lib LOG=$DIR/log RUN=$DIR/run DATA=$DIR/data
REST_PORT=${SONGNODES_REST_PORT:-8081}
RPC_PORT=${SONGNODES_RPC_PORT:-6123}
TASKMANAGERS=${SONGNODES_TASKMANAGERS:-1}
URL="http://localhost:$REST_PORT"

# The JVM flags Flink's own scripts pass on JDK 17 come from config.yaml (env.java.opts.all), the one place for them.
read -r -a JAVA_OPTS <<<"$(sed -n 's/^ *all: *//p' "$ROOT/flink-conf/config.yaml" | head -1)"

log() { echo "[cluster] $*"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
rest() { curl -sf --max-time 5 "$URL$1"; }

# The folder a cluster runs from: its own copy of lib/ (so `mvn clean` cannot pull jars from under a
# supervisor's restart) and of the configuration, pointed at this folder's checkpoints and savepoints.
prepare() {
  if ! ls "$DIST_LIB"/flink-runtime-*.jar >/dev/null 2>&1; then
    log "assembling Flink's lib/ with Maven (flink-dist)"
    (cd "$ROOT" && mvn -B -q -pl flink-conf/dist package)
  fi
  mkdir -p "$CONF" "$LIB" "$LOG" "$RUN" "$DATA/checkpoints" "$DATA/savepoints"
  cp -u "$DIST_LIB"/*.jar "$LIB/"
  sed -e "s#file:///var/lib/songnodes/flink#file://$DATA#" \
      -e "s#^\(  port:\) 8081#\1 $REST_PORT#" -e "s#^\(    port:\) 6123#\1 $RPC_PORT#" \
      "$ROOT/flink-conf/config.yaml" > "$CONF/config.yaml"
  [ -n "${SONGNODES_TM_MEMORY:-}" ] && sed -i "/^taskmanager:/,/^[a-z]/ s#^\(      size:\) .*#\1 $SONGNODES_TM_MEMORY#" "$CONF/config.yaml"
  [ -n "${SONGNODES_JM_MEMORY:-}" ] && sed -i "/^jobmanager:/,/^[a-z]/ s#^\(      size:\) .*#\1 $SONGNODES_JM_MEMORY#" "$CONF/config.yaml"
  cp "$ROOT"/flink-conf/log4j*.properties "$CONF/"
  grep -q "port: $REST_PORT" "$CONF/config.yaml" || { log "could not set the REST port in $CONF/config.yaml"; exit 1; }
}

# Flink's scripts size the JVMs with BashJavaUtils: line 1 holds the JVM flags, line 2 the -D settings (a
# TaskManager refuses to start without them).
resource_params() { # GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS
  java -cp "$LIB/*" -Dlog4j.configurationFile="file:$CONF/log4j-cli.properties" -Dlog.file="$LOG/bash-java-utils.log" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

start_jobmanager() {
  local params jvm dyn
  params=$(resource_params GET_JM_RESOURCE_PARAMS)
  jvm=$(sed -n 1p <<<"$params"); dyn=$(sed -n 2p <<<"$params")
  # shellcheck disable=SC2086  # the params are word lists
  nohup setsid java "${JAVA_OPTS[@]}" $jvm -Dlog.file="$LOG/flink-jobmanager.log" \
    -Dlog4j.configurationFile="file:$CONF/log4j.properties" -cp "$LIB/*" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF" $dyn \
    > "$LOG/flink-jobmanager.out" 2>&1 < /dev/null &
  echo $! > "$RUN/jobmanager.pid"
}

# The supervisor: starts TaskManager N, and again whenever it dies (as systemd's Restart=always would), until
# `stop` removes its pid file. Provider credentials reach the jobs through this environment.
supervise() {
  local n=$1 params jvm dyn tm rc
  params=$(resource_params GET_TM_RESOURCE_PARAMS)
  jvm=$(sed -n 1p <<<"$params"); dyn=$(sed -n 2p <<<"$params")
  trap '[ -n "${tm:-}" ] && kill "$tm" 2>/dev/null; wait "${tm:-}" 2>/dev/null; rm -f "$RUN/taskmanager-$n.pid"; exit 0' TERM INT
  while [ -f "$RUN/supervisor-$n.pid" ]; do
    # shellcheck disable=SC2086
    java "${JAVA_OPTS[@]}" $jvm -Dlog.file="$LOG/flink-taskmanager-$n.log" \
      -Dlog4j.configurationFile="file:$CONF/log4j.properties" -cp "$LIB/*" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" $dyn \
      >> "$LOG/flink-taskmanager-$n.out" 2>&1 < /dev/null &
    tm=$!
    echo "$tm" > "$RUN/taskmanager-$n.pid"
    echo "$(date -u +%FT%TZ) taskmanager-$n started, pid $tm"
    rc=0; wait "$tm" || rc=$?
    [ -f "$RUN/supervisor-$n.pid" ] || break
    echo "$(date -u +%FT%TZ) taskmanager-$n (pid $tm) exited with $rc; starting it again"
    sleep 1
  done
}

registered_taskmanagers() {
  rest /taskmanagers | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["taskmanagers"]))' 2>/dev/null || echo 0
}

running() { alive "$RUN/jobmanager.pid"; }

processes() {
  local f name
  for f in "$RUN"/jobmanager.pid "$RUN"/supervisor-*.pid "$RUN"/taskmanager-*.pid; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    if alive "$f"; then printf '  %-16s pid %s\n' "$name" "$(cat "$f")"; else printf '  %-16s not running\n' "$name"; fi
  done
  local ports
  ports=$(cat "$LOG"/flink-*.log 2>/dev/null | sed -n 's/.*Started PrometheusReporter HTTP server on port \([0-9]*\).*/\1/p' | sort -un | tr '\n' ' ')
  [ -z "$ports" ] || echo "  Prometheus reporter ports seen: $ports(http://localhost:PORT/metrics)"
}

jobs_overview() {
  rest /jobs/overview | python3 -c '
import json, sys
jobs = json.load(sys.stdin)["jobs"]
active = [j for j in jobs if j["state"] not in ("FINISHED", "CANCELED", "FAILED")]
print("  jobs: %d running or restarting, %d finished/cancelled/failed" % (len(active), len(jobs) - len(active)))
for j in sorted(jobs, key=lambda j: -j["start-time"])[:10]:
    print("    %-11s %s  %s" % (j["state"], j["jid"], j["name"]))
' || echo "  jobs: the REST API at $URL does not answer"
}

cmd=${1:-status}; shift || true
case "$cmd" in
  start)
    if running; then log "already running: $URL"; processes; exit 0; fi
    prepare
    rm -f "$RUN"/jobmanager.pid "$RUN"/supervisor-*.pid "$RUN"/taskmanager-*.pid
    start_jobmanager
    for n in $(seq 1 "$TASKMANAGERS"); do
      touch "$RUN/supervisor-$n.pid"
      nohup setsid bash "${BASH_SOURCE[0]}" _supervise "$n" >> "$LOG/supervisor-$n.log" 2>&1 < /dev/null &
      echo $! > "$RUN/supervisor-$n.pid"
    done
    for _ in $(seq 1 120); do
      [ "$(registered_taskmanagers)" -ge "$TASKMANAGERS" ] && break
      alive "$RUN/jobmanager.pid" || { log "the JobManager died:"; tail -30 "$LOG/flink-jobmanager.out" "$LOG/flink-jobmanager.log"; exit 1; }
      sleep 1
    done
    if [ "$(registered_taskmanagers)" -lt "$TASKMANAGERS" ]; then
      log "no TaskManager registered within 120 s; see $LOG"; tail -20 "$LOG"/flink-taskmanager-1.log; exit 1
    fi
    log "Flink session cluster up: web UI $URL"
    processes
    log "logs in $LOG, checkpoints in $DATA/checkpoints, savepoints in $DATA/savepoints"
    log "submit with ./songnodes flink run -d jobs/bronze-to-silver/target/bronze-to-silver.jar; stop with ./songnodes cluster stop" ;;
  _supervise) supervise "$1" ;;
  status)
    if ! running; then log "not running (start it with ./songnodes cluster start)"; exit 3; fi
    log "web UI $URL"
    processes
    jobs_overview ;;
  stop)
    if [ ! -d "$RUN" ]; then log "not running"; exit 0; fi
    for f in "$RUN"/supervisor-*.pid; do
      [ -f "$f" ] || continue
      pid=$(cat "$f" 2>/dev/null || true); rm -f "$f"
      [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    [ -f "$RUN/jobmanager.pid" ] && kill "$(cat "$RUN/jobmanager.pid")" 2>/dev/null || true
    for _ in $(seq 1 60); do
      left=0
      for f in "$RUN"/jobmanager.pid "$RUN"/taskmanager-*.pid; do alive "$f" && left=1; done
      [ "$left" = 0 ] && break
      sleep 0.5
    done
    for f in "$RUN"/jobmanager.pid "$RUN"/taskmanager-*.pid; do
      alive "$f" && { log "$(basename "$f" .pid) did not stop within 30 s; killing it"; kill -9 "$(cat "$f")"; }
    done
    rm -f "$RUN"/jobmanager.pid "$RUN"/supervisor-*.pid "$RUN"/taskmanager-*.pid
    # the demo's provider simulator lives as long as the cluster
    if alive "$RUN/demo-simulator.pid"; then kill "$(cat "$RUN/demo-simulator.pid")"; fi
    rm -f "$RUN/demo-simulator.pid"
    log "stopped" ;;
  flink)
    [ -f "$CONF/config.yaml" ] || prepare
    FLINK_CONF_DIR=$CONF exec java "${JAVA_OPTS[@]}" -Dlog.file="$LOG/flink-client.log" \
      -Dlog4j.configurationFile="file:$CONF/log4j-cli.properties" -cp "$LIB/*" \
      org.apache.flink.client.cli.CliFrontend "$@" ;;
  *) echo "usage: cluster.sh start|stop|status|flink ARGS..." >&2; exit 2 ;;
esac
