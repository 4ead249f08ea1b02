#!/usr/bin/env bash
# The test command (README): bring up the real services, run every unit, harness and MiniCluster test
# against them, then the monitoring checks and the end-to-end monitoring proof. Prints one "N passed, N failed" line at the end.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

bash scripts/services.sh || { echo "services could not be started"; exit 1; }

status=0
mvn -B -ntp clean verify || status=$?

bash monitoring/check.sh || status=$?

# the end-to-end monitoring proof: a real Prometheus scraping every job run against the simulator with
# faults; it lists every stable name and panel query with its series count and fails on any empty one
if [ "$status" = 0 ]; then
  bash monitoring/e2e/prove.sh run --settle 30 -- bash monitoring/e2e/run-pipeline.sh start || status=$?
  bash monitoring/e2e/run-pipeline.sh stop || true
fi

# one closing line over every Surefire and Failsafe report
python3 - <<'PY' || true
import glob, xml.etree.ElementTree as ET
t = f = e = s = 0
for p in glob.glob("**/target/*-reports/TEST-*.xml", recursive=True):
    r = ET.parse(p).getroot()
    t += int(r.get("tests", 0)); f += int(r.get("failures", 0)); e += int(r.get("errors", 0)); s += int(r.get("skipped", 0))
print(f"tests: {t - f - e - s} passed, {f + e} failed, {s} skipped")
PY
exit $status
