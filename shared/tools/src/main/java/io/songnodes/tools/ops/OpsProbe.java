package io.songnodes.tools.ops;

import io.songnodes.amqp.AmqpSettings;
import io.songnodes.config.ConfigException;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.resilience.ProviderBudget;
import io.songnodes.enrich.resilience.RedisGuard;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one {@link OpsSnapshot} from Flink's REST API, RabbitMQ's management API, PostgreSQL, Redis and the jobs' metrics. */
public final class OpsProbe implements AutoCloseable {
    private static final Set<String> ERROR_STATUSES = Set.of("error", "timeout", "rate_limited");

    private final OpsSettings settings;
    private final Map<String, String> env;
    private final Clock clock;
    private final WaterfallConfig waterfall;
    private final RedisGuard redis;
    private final ProviderBudget budget;

    public OpsProbe(OpsSettings settings, Map<String, String> env, Clock clock) {
        this.settings = settings;
        this.env = env;
        this.clock = clock;
        this.waterfall = settings.waterfallConfig == null ? WaterfallConfig.defaults() : WaterfallConfig.load(settings.waterfallConfig);
        URI r = URI.create(settings.redis(env));
        this.redis = RedisGuard.connect(r, settings.redisPrefix, Duration.ofSeconds(1), Duration.ofSeconds(1));
        Map<ProviderName, Double> budgets = new EnumMap<>(ProviderName.class);
        waterfall.providers().forEach((p, s) -> {
            if (s.monthlyBudgetUsd() != null) budgets.put(p, s.monthlyBudgetUsd());
        });
        this.budget = new ProviderBudget(redis, clock, budgets, p -> waterfall.provider(p) == null ? 0 : waterfall.provider(p).costPerCallUsd());
    }

    public OpsSnapshot snapshot() {
        long now = clock.millis();
        Map<String, OpsSnapshot.Service> services = new LinkedHashMap<>();

        List<OpsSnapshot.Job> jobs = List.of();
        try {
            jobs = new FlinkRest(settings.flink(env)).jobs(now);
            services.put("flink", new OpsSnapshot.Service(true, settings.flink(env).toString()));
        } catch (JsonHttp.Failure e) {
            services.put("flink", new OpsSnapshot.Service(false, e.getMessage()));
        }

        List<OpsSnapshot.Queue> queues = new ArrayList<>();
        try {
            // the management API takes the jobs' own account: no URI, no account, and no default one either
            AmqpSettings account = AmqpSettings.resolve(null, AmqpSettings.ENV_URI, env);
            RabbitQueues rabbit = new RabbitQueues(settings.rabbit(env), account.managementAuthorization(), account.virtualHost());
            rabbit.ping();
            queues.add(rabbit.queue("bronze", settings.bronzeQueue));
            queues.add(rabbit.queue("reenrich", settings.reenrichQueue));
            queues.add(rabbit.queue("dlq", settings.dlq));
            queues.add(rabbit.queue("parking", settings.parkingQueue));
            services.put("rabbitmq", new OpsSnapshot.Service(true, settings.rabbit(env).toString()));
        } catch (JsonHttp.Failure | ConfigException e) {
            services.put("rabbitmq", new OpsSnapshot.Service(false, e.getMessage()));
        }

        Double bronzeAge = null;
        Double silverAge = null;
        try (Connection c = DriverManager.getConnection(settings.jdbc(env)); Statement st = c.createStatement()) {
            st.setQueryTimeout(3);
            try (ResultSet rs = st.executeQuery("SELECT extract(epoch FROM now() - (SELECT max(received_at) FROM bronze.raw_tracks))::float8,"
                    + " extract(epoch FROM now() - (SELECT max(updated_at) FROM silver.tracks))::float8")) {
                rs.next();
                double b = rs.getDouble(1);
                bronzeAge = rs.wasNull() ? null : b;
                double s = rs.getDouble(2);
                silverAge = rs.wasNull() ? null : s;
            } catch (java.sql.SQLException e) {
                // reachable, but without the schema (no migration yet): only the lag is unknown
            }
            services.put("postgres", new OpsSnapshot.Service(true, "connected"));
        } catch (java.sql.SQLException e) {
            services.put("postgres", new OpsSnapshot.Service(false, firstLine(e.getMessage())));
        }

        boolean redisUp;
        try {
            redis.call(j -> j.ping());
            redisUp = true;
            services.put("redis", new OpsSnapshot.Service(true, "PONG"));
        } catch (RuntimeException | io.songnodes.enrich.resilience.RedisUnavailableException e) {
            redisUp = false;
            services.put("redis", new OpsSnapshot.Service(false, firstLine(e.getMessage())));
        }

        PromText metrics = new PromText(List.of());
        int answered = 0;
        List<URI> endpoints = settings.metrics();
        for (URI u : endpoints) {
            try {
                metrics = metrics.plus(PromText.parse(JsonHttp.text(u, null)));
                answered++;
            } catch (JsonHttp.Failure e) {
                // an unused port of the reporter's range
            }
        }
        services.put("metrics", new OpsSnapshot.Service(answered > 0,
                endpoints.isEmpty() ? "not asked (--metrics-url none)" : answered + " of " + endpoints.size() + " endpoints answered"));

        List<OpsSnapshot.Provider> providers = new ArrayList<>();
        for (ProviderName p : ProviderName.values()) providers.add(provider(p, metrics, answered > 0, redisUp));

        Double b2s = metrics.max("medallion_bronze_to_silver_lag_ms", l -> "0.95".equals(l.get("quantile")));
        Double s2g = metrics.max("medallion_silver_to_gold_lag_seconds", l -> "0.95".equals(l.get("quantile")));
        return new OpsSnapshot(clock.instant(), services, jobs, queues, providers,
                new OpsSnapshot.Lag(b2s == null ? null : b2s / 1000, s2g, bronzeAge, silverAge));
    }

