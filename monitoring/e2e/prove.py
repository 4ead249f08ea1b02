#!/usr/bin/env python3
"""End-to-end proof: a real Prometheus with the shipped config and rules, then every stable name and
every dashboard query must return at least one series.

  prove.py run [--settle S] [-- COMMAND ...]
        start Prometheus, run COMMAND if given (e.g. the script that runs the jobs against the
        simulator with faults), wait S seconds of scrapes (default 20), query, stop Prometheus
  prove.py start          start Prometheus and leave it running (state in $PROVE_STATE_DIR)
  prove.py query          query the Prometheus started by `start` (or $PROM_URL)
  prove.py stop           stop the Prometheus started by `start`
  prove.py selftest       run the proof against synthetic_reporter.py (checks the mechanics only)

The config is monitoring/prometheus/prometheus.yml with an overlay: scrape and evaluation interval
$SCRAPE_INTERVAL (default 2s), absolute rule paths, no Alertmanager. It scrapes whatever answers on
localhost:9249-9260 (Flink reporters) and localhost:15692 (RabbitMQ plugin); FLINK_TARGETS
(comma-separated host:port) and RABBITMQ_TARGET override them.
While something is empty it re-queries for up to $MAX_WAIT seconds (default 60) before reporting.
Exit status: 0 when nothing is empty, 1 when some name or query returned no series, 2 on setup errors.
Needs python3 with PyYAML and Debian's `prometheus` binary.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

MONITORING = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(MONITORING / "tools"))
import catalogue  # noqa: E402
import dashboards  # noqa: E402

SCRAPE_INTERVAL = os.environ.get("SCRAPE_INTERVAL", "2s")
STATE = Path(os.environ.get("PROVE_STATE_DIR", "/tmp/songnodes-prove"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def overlay_config(workdir):
    cfg = yaml.safe_load((MONITORING / "prometheus/prometheus.yml").read_text())
    cfg["global"].update({"scrape_interval": SCRAPE_INTERVAL, "evaluation_interval": SCRAPE_INTERVAL,
                          "scrape_timeout": SCRAPE_INTERVAL})
    cfg["rule_files"] = [str(MONITORING / "prometheus" / f) for f in cfg["rule_files"]]
    cfg.pop("alerting", None)
    # Optional target overrides (the proof's self-test points them at a synthetic reporter).
    overrides = {"flink": os.environ.get("FLINK_TARGETS"), "rabbitmq": os.environ.get("RABBITMQ_TARGET"),
                 "rabbitmq-detailed": os.environ.get("RABBITMQ_TARGET")}
    for job in cfg["scrape_configs"]:
        if overrides.get(job["job_name"]):
            job["static_configs"] = [{"targets": overrides[job["job_name"]].split(",")}]
    path = workdir / "prometheus.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return path


def api(url, path, **params):
    q = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{url}{path}?{q}" if q else f"{url}{path}", timeout=10) as r:
        return json.load(r)


def start(workdir):
    binary = shutil.which("prometheus")
    if not binary:
        sys.exit("prometheus binary not found (apt-get install prometheus)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cfg = overlay_config(workdir)
    log = open(workdir / "prometheus.log", "w")
    proc = subprocess.Popen([binary, f"--config.file={cfg}", f"--storage.tsdb.path={workdir / 'data'}",
                             f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"prometheus exited with {proc.returncode}; log: {workdir / 'prometheus.log'}")
        try:
            with urllib.request.urlopen(f"{url}/-/ready", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        time.sleep(0.5)
    else:
        proc.kill()
        sys.exit("prometheus did not become ready within 60 s")
    print(f"prometheus {url} (pid {proc.pid}), scrape/evaluation interval {SCRAPE_INTERVAL}, "
          f"config {cfg}")
    return proc, url


def stop_pid(pid):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)


def wait_for_scrapes(url, settle):
    """Waits until every target was scraped once, then `settle` seconds more."""
    deadline = time.time() + 60
    while time.time() < deadline:
        targets = api(url, "/api/v1/targets")["data"]["activeTargets"]
        if targets and all(not t["lastScrape"].startswith("0001") for t in targets):
            break
        time.sleep(0.5)
    print(f"waiting {settle}s for scrapes and rule evaluations")
    time.sleep(settle)
    targets = api(url, "/api/v1/targets")["data"]["activeTargets"]
    up = [t["scrapeUrl"] for t in targets if t["health"] == "up"]
    print(f"targets up: {len(up)} of {len(targets)}")
    for u in up:
        print(f"  up   {u}")


def count(url, expr):
    try:
        r = api(url, "/api/v1/query", query=expr)
    except urllib.error.HTTPError as e:
        body = json.load(e)
        return None, body.get("error", str(e))
    if r["status"] != "success":
        return None, r.get("error")
    data = r["data"]
    if data["resultType"] in ("vector", "matrix"):
        return len(data["result"]), None
    return 1, None


def collect(url):
    """Every stable name and dashboard query with its series count (None and an error if it failed)."""
    rows = []
    for row in catalogue.rows():
        n, err = count(url, row["name"])
        hint = ""
        if not n and row["name"].startswith("dlq_"):
            raw, _ = count(url, 'rabbitmq_detailed_queue_messages{queue=~".*dlq.*"}')
            hint = f"(rabbitmq_detailed_queue_messages of DLQ queues: {raw or 0}; needs rabbitmq_prometheus on 15692)" \
                if row["name"] in ("dlq_messages_total", "dlq_oldest_message_age_seconds") else ""
        if not n and not hint:
            raw, _ = count(url, catalogue.flink_name(row))
            hint = f"(raw Flink series {catalogue.flink_name(row)}: {raw or 0})"
        rows.append(("name", row["name"], row["name"], n, err, hint))
    for q in dashboards.queries(MONITORING / "grafana/dashboards"):
        n, err = count(url, q["expr"])
        rows.append(("query", f"{q['dashboard']} / {q['panel']} [{q['refId']}]", q["expr"], n, err, ""))
    return rows


def report(url, rows):
    def status(n, err):
        return "ERROR" if err else ("OK" if n else "EMPTY")
    print("\n==== stable names (METRIC-NAMES.md)")
    for kind, label, expr, n, err, hint in rows:
        if kind == "name":
            print(f"{status(n, err):5} {n or 0:4}  {label}{'   ' + hint if not n and hint else ''}{'  ' + err if err else ''}")
    print("\n==== dashboard queries (variables substituted: .* for All, $__rate_interval=1m)")
    for kind, label, expr, n, err, hint in rows:
        if kind == "query":
            print(f"{status(n, err):5} {n or 0:4}  {label}\n            {expr}{'  ' + err if err else ''}")
    alerts = api(url, "/api/v1/alerts")["data"]["alerts"]
    print(f"\n==== alerts active now: {len(alerts)}")
    for a in alerts:
        print(f"  {a['state']:8} {a['labels'].get('alertname')} "
              f"{ {k: v for k, v in a['labels'].items() if k not in ('alertname', 'severity', 'component', 'family')} }")
    bad = [r for r in rows if not r[3]]
    print("\n==== summary")
    print(f"{len(rows) - len(bad)} of {len(rows)} names and queries returned data")
    for kind, label, expr, n, err, hint in bad:
        print(f"{status(n, err):5}  {label}" + (f": {expr}" if kind == "query" else "") + (f"  {err}" if err else ""))
    return 1 if bad else 0


def query_all(url, max_wait=None):
    """Queries everything; while something is empty, re-queries until max_wait seconds have passed
    (rule evaluations and rate windows fill in over the first scrapes)."""
    max_wait = float(os.environ.get("MAX_WAIT", "60")) if max_wait is None else max_wait
    deadline = time.time() + max_wait
    while True:
        rows = collect(url)
        if all(r[3] for r in rows) or time.time() >= deadline:
            return report(url, rows)
        time.sleep(2)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "run"
    if cmd == "run":
        settle, command = 20.0, []
        rest = argv[2:]
        if "--" in rest:
            command = rest[rest.index("--") + 1:]
            rest = rest[:rest.index("--")]
        if rest[:1] == ["--settle"]:
            settle = float(rest[1])
        workdir = Path(tempfile.mkdtemp(prefix="songnodes-prove-"))
        proc, url = start(workdir)
        try:
            if command:
                print(f"running: {' '.join(command)}")
                rc = subprocess.call(command)
                print(f"command exited with {rc}")
            wait_for_scrapes(url, settle)
            return query_all(url)
        finally:
            stop_pid(proc.pid)
            shutil.rmtree(workdir, ignore_errors=True)
    if cmd == "selftest":
        port = free_port()
        reporter = subprocess.Popen([sys.executable, str(Path(__file__).with_name("synthetic_reporter.py")),
                                     str(port)], start_new_session=True)
        os.environ["FLINK_TARGETS"] = os.environ["RABBITMQ_TARGET"] = f"127.0.0.1:{port}"
        try:
            return main([argv[0], "run", "--settle", os.environ.get("SETTLE", "8")])
        finally:
            stop_pid(reporter.pid)
    if cmd == "start":
        STATE.mkdir(parents=True, exist_ok=True)
        if (STATE / "pid").exists():
            sys.exit(f"already started (pid {(STATE / 'pid').read_text()}); run `prove.sh stop` first")
        proc, url = start(STATE)
        (STATE / "pid").write_text(str(proc.pid))
        (STATE / "url").write_text(url)
        print(f"started; query with `prove.sh query`, stop with `prove.sh stop`")
        return 0
    if cmd == "query":
        url = os.environ.get("PROM_URL") or (STATE / "url").read_text().strip()
        wait_for_scrapes(url, float(os.environ.get("SETTLE", "0")))
        return query_all(url)
    if cmd == "stop":
        if (STATE / "pid").exists():
            stop_pid(int((STATE / "pid").read_text()))
            shutil.rmtree(STATE, ignore_errors=True)
            print("stopped")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
