#!/usr/bin/env python3
"""Writes the six Grafana dashboards (grafana/dashboards/*.json) from one readable definition.

The JSON files are committed (Grafana provisions them from disk); check.sh regenerates them into a
temporary directory and fails on any difference, so the JSON never drifts from this file.
Queries use only the stable names of METRIC-NAMES.md, plus Flink's own metrics on the Flink Jobs
board. Template variables: $provider, $source, $job (all multi-value, "All" = .*).

  gen_dashboards.py [OUT_DIR]      default OUT_DIR: ../grafana/dashboards
"""
import json
import sys
from pathlib import Path

DS = {"type": "prometheus", "uid": "songnodes-prometheus"}
RI = "$__rate_interval"
P = 'provider=~"$provider"'


def var(name, label, query):
    return {
        "name": name, "label": label, "type": "query", "datasource": DS,
        "query": query, "definition": query, "refresh": 2, "sort": 1,
        "multi": True, "includeAll": True, "allValue": ".*",
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "options": [], "hide": 0,
    }


def panel(title, targets, kind="timeseries", w=12, h=8, unit=None, desc="", max_=None,
          thresholds=None, mappings=None, min_=None):
    if isinstance(targets, str):
        targets = [(targets, "")]
    instant = kind in ("stat", "gauge", "bargauge")
    t = [{"datasource": DS, "expr": e, "legendFormat": lf or "__auto", "refId": chr(65 + i),
          "range": not instant, "instant": instant}
         for i, (e, lf) in enumerate(targets)]
    defaults = {}
    if unit:
        defaults["unit"] = unit
    if max_ is not None:
        defaults["max"] = max_
    if min_ is not None:
        defaults["min"] = min_
    if thresholds:
        defaults["thresholds"] = {"mode": "absolute", "steps": [
            {"color": c, "value": v} for v, c in thresholds]}
    if mappings:
        defaults["mappings"] = mappings
    p = {"type": kind, "title": title, "description": desc, "datasource": DS, "targets": t,
         "fieldConfig": {"defaults": defaults, "overrides": []}, "_w": w, "_h": h}
    if kind == "timeseries":
        p["options"] = {"legend": {"displayMode": "table", "placement": "bottom",
                                   "calcs": ["lastNotNull", "max"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}
    elif kind in ("stat", "gauge", "bargauge"):
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "orientation": "horizontal"}
    return p


def layout(items):
    """Places panels left to right, wrapping at 24 columns; assigns ids."""
    x = y = rowh = 0
    out = []
    for i, p in enumerate(items, start=1):
        w, h = p.pop("_w"), p.pop("_h")
        if x + w > 24:
            x, y, rowh = 0, y + rowh, 0
        p["id"] = i
        p["gridPos"] = {"x": x, "y": y, "w": w, "h": h}
        x += w
        rowh = max(rowh, h)
        out.append(p)
    return out


def dashboard(uid, title, tags, items, variables=(), desc=""):
    return {
        "uid": uid, "title": title, "description": desc, "tags": ["songnodes"] + tags,
        "timezone": "utc", "editable": True, "graphTooltip": 1, "schemaVersion": 39,
        "version": 1, "refresh": "30s", "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": list(variables)},
        "annotations": {"list": [{
            "builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"},
            "enable": True, "hide": True, "iconColor": "rgba(0, 211, 255, 1)",
            "name": "Annotations & Alerts", "type": "dashboard"}]},
        "links": [{"title": "SongNodes", "type": "dashboards", "tags": ["songnodes"],
                   "asDropdown": True, "includeVars": False, "keepTime": True}],
        "panels": layout(items),
    }


PROVIDER = var("provider", "Provider", "label_values(enrichment_api_calls_total, provider)")
SOURCE = var("source", "Source", "label_values(medallion_bronze_records_total, source)")
JOB = var("job", "Flink job", "label_values(flink_jobmanager_job_uptime, job_name)")
BREAKER = [{"type": "value", "options": {
    "0": {"text": "closed", "color": "green", "index": 0},
    "1": {"text": "half-open", "color": "yellow", "index": 1},
    "2": {"text": "open", "color": "red", "index": 2}}}]
OK_WARN_BAD = lambda warn, bad: [(None, "green"), (warn, "orange"), (bad, "red")]
BAD_WARN_OK = lambda bad, warn: [(None, "red"), (bad, "orange"), (warn, "green")]


