#!/usr/bin/env bash
# End-to-end proof against a real Prometheus (see prove.py for the modes):
#   monitoring/e2e/prove.sh run [--settle S] [-- COMMAND ...]   start, (run COMMAND), wait, query, stop
#   monitoring/e2e/prove.sh start | query | stop                 keep Prometheus up while jobs run
# Installs Debian's prometheus and python3-yaml with apt-get when missing (as root).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
exec python3 "$HERE/prove.py" "$@"
