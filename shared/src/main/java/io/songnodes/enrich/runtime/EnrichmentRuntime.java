package io.songnodes.enrich.runtime;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.cache.LookupCache;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.provider.ProviderClients;
import io.songnodes.enrich.provider.ProviderEndpoints;
import io.songnodes.enrich.provider.ProviderSettings;
import io.songnodes.enrich.resilience.RedisGuard;
import io.songnodes.enrich.resilience.Resilience;
import io.songnodes.enrich.resilience.ResilienceSettings;
import io.songnodes.enrich.resilience.ResilientGateway;
import io.songnodes.enrich.resilience.ResilientHttp;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.enrich.waterfall.Waterfall;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The enrichment core assembled for one process (a Flink subtask, the CLI): provider clients over
 * rate-limited HTTP, the cached and circuit-broken gateway, and the waterfall. A new waterfall config
 * swaps the field rules in place; changed provider limits rebuild the gateway.
 */
public final class EnrichmentRuntime implements AutoCloseable {
    private static final String APP = "SongNodes";
    private static final String VERSION = "0.1";

    private final RuntimeSettings settings;
    private final Map<String, String> env;
    private final EnrichmentListener listener;
    private final Clock clock;
    private final int fallbackInstances;
    private volatile Waterfall waterfall;
    private volatile Resilience resilience;
    private volatile ResilientGateway gateway;
    private volatile Map<ProviderName, String> disabled;

    private EnrichmentRuntime(RuntimeSettings settings, Map<String, String> env, EnrichmentListener listener, int fallbackInstances,
                              Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.listener = listener;
        this.fallbackInstances = fallbackInstances;
    }

    /** A runtime that is the only user of its quotas while Redis is unreachable (the CLI). */
    public static EnrichmentRuntime start(WaterfallConfig config, RuntimeSettings settings, Map<String, String> env, EnrichmentListener listener) {
        return start(config, settings, env, listener, 1, Clock.systemUTC());
    }

    /**
     * A runtime that is one of {@code fallbackInstances} sharing each quota (a job's parallel subtasks): while Redis
     * is unreachable each runs its local limiter at rate/fallbackInstances, so an outage does not multiply the quota.
     */
    public static EnrichmentRuntime start(WaterfallConfig config, RuntimeSettings settings, Map<String, String> env, EnrichmentListener listener,
                                          int fallbackInstances) {
        return start(config, settings, env, listener, fallbackInstances, Clock.systemUTC());
    }

    /** With the clock that decides the budget month (tests fix it). */
    public static EnrichmentRuntime start(WaterfallConfig config, RuntimeSettings settings, Map<String, String> env, EnrichmentListener listener,
                                          int fallbackInstances, Clock clock) {
        if (fallbackInstances < 1) throw new IllegalArgumentException("fallbackInstances must be >= 1, got " + fallbackInstances);
        EnrichmentRuntime r = new EnrichmentRuntime(settings, env, listener, fallbackInstances, clock);
        r.waterfall = new Waterfall(config);
        r.buildGateway(config);
        return r;
    }

