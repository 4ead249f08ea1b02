#!/usr/bin/env python3
"""Reads the stable-name catalogue (METRIC-NAMES.md) and derives checks from it.

  catalogue.py names                 print every stable name, one per line
  catalogue.py test OUT.yml          write a promtool rule test: for every catalogue row, raw Flink
                                     (or RabbitMQ) series from two subtasks must come out of the
                                     recording rules under the stable name with exactly its labels
  catalogue.py check-rules RULES     fail unless RULES records every stable name (and only those)

Plain Python 3, no third-party modules (CI installs nothing but Debian's prometheus packages).
"""
import json
import re
import sys
from pathlib import Path

MONITORING = Path(__file__).resolve().parent.parent
CATALOGUE = MONITORING / "METRIC-NAMES.md"
FLINK_PREFIX = "flink_taskmanager_job_task_operator_"
# Stable names recorded from RabbitMQ's plugin and Debian's exporters instead of Flink: the raw series
# (name, labels) the test feeds, its value, and the value the stable name must then have.
EXPORTED = {
    "enrichment_queue_depth": ("rabbitmq_detailed_queue_messages", {"vhost": "/", "queue": "songnodes.bronze.tracks"}, 1500, 1500),
    "infra_postgres_up": ("pg_exporter_last_scrape_error", {}, 0, 1),
    "infra_postgres_connections": ("pg_stat_database_numbackends", {"datname": "songnodes", "server": "localhost:5432"}, 12, 12),
    "infra_postgres_max_connections": ("pg_settings_max_connections", {"server": "localhost:5432"}, 100, 100),
    "infra_postgres_locks": ("pg_locks_count", {"datname": "songnodes", "mode": "rowexclusivelock", "server": "localhost:5432"}, 3, 3),
    "infra_redis_up": ("redis_up", {}, 1, 1),
    "infra_redis_memory_used_bytes": ("redis_memory_used_bytes", {}, 1048576, 1048576),
    "infra_redis_memory_max_bytes": ("redis_memory_max_bytes", {}, 0, 0),
    "infra_redis_evicted_keys_total": ("redis_evicted_keys_total", {}, 5, 5),
    "infra_redis_connected_clients": ("redis_connected_clients", {}, 9, 9),
}


def rows(path=CATALOGUE):
    """Table rows of METRIC-NAMES.md as dicts: name, labels, type, base, aggregation."""
    out = []
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not re.fullmatch(r"[a-z_]+", cells[0]) or cells[0] == "stable":
            continue
        labels = [] if cells[1] in ("(none)", "") else [l.strip() for l in cells[1].split(",")]
        out.append({
            "name": cells[0],
            "labels": labels,
            "type": cells[2],
            "base": cells[3],
            "aggregation": cells[4] if len(cells) > 4 else "",
        })
    if not out:
        sys.exit(f"no catalogue rows found in {path}")
    return out


def flink_name(row):
    return FLINK_PREFIX + "".join(l + "_" for l in row["labels"]) + row["base"]


def label_str(labels):
    return "{" + ", ".join(f'{k}="{v}"' for k, v in labels.items()) + "}"


def expected_value(row, a, b):
    agg = row["aggregation"].split()[0] if row["aggregation"] else ""
    if row["type"].startswith("Counter") or agg == "sum":
        v = a + b
    elif agg == "min":
        v = min(a, b)
    else:
        v = max(a, b)
    # Flink histograms hold longs: durations arrive in milliseconds and the rules turn them into seconds
    return v / 1000 if row["base"].endswith("_ms") else v


def make_test(out_path):
    series, exprs = [], []
    for i, row in enumerate(rows()):
        values = {l: f"{l}_v{i}" for l in row["labels"]}
        if row["name"] == "dlq_messages_total":
            series.append({"series": "rabbitmq_detailed_queue_messages"
                           + label_str({"vhost": "/", "queue": "songnodes.dlq"}), "values": "12x5"})
            exprs.append({"expr": row["name"], "eval_time": "5m", "exp_samples": [
                {"labels": row["name"] + label_str({"queue": "songnodes.dlq"}), "value": 12}]})
            continue
        if row["name"] == "dlq_oldest_message_age_seconds":
            series.append({"series": "rabbitmq_detailed_queue_head_message_timestamp"
                           + label_str({"vhost": "/", "queue": "songnodes.dlq"}), "values": "60x5"})
            exprs.append({"expr": row["name"], "eval_time": "5m", "exp_samples": [
                {"labels": row["name"] + label_str({"queue": "songnodes.dlq"}), "value": 240}]})
            continue
        if row["name"] in EXPORTED:
            raw, raw_labels, value, expected = EXPORTED[row["name"]]
            series.append({"series": raw + label_str({**raw_labels, "instance": "localhost:9999"}), "values": f"{value}x5"})
            exprs.append({"expr": row["name"], "eval_time": "5m", "exp_samples": [
                {"labels": row["name"] + label_str({l: raw_labels[l] for l in row["labels"]}), "value": expected}]})
            continue
        histogram = row["type"].startswith("Histogram")
        if histogram:
            values["quantile"] = "0.95"
        a, b = 3 + i, 5 + 2 * i
        for subtask, v in (("0", a), ("1", b)):
            noise = {"job_name": "job", "task_name": f"task {i}", "operator_name": f"op{i}",
                     "subtask_index": subtask, "tm_id": f"tm-{subtask}", "host": "localhost"}
            series.append({"series": flink_name(row) + label_str({**values, **noise}),
                           "values": f"{v}x5"})
        if histogram:
            series.append({"series": flink_name(row) + "_count" + label_str(
                {**{k: v for k, v in values.items() if k != "quantile"}, "subtask_index": "0"}),
                "values": "1000x5"})
        expected = dict(values)
        if row["aggregation"].startswith("sum per job"):
            expected["job_name"] = "job"
        exprs.append({"expr": row["name"], "eval_time": "5m", "exp_samples": [
            {"labels": row["name"] + label_str(expected), "value": expected_value(row, a, b)}]})
    test = {
        "rule_files": [str(MONITORING / "prometheus/rules/recording.yml")],
        "evaluation_interval": "1m",
        "tests": [{"name": "every catalogue name comes out of the recording rules",
                   "interval": "1m", "input_series": series, "promql_expr_test": exprs}],
    }
    Path(out_path).write_text(json.dumps(test, indent=1))
    print(f"{out_path}: {len(exprs)} catalogue names, {len(series)} input series")


def check_rules(rules_path):
    recorded = set(re.findall(r"^\s*-\s*record:\s*(\S+)", Path(rules_path).read_text(), re.M))
    names = {r["name"] for r in rows()}
    missing, extra = sorted(names - recorded), sorted(recorded - names)
    for n in missing:
        print(f"MISSING recording rule for catalogue name {n}")
    for n in extra:
        print(f"recording rule {n} is not in the catalogue")
    print(f"{len(names)} catalogue names, {len(recorded)} recorded")
    return 1 if missing or extra else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "names":
        print("\n".join(r["name"] for r in rows()))
        return 0
    if len(argv) == 3 and argv[1] == "test":
        make_test(argv[2])
        return 0
    if len(argv) == 3 and argv[1] == "check-rules":
        return check_rules(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