def calls(status_re=None):
    sel = P + (f', status=~"{status_re}"' if status_re else "")
    return f"enrichment_api_calls_total{{{sel}}}"


enrichment = dashboard(
    "songnodes-enrichment", "SongNodes / Enrichment Pipeline", ["enrichment"], [
        panel("Tracks enriched (1 h)",
              'sum(increase(enrichment_tracks_total{status=~"completed|partial|not_found"}[1h]))',
              "stat", 6, 4, "short"),
        panel("Tracks in progress", "enrichment_tracks_in_progress", "stat", 6, 4, "short"),
        panel("Provider success ratio (5 m)",
              f'sum(rate({calls("success|not_found")}[5m])) / sum(rate({calls()}[5m]))',
              "stat", 6, 4, "percentunit", "success or not_found answers over all calls",
              thresholds=BAD_WARN_OK(0.7, 0.85)),
        panel("API spend this month (UTC)",
              f"sum(enrichment_api_budget_spent_usd{{{P}}})",
              "stat", 6, 4, "currencyUSD", "the month's spend shared in Redis by every job and the CLI; per-provider budgets in the next panel"),
        panel("Input queue depth (backlog)",
              [("max by (queue) (enrichment_queue_depth)", "{{queue}}")], unit="short",
              desc="bronze and re-enrichment queues waiting for bronze-to-silver; EnrichmentQueueBacklog above 1000 for 15 min",
              thresholds=OK_WARN_BAD(500, 1000)),
        panel("Processing rate (tracks per minute)",
              [("sum(rate(enrichment_tracks_total[$__rate_interval])) * 60", "settled"),
               ("sum by (job_name) (rate(enrichment_tracks_total[$__rate_interval])) * 60", "{{job_name}}")],
              unit="short", desc="rate per job, then summed: a batch job ending does not spike it; LowProcessingRate below 0.5 while input waits"),
        panel("Fields per waterfall run (median)",
              "max(waterfall_fields_enriched_per_run{quantile=\"0.5\"})", "stat", 6, 4, "short",
              "WaterfallFieldsPerRunLow below 3 for 30 min", thresholds=BAD_WARN_OK(3, 5)),
        panel("Provider answer rate (5 m)",
              'sum(rate(enrichment_api_calls_total{status=~"success|not_found"}[5m])) / sum(rate(enrichment_api_calls_total{status!~"budget|circuit_open"}[5m]))',
              "stat", 6, 4, "percentunit", "EnrichmentSuccessRateLow below 70% for 15 min", thresholds=BAD_WARN_OK(0.7, 0.85)),
        panel("Tracks by outcome", f"sum by (status) (rate(enrichment_tracks_total[{RI}]))",
              unit="ops", desc="completed, partial, not_found (no provider matched), failed, unidentified per second"),
        panel("Provider calls by status",
              [(f"sum by (provider, status) (rate({calls()}[{RI}]))", "{{provider}} {{status}}")],
              unit="reqps"),
        panel("Success ratio by provider",
              [(f'sum by (provider) (rate({calls("success|not_found")}[{RI}])) / '
                f"sum by (provider) (rate({calls()}[{RI}]))", "{{provider}}")],
              unit="percentunit", max_=1, min_=0),
        panel("API latency (p50, p95, p99)",
              [(f'enrichment_api_duration_seconds{{{P}, quantile=~"0.5|0.95|0.99"}}',
                "{{provider}} p{{quantile}}")], unit="s", thresholds=OK_WARN_BAD(2, 5),
              desc="worst subtask per quantile; alert at p95 > 5 s"),
        panel("API errors by type",
              [(f"sum by (provider, error_type) (rate(enrichment_api_errors_total{{{P}}}[{RI}]))",
                "{{provider}} {{error_type}}")], unit="ops"),
        panel("Cache hit ratio",
              [(f"sum by (provider) (rate(enrichment_cache_hits_total{{{P}}}[{RI}])) / "
                f"(sum by (provider) (rate(enrichment_cache_hits_total{{{P}}}[{RI}])) + "
                f"sum by (provider) (rate(enrichment_cache_misses_total{{{P}}}[{RI}])))",
                "{{provider}}")], unit="percentunit", max_=1, min_=0,
              thresholds=BAD_WARN_OK(0.3, 0.6)),
        panel("Cache hits and misses",
              [(f"sum by (provider) (rate(enrichment_cache_hits_total{{{P}}}[{RI}]))",
                "{{provider}} hits"),
               (f"sum by (provider) (rate(enrichment_cache_misses_total{{{P}}}[{RI}]))",
                "{{provider}} misses")], unit="ops"),
        panel("Month's spend vs budget by provider",
              [(f"max by (provider) (enrichment_api_budget_spent_usd{{{P}}})", "{{provider}} spent"),
               (f"max by (provider) (enrichment_api_budget_usd{{{P}}})", "{{provider}} budget")],
              unit="currencyUSD", desc="monthly_budget_usd per provider (0: none); at 100% the provider is skipped until the 1st"),
        panel("Estimated cost by provider (running total)",
              [(f"sum by (provider) (enrichment_api_cost_estimate_usd{{{P}}})", "{{provider}}")],
              unit="currencyUSD"),
        panel("Metadata fields populated",
              [(f"sum by (field) (rate(enrichment_metadata_fields_populated_total[{RI}]))",
                "{{field}}")], unit="ops"),
        panel("Waterfall wins by provider",
              [(f"sum by (provider) (rate(waterfall_provider_wins_total{{{P}}}[{RI}]))",
                "{{provider}}")], unit="ops"),
        panel("Waterfall fallbacks",
              [(f"sum by (from_provider, to_provider) (rate(waterfall_fallback_count_total[{RI}]))",
                "{{from_provider}} -> {{to_provider}}")], unit="ops"),
        panel("Fields enriched per track (p50, p95)",
              [('waterfall_fields_enriched_per_run{quantile=~"0.5|0.95"}', "p{{quantile}}")],
              unit="short"),
        panel("Configuration reloads (24 h)",
              [("sum by (status) (increase(enrichment_configuration_reload_total[24h]))",
                "{{status}}")], "stat", 12, 4, "short"),
    ], [PROVIDER], "Throughput, success, latency, cache, cost and fields of the enrichment.")

