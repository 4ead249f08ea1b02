package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.LastGoodConfig;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.runtime.EnrichmentRuntime;
import io.songnodes.jobs.bronzetosilver.metrics.EnrichmentMetrics;
import io.songnodes.logs.LogContext;
import io.songnodes.model.ErrorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the waterfall for one message without blocking a thread: each wave's provider lookups start at the same
 * time as non-blocking HTTP requests, rate-limit waits are scheduled on a timer, and the next wave is chained on
 * the answers. So the tracks in flight are bounded by the operator's capacity ({@code --async-capacity}), not by
 * threads. Every path completes the future with a value: a timeout (which also cancels the track's outstanding
 * lookups: requests not yet sent are never sent and give their rate-limit slots back, requests in flight are
 * aborted) or an unexpected error becomes a failed {@link Enriched}, routed to the DLQ, never a restart.
 * Retries live in the core's gateway only, so this operator uses plain {@code unorderedWait}.
 * The waterfall file is polled; a valid change applies without a restart, an invalid one is refused,
 * counted and logged, and the last good config stays.
 */
public final class EnrichFunction extends RichAsyncFunction<BronzeMessage, Enriched> {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichFunction.class);

    private final EnrichSettings settings;
    private transient EnrichmentRuntime runtime;
    private transient ScheduledExecutorService watcher;
    private transient EnrichmentMetrics metrics;
    private transient AtomicInteger inFlight;
    private transient java.util.Map<ResultFuture<Enriched>, java.util.concurrent.CompletableFuture<?>> running;

    public EnrichFunction(EnrichSettings settings) { this.settings = settings; }

    @Override
    public void open(OpenContext ctx) throws Exception {
        metrics = new EnrichmentMetrics(getRuntimeContext().getMetricGroup());
        inFlight = new AtomicInteger();
        metrics.gauge("enrichment_tracks_in_progress", v -> inFlight.get());
        WaterfallConfig config = settings.waterfallFile() == null ? WaterfallConfig.defaults() : WaterfallConfig.load(Path.of(settings.waterfallFile()));
        // every subtask shares the quotas: without Redis each may use only its share of them
        runtime = EnrichmentRuntime.start(config, settings.runtime(), settings.environment(), metrics,
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        runtime.disabled().forEach((p, why) -> LOG.info("provider {} is off: {}", p.id(), why));
        metrics.registerFixedLabels(java.util.Arrays.stream(ProviderName.values()).filter(p -> runtime.gateway().enabled(p)).toList());
        for (ProviderName p : ProviderName.values()) {
            metrics.gauge("api_gateway_circuit_breaker_state", v -> runtime.gateway().enabled(p) ? runtime.gateway().breakerState(p) : 0,
                    "provider", p.id());
            // the month's spend is shared in Redis: every subtask of every job reports the same total (max, never sum)
            metrics.gauge("enrichment_api_budget_spent_usd", v -> runtime.budget().spentUsd(p), "provider", p.id());
            metrics.gauge("enrichment_api_budget_usd", v -> {
                Double b = runtime.budget().budgetUsd(p);
                return b == null ? 0 : b;
            }, "provider", p.id());
        }
        running = new java.util.concurrent.ConcurrentHashMap<>();
        if (settings.waterfallFile() != null && settings.configPoll() != null) startWatcher(config);
    }

    private void startWatcher(WaterfallConfig initial) {
        Path file = Path.of(settings.waterfallFile());
        LastGoodConfig lastGood = new LastGoodConfig(initial);
        boolean counts = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
        long[] seen = {modified(file)};
        watcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "waterfall-watcher"));
        watcher.scheduleWithFixedDelay(() -> {
            long m = modified(file);
            if (m == seen[0]) return;
            seen[0] = m;
            try {
                LastGoodConfig.Outcome o = lastGood.offer(Files.readString(file), file.toString());
                if (o.accepted()) {
                    runtime.apply(lastGood.current());
                    LOG.info("waterfall config {} applied", file);
                } else {
                    LOG.warn("waterfall config {} rejected, keeping the last good one: {}", file, o.errors());
                }
                if (counts) metrics.configReload(o.accepted() ? "success" : "error");
            } catch (Exception e) {
                LOG.warn("waterfall config {} could not be read, keeping the last good one: {}", file, e.toString());
                if (counts) metrics.configReload("error");
            }
        }, settings.configPoll().toMillis(), settings.configPoll().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void asyncInvoke(BronzeMessage m, ResultFuture<Enriched> out) {
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        java.util.concurrent.CompletableFuture<io.songnodes.enrich.waterfall.EnrichmentResult> f;
        try {
            f = runtime.enrichAsync(m, Clock.systemUTC());
        } catch (Throwable t) {
            f = java.util.concurrent.CompletableFuture.failedFuture(t);
        }
        running.put(out, f);
        f.whenComplete((r, t) -> {
            inFlight.decrementAndGet();
            if (running.remove(out) == null) return;   // timed out: the timeout completed it
            Enriched result;
            if (t == null) {
                result = Enriched.ok(m, r, started);
            } else {
                try (LogContext c = LogContext.of(LogContext.JOB, RouteFunction.JOB, LogContext.TRACK_ID, m.trackId(),
                        LogContext.ERROR_TYPE, ErrorType.INTERNAL.wireName())) {
                    LOG.error("enrichment of {} failed unexpectedly", m.trackId(), t);
                }
                result = Enriched.failed(m, ErrorType.INTERNAL, t.toString(), started);
            }
            complete(out, result);
        });
    }

    /**
     * Hands the result to the operator. Once the task is closing (cancel, failover, stop-with-savepoint) its
     * mailbox refuses it; the element is in the operator's checkpointed state and is enriched again after the
     * restore, so the result is dropped rather than reported as a failed enrichment.
     */
    private static void complete(ResultFuture<Enriched> out, Enriched result) {
        try {
            out.complete(List.of(result));
        } catch (RuntimeException closing) {
            LOG.debug("result for {} dropped, the operator is closing: {}", result.message().trackId(), closing.toString());
        }
    }

    @Override
    public void timeout(BronzeMessage m, ResultFuture<Enriched> out) {
        java.util.concurrent.CompletableFuture<?> f = running.remove(out);
        out.complete(List.of(Enriched.failed(m, ErrorType.TIMEOUT,
                "enrichment took longer than " + settings.asyncTimeout().toSeconds() + " s", System.nanoTime())));
        // no further lookup starts; the outstanding ones give their unused rate-limit slots back and abort their requests
        if (f != null) f.cancel(true);
    }

    @Override
    public void close() throws Exception {
        if (watcher != null) watcher.shutdownNow();
        if (runtime != null) runtime.close();
    }
}
