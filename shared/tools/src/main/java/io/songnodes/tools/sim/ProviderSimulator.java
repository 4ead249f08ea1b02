package io.songnodes.tools.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import io.songnodes.enrich.ProviderName;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.sim.api.BeatportApi;
import io.songnodes.tools.sim.api.DeezerApi;
import io.songnodes.tools.sim.api.DiscogsApi;
import io.songnodes.tools.sim.api.LastfmApi;
import io.songnodes.tools.sim.api.MusicBrainzApi;
import io.songnodes.tools.sim.api.SpotifyApi;
import io.songnodes.tools.sim.fixtures.FixtureApi;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The six-provider HTTP simulator: an embedded WireMock server whose one catch-all stub is answered by
 * {@link SimulatorTransformer}. Every provider is reachable at its real path on the base URL
 * ({@code /v1/search}, {@code /ws/2/recording}, ...) and under a {@code /<provider>} prefix.
 */
public final class ProviderSimulator implements AutoCloseable {
    private final WireMockServer server;
    private final SimStats stats = new SimStats();
    private final SimulatorState state;
    private final SimulatorTransformer transformer;

    private ProviderSimulator(SimulatorConfig config) {
        this.state = new SimulatorState(config.tuning());
        Catalog catalog = config.catalog() == null ? new Catalog(List.of()) : config.catalog();
        Map<ProviderName, ProviderApi> apis = new EnumMap<>(ProviderName.class);
        Map<ProviderName, ProviderApi> catalogApis = new EnumMap<>(ProviderName.class);
        catalogApis.put(ProviderName.SPOTIFY, new SpotifyApi(catalog));
        catalogApis.put(ProviderName.MUSICBRAINZ, new MusicBrainzApi(catalog));
        catalogApis.put(ProviderName.DISCOGS, new DiscogsApi(catalog));
        catalogApis.put(ProviderName.LASTFM, new LastfmApi(catalog));
        catalogApis.put(ProviderName.DEEZER, new DeezerApi(catalog));
        catalogApis.put(ProviderName.BEATPORT, new BeatportApi(catalog));
        for (ProviderName p : ProviderName.values()) {
            ProviderApi c = catalogApis.get(p);
            ProviderApi api = config.fixtureMode() ? new FixtureApi(p, config.fixturesDir(), c, config.catalog() == null ? null : c) : c;
            apis.put(p, new CachingApi(api, p == ProviderName.SPOTIFY ? Set.of("token") : p == ProviderName.MUSICBRAINZ ? Set.of("search") : Set.of()));
        }
        this.transformer = new SimulatorTransformer(config, apis, stats, state);
        this.server = new WireMockServer(options()
                .port(config.port())
                .bindAddress(config.bindAddress())
                .containerThreads(config.threads())
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(Math.max(4, config.threads() / 4))
                .disableRequestJournal()
                .gzipDisabled(true)
                .jettyStopTimeout(500L)
                .notifier(new Slf4jNotifier(false))
                .extensions(transformer));
    }

    /** Starts a simulator; close it to free the port. */
    public static ProviderSimulator start(SimulatorConfig config) {
        ProviderSimulator sim = new ProviderSimulator(config);
        sim.server.start();
        sim.server.stubFor(any(anyUrl()).willReturn(ok()));
        return sim;
    }

    public int port() { return server.port(); }

    /** {@code http://localhost:<port>}; every provider answers here at its real paths. */
    public String baseUrl() { return "http://localhost:" + port(); }

    /** {@code http://localhost:<port>/<provider>}: the same API under a provider prefix. */
    public String baseUrl(ProviderName p) { return baseUrl() + "/" + p.id(); }

    /** Counters per provider since start or the last {@link #reset()}. */
    public Map<ProviderName, SimStats.ProviderStats> stats() { return stats.snapshot(); }

    public SimStats.ProviderStats stats(ProviderName p) { return stats.snapshot().get(p); }

    /** Clears the counters and every rolling window. */
    public void reset() {
        stats.reset();
        transformer.resetWindows();
    }

    public Tuning tuning() { return state.tuning(); }

    /** Changes latency, faults or the limit scale of the running simulator (as POST /__sim/config does). */
    public void retune(Tuning tuning) { state.set(tuning); }

    @Override
    public void close() { server.stop(); }
}