gateway = dashboard(
    "songnodes-api-gateway", "SongNodes / API Gateway & Resilience", ["resilience"], [
        panel("rate_limited answers (1 h): must be 0",
              [(f'sum by (provider) (increase({calls("rate_limited")}[1h]))', "{{provider}}")], "stat", 24, 4, "short",
              "The global limiter exists to make this impossible (alert EnrichmentRateLimitViolations).",
              thresholds=[(None, "green"), (0.5, "red")]),
        panel("Circuit breaker state", [(f"api_gateway_circuit_breaker_state{{{P}}}", "{{provider}}")],
              "state-timeline", 24, 6, mappings=BREAKER, thresholds=OK_WARN_BAD(1, 2),
              desc="0 closed, 1 half-open, 2 open (worst subtask)"),
        panel("Breaker transitions (15 m)",
              [(f"sum by (provider, to_state) (increase(api_gateway_circuit_breaker_transitions_total{{{P}}}[15m]))",
                "{{provider}} -> {{to_state}}")], unit="short", thresholds=OK_WARN_BAD(5, 10),
              desc="more than 10 in 15 min = flapping"),
        panel("Calls rejected by an open breaker",
              [(f'sum by (provider) (rate({calls("circuit_open")}[{RI}]))', "{{provider}}")],
              unit="reqps"),
        panel("Limiter tokens available (share of capacity)",
              [(f"api_gateway_rate_limiter_tokens_available{{{P}}} / api_gateway_rate_limiter_capacity{{{P}}}",
                "{{provider}}")], unit="percentunit", max_=1, min_=0),
        panel("Limiter tokens and capacity",
              [(f"api_gateway_rate_limiter_tokens_available{{{P}}}", "{{provider}} available"),
               (f"api_gateway_rate_limiter_capacity{{{P}}}", "{{provider}} capacity")],
              unit="short"),
        panel("Limiter wait (p50, p95, p99)",
              [(f'api_gateway_rate_limiter_wait_seconds{{{P}, quantile=~"0.5|0.95|0.99"}}',
                "{{provider}} p{{quantile}}")], unit="s"),
        panel("Retries by attempt",
              [(f"sum by (provider, attempt) (rate(api_gateway_retry_attempts_total{{{P}}}[{RI}]))",
                "{{provider}} attempt {{attempt}}")], unit="ops"),
        panel("Retry ratio (retries per call)",
              [(f'sum by (provider) (rate(api_gateway_retry_attempts_total{{{P}, attempt!="1"}}[{RI}])) / '
                f"sum by (provider) (rate({calls()}[{RI}]))", "{{provider}}")],
              unit="percentunit", thresholds=OK_WARN_BAD(0.1, 0.3)),
        panel("Errors and timeouts",
              [(f'sum by (provider, status) (rate({calls("error|timeout")}[{RI}]))',
                "{{provider}} {{status}}")], unit="reqps"),
        panel("Provider quota remaining (response headers)",
              [(f"enrichment_api_rate_limit_remaining{{{P}}}", "{{provider}}")], w=24,
              unit="short", desc="only providers that send rate headers (e.g. Discogs X-Discogs-Ratelimit-Remaining)"),
    ], [PROVIDER], "Circuit breakers, global rate limiters, retries and provider quotas.")