    private OpsSnapshot.Provider provider(ProviderName p, PromText m, boolean haveMetrics, boolean redisUp) {
        String id = p.id();
        Integer breaker = null;
        Double quotaUsed = null;
        Double capacity = null;
        Double hitRatio = null;
        Double errorRate = null;
        Long calls = null;
        Long budgetSkips = null;
        if (haveMetrics) {
            Double b = m.max("api_gateway_circuit_breaker_state", l -> id.equals(l.get("provider")));
            breaker = b == null ? null : (int) Math.round(b);
            Double tokens = m.min("api_gateway_rate_limiter_tokens_available", l -> id.equals(l.get("provider")));
            capacity = m.max("api_gateway_rate_limiter_capacity", l -> id.equals(l.get("provider")));
            if (tokens != null && capacity != null && capacity > 0) quotaUsed = Math.max(0, Math.min(1, 1 - tokens / capacity));
            double hits = m.sum("enrichment_cache_hits", l -> id.equals(l.get("provider")));
            double misses = m.sum("enrichment_cache_misses", l -> id.equals(l.get("provider")));
            if (hits + misses > 0) hitRatio = hits / (hits + misses);
            double sent = m.sum("enrichment_api_calls", l -> id.equals(l.get("provider"))
                    && !"budget".equals(l.get("status")) && !"circuit_open".equals(l.get("status")));
            double errors = m.sum("enrichment_api_calls", l -> id.equals(l.get("provider")) && ERROR_STATUSES.contains(l.get("status")));
            calls = (long) sent;
            budgetSkips = (long) m.sum("enrichment_api_calls", l -> id.equals(l.get("provider")) && "budget".equals(l.get("status")));
            if (sent > 0) errorRate = errors / sent;
        }
        Double spent = redisUp ? budget.spentUsd(p) : null;
        Double limit = budget.budgetUsd(p);
        String level = !redisUp ? null : limit == null ? "none" : budget.level(p).name().toLowerCase(java.util.Locale.ROOT);
        return new OpsSnapshot.Provider(id, breaker, quotaUsed, capacity, hitRatio, errorRate, calls, budgetSkips, spent, limit, level);
    }

    private static String firstLine(String s) {
        if (s == null) return "unreachable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override public void close() { redis.close(); }
}
