package io.songnodes.jobs.dlqreplay.replay;

import io.songnodes.amqp.AmqpSettings;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one replay run needs, validated once at start-up.
 *
 * @param maxMessages  stop after this many messages were replayed or parked (Long.MAX_VALUE: no cap)
 * @param stopAt       stop once the clock passes this: the earlier of {@code --until} and start + {@code --max-run-time}
 * @param rate         replays per second, 0 for no cap
 * @param batchSize    messages moved per confirm round trip and per commit
 * @param metricsLinger how long the counters stay visible (at zero) before the run and (final) after it
 * @param allowedQueues the only queues a replay may go to: {@code original_queue} comes from the message body, so it is
 *                      never trusted to name any queue on the broker
 */
public record ReplayConfig(AmqpSettings amqp, String dlq, String parking, ReplayFilter filter, int maxReplays, long maxMessages,
                           Instant stopAt, boolean dryRun, double rate, int batchSize, Duration confirmTimeout,
                           ProviderLimits limits, Duration progressEvery, Duration metricsLinger, Set<String> allowedQueues) implements Serializable {
    /** Where a replay may go unless {@code --allow-queue} adds more: the bronze queue and the re-enrichment queue. */
    public static final Set<String> DEFAULT_ALLOWED_QUEUES = Set.of("songnodes.bronze.tracks", "songnodes.reenrich");

    public ReplayConfig {
        allowedQueues = Set.copyOf(Objects.requireNonNull(allowedQueues, "allowedQueues"));
        Objects.requireNonNull(amqp, "amqp");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(stopAt, "stopAt");
        Objects.requireNonNull(limits, "limits");
        if (dlq == null || dlq.isBlank()) throw new IllegalArgumentException("--dlq must not be empty");
        if (parking == null || parking.isBlank()) throw new IllegalArgumentException("--parking must not be empty");
        if (dlq.equals(parking)) throw new IllegalArgumentException("--dlq and --parking must differ");
        if (maxReplays < 0) throw new IllegalArgumentException("--max-replays must be >= 0");
        if (maxMessages < 1) throw new IllegalArgumentException("--max-messages must be >= 1");
        if (rate < 0 || Double.isNaN(rate)) throw new IllegalArgumentException("--rate must be >= 0");
        if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("--batch-size must be in 1..10000");
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) throw new IllegalArgumentException("--confirm-timeout must be > 0");
        if (metricsLinger.isNegative()) throw new IllegalArgumentException("--metrics-linger must be >= 0");
    }

    /**
     * Moves per round trip. Under a rate cap a batch is published at once after its permits were taken, so batches are
     * kept to a fiftieth of the rate: any one-second window then holds at most one batch more than the cap.
     */
    public int effectiveBatch() {
        if (rate <= 0) return batchSize;
        return (int) Math.max(1, Math.min(batchSize, Math.floor(rate / 50)));
    }
}
