#!/usr/bin/env python3
"""Proves the shipped Alertmanager config's inhibition against a real Alertmanager.

Starts prometheus-alertmanager with alertmanager/alertmanager.yml on a free local port (clustering
off, throwaway storage), posts alert pairs through the v2 API and checks that each critical alert
inhibits exactly its warning twin (same family and provider/queue) and nothing else.

  inhibition_test.py
"""
import json
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "alertmanager/alertmanager.yml"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alert(name, severity, **labels):
    now = datetime.now(timezone.utc)
    return {"labels": {"alertname": name, "severity": severity, **labels},
            "annotations": {"summary": name, "description": "inhibition test",
                            "runbook_url": "monitoring/RUNBOOK.md"},
            "startsAt": now.isoformat(), "endsAt": (now + timedelta(minutes=10)).isoformat()}


# (alert, expected to be inhibited)
CASES = [
    (alert("DLQDepthCritical", "critical", component="dlq", family="dlq_depth", queue="songnodes.dlq"), False),
    (alert("DLQDepthHigh", "warning", component="dlq", family="dlq_depth", queue="songnodes.dlq"), True),
    # Same family, other queue: not its twin.
    (alert("DLQDepthHigh", "warning", component="dlq", family="dlq_depth", queue="songnodes.dlq.parking"), False),
    (alert("CircuitBreakerFlapping", "critical", component="api_gateway", family="circuit_breaker", provider="spotify"), False),
    (alert("CircuitBreakerOpen", "warning", component="api_gateway", family="circuit_breaker", provider="spotify"), True),
    (alert("CircuitBreakerOpen", "warning", component="api_gateway", family="circuit_breaker", provider="deezer"), False),
    # A warning without a twin family is never inhibited by an unrelated critical alert.
    (alert("EnrichmentCacheHitRateLow", "warning", component="enrichment", provider="spotify"), False),
    (alert("EnrichmentAPICompleteFail", "critical", component="enrichment", family="api_errors", provider="beatport"), False),
    (alert("EnrichmentAPIHighErrorRate", "warning", component="enrichment", family="api_errors", provider="beatport"), True),
]


def main():
    binary = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
    if not binary:
        sys.exit("prometheus-alertmanager not found (apt-get install prometheus-alertmanager)")
    work = Path(tempfile.mkdtemp(prefix="songnodes-am-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([binary, f"--config.file={CONFIG}", f"--storage.path={work}",
                             f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
                             "--log.level=error"],
                            stdout=open(work / "am.log", "w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.time() + 30
        while True:
            if proc.poll() is not None:
                print((work / "am.log").read_text())
                sys.exit(f"alertmanager exited with {proc.returncode}")
            try:
                urllib.request.urlopen(f"{url}/-/ready", timeout=1)
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit("alertmanager not ready within 30 s")
                time.sleep(0.3)
        req = urllib.request.Request(f"{url}/api/v2/alerts", method="POST",
                                     data=json.dumps([a for a, _ in CASES]).encode(),
                                     headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=5)
        failures = []
        deadline = time.time() + 15
        while True:
            got = json.load(urllib.request.urlopen(f"{url}/api/v2/alerts", timeout=5))
            state = {tuple(sorted(a["labels"].items())): bool(a["status"]["inhibitedBy"]) for a in got}
            failures = []
            for a, expected in CASES:
                key = tuple(sorted(a["labels"].items()))
                if state.get(key) != expected:
                    failures.append(f"{a['labels']}: inhibited={state.get(key)}, expected {expected}")
            if not failures or time.time() > deadline:
                break
            time.sleep(0.5)
        for a, expected in CASES:
            l = a["labels"]
            got_inhibited = state.get(tuple(sorted(l.items())))
            print(f"{'inhibited' if got_inhibited else 'active   '}  {l['alertname']} "
                  f"({l['severity']}, {l.get('queue') or l.get('provider')})")
        for f in failures:
            print("FAIL", f)
        return 1 if failures else 0
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
