#!/usr/bin/env bash
# Benchmark of bronze-to-silver's repeat-heavy path end to end against a one-thread floor program (prints numbers
# and their ratio from one run; not part of the tests):
#   repeat-path-benchmark.sh [RECORDS, default 20000 [ROUNDS of floor then job, default 3]]
# JFR=FILE records a Flight Recorder profile of the whole run to FILE (jfr print --events jdk.ExecutionSample FILE).
exec bash "$(dirname "${BASH_SOURCE[0]}")/run-bench.sh" io.songnodes.jobs.bronzetosilver.bench.RepeatPathBenchmark "$@"