    private void buildGateway(WaterfallConfig config) {
        RedisGuard redis = RedisGuard.connect(settings.redis(), settings.redisPrefix(),
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        Resilience next = new Resilience(redis, resilienceSettings(config, fallbackInstances), listener, budgets(config), clock);
        ProviderSettings clientSettings = ProviderSettings.defaults(APP, VERSION, settings.contact()).withEndpoints(endpoints(config));
        ResilientHttp http = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(5)), next);
        ProviderClients clients = ProviderClients.create(clientSettings, env, http, listener, Clock.systemUTC());
        Map<ProviderName, String> off = new EnumMap<>(ProviderName.class);
        off.putAll(clients.disabled());
        java.util.List<io.songnodes.enrich.ProviderClient> on = new java.util.ArrayList<>();
        clients.enabled().forEach((name, client) -> {
            var s = config.provider(name);
            if (s != null && !s.enabled()) off.put(name, "switched off in the waterfall config");
            else on.add(client);
        });
        Resilience old = resilience;
        gateway = new ResilientGateway(on, http, next, new LookupCache(redis, listener));
        disabled = off;
        resilience = next;
        if (old != null) old.close();
    }

    private ProviderEndpoints endpoints(WaterfallConfig config) {
        if (settings.providersUrl() != null && !settings.providersUrl().isBlank()) return ProviderEndpoints.allAt(settings.providersUrl());
        var p = config.providers();
        return new ProviderEndpoints(
                p.get(ProviderName.SPOTIFY).baseUrl().toString(),
                p.get(ProviderName.SPOTIFY).authUrl() == null ? ProviderEndpoints.REAL.spotifyAccounts()
                        : p.get(ProviderName.SPOTIFY).authUrl().resolve("/").toString(),
                p.get(ProviderName.MUSICBRAINZ).baseUrl().toString(),
                p.get(ProviderName.DISCOGS).baseUrl().toString(),
                p.get(ProviderName.LASTFM).baseUrl().toString(),
                p.get(ProviderName.DEEZER).baseUrl().toString(),
                p.get(ProviderName.BEATPORT).baseUrl().toString());
    }

    static Map<ProviderName, Double> budgets(WaterfallConfig config) {
        Map<ProviderName, Double> out = new EnumMap<>(ProviderName.class);
        config.providers().forEach((p, s) -> {
            if (s.monthlyBudgetUsd() != null) out.put(p, s.monthlyBudgetUsd());
        });
        return out;
    }

    /** The YAML's limits mapped onto the resilience layer; breaker, retry and AIMD keep their defaults. */
    static Map<ProviderName, ResilienceSettings> resilienceSettings(WaterfallConfig config, int fallbackInstances) {
        Map<ProviderName, ResilienceSettings> out = new EnumMap<>(ProviderName.class);
        for (ProviderName p : ProviderName.values()) {
            var s = config.provider(p);
            ResilienceSettings.Builder b = ResilienceSettings.builder(p).fallbackInstances(fallbackInstances);
            if (s != null) {
                b.rate(s.rate()).burst(s.burst()).timeout(s.timeout()).cacheTtl(s.cacheTtl())
                        .negativeTtl(s.negativeCacheTtl()).costPerCallUsd(s.costPerCallUsd())
                        // strict spacing serialises every request of a one-per-window quota (MusicBrainz's 1/s);
                        // with several permits per window it would only slow the provider down
                        .strictSpacing(s.rate().permits() == 1 && s.burst() <= 1);
            }
            out.put(p, b.build());
        }
        return out;
    }

    public EnrichmentResult enrich(BronzeMessage message, Clock clock) {
        return waterfall.enrich(message, gateway, listener, clock);
    }

    /**
     * Enriches one message without blocking, each wave's provider lookups at the same time; cancelling the future
     * (a timeout) cancels the track's outstanding lookups and gives back their unused rate-limit slots.
     */
    public java.util.concurrent.CompletableFuture<EnrichmentResult> enrichAsync(BronzeMessage message, Clock clock) {
        return waterfall.enrichAsync(io.songnodes.enrich.waterfall.TrackInput.of(message), gateway, listener, clock);
    }

    /** Applies a new, already validated config; returns true when the gateway was rebuilt. */
    public synchronized boolean apply(WaterfallConfig config) {
        boolean limitsChanged = !config.providers().equals(waterfall.config().providers());
        if (limitsChanged) buildGateway(config);
        waterfall = new Waterfall(config);
        return limitsChanged;
    }

    public WaterfallConfig config() { return waterfall.config(); }

    public ResilientGateway gateway() { return gateway; }

    public Resilience resilience() { return resilience; }

    /** This month's spend and the budgets (the current config's). */
    public io.songnodes.enrich.resilience.ProviderBudget budget() { return resilience.budget(); }

    /** Providers switched off, with why (no credentials, or off in the config). */
    public Map<ProviderName, String> disabled() { return disabled; }

    @Override public void close() { resilience.close(); }
}