dlq = dashboard(
    "songnodes-dlq", "SongNodes / DLQ", ["dlq"], [
        panel("Depth", [("dlq_messages_total", "{{queue}}")], "stat", 8, 5, "short",
              "songnodes.dlq and the parking lot songnodes.dlq.parking (RabbitMQ plugin)",
              thresholds=OK_WARN_BAD(100, 500)),
        panel("Oldest message age", [("dlq_oldest_message_age_seconds", "{{queue}}")],
              "stat", 8, 5, "s", thresholds=OK_WARN_BAD(3600, 86400)),
        panel("Replay failure ratio (1 h)",
              [('sum by (queue) (increase(dlq_replay_total{status=~"error|parked"}[1h])) / '
                'sum by (queue) (increase(dlq_replay_total{status=~"replayed|parked|error"}[1h]))',
                "{{queue}}")], "stat", 8, 5, "percentunit", thresholds=OK_WARN_BAD(0.2, 0.5)),
        panel("Depth over time", [("dlq_messages_total", "{{queue}}")], unit="short",
              thresholds=OK_WARN_BAD(100, 500)),
        panel("Oldest message age over time", [("dlq_oldest_message_age_seconds", "{{queue}}")],
              unit="s"),
        panel("Dead letters by reason",
              [(f"sum by (error_type) (rate(dlq_published_total[{RI}]))", "{{error_type}}")],
              unit="ops"),
        panel("Dead letters by provider (24 h)",
              [("sum by (provider) (increase(dlq_published_total[24h]))", "{{provider}}")],
              "bargauge", 12, 8, "short"),
        panel("Dead letters by reason and provider (1 h)",
              [("sum by (error_type, provider) (increase(dlq_published_total[1h]))",
                "{{error_type}} / {{provider}}")], "bargauge", 12, 8, "short"),
        panel("Replays by status (1 h)",
              [("sum by (queue, status) (increase(dlq_replay_total[1h]))", "{{queue}} {{status}}")],
              "bargauge", 12, 8, "short", "dlq-replay is a bounded job: its runs of the last hour"),
    ], [], "Depth, age, reasons and replays of the dead-letter queue.")

medallion = dashboard(
    "songnodes-medallion", "SongNodes / Medallion", ["medallion"], [
        panel("Bronze -> silver lag",
              [('medallion_bronze_to_silver_lag_seconds{quantile=~"0.5|0.95|0.99"}', "p{{quantile}}")],
              w=12, h=8, unit="s", thresholds=OK_WARN_BAD(1800, 3600),
              desc="scraped_at to silver commit; alert at p95 > 1 h for 15 min"),
        panel("Silver -> gold lag",
              [('medallion_silver_to_gold_lag_seconds{quantile=~"0.5|0.95|0.99"}', "p{{quantile}}")],
              w=12, h=8, unit="s", thresholds=OK_WARN_BAD(3600, 7200),
              desc="silver commit to gold; alert at p95 > 2 h for 30 min"),
        panel("Bronze records (24 h)", "sum(increase(medallion_bronze_records_total[24h]))",
              "stat", 6, 4, "short"),
        panel("Silver tracks", "medallion_silver_records_total", "stat", 6, 4, "short"),
        panel("Gold rows", "sum(medallion_gold_records_total)", "stat", 6, 4, "short"),
        panel("Silver data quality", 'medallion_data_quality_score{layer="silver"}', "stat", 6, 4,
              "percentunit", thresholds=BAD_WARN_OK(0.6, 0.7)),
        panel("Gold rows by table", [("medallion_gold_records_total", "{{table}}")], unit="short"),
        panel("Layer throughput",
              [(f"sum(rate(medallion_bronze_records_total[{RI}]))", "bronze records in"),
               (f"sum(rate(enrichment_tracks_total[{RI}]))", "tracks enriched into silver")],
              unit="ops"),
        panel("Data quality by layer", [("medallion_data_quality_score", "{{layer}}")], "gauge",
              12, 8, "percentunit", max_=1, min_=0, thresholds=BAD_WARN_OK(0.6, 0.7)),
        panel("Completeness per field category",
              [("medallion_enrichment_completeness", "{{field_category}}")], "bargauge", 12, 8,
              "percentunit", max_=1, min_=0, thresholds=BAD_WARN_OK(0.4, 0.6)),
        panel("Quality and completeness over time",
              [("medallion_data_quality_score", "quality {{layer}}"),
               ("medallion_enrichment_completeness", "completeness {{field_category}}")],
              w=24, unit="percentunit", max_=1, min_=0),
    ], [], "Layer counts, bronze->silver and silver->gold lag, quality and completeness.")

