#!/usr/bin/env python3
"""Checks the Grafana dashboards and lists their panel queries.

  dashboards.py check DASH_DIR RULES_OUT   validate every dashboard JSON (structure, stable uids,
                                           provisioned datasource, metric names) and write every
                                           panel and variable query, template variables substituted,
                                           as a recording rule to RULES_OUT so `promtool check rules`
                                           parses each one
  dashboards.py queries DASH_DIR           print one JSON object per panel query (dashboard, panel,
                                           refId, expr with variables substituted) for e2e/prove.sh

Template variables are replaced by what Grafana would send for "All": $provider/$source/$job by the
regex .*, $__rate_interval by 1m (4 x the e2e scrape interval, rounded up), $__interval by 15s,
$__range by 1h.
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalogue  # noqa: E402

EXPECTED = {
    "songnodes-enrichment": "Enrichment Pipeline",
    "songnodes-api-gateway": "API Gateway & Resilience",
    "songnodes-dlq": "DLQ",
    "songnodes-medallion": "Medallion",
    "songnodes-bronze": "Bronze Ingestion",
    "songnodes-flink": "Flink Jobs",
    "songnodes-infrastructure": "Infrastructure",
}
DATASOURCE_UID = "songnodes-prometheus"
SUBSTITUTIONS = [
    ("$__rate_interval", "1m"), ("${__rate_interval}", "1m"),
    ("$__interval", "15s"), ("${__interval}", "15s"),
    ("$__range", "1h"), ("${__range}", "1h"),
]
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
            "and", "or", "unless", "atan2", "inf", "nan"}


def substitute(expr):
    for k, v in SUBSTITUTIONS:
        expr = expr.replace(k, v)
    # Any remaining dashboard variable is a multi-value label filter: "All" is .*
    return re.sub(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", ".*", expr)


def variable_query(q):
    """label_values(metric, label) -> an equivalent PromQL query Prometheus can answer."""
    m = re.fullmatch(r"\s*label_values\(\s*([^,]+?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*", q)
    if not m:
        raise ValueError(f"unsupported variable query {q!r}")
    return f"group by ({m.group(2)}) ({m.group(1)})"


def metric_names(expr):
    """Metric names used by a PromQL expression (a light tokenizer, enough for our queries)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)           # strings
    e = re.sub(r"\{[^}]*\}", "", e)                         # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                        # ranges
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        tok = m.group(0)
        after = e[m.end():].lstrip()
        if tok.lower() in KEYWORDS or after.startswith("("):
            continue
        if re.fullmatch(r"\d+[smhdwy]", tok) or (m.start() > 0 and e[m.start() - 1].isdigit()):
            continue
        names.add(tok)
    return names


def panels(d):
    for p in d.get("panels", []):
        yield p
        for inner in p.get("panels", []):
            yield inner


def load(dash_dir):
    files = sorted(Path(dash_dir).glob("*.json"))
    if not files:
        sys.exit(f"no dashboards in {dash_dir}")
    out = []
    for f in files:
        try:
            out.append((f, json.loads(f.read_text())))
        except json.JSONDecodeError as e:
            out.append((f, e))
    return out


def queries(dash_dir):
    for f, d in load(dash_dir):
        if isinstance(d, Exception):
            continue
        for v in d.get("templating", {}).get("list", []):
            if v.get("type") == "query":
                yield {"dashboard": d["title"], "uid": d["uid"], "panel": f"variable ${v['name']}",
                       "refId": "-", "raw": v["query"], "expr": variable_query(v["query"])}
        for p in panels(d):
            for t in p.get("targets", []):
                yield {"dashboard": d["title"], "uid": d["uid"], "panel": p.get("title", ""),
                       "refId": t.get("refId", ""), "raw": t.get("expr", ""),
                       "expr": substitute(t.get("expr", ""))}


def check(dash_dir, rules_out):
    errors = []
    stable = {r["name"] for r in catalogue.rows()}
    uids = {}
    rules = []
    for f, d in load(dash_dir):
        if isinstance(d, Exception):
            errors.append(f"{f.name}: invalid JSON: {d}")
            continue
        uid = d.get("uid")
        if uid not in EXPECTED:
            errors.append(f"{f.name}: uid {uid!r} is not one of the stable uids {sorted(EXPECTED)}")
        elif EXPECTED[uid] not in d.get("title", ""):
            errors.append(f"{f.name}: title {d.get('title')!r} does not name {EXPECTED[uid]!r}")
        if uid in uids:
            errors.append(f"{f.name}: uid {uid} also used by {uids[uid]}")
        uids[uid] = f.name
        ids = [p.get("id") for p in panels(d)]
        if len(ids) != len(set(ids)):
            errors.append(f"{f.name}: duplicate panel ids")
        for p in panels(d):
            if p.get("type") == "row":
                continue
            where = f"{f.name} / {p.get('title')!r}"
            if not p.get("targets"):
                errors.append(f"{where}: no query")
            for obj in [p] + p.get("targets", []):
                ds = obj.get("datasource", {})
                if ds.get("uid") != DATASOURCE_UID:
                    errors.append(f"{where}: datasource {ds} is not the provisioned {DATASOURCE_UID}")
            for t in p.get("targets", []):
                if not t.get("expr", "").strip():
                    errors.append(f"{where} {t.get('refId')}: empty expr")
    for q in queries(dash_dir):
        allowed = set(stable) | {"up"}
        for name in metric_names(q["expr"]):
            if name in allowed or (q["uid"] == "songnodes-flink" and name.startswith("flink_")):
                continue
            errors.append(f"{q['dashboard']} / {q['panel']!r}: {name} is not a stable name")
        rules.append(q)
    missing = set(EXPECTED) - set(uids)
    for uid in sorted(missing):
        errors.append(f"dashboard {uid} ({EXPECTED[uid]}) is missing")
    # Each query as a recording rule: promtool check rules parses it. JSON is valid YAML.
    doc = {"groups": [{"name": "dashboard-queries", "rules": [
        {"record": f"dashboard_query:{i}", "expr": q["expr"],
         "labels": {"dashboard": q["uid"], "panel": q["panel"][:60], "ref": q["refId"]}}
        for i, q in enumerate(rules)]}]}
    Path(rules_out).write_text(json.dumps(doc, indent=1))
    for e in errors:
        print("ERROR", e)
    print(f"{len(uids)} dashboards, {len(rules)} queries (panels and variables) written to {rules_out}")
    return 1 if errors else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "queries":
        for q in queries(argv[2]):
            print(json.dumps(q))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
