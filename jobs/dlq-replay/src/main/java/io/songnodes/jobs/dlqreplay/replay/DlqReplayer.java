package io.songnodes.jobs.dlqreplay.replay;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.songnodes.amqp.AmqpHeaders;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Drains the DLQ once, Flink-free: takes each message present at start with {@code basic.get} (manual ack) and
 * moves the matching ones, so that a kill at any instant leaves every message in exactly one queue.
 *
 * <ul>
 *   <li>Non-matching messages (and matching ones that cannot be moved) are simply kept unacked until the run ends;
 *       closing the connection hands them back to the DLQ untouched, in place. So they are never seen twice (no loop),
 *       never copied (no duplicate in the DLQ) and never lost.</li>
 *   <li>The run examines at most the DLQ depth seen at start. Held messages are not ready, so the first N gets are
 *       exactly the N messages that were there: failures arriving during the run stay for the next run.</li>
 *   <li>Replays are published on a confirm-mode channel; their DLQ acks are sent only after the broker confirmed them
 *       (and did not return them as unroutable). A kill between confirm and ack leaves a same-id copy in the original
 *       queue, which bronze-to-silver dedupes by correlation id and upserts by key.</li>
 *   <li>Parking publishes and all DLQ acks of a batch go through one AMQP transaction on the DLQ channel: the park and
 *       its ack commit together, because a duplicate in the parking lot would not be harmless.</li>
 * </ul>
 */
public final class DlqReplayer implements AutoCloseable {
    /** Points in a batch where a failure-injection test can kill the run. */
    public enum Stage { AFTER_GET, AFTER_REPLAY_PUBLISH, AFTER_REPLAY_CONFIRM, BEFORE_COMMIT, AFTER_COMMIT }

    private static final long STEP_SLICE_NANOS = 250_000_000L;

    private final ReplayConfig cfg;
    private final Clock clock;
    private final RateLimiter limiter;
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private final Set<String> parkReturned = ConcurrentHashMap.newKeySet();
    /** Publish sequence numbers the broker has not confirmed yet, and those it nacked: a nack fails its own message only. */
    private final ConcurrentSkipListSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
    private final Set<Long> nacked = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> queueExists = new HashMap<>();
    private final List<Pending> batch = new ArrayList<>();
    private Consumer<Stage> crashHook = s -> {};
    private volatile boolean stopRequested;
    private Connection connection;
    private Channel dlqChannel;
    private Channel replayChannel;
    private long depthAtStart;
    private long taken;
    private long moved;
    private String stopReason;

    public DlqReplayer(ReplayConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
        this.limiter = cfg.rate() > 0 && !cfg.dryRun() ? limiter(cfg.rate()) : null;
    }

