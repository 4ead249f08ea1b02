#!/usr/bin/env python3
"""Checks that the alert rules are complete, documented and tested.

  alerts.py MONITORING_DIR

For every alert listed in the design catalogue (REQUIRED, from docs/metrics.md) and every
alert in prometheus/rules/alerts.yml:
  - it exists, with labels severity (critical|warning) and component, and annotations summary,
    description (which must show {{ $value }}) and runbook_url pointing to an existing section of
    RUNBOOK.md;
  - a twin `family` label is only set on alerts whose family has one critical and one warning member;
  - prometheus/tests/*.yml fire it (an alert_rule_test with exp_alerts) and show it quiet (an empty
    exp_alerts, or an input series whose identifying label value never appears in the expected alerts).
Needs PyYAML (Debian: python3-yaml).
"""
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

REQUIRED = {
    "critical": ["CircuitBreakerFlapping", "DLQDepthCritical", "WaterfallProviderFailure",
                 "EnrichmentCompletenessCritical", "EnrichmentConfigReloadFailed",
                 "EnrichmentRateLimitViolations", "EnrichmentAPICompleteFail", "BronzeSourceSilent",
                 "BronzeSchemaErrorRateHigh"],
    "warning": ["CircuitBreakerOpen", "DLQDepthHigh", "DLQMessageAgeOld", "DLQReplayFailureRateHigh",
                "BronzeToSilverLagHigh", "SilverToGoldLagHigh", "SilverDataQualityLow",
                "WaterfallFallbackRateHigh", "EnrichmentCacheHitRateLow", "EnrichmentAPIHighErrorRate",
                "EnrichmentAPIHighLatency", "EnrichmentAPIMonthlyBudgetExceeded", "HighRetryRate",
                "FlinkJobNotRunning", "FlinkJobRestarting"],
}
IDENTIFYING = ["provider", "queue", "source", "field_name", "field_category", "job_name", "layer",
               "quantile"]


def anchors(markdown):
    """GitHub-style anchors of the markdown headings."""
    out = set()
    for line in markdown.splitlines():
        m = re.match(r"#{1,6}\s+(.*)", line)
        if m:
            a = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            out.add(a)
    return out


def series_labels(series):
    m = re.match(r"[^{]*\{(.*)\}", series)
    return dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', m.group(1))) if m else {}


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    errors = []
    rules = {}
    for g in yaml.safe_load((root / "prometheus/rules/alerts.yml").read_text())["groups"]:
        for r in g["rules"]:
            if "alert" in r:
                if r["alert"] in rules:
                    errors.append(f"{r['alert']}: defined twice")
                rules[r["alert"]] = r
    runbook = anchors((root / "RUNBOOK.md").read_text())

    for severity, names in REQUIRED.items():
        for n in names:
            if n not in rules:
                errors.append(f"{n}: required by the catalogue but missing from alerts.yml")
            elif rules[n].get("labels", {}).get("severity") != severity:
                errors.append(f"{n}: severity should be {severity}")

    families = defaultdict(list)
    for n, r in rules.items():
        labels, ann = r.get("labels", {}), r.get("annotations", {})
        if labels.get("severity") not in ("critical", "warning"):
            errors.append(f"{n}: label severity must be critical or warning")
        if not labels.get("component"):
            errors.append(f"{n}: label component missing")
        if "family" in labels:
            families[labels["family"]].append(labels.get("severity"))
        if not ann.get("summary"):
            errors.append(f"{n}: annotation summary missing")
        if "$value" not in ann.get("description", ""):
            errors.append(f"{n}: description does not show {{{{ $value }}}}")
        url = ann.get("runbook_url", "")
        m = re.fullmatch(r"monitoring/RUNBOOK\.md#([\w-]+)", url)
        if not m:
            errors.append(f"{n}: runbook_url {url!r} is not monitoring/RUNBOOK.md#<anchor>")
        elif m.group(1) not in runbook:
            errors.append(f"{n}: RUNBOOK.md has no section #{m.group(1)}")
    for fam, sev in families.items():
        if sorted(sev) != ["critical", "warning"]:
            errors.append(f"family {fam}: needs exactly one critical and one warning alert, has {sev}")

    fires, quiet = defaultdict(int), defaultdict(int)
    for f in sorted((root / "prometheus/tests").glob("*.yml")):
        doc = yaml.safe_load(f.read_text())
        for t in doc.get("tests", []):
            inputs = [series_labels(s["series"]) for s in t.get("input_series", [])]
            for a in t.get("alert_rule_test", []):
                name, exp = a["alertname"], a.get("exp_alerts") or []
                if exp:
                    fires[name] += 1
                    for key in IDENTIFYING:
                        expected = {e.get("exp_labels", {}).get(key) for e in exp}
                        if any(key in i and i[key] not in expected for i in inputs):
                            quiet[name] += 1
                            break
                else:
                    quiet[name] += 1
    for n in rules:
        if not fires[n]:
            errors.append(f"{n}: no promtool test makes it fire")
        if not quiet[n]:
            errors.append(f"{n}: no promtool test shows it quiet on a good series")
    for n in set(fires) | set(quiet):
        if n not in rules:
            errors.append(f"tests name an unknown alert {n}")

    for e in errors:
        print("ERROR", e)
    required = sum(len(v) for v in REQUIRED.values())
    print(f"{len(rules)} alerts ({required} required by the catalogue), "
          f"{sum(1 for n in rules if fires[n] and quiet[n])} with firing and quiet tests, "
          f"{len(runbook)} runbook sections")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