S = 'source=~"$source"'
bronze = dashboard(
    "songnodes-bronze", "SongNodes / Bronze Ingestion", ["bronze"], [
        panel("Records in the last 6 h per source (0 = silent)",
              [(f"sum by (source) (increase(medallion_bronze_records_total{{{S}}}[6h]))", "{{source}}")],
              "bargauge", 24, 6, "short",
              "A source that sent before and shows 0 here fires BronzeSourceSilent.",
              thresholds=[(None, "red"), (1, "green")]),
        panel("Bronze records by source",
              [(f"sum by (source) (rate(medallion_bronze_records_total{{{S}}}[{RI}]))", "{{source}}")],
              unit="ops"),
        panel("Schema errors by source and type",
              [(f"sum by (source, error_type) (rate(medallion_bronze_validation_errors_total{{{S}}}[{RI}]))",
                "{{source}} {{error_type}}")], unit="ops", thresholds=OK_WARN_BAD(0.25, 0.5),
              desc="alert at more than 0.5/s per source for 5 min"),
        panel("Schema errors per bronze record",
              [(f"sum by (source) (rate(medallion_bronze_validation_errors_total{{{S}}}[{RI}])) / "
                f"sum by (source) (rate(medallion_bronze_records_total{{{S}}}[{RI}]))", "{{source}}")],
              unit="percentunit"),
        panel("Validation errors by type (24 h)",
              [(f"sum by (error_type) (increase(medallion_bronze_validation_errors_total{{{S}}}[24h]))",
                "{{error_type}}")], "bargauge", 12, 8, "short"),
    ], [SOURCE], "Bronze records and schema errors per source; silent sources.")

