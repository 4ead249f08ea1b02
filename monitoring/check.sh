#!/usr/bin/env bash
# The monitoring check that CI runs: Prometheus config and rules, rule unit tests (every alert fires on
# a bad series and stays quiet on a good one; every catalogue name comes out of the recording rules),
# Alertmanager config and routing, Grafana provisioning and dashboards (valid JSON, stable uids, only
# stable names, every panel query parses, generated JSON up to date), runbook coverage, and the e2e
# proof's own mechanics (a real Prometheus scraping a synthetic reporter: every stable name and
# panel query returns data; the real proof against the jobs is e2e/prove.sh).
#
# Usage: monitoring/check.sh            (from anywhere; exits non-zero on any failure)
# Needs promtool, amtool, python3 with PyYAML. When missing, installs Debian's prometheus,
# prometheus-alertmanager and python3-yaml packages with apt-get (as root, non-interactive).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

declare -a RESULTS=()
FAILED=0

step() { # step "name" command...
  local name="$1"; shift
  local log="$WORK/step.log"
  if "$@" >"$log" 2>&1; then
    RESULTS+=("PASS  $name")
    sed 's/^/      /' "$log" | grep -v '^ *$' | tail -n 3
  else
    RESULTS+=("FAIL  $name")
    FAILED=1
    echo "----- $name failed:"
    sed 's/^/      /' "$log"
  fi
}

ensure_tools() {
  local missing=()
  command -v promtool >/dev/null || missing+=(prometheus)
  command -v amtool >/dev/null || missing+=(prometheus-alertmanager)
  command -v python3 >/dev/null || missing+=(python3)
  python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]} from Debian packages"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install ${missing[*]}"; exit 2; }
      sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
      { echo "apt-get install ${missing[*]} failed"; exit 2; }
  fi
  echo "promtool: $(promtool --version 2>&1 | head -1)"
  echo "amtool:   $(amtool --version 2>&1 | head -1)"
}

dashboards_up_to_date() {
  python3 "$HERE/tools/gen_dashboards.py" "$WORK/dashboards" &&
    diff -r "$HERE/grafana/dashboards" "$WORK/dashboards" &&
    echo "grafana/dashboards matches tools/gen_dashboards.py"
}

dashboard_queries_parse() {
  python3 "$HERE/tools/dashboards.py" check "$HERE/grafana/dashboards" "$WORK/dashboard-queries.yml" &&
    promtool check rules "$WORK/dashboard-queries.yml"
}

grafana_provisioning() {
  python3 - "$HERE/grafana/provisioning" <<'EOF'
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
ds = yaml.safe_load((root / "datasources/prometheus.yml").read_text())
uids = [d["uid"] for d in ds["datasources"] if d["type"] == "prometheus"]
assert uids == ["songnodes-prometheus"], f"datasource uids {uids}"
prov = yaml.safe_load((root / "dashboards/songnodes.yml").read_text())
p = prov["providers"][0]
assert p["type"] == "file" and p["options"]["path"], p
print(f"datasource {uids[0]}, dashboard provider {p['name']} -> {p['options']['path']}")
EOF
}

alertmanager_routes() {
  local cfg="$HERE/alertmanager/alertmanager.yml"
  amtool check-config "$cfg" || return 1
  local got
  for pair in critical:critical warning:warning none:webhook; do
    got="$(amtool config routes test --config.file="$cfg" severity="${pair%%:*}" alertname=RouteProbe 2>/dev/null)"
    [ "$got" = "${pair##*:}" ] || { echo "severity=${pair%%:*} routed to '$got', expected ${pair##*:}"; return 1; }
    echo "severity=${pair%%:*} -> $got"
  done
  ! grep -nE '(api_url|auth_password|credentials|url):\s*["'\'']?(https://hooks\.slack|[A-Za-z0-9+/]{24,})' "$cfg" ||
    { echo "a secret seems to be written inline"; return 1; }
}

rule_tests() {
  python3 "$HERE/tools/catalogue.py" test "$WORK/catalogue_test.yml" &&
    promtool test rules "$HERE"/prometheus/tests/*.yml "$WORK/catalogue_test.yml"
}

ensure_tools
cd "$HERE" || exit 2

step "promtool check config prometheus/prometheus.yml" promtool check config prometheus/prometheus.yml
step "promtool check rules prometheus/rules/*.yml" promtool check rules prometheus/rules/*.yml
step "every catalogue name (METRIC-NAMES.md) has a recording rule" python3 tools/catalogue.py check-rules prometheus/rules/recording.yml
step "promtool test rules (tests/*.yml + generated catalogue test)" rule_tests
step "every alert: labels, annotations, runbook section, firing and quiet test" python3 tools/alerts.py "$HERE"
step "amtool check-config and severity routing" alertmanager_routes
step "real Alertmanager: each critical alert inhibits exactly its warning twin" python3 tools/inhibition_test.py
step "grafana provisioning files" grafana_provisioning
step "dashboards: valid JSON, stable uids, stable names, every query parses" dashboard_queries_parse
step "dashboards JSON matches tools/gen_dashboards.py" dashboards_up_to_date
step "e2e proof mechanics: real Prometheus + synthetic reporter, every name and panel query has data" \
  env SETTLE=3 MAX_WAIT=90 python3 e2e/prove.py selftest

echo
echo "==== monitoring check summary"
printf '%s\n' "${RESULTS[@]}"
if ((FAILED)); then
  echo "==== FAILED"
  exit 1
fi
echo "==== all monitoring checks passed"
