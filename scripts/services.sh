#!/usr/bin/env bash
# Brings up what the jobs and tests need on localhost: PostgreSQL, RabbitMQ (with its Prometheus and
# management plugins) and Redis. Installs them with apt where missing (Debian/Ubuntu), starts them where
# stopped, then creates the database, queues, exchange and policies. Running it twice is harmless.
set -euo pipefail

PG_PORT=${SONGNODES_PG_PORT:-5432}
PG_DB=${SONGNODES_PG_DB:-songnodes}
REDIS_PORT=${SONGNODES_REDIS_PORT:-6379}
PG_EXPORTER_PORT=${SONGNODES_PG_EXPORTER_PORT:-9187}
REDIS_EXPORTER_PORT=${SONGNODES_REDIS_EXPORTER_PORT:-9121}
# The management API on loopback; RabbitMQ lets its built-in guest account in from loopback only.
RABBIT_API=${SONGNODES_RABBIT_API:-http://localhost:15672/api}
RABBIT_ADMIN=${SONGNODES_RABBIT_ADMIN:-guest:guest}

log() { echo "[services] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

wait_for() { # what, seconds, command...
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 "$secs"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  log "ERROR: $what did not come up within ${secs}s"; return 1
}

install_missing() {
  local pkgs=()
  ls /etc/postgresql/*/main >/dev/null 2>&1 || pkgs+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  command -v rabbitmq-server >/dev/null 2>&1 || pkgs+=(rabbitmq-server)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  # Debian's exporters: PostgreSQL (connections, locks) and Redis (memory, evictions) for Prometheus
  command -v prometheus-postgres-exporter >/dev/null 2>&1 || pkgs+=(prometheus-postgres-exporter)
  command -v prometheus-redis-exporter >/dev/null 2>&1 || pkgs+=(prometheus-redis-exporter)
  if [ ${#pkgs[@]} -gt 0 ]; then
    log "installing ${pkgs[*]} with apt"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"
    FRESH_POSTGRES=$([[ " ${pkgs[*]} " == *" postgresql "* ]] && echo 1 || echo 0)
  fi
}

start_postgres() {
  if pg_isready -q -h localhost -p "$PG_PORT"; then log "PostgreSQL is running"; else
    local v; v=$(ls /etc/postgresql | sort -V | tail -n 1)
    if [ "${FRESH_POSTGRES:-0}" = 1 ]; then
      # a fresh package install allows only passwords over TCP; the local dev cluster trusts loopback
      local hba=/etc/postgresql/$v/main/pg_hba.conf
      as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    fi
    log "starting PostgreSQL $v"
    as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start || as_root pg_ctlcluster "$v" main start
    wait_for PostgreSQL 60 pg_isready -h localhost -p "$PG_PORT"
  fi
  if ! psql -h localhost -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    log "creating database $PG_DB"
    psql -h localhost -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $PG_DB"
  fi
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then log "Redis is running"; return; fi
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/songnodes.log
  wait_for Redis 30 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
}

start_rabbitmq() {
  if as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; then log "RabbitMQ is running"; else
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached
    wait_for RabbitMQ 120 as_root rabbitmq-diagnostics -q ping
  fi
  as_root rabbitmqctl -q await_startup >/dev/null 2>&1 || true
  # prometheus: queue depth and head-message age for monitoring/; management: the API used below and the UI
  as_root rabbitmq-plugins -q enable rabbitmq_prometheus rabbitmq_management >/dev/null
  wait_for "RabbitMQ management API" 60 curl -sf -u "$RABBIT_ADMIN" "$RABBIT_API/overview"
  wait_for "RabbitMQ Prometheus endpoint" 60 curl -sf http://localhost:15692/metrics
}

declare_topology() {
  local api=$RABBIT_API vhost=%2F
  put() { curl -sf -u "$RABBIT_ADMIN" -H 'content-type: application/json' -X PUT "$api/$1" -d "$2" >/dev/null; }
  for q in songnodes.bronze.tracks songnodes.dlq songnodes.dlq.parking songnodes.reenrich songnodes.gold.silver-events; do
    put "queues/$vhost/$q" '{"durable":true}'
  done
  put "exchanges/$vhost/songnodes.silver.events" '{"type":"fanout","durable":true}'
  curl -sf -u "$RABBIT_ADMIN" -H 'content-type: application/json' -X POST \
    "$api/bindings/$vhost/e/songnodes.silver.events/q/songnodes.gold.silver-events" -d '{"routing_key":""}' >/dev/null
  # scrapers get a nack instead of an unbounded backlog; dead letters live on disk, not in memory
  put "policies/$vhost/songnodes-bronze" '{"pattern":"^songnodes\\.(bronze\\.tracks|reenrich)$","apply-to":"queues","priority":1,"definition":{"max-length":5000000,"overflow":"reject-publish"}}'
  put "policies/$vhost/songnodes-dlq" '{"pattern":"^songnodes\\.dlq(\\.parking)?$","apply-to":"queues","priority":1,"definition":{"queue-mode":"lazy"}}'
  log "queues, exchange and policies are in place"
}

# The exporters run without systemd too (containers): started here when their port is free.
start_exporters() {
  as_root mkdir -p /var/log/prometheus
  if ! curl -sf "http://localhost:$PG_EXPORTER_PORT/metrics" >/dev/null 2>&1; then
    log "starting prometheus-postgres-exporter on :$PG_EXPORTER_PORT"
    as_root env DATA_SOURCE_NAME="postgresql://postgres@localhost:$PG_PORT/$PG_DB?sslmode=disable" \
      setsid nohup prometheus-postgres-exporter --web.listen-address="127.0.0.1:$PG_EXPORTER_PORT" \
      >>/var/log/prometheus/songnodes-postgres-exporter.log 2>&1 < /dev/null &
  fi
  if ! curl -sf "http://localhost:$REDIS_EXPORTER_PORT/metrics" >/dev/null 2>&1; then
    log "starting prometheus-redis-exporter on :$REDIS_EXPORTER_PORT"
    as_root setsid nohup prometheus-redis-exporter -redis.addr "redis://127.0.0.1:$REDIS_PORT" \
      -web.listen-address "127.0.0.1:$REDIS_EXPORTER_PORT" >>/var/log/prometheus/songnodes-redis-exporter.log 2>&1 < /dev/null &
  fi
  wait_for "PostgreSQL exporter" 30 curl -sf "http://localhost:$PG_EXPORTER_PORT/metrics"
  wait_for "Redis exporter" 30 curl -sf "http://localhost:$REDIS_EXPORTER_PORT/metrics"
}

install_missing
start_postgres
start_redis
start_rabbitmq
declare_topology
start_exporters
log "ready: PostgreSQL :$PG_PORT/$PG_DB, Redis :$REDIS_PORT, RabbitMQ :5672 (metrics :15692), exporters :$PG_EXPORTER_PORT :$REDIS_EXPORTER_PORT"
