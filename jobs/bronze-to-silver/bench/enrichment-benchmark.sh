#!/usr/bin/env bash
# Benchmark of bronze-to-silver's enrichment (prints numbers; not part of the tests):
#   enrichment-benchmark.sh [COPIES of the kit tracklists for the cache path, default 10]
# JAVA_OPTS=-Dbench.only=cache|sim|sim-only runs one part; -Dbench.capacities=64,256 picks the capacities.
exec bash "$(dirname "${BASH_SOURCE[0]}")/run-bench.sh" io.songnodes.jobs.bronzetosilver.bench.EnrichmentBenchmark "$@"
