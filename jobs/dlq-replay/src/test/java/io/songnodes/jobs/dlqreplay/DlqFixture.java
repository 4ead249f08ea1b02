package io.songnodes.jobs.dlqreplay;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.songnodes.jobs.dlqreplay.replay.EnvelopeProperties;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.TestRabbit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Seeds a TestRabbit DLQ with dead letters as real publishers write them, and reads queues without changing them. */
public final class DlqFixture {
    public static final List<ErrorType> TYPES = List.of(ErrorType.PROVIDER_TRANSIENT, ErrorType.VALIDATION, ErrorType.PROVIDER_TRANSIENT,
            ErrorType.RATE_LIMITED, ErrorType.TIMEOUT, ErrorType.PROVIDER_PERMANENT, ErrorType.PROVIDER_TRANSIENT, ErrorType.SINK);
    public static final List<String> PROVIDERS = List.of("spotify", "musicbrainz", "deezer", "discogs", "lastfm");
    public static final List<String> FIELDS = Arrays.asList("bpm", "isrc", "key", null);
    public static final List<String> SOURCES = List.of("mixesdb", "1001tracklists", "setlistfm");

    public final TestRabbit rabbit;
    public final String dlq;
    public final String parking;
    public final String bronze;

    public DlqFixture(TestRabbit rabbit) {
        this.rabbit = rabbit;
        this.dlq = rabbit.queue("songnodes.dlq");
        this.parking = rabbit.queue("songnodes.dlq.parking");
        this.bronze = rabbit.queue("songnodes.bronze.tracks");
    }

    /** Envelope {@code i} of a deterministic mix: several types, providers and fields; every 11th is at replay limit 3. */
    public DeadLetter envelope(int i) {
        ErrorType type = TYPES.get(i % TYPES.size());
        String provider = type == ErrorType.VALIDATION || type == ErrorType.SINK ? null : PROVIDERS.get(i % PROVIDERS.size());
        String field = provider == null ? null : FIELDS.get(i % FIELDS.size());
        int replayCount = i % 11 == 0 ? 3 + i % 2 : i % 3;
        Instant failed = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(i));
        String payload = "{\"source\":\"" + SOURCES.get(i % SOURCES.size()) + "\",\"source_url\":\"https://example.org/set/" + i
                + "\",\"artist\":\"Artist " + i + "\",\"title\":\"Track " + i + "\",\"scraped_at\":\"2026-01-01T00:00:00Z\"}";
        return new DeadLetter(UUID.nameUUIDFromBytes(("env" + i).getBytes(StandardCharsets.UTF_8)).toString(), type, "reason " + type.wireName(),
                provider, field, "bronze-to-silver", 3, replayCount, failed, failed.plusSeconds(5), bronze, payload);
    }

    public String source(int i) { return SOURCES.get(i % SOURCES.size()); }

    /** Publishes envelopes 0..n-1 to the DLQ, confirmed. */
    public List<DeadLetter> seed(int n) {
        List<DeadLetter> out = new ArrayList<>();
        try {
            Channel ch = rabbit.channel();
            for (int i = 0; i < n; i++) {
                DeadLetter d = envelope(i);
                ch.basicPublish("", dlq, EnvelopeProperties.forDeadLetter(d, source(i), Instant.now()), Json.writeBytes(d));
                out.add(d);
            }
            ch.waitForConfirmsOrDie(30_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** One message as the broker holds it: body and every property, for byte-for-byte comparison. */
    public record Stored(byte[] body, AMQP.BasicProperties props) {
        public String text() { return new String(body, StandardCharsets.UTF_8); }

        public DeadLetter envelope() {
            try {
                return Json.read(text(), DeadLetter.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Properties rendered canonically (headers sorted) so two reads compare equal exactly when nothing changed. */
        public String propsKey() {
            Map<String, Object> h = new java.util.TreeMap<>();
            if (props.getHeaders() != null) props.getHeaders().forEach((k, v) -> h.put(k, String.valueOf(v)));
            return Objects.toString(props.getContentType()) + '|' + props.getContentEncoding() + '|' + h + '|' + props.getDeliveryMode()
                    + '|' + props.getPriority() + '|' + props.getCorrelationId() + '|' + props.getReplyTo() + '|' + props.getExpiration()
                    + '|' + props.getMessageId() + '|' + props.getTimestamp() + '|' + props.getType() + '|' + props.getUserId()
                    + '|' + props.getAppId();
        }

        public String key() { return Arrays.toString(body) + "#" + propsKey(); }
    }

    /** Reads every ready message of {@code queue} in order without consuming it (gets unacked, then the channel closes). */
    public List<Stored> browse(String queue) {
        try (Connection c = TestRabbit.factory().newConnection("songnodes-test-browse")) {
            Channel ch = c.createChannel();
            List<Stored> out = new ArrayList<>();
            GetResponse r;
            while ((r = ch.basicGet(queue, false)) != null) out.add(new Stored(r.getBody(), r.getProps()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(queue, e);
        }
    }

    /** Takes every message of {@code queue} (acked). */
    public List<Stored> drain(String queue) {
        return rabbit.drain(queue).stream().map(r -> new Stored(r.getBody(), r.getProps())).toList();
    }

    /** Envelope id to how often it is in {@code messages}. */
    public static Map<String, Integer> idCounts(List<Stored> messages) {
        Map<String, Integer> m = new HashMap<>();
        for (Stored s : messages) m.merge(s.envelope().id(), 1, Integer::sum);
        return m;
    }

    /** Polls {@code condition} every 20 ms until it holds; fails after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }
}
