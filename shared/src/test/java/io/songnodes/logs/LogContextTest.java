package io.songnodes.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogContextTest {
    @TempDir Path dir;

    @Test
    void fieldsApplyInsideTheBlockAndThePreviousOnesComeBack() {
        MDC.put(LogContext.JOB, "outer");
        try (LogContext c = LogContext.of(LogContext.JOB, "bronze-to-silver", LogContext.TRACK_ID, "trk_1", LogContext.PROVIDER, null)) {
            assertThat(MDC.get(LogContext.JOB)).isEqualTo("bronze-to-silver");
            assertThat(MDC.get(LogContext.TRACK_ID)).isEqualTo("trk_1");
            assertThat(MDC.get(LogContext.PROVIDER)).as("absent where it does not apply").isNull();
        }
        assertThat(MDC.get(LogContext.JOB)).isEqualTo("outer");
        assertThat(MDC.get(LogContext.TRACK_ID)).isNull();
        MDC.clear();
    }

    /** The shipped local log4j configuration writes one JSON object per event, with the context fields at the top level. */
    @Test
    void theShippedConfigurationWritesJsonLinesWithTheContextFields() throws Exception {
        Path json = dir.resolve("songnodes.json");
        System.setProperty("songnodes.log.json", json.toString());
        Path config = Path.of("../flink-conf/log4j-console.properties");
        LoggerContext ctx = Configurator.initialize("json-test", null, config.toUri());
        try {
            org.apache.logging.log4j.Logger log = ctx.getLogger("io.songnodes.test");
            try (LogContext c = LogContext.of(LogContext.JOB, "bronze-to-silver", LogContext.TRACK_ID, "trk_42",
                    LogContext.PROVIDER, "beatport", LogContext.ERROR_TYPE, "provider_transient", LogContext.ENVELOPE_ID, "dl-7")) {
                log.warn("dead letter: beatport answered 503");
            }
            log.error("enrichment failed", new IllegalStateException("boom"));
        } finally {
            Configurator.shutdown(ctx);
            System.clearProperty("songnodes.log.json");
        }
        List<String> lines = Files.readAllLines(json);
        assertThat(lines).hasSize(2);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("WARN");
        assertThat(first.path("message").asText()).isEqualTo("dead letter: beatport answered 503");
        assertThat(first.path("job").asText()).isEqualTo("bronze-to-silver");
        assertThat(first.path("track_id").asText()).isEqualTo("trk_42");
        assertThat(first.path("provider").asText()).isEqualTo("beatport");
        assertThat(first.path("error_type").asText()).isEqualTo("provider_transient");
        assertThat(first.path("envelope_id").asText()).isEqualTo("dl-7");
        assertThat(first.path("timestamp").asText()).endsWith("Z");
        JsonNode second = Json.MAPPER.readTree(lines.get(1));
        assertThat(second.has("track_id")).as("the context ended with its block").isFalse();
        assertThat(second.path("error").asText()).contains("IllegalStateException: boom");
    }
}
