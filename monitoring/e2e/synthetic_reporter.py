#!/usr/bin/env python3
"""A synthetic stand-in for the Flink Prometheus reporter and the RabbitMQ plugin, for testing the
proof's mechanics only (`prove.sh selftest`). It is never evidence that the jobs emit a metric: the
real proof scrapes the real jobs.

It serves, on one port, exactly the series shapes the real exporters produce: every row of
METRIC-NAMES.md as flink_taskmanager_job_task_operator_<label keys>_<base name> from two subtasks
(histograms as summaries with Flink's six quantiles and _count), Flink's own JobManager and task
metrics, and rabbitmq_detailed_queue_* for the DLQ queues. Counters grow on every scrape.

  synthetic_reporter.py PORT
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import catalogue  # noqa: E402

QUANTILES = ["0.5", "0.75", "0.95", "0.98", "0.99", "0.999"]
# The catalogue's label values (docs/metrics.md), so that queries filtering on one value find it.
VALUES = {"provider": ["spotify"], "to_state": ["open", "half_open", "closed"], "attempt": ["1", "2"],
          "error_type": ["provider_transient"], "field": ["bpm"], "field_name": ["bpm"],
          "from_provider": ["beatport"], "to_provider": ["deezer"], "source": ["1001tracklists"],
          "table": ["gold_tracks"], "layer": ["silver"], "field_category": ["identifiers"],
          "queue": ["songnodes.dlq"], "kind": ["free_text"]}
STATUS = {"enrichment_api_calls": ["success", "not_found", "error", "rate_limited", "circuit_open", "timeout", "budget"],
          "enrichment_tracks": ["completed", "partial", "not_found", "failed", "unidentified"],
          "enrichment_configuration_reload": ["success", "error"],
          "dlq_replay": ["replayed", "parked", "skipped", "error"]}
START = time.time()


def labels(d):
    return "{" + ",".join(f'{k}="{v}"' for k, v in d.items()) + "}"


def body():
    t = time.time() - START
    out = []
    for row in catalogue.rows():
        if row["base"] in ("—", "-", ""):
            continue
        name = catalogue.flink_name(row)
        combos = [{}]
        for l in row["labels"]:
            vals = STATUS[row["base"]] if l == "status" else VALUES.get(l, ["x"])
            combos = [{**c, l: v} for c in combos for v in vals]
        for lv, sub in ((c, s) for c in combos for s in ("0", "1")):
            scope = {"job_name": "bronze_to_silver", "task_name": "enrich", "operator_name": "enrich",
                     "subtask_index": sub, "tm_id": f"tm{sub}", "host": "localhost"}
            if row["type"].startswith("Histogram"):
                for i, q in enumerate(QUANTILES):
                    out.append(f"{name}{labels({**lv, **scope, 'quantile': q})} {0.1 * (i + 1)}")
                out.append(f"{name}_count{labels({**lv, **scope})} {int(10 * t)}")
            elif row["type"].startswith("Counter"):
                out.append(f"{name}{labels({**lv, **scope})} {int(5 * t)}")
            else:
                out.append(f"{name}{labels({**lv, **scope})} 0.5")
    job = {"job_name": "bronze_to_silver", "job_id": "0123456789abcdef", "host": "localhost"}
    out += [
        f'flink_jobmanager_numRunningJobs{{host="localhost"}} 1',
        f"flink_jobmanager_job_uptime{labels(job)} {int(1000 * t)}",
        f"flink_jobmanager_job_numRestarts{labels(job)} 0",
        f"flink_jobmanager_job_numberOfCompletedCheckpoints{labels(job)} {int(t / 2)}",
        f"flink_jobmanager_job_numberOfFailedCheckpoints{labels(job)} 0",
        f"flink_jobmanager_job_lastCheckpointDuration{labels(job)} 42",
        f"flink_jobmanager_job_lastCheckpointSize{labels(job)} 4096",
    ]
    task = {"job_name": "bronze_to_silver", "task_name": "enrich", "subtask_index": "0", "tm_id": "tm0"}
    out += [
        f"flink_taskmanager_job_task_backPressuredTimeMsPerSecond{labels(task)} 12",
        f"flink_taskmanager_job_task_busyTimeMsPerSecond{labels(task)} 300",
        f"flink_taskmanager_job_task_numRecordsIn{labels(task)} {int(100 * t)}",
        f"flink_taskmanager_job_task_numRecordsOut{labels(task)} {int(100 * t)}",
    ]
    for name, (raw, raw_labels, value, _) in catalogue.EXPORTED.items():
        if not raw.startswith("rabbitmq_"):
            out.append(f"{raw}{labels(raw_labels)} {value}")
    out.append('rabbitmq_detailed_queue_messages{vhost="/",queue="songnodes.bronze.tracks"} 3')
    out.append('rabbitmq_detailed_queue_messages{vhost="/",queue="songnodes.reenrich"} 0')
    for q, n, ts in (("songnodes.dlq", 7, int(time.time()) - 90), ("songnodes.dlq.parking", 0, None)):
        out.append(f'rabbitmq_detailed_queue_messages{{vhost="/",queue="{q}"}} {n}')
        out.append(f'rabbitmq_detailed_queue_head_message_timestamp{{vhost="/",queue="{q}"}} '
                   f'{ts if ts else "NaN"}')
    return ("\n".join(out) + "\n").encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = body()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
