#!/usr/bin/env bash
# Submits the shaded jar through Flink's CLI (`flink run`, CliFrontend) with only Flink's own jars on the classpath,
# against a seeded, randomly prefixed DLQ on the local RabbitMQ: a dry run, then a replay of provider_transient.
# Usage: jobs/dlq-replay/bench/flink-run-smoke.sh [target=local] [extra job options...]
#   target remote: put a config.yaml naming rest.address/rest.port of your cluster in jobs/dlq-replay/target/flink-conf/
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
target_dir="$root/jobs/dlq-replay/target"
# (dependency goals need a lifecycle phase in the same call to resolve songnodes-shared from the reactor)
mvn -B -q -o -pl jobs/dlq-replay -am clean package -DskipTests dependency:build-classpath -Dmdep.outputFile="$target_dir/provided-classpath.txt" -Dmdep.includeScope=provided
mvn -B -q -o -pl jobs/dlq-replay -am test-compile dependency:build-classpath -Dmdep.outputFile="$target_dir/test-classpath.txt" -Dmdep.includeScope=test
# Flink's lib/: the provided jars, without anything the job jar itself must bring and without test libraries
tr ':' '\n' < "$target_dir/provided-classpath.txt" \
  | grep -v -E 'songnodes-shared|amqp-client|resilience4j|picocli|jedis|postgresql|flyway|connector-rabbitmq|connector-jdbc|/target/' \
  | grep -v -E 'junit|assertj|opentest4j|apiguardian|test-utils|-tests\.jar|testcontainers|docker-java|duct-tape|curator-test|byte-buddy|hamcrest' \
  | paste -sd: > "$target_dir/flink-lib-classpath.txt"
conf="$target_dir/flink-conf"
mkdir -p "$conf"
[ -f "$conf/config.yaml" ] || printf 'parallelism.default: 2\nrest.bind-port: 18081-18090\n' > "$conf/config.yaml"
cat > "$conf/log4j-cli.properties" <<'PROPS'
rootLogger.level = WARN
rootLogger.appenderRef.console.ref = ConsoleAppender
appender.console.name = ConsoleAppender
appender.console.type = CONSOLE
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n
logger.replay.name = io.songnodes.jobs.dlqreplay.flink.DlqReplaySource
logger.replay.level = INFO
PROPS
cd jobs/dlq-replay
java -cp "target/test-classes:target/classes:$(cat "$target_dir/test-classpath.txt")" io.songnodes.jobs.dlqreplay.FlinkRunSmoke \
  "$target_dir/flink-lib-classpath.txt" "$target_dir/dlq-replay.jar" "$conf" "${1:-local}" "${@:2}" 2>&1 | grep -v -E '^\s+at |^SLF4J'
