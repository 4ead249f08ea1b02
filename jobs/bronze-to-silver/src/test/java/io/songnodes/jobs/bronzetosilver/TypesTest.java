package io.songnodes.jobs.bronzetosilver;

import static io.songnodes.testing.FlinkTypes.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.PendingSilver;
import io.songnodes.config.Options;
import io.songnodes.enrich.waterfall.DeadLetterAdvice;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.jobs.bronzetosilver.enrich.Enriched;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichmentOutcome;
import io.songnodes.jobs.bronzetosilver.enrich.Settled;
import io.songnodes.json.Json;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.FlinkTypes;
import io.songnodes.testing.TracklistFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No record of the job crosses operators or sits in state through Kryo or Java serialization: the graph of every input
 * (RabbitMQ, a file, re-enrichment) is built with generic types switched off, no transformation's type has a generic
 * part, no node's serializer is Kryo, and the job's own records round-trip through their Flink serializers.
 */
class TypesTest {
    @TempDir Path dir;

    private BronzeToSilverOptions options(String... extra) {
        List<String> a = new ArrayList<>(List.of("--amqp-uri", "amqp://guest:guest@localhost:5672/%2f", "--jdbc-url",
                "jdbc:postgresql://localhost:5432/none", "--skip-migrations"));
        a.addAll(List.of(extra));
        return BronzeToSilverOptions.parse(Options.parse(a.toArray(String[]::new), Map.of()), Map.of());
    }

    /** Builds the graph and checks every transformation's type and every node's serializers. */
    private static void assertNoGenericTypes(BronzeToSilverOptions o, BronzeInput input) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new BronzeToSilverJob(input, new io.songnodes.flink.rabbit.ConfirmedRabbitSink(o.rabbit(), List.of(o.deadLetterQueue()), List.of(), true),
                SilverSinks.jdbc(o), o).build(env);
        FlinkTypes.assertNoGenericTypes(env);
    }

    @Test
    void theStreamingGraphHasNoGenericType() {
        BronzeToSilverOptions o = options();
        assertNoGenericTypes(o, BronzeInput.rabbit(o));
    }

    @Test
    void inStreamingTheSilverSinkRunsInTheLagTaskWithoutAShuffle() {
        BronzeToSilverOptions o = options();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new BronzeToSilverJob(BronzeInput.rabbit(o), new io.songnodes.flink.rabbit.ConfirmedRabbitSink(o.rabbit(),
                List.of(o.deadLetterQueue()), List.of(), true), SilverSinks.jdbc(o), o).build(env);
        List<String> tasks = new ArrayList<>();
        env.getStreamGraph().getJobGraph().getVertices().forEach(v -> tasks.add(v.getName()));
        assertThat(tasks).anyMatch(n -> n.startsWith("lag") && n.contains("silver"));
    }

    @Test
    void theBatchGraphsHaveNoGenericType() throws Exception {
        Path file = Files.writeString(dir.resolve("in.jsonl"), "{}\n");
        assertNoGenericTypes(options("--mode", "batch", "--input", file.toString()), BronzeInput.file(file.toString()));
        BronzeToSilverOptions r = options("--mode", "batch", "--reenrich", "--stale", "all");
        assertNoGenericTypes(r, BronzeInput.reenrich(r));
    }

    @Test
    void theJobsRecordsRoundTrip() throws Exception {
        BronzeMessage m = BronzeValidator.validate(Json.write(TracklistFixtures.all1001().get(0).bronze())).message();
        roundTrip(TypeInformation.of(Settled.class), new Settled(m, PendingSilver.of(m), false));
        roundTrip(TypeInformation.of(Settled.class), new Settled(m, null, true));
        roundTrip(TypeInformation.of(Enriched.class), Enriched.failed(m, ErrorType.TIMEOUT, "took too long", 42L));
        EnrichmentResult r = new EnrichmentResult(PendingSilver.of(m), EnrichmentStatus.NOT_FOUND, 0.4, List.of(), List.of(), List.of(),
                new DeadLetterAdvice(ErrorType.PROVIDER_TRANSIENT, "deezer", "bpm", "HTTP 503"));
        roundTrip(TypeInformation.of(Enriched.class), Enriched.ok(m, r, 7L));
        roundTrip(TypeInformation.of(EnrichmentOutcome.class), new EnrichmentOutcome(m.trackId(), ErrorType.TIMEOUT, null, null, "late"));
        roundTrip(TypeInformation.of(EnrichmentOutcome.class), new EnrichmentOutcome(m.trackId(), null, null, null, null));
    }
}