    /** A smooth limiter: permits refresh every few milliseconds rather than once per second, so replays never bunch. */
    static RateLimiter limiter(double perSecond) {
        int perPeriod = (int) Math.max(1, Math.ceil(perSecond / 100));
        long periodNanos = Math.max(1_000L, Math.round(perPeriod * 1e9 / perSecond));
        return RateLimiter.of("dlq-replay", RateLimiterConfig.custom().limitForPeriod(perPeriod)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos)).timeoutDuration(Duration.ofSeconds(1)).build());
    }

    /** For failure-injection tests only: called at each {@link Stage}; throwing there simulates a kill. */
    public void crashHook(Consumer<Stage> hook) { this.crashHook = hook; }

    /** Connects, checks both queues exist, and snapshots the DLQ depth; returns that depth. */
    public long open() throws IOException, TimeoutException {
        connection = cfg.amqp().connectionFactory().newConnection("songnodes-dlq-replay");
        depthAtStart = passiveDepth(cfg.dlq(), "--dlq");
        passiveDepth(cfg.parking(), "--parking");
        dlqChannel = connection.createChannel();
        if (!cfg.dryRun()) {
            dlqChannel.txSelect();
            replayChannel = connection.createChannel();
            replayChannel.confirmSelect();
            replayChannel.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getCorrelationId())));
            replayChannel.addConfirmListener(new ConfirmListener() {
                @Override public void handleAck(long seq, boolean multiple) { settle(seq, multiple, false); }

                @Override public void handleNack(long seq, boolean multiple) { settle(seq, multiple, true); }
            });
            dlqChannel.addReturnListener(r -> parkReturned.add(r.getRoutingKey()));
        }
        return depthAtStart;
    }

    private void settle(long seq, boolean multiple, boolean nack) {
        var done = multiple ? unconfirmed.headSet(seq, true) : unconfirmed.subSet(seq, true, seq, true);
        if (nack) nacked.addAll(done);
        done.clear();
    }

    private long passiveDepth(String queue, String option) throws IOException, TimeoutException {
        Channel c = connection.createChannel();
        try {
            return c.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new IllegalStateException(option + ": queue '" + queue + "' does not exist on " + cfg.amqp(), e);
        } finally {
            if (c.isOpen()) c.close();
        }
    }

    public long depthAtStart() { return depthAtStart; }

    /** Why the run ended, or null while it runs. */
    public String stopReason() { return stopReason; }

    /** Makes the next {@link #step} finish its batch and end the run (used on cancel). */
    public void requestStop() { stopRequested = true; }

    /** Takes and moves one batch; every message taken yields one outcome. Returns false when the run is over. */
    public boolean step(Consumer<ReplayOutcome> out) throws IOException, InterruptedException, TimeoutException {
        boolean more = true;
        int size = cfg.effectiveBatch();
        long sliceEnd = System.nanoTime() + STEP_SLICE_NANOS;
        // the time slice returns control (progress, cancel) even through long stretches of skipped messages
        while (batch.size() < size && System.nanoTime() < sliceEnd) {
            String stop = stopCondition();
            if (stop != null) {
                stopReason = stop;
                more = false;
                break;
            }
            GetResponse r = dlqChannel.basicGet(cfg.dlq(), false);
            if (r == null) {
                stopReason = "the DLQ has no more ready messages";
                more = false;
                break;
            }
            taken++;
            crashHook.accept(Stage.AFTER_GET);
            Pending p = classify(r);
            if (p.status == ReplayStatus.SKIPPED || p.status == ReplayStatus.ERROR) {
                out.accept(p.outcome());
                continue;
            }
            if (p.status == ReplayStatus.REPLAYED && limiter != null) {
                while (!limiter.acquirePermission()) {
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedException("rate limiter wait");
                }
            }
            batch.add(p);
            moved++;
        }
        flush(out);
        return more;
    }

    private String stopCondition() {
        if (stopRequested) return "stop requested (cancelled)";
        if (taken >= depthAtStart) return "examined all " + depthAtStart + " messages that were in the DLQ at start";
        if (moved >= cfg.maxMessages()) return "--max-messages " + cfg.maxMessages() + " reached";
        if (!clock.instant().isBefore(cfg.stopAt())) return "time limit " + cfg.stopAt() + " reached (--until / --max-run-time)";
        return null;
    }

    private Pending classify(GetResponse r) throws IOException, TimeoutException {
        DlqMessage m = new DlqMessage(r.getProps(), r.getBody());
        long tag = r.getEnvelope().getDeliveryTag();
        if (!cfg.filter().matches(m)) {
            return new Pending(tag, ReplayStatus.SKIPPED, m.props().getMessageId(), m.header(DeadLetter.H_ERROR_TYPE),
                    m.header(DeadLetter.H_PROVIDER), m.header(DeadLetter.H_FIELD), intHeader(m), null, null, null, null);
        }
        DeadLetter d = m.envelope();
        if (d == null) {
            return new Pending(tag, ReplayStatus.ERROR, m.props().getMessageId(), m.header(DeadLetter.H_ERROR_TYPE),
                    m.header(DeadLetter.H_PROVIDER), m.header(DeadLetter.H_FIELD), intHeader(m), null, null, null, m.parseError());
        }
        String type = d.errorType().wireName();
        Instant now = clock.instant();
        if (d.replayCount() >= cfg.maxReplays()) {
            return withReason(d, new Pending(tag, ReplayStatus.PARKED, d.id(), type, d.provider(), d.field(), d.replayCount(), cfg.parking(),
                    EnvelopeProperties.forParking(m.props(), d.id(), now), r.getBody(), null));
        }
        String q = d.originalQueue();
        String bad = q == null || q.isBlank() ? "envelope has no original_queue"
                : q.equals(cfg.dlq()) || q.equals(cfg.parking()) ? "original_queue is the DLQ or the parking lot (would loop)"
                : !cfg.allowedQueues().contains(q) ? "original_queue '" + AmqpHeaders.truncate(q) + "' is not an allowed replay target (--allow-queue)"
                : !cfg.dryRun() && !queueExists(q) ? "original_queue '" + q + "' does not exist" : null;
        if (bad != null) {
            return withReason(d, new Pending(tag, ReplayStatus.ERROR, d.id(), type, d.provider(), d.field(), d.replayCount(), null, null, null, bad));
        }
        DeadLetter next = d.replayed();
        return withReason(d, new Pending(tag, ReplayStatus.REPLAYED, d.id(), type, d.provider(), d.field(), next.replayCount(), q,
                EnvelopeProperties.forReplay(next, m.props(), m.header(DeadLetter.H_SOURCE), now), Json.writeBytes(next), null));
    }

    private static Pending withReason(DeadLetter d, Pending p) {
        p.reason = d.reason();
        return p;
    }

    private static int intHeader(DlqMessage m) {
        try {
            String v = m.header(DeadLetter.H_REPLAY_COUNT);
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Passive declare on a throwaway channel: the broker closes a channel that asks about a missing queue. */
    private boolean queueExists(String queue) throws IOException, TimeoutException {
        Boolean known = queueExists.get(queue);
        if (known != null) return known;
        Channel c = connection.createChannel();
        boolean exists;
        try {
            c.queueDeclarePassive(queue);
            exists = true;
        } catch (IOException e) {
            exists = false;
        } finally {
            if (c.isOpen()) c.close();
        }
        queueExists.put(queue, exists);
        return exists;
    }

    private void flush(Consumer<ReplayOutcome> out) throws IOException, InterruptedException, TimeoutException {
        if (batch.isEmpty()) return;
        try {
            if (!cfg.dryRun()) commit();
            for (Pending p : batch) out.accept(p.outcome());
        } finally {
            batch.clear();
        }
    }

    private void commit() throws IOException, InterruptedException, TimeoutException {
        boolean anyReplay = false;
        for (Pending p : batch) {
            if (p.status != ReplayStatus.REPLAYED) continue;
            // mandatory: a queue deleted since the check returns the message instead of dropping it
            p.seq = replayChannel.getNextPublishSeqNo();
            unconfirmed.add(p.seq);
            replayChannel.basicPublish("", p.destination, true, p.props, p.body);
            anyReplay = true;
        }
        crashHook.accept(Stage.AFTER_REPLAY_PUBLISH);
        if (anyReplay) replayChannel.waitForConfirms(cfg.confirmTimeout().toMillis());
        crashHook.accept(Stage.AFTER_REPLAY_CONFIRM);
        for (Pending p : batch) {
            if (p.status != ReplayStatus.REPLAYED) continue;
            // returns arrive before the confirm of the same message, so the set is complete here
            if (returned.remove(p.props.getCorrelationId())) p.fail("original_queue '" + p.destination + "' rejected the message (unroutable)");
            else if (nacked.remove(p.seq)) p.fail("the broker nacked the republish to '" + p.destination + "'");
        }
        boolean anyPark = batch.stream().anyMatch(p -> p.status == ReplayStatus.PARKED);
        // a missing parking lot must leave the message in the DLQ, not drop it and ack it
        if (anyPark && !queueExistsNow(cfg.parking())) {
            for (Pending p : batch) if (p.status == ReplayStatus.PARKED) p.fail("the parking lot '" + cfg.parking() + "' does not exist");
        }
        for (Pending p : batch) {
            // mandatory as well: should the lot vanish between the check and the commit, the return puts it back below
            if (p.status == ReplayStatus.PARKED) dlqChannel.basicPublish("", cfg.parking(), true, p.props, p.body);
        }
        for (Pending p : batch) {
            if (p.status != ReplayStatus.ERROR) dlqChannel.basicAck(p.tag, false);
        }
        crashHook.accept(Stage.BEFORE_COMMIT);
        dlqChannel.txCommit();
        // returns of the transaction's publishes arrive before its commit-ok
        if (anyPark && parkReturned.remove(cfg.parking())) {
            for (Pending p : batch) {
                if (p.status != ReplayStatus.PARKED) continue;
                dlqChannel.basicPublish("", cfg.dlq(), true, p.props, p.body);
                p.fail("the parking lot '" + cfg.parking() + "' vanished during the move: the message was put back in the DLQ");
            }
            dlqChannel.txCommit();
        }
        crashHook.accept(Stage.AFTER_COMMIT);
    }

    /** Asks the broker now (never cached): the parking lot may have been deleted since the run started. */
    private boolean queueExistsNow(String queue) throws IOException, TimeoutException {
        queueExists.remove(queue);
        return queueExists(queue);
    }

    /** Closes the connection: every message still unacked (skipped, error, or in an uncommitted batch) returns to the DLQ. */
    @Override public void close() throws IOException {
        if (connection != null && connection.isOpen()) connection.close();
    }

    /** Drops the connection without any protocol courtesy, as a killed process would. */
    public void abort() {
        if (connection != null) connection.abort();
    }

    private final class Pending {
        final long tag;
        ReplayStatus status;
        final String id;
        final String errorType;
        final String provider;
        final String field;
        final int replayCount;
        final String destination;
        final AMQP.BasicProperties props;
        final byte[] body;
        String detail;
        String reason;
        long seq;

        Pending(long tag, ReplayStatus status, String id, String errorType, String provider, String field, int replayCount,
                String destination, AMQP.BasicProperties props, byte[] body, String detail) {
            this.tag = tag;
            this.status = status;
            this.id = id;
            this.errorType = errorType;
            this.provider = provider;
            this.field = field;
            this.replayCount = replayCount;
            this.destination = destination;
            this.props = props;
            this.body = body;
            this.detail = detail;
        }

        void fail(String why) {
            status = ReplayStatus.ERROR;
            detail = why;
        }

        ReplayOutcome outcome() {
            return new ReplayOutcome(id, status, cfg.dryRun(), errorType, provider, field, reason, replayCount,
                    status == ReplayStatus.REPLAYED || status == ReplayStatus.PARKED ? destination : null, detail);
        }
    }
}
