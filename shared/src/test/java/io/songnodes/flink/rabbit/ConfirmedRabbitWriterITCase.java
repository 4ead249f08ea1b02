package io.songnodes.flink.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.GetResponse;
import io.songnodes.amqp.AmqpHeaders;
import io.songnodes.amqp.AmqpSettings;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.Await;
import io.songnodes.testing.TestRabbit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared confirmed sink against the real broker: closed connections fail it, set-up failures leak nothing. */
class ConfirmedRabbitWriterITCase {
    private static final AmqpSettings AMQP = AmqpSettings.parse(TestRabbit.uri(), null, "test");

    @Test
    void aClosedConnectionFailsTheNextWriteAndFlushInsteadOfConfirmingNothing() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            String q = rabbit.queue("sink");
            ConfirmedRabbitWriter w = new ConfirmedRabbitWriter(AMQP, List.of(q), List.of(), null);
            try {
                w.write(Outbound.toQueue(q, "{\"n\":1}", null, "1"), null);
                w.flush(false);
                assertThat(rabbit.depth(q)).isEqualTo(1);
                w.write(Outbound.toQueue(q, "{\"n\":2}", null, "2"), null);
                Await.until("the sink's connection is listed", Duration.ofSeconds(30), () -> !TestRabbit.connections(q).isEmpty());
                assertThat(TestRabbit.closeConnections(q)).isEqualTo(1);
                // with recovery on, a new channel would have an empty confirm set and this flush would pass
                assertThatThrownBy(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (System.nanoTime() < deadline) {
                        w.flush(false);
                        w.write(Outbound.toQueue(q, "{\"n\":3}", null, "3"), null);
                    }
                }).isInstanceOf(IOException.class).hasMessageContaining("closed");
                assertThatThrownBy(() -> w.flush(false)).isInstanceOf(IOException.class);
            } finally {
                w.close();
            }
        }
    }

    @Test
    void aFailedSetUpClosesItsConnection() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            String q = rabbit.prefix() + "conflicting";
            rabbit.adopt(q);
            // declared with other arguments: the writer's declare fails with PRECONDITION_FAILED after it connected
            rabbit.channel().queueDeclare(q, true, false, false, Map.of("x-max-length", 5));
            assertThatThrownBy(() -> new ConfirmedRabbitWriter(AMQP, List.of(q), List.of(), null)).isInstanceOf(IOException.class);
            Await.until("no connection left by the failed set-up", Duration.ofSeconds(30), () -> TestRabbit.connections(q).isEmpty());
        }
    }

    @Test
    void headersBuiltFromHugeInputAreTruncatedSoTheDeadLetterStillPublishes() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            String q = rabbit.queue("dlq");
            String huge = "s".repeat(200_000);
            DeadLetter d = DeadLetter.firstFailure(ErrorType.VALIDATION, "source: too long", null, "source", "test", 1, q, "{}", Instant.now());
            ConfirmedRabbitWriter w = new ConfirmedRabbitWriter(AMQP, List.of(q), List.of(), null);
            try {
                w.write(Outbound.toQueue(q, Json.write(d), d.amqpHeaders(huge), d.id()), null);
                // and a hand-built header map, which the writer bounds too
                w.write(Outbound.toQueue(q, "{}", Map.of("x-source", huge), "2"), null);
                w.flush(false);
            } finally {
                w.close();
            }
            List<GetResponse> got = rabbit.drain(q);
            assertThat(got).hasSize(2);
            for (GetResponse r : got) {
                String source = r.getProps().getHeaders().get(DeadLetter.H_SOURCE).toString();
                assertThat(source).hasSize(AmqpHeaders.MAX_VALUE_CHARS).startsWith("sss").endsWith("…");
            }
        }
    }
}
