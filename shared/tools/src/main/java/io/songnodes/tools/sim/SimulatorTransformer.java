package io.songnodes.tools.sim;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.songnodes.enrich.ProviderName;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulator's request pipeline, run by WireMock for every request: route to a provider, count, enforce the
 * rolling-window quota with the provider's real over-limit answer, inject a fault by share, answer, add latency.
 */
final class SimulatorTransformer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "songnodes-provider-simulator";

    private final SimulatorConfig config;
    private final Map<ProviderName, ProviderApi> apis;
    private final Map<ProviderName, RollingWindow> windows = new EnumMap<>(ProviderName.class);
    private final ProviderErrors errors = new ProviderErrors();
    private final SimStats stats;
    private final SimulatorState state;
    private final AdminApi admin;
    private final SplittableRandom random;

    SimulatorTransformer(SimulatorConfig config, Map<ProviderName, ProviderApi> apis, SimStats stats, SimulatorState state) {
        this.config = config;
        this.apis = apis;
        this.stats = stats;
        this.state = state;
        this.admin = new AdminApi(stats, state, this::resetWindows);
        this.random = new SplittableRandom(config.seed());
        for (ProviderName p : ProviderName.values()) windows.put(p, new RollingWindow());
    }

    @Override
    public String getName() { return NAME; }

    @Override
    public boolean applyGlobally() { return true; }

    void resetWindows() { windows.values().forEach(RollingWindow::clear); }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        long now = System.nanoTime();
        LoggedRequest req = serveEvent.getRequest();
        String url = req.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String rawQuery = q < 0 ? "" : url.substring(q + 1);
        if (path.startsWith("/__sim/")) return render(admin.handle(req.getMethod().getName(), path, req.getBodyAsString()), 0);
        Route route = Route.of(path);
        if (route == null) {
            return render(Answer.json(404, "{\"error\":\"the simulator serves no provider at " + path.replace("\"", "") + "\"}"), 0);
        }
        ProviderName p = route.provider();
        SimRequest sr = new SimRequest(p, req.getMethod().getName(), route.path(), SimRequest.parseQuery(rawQuery),
                req::getHeader, req.getBodyAsString());
        ProviderApi api = apis.get(p);
        String endpoint = api.endpoint(sr);
        Tuning tuning = state.tuning();
        stats.request(p);
        long delay = latency(tuning, p);

        Answer answer;
        RollingWindow.Decision decision = null;
        boolean limited = config.enforceLimits() && !endpoint.equals("token");
        if (limited) {
            io.songnodes.enrich.config.Rate limit = config.limits().get(p);
            long windowNanos = Math.max(1, Math.round(limit.period().toNanos() / tuning.limitScale()));
            decision = windows.get(p).tryAcquire(now, limit.permits(), windowNanos);
        }
        if (decision != null && !decision.allowed()) {
            stats.overLimit(p);
            answer = errors.overLimit(p, decision.waitNanos());
        } else {
            FaultKind fault = pickFault(tuning, p, endpoint);
            if (fault != null) {
                stats.fault(p, fault);
                switch (fault) {
                    case SERVER_ERROR -> answer = errors.serverError(p);
                    case FORBIDDEN -> answer = errors.forbidden(p);
                    case RESET -> answer = Answer.fault(Fault.CONNECTION_RESET_BY_PEER);
                    case TIMEOUT -> {
                        answer = serve(api, sr, endpoint);
                        delay += tuning.timeoutFaultMs();
                    }
                    case MALFORMED -> {
                        Answer ok = serve(api, sr, endpoint);
                        String b = ok.body() == null ? "" : ok.body();
                        answer = Answer.json(200, b.substring(0, Math.max(1, b.length() / 2)));
                    }
                    default -> throw new IllegalStateException(fault.name());
                }
            } else {
                answer = serve(api, sr, endpoint);
            }
        }
        if (p == ProviderName.DISCOGS && decision != null) {
            answer = answer.withHeader("X-Discogs-Ratelimit", String.valueOf(decision.max()))
                    .withHeader("X-Discogs-Ratelimit-Used", String.valueOf(decision.used()))
                    .withHeader("X-Discogs-Ratelimit-Remaining", String.valueOf(decision.remaining()));
        }
        if (answer.fault() == null) stats.status(p, answer.status());
        return render(answer, delay);
    }

    private Answer serve(ProviderApi api, SimRequest sr, String endpoint) {
        Answer auth = errors.unauthenticated(sr, endpoint, config.requireUserAgent());
        return auth != null ? auth : api.serve(sr);
    }

    private long latency(Tuning t, ProviderName p) {
        long base = t.latencyFor(p);
        if (t.jitterMs() <= 0) return base;
        synchronized (random) {
            return base + random.nextLong(t.jitterMs() + 1);
        }
    }

    private FaultKind pickFault(Tuning t, ProviderName p, String endpoint) {
        Map<FaultKind, Double> shares = t.faultsFor(p);
        if (shares.isEmpty()) return null;
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        double acc = 0;
        for (Map.Entry<FaultKind, Double> e : shares.entrySet()) {
            // a capability 403 exists only on Spotify audio-features; other Spotify endpoints keep working
            if (e.getKey() == FaultKind.FORBIDDEN && p == ProviderName.SPOTIFY && !endpoint.equals("audio_features")) continue;
            acc += e.getValue();
            if (u < acc) return e.getKey();
        }
        return null;
    }

    private static ResponseDefinition render(Answer a, long delayMs) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition();
        if (a.fault() != null) {
            b.withFault(a.fault());
        } else {
            b.withStatus(a.status());
            a.headers().forEach(b::withHeader);
            if (a.body() != null && !a.body().isEmpty()) b.withBody(a.body());
        }
        if (delayMs > 0) b.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delayMs));
        return b.build();
    }

    /** Where a path goes: a {@code /<provider>} prefix, else the provider's real path. */
    record Route(ProviderName provider, String path) {
        static Route of(String path) {
            int slash = path.indexOf('/', 1);
            String first = (slash < 0 ? path.substring(1) : path.substring(1, slash)).toLowerCase(Locale.ROOT);
            for (ProviderName p : ProviderName.values()) {
                if (p.id().equals(first)) return new Route(p, slash < 0 ? "/" : path.substring(slash));
            }
            if (path.startsWith("/api/token") || path.startsWith("/v1/")) return new Route(ProviderName.SPOTIFY, path);
            if (path.startsWith("/ws/2/")) return new Route(ProviderName.MUSICBRAINZ, path);
            if (path.startsWith("/database/") || path.startsWith("/releases/")) return new Route(ProviderName.DISCOGS, path);
            if (path.startsWith("/2.0")) return new Route(ProviderName.LASTFM, path);
            if (path.startsWith("/search") || path.startsWith("/track/") || path.startsWith("/album/")) return new Route(ProviderName.DEEZER, path);
            if (path.startsWith("/v4/")) return new Route(ProviderName.BEATPORT, path);
            return null;
        }
    }
}