J = 'job_name=~"$job"'
flink = dashboard(
    "songnodes-flink", "SongNodes / Flink Jobs", ["flink"], [
        panel("Reporters up", 'sum(up{job="flink"})', "stat", 6, 4, "short",
              "Flink reporters answering on 9249-9260 (JobManager and TaskManagers)"),
        panel("Running jobs", "max(flink_jobmanager_numRunningJobs)", "stat", 6, 4, "short",
              thresholds=[(None, "red"), (1, "green")]),
        panel("Restarts (1 h)",
              f"sum(max by (job_name) (increase(flink_jobmanager_job_numRestarts{{{J}}}[1h])))",
              "stat", 6, 4, "short", thresholds=OK_WARN_BAD(1, 3)),
        panel("Failed checkpoints (1 h)",
              f"sum(max by (job_name) (increase(flink_jobmanager_job_numberOfFailedCheckpoints{{{J}}}[1h])))",
              "stat", 6, 4, "short", thresholds=OK_WARN_BAD(1, 5)),
        panel("Job uptime",
              [(f"max by (job_name) (flink_jobmanager_job_uptime{{{J}}}) / 1000", "{{job_name}}")],
              unit="s", desc="0 = the job exists but is not RUNNING"),
        panel("Restarts", [(f"max by (job_name) (flink_jobmanager_job_numRestarts{{{J}}})", "{{job_name}}")],
              unit="short"),
        panel("Checkpoints (15 m)",
              [(f"max by (job_name) (increase(flink_jobmanager_job_numberOfCompletedCheckpoints{{{J}}}[15m]))",
                "{{job_name}} completed"),
               (f"max by (job_name) (increase(flink_jobmanager_job_numberOfFailedCheckpoints{{{J}}}[15m]))",
                "{{job_name}} failed")], unit="short"),
        panel("Last checkpoint duration and size",
              [(f"max by (job_name) (flink_jobmanager_job_lastCheckpointDuration{{{J}}})",
                "{{job_name}} duration (ms)"),
               (f"max by (job_name) (flink_jobmanager_job_lastCheckpointSize{{{J}}})",
                "{{job_name}} size (bytes)")], unit="short"),
        panel("Back-pressure (worst task)",
              [(f"max by (job_name) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond{{{J}}})",
                "{{job_name}}")], unit="ms", max_=1000, min_=0, thresholds=OK_WARN_BAD(100, 500),
              desc="ms per second the busiest task waited on its output"),
        panel("Busy time (worst task)",
              [(f"max by (job_name) (flink_taskmanager_job_task_busyTimeMsPerSecond{{{J}}})",
                "{{job_name}}")], unit="ms", max_=1000, min_=0),
        panel("Records in and out",
              [(f"sum by (job_name) (rate(flink_taskmanager_job_task_numRecordsIn{{{J}}}[{RI}]))",
                "{{job_name}} in"),
               (f"sum by (job_name) (rate(flink_taskmanager_job_task_numRecordsOut{{{J}}}[{RI}]))",
                "{{job_name}} out")], w=24, unit="ops"),
    ], [JOB], "Up, restarts, checkpoints, back-pressure and records of the Flink jobs.")

infrastructure = dashboard(
    "songnodes-infrastructure", "SongNodes / Infrastructure", ["infrastructure"], [
        panel("PostgreSQL up", "min(infra_postgres_up)", "stat", 6, 4, "short",
              "1: the exporter can query PostgreSQL", thresholds=BAD_WARN_OK(1, 1)),
        panel("Redis up", "min(infra_redis_up)", "stat", 6, 4, "short", thresholds=BAD_WARN_OK(1, 1)),
        panel("PostgreSQL connections in use", "sum(infra_postgres_connections) / max(infra_postgres_max_connections)",
              "stat", 6, 4, "percentunit", "of max_connections; PostgresConnectionsHigh above 80%", thresholds=OK_WARN_BAD(0.6, 0.8)),
        panel("Redis evictions (1 h)", "sum(increase(infra_redis_evicted_keys_total[1h]))", "stat", 6, 4, "short",
              "keys evicted for maxmemory; RedisEvictingKeys on any", thresholds=OK_WARN_BAD(1, 100)),
        panel("PostgreSQL connections by database",
              [("sum by (datname) (infra_postgres_connections)", "{{datname}}"),
               ("max(infra_postgres_max_connections)", "max_connections")], unit="short"),
        panel("PostgreSQL locks by mode",
              [("sum by (mode) (infra_postgres_locks)", "{{mode}}")], unit="short",
              desc="PostgresLocksHigh above 50 exclusive locks for 10 min"),
        panel("Redis memory (cache, limiters, budgets)",
              [("max(infra_redis_memory_used_bytes)", "used"), ("max(infra_redis_memory_max_bytes)", "maxmemory")],
              unit="bytes", desc="maxmemory 0: unlimited"),
        panel("Redis evictions and clients",
              [("sum(rate(infra_redis_evicted_keys_total[$__rate_interval]))", "evictions/s"),
               ("max(infra_redis_connected_clients)", "clients")], unit="short"),
    ], [], "PostgreSQL and Redis through Debian's exporters: connections, locks, cache memory, evictions.")

DASHBOARDS = {
    "enrichment-pipeline.json": enrichment,
    "api-gateway-resilience.json": gateway,
    "dlq.json": dlq,
    "medallion.json": medallion,
    "bronze-ingestion.json": bronze,
    "flink-jobs.json": flink,
    "infrastructure.json": infrastructure,
}


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "grafana/dashboards"
    out.mkdir(parents=True, exist_ok=True)
    for name, d in DASHBOARDS.items():
        (out / name).write_text(json.dumps(d, indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(DASHBOARDS)} dashboards to {out}")


if __name__ == "__main__":
    main(sys.argv)
