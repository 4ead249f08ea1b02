package io.songnodes.tools.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One look at the pipeline, as {@code songnodes status} shows it and {@code songnodes health} judges it. A value
 * that could not be read is null; the {@code services} map says which source did not answer and why.
 */
public record OpsSnapshot(@JsonProperty("at") Instant at,
                          @JsonProperty("services") Map<String, Service> services,
                          @JsonProperty("jobs") List<Job> jobs,
                          @JsonProperty("queues") List<Queue> queues,
                          @JsonProperty("providers") List<Provider> providers,
                          @JsonProperty("lag") Lag lag) {

    /** Whether a source answered (postgres, rabbitmq, redis, flink, metrics). */
    public record Service(@JsonProperty("up") boolean up, @JsonProperty("detail") String detail) {}

    /** A Flink job from the REST API; times in milliseconds. */
    public record Job(@JsonProperty("id") String id, @JsonProperty("name") String name, @JsonProperty("state") String state,
                      @JsonProperty("uptime_ms") Long uptimeMs, @JsonProperty("last_checkpoint_at_ms") Long lastCheckpointAtMs,
                      @JsonProperty("last_checkpoint_age_ms") Long lastCheckpointAgeMs,
                      @JsonProperty("checkpoints_completed") Long checkpointsCompleted,
                      @JsonProperty("checkpoints_failed") Long checkpointsFailed) {}

    /** A queue from the RabbitMQ management API; rates in messages per second. */
    public record Queue(@JsonProperty("role") String role, @JsonProperty("name") String name, @JsonProperty("exists") boolean exists,
                        @JsonProperty("messages") Long messages, @JsonProperty("consumers") Long consumers,
                        @JsonProperty("in_per_s") Double inPerSecond, @JsonProperty("out_per_s") Double outPerSecond) {}

    /**
     * A provider as the running jobs report it (breaker, limiter, cache, calls since the jobs started) and its
     * month's spend from Redis. {@code breakerState}: 0 closed, 1 half-open, 2 open, null when no job reports it.
     */
    public record Provider(@JsonProperty("provider") String provider, @JsonProperty("breaker_state") Integer breakerState,
                           @JsonProperty("quota_used") Double quotaUsed, @JsonProperty("quota_capacity") Double quotaCapacity,
                           @JsonProperty("cache_hit_ratio") Double cacheHitRatio, @JsonProperty("error_rate") Double errorRate,
                           @JsonProperty("calls") Long calls, @JsonProperty("budget_skips") Long budgetSkips,
                           @JsonProperty("spent_usd") Double spentUsd, @JsonProperty("budget_usd") Double budgetUsd,
                           @JsonProperty("budget_level") String budgetLevel) {

        public String breakerName() {
            return breakerState == null ? "?" : switch (breakerState) {
                case 0 -> "closed";
                case 1 -> "half_open";
                default -> "open";
            };
        }
    }

    /**
     * Medallion lag: the jobs' p95 (scraped_at to silver commit; silver event to gold), and from PostgreSQL how long
     * ago the newest bronze row arrived and the newest silver row changed.
     */
    public record Lag(@JsonProperty("bronze_to_silver_p95_s") Double bronzeToSilverP95Seconds,
                      @JsonProperty("silver_to_gold_p95_s") Double silverToGoldP95Seconds,
                      @JsonProperty("newest_bronze_age_s") Double newestBronzeAgeSeconds,
                      @JsonProperty("newest_silver_age_s") Double newestSilverAgeSeconds) {}

    public Service service(String name) { return services.get(name); }
}
