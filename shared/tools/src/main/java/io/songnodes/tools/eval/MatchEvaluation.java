package io.songnodes.tools.eval;

import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.runtime.EnrichmentRuntime;
import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.identity.TextNormalizer;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.SilverTrack;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.catalog.NearMisses;
import io.songnodes.tools.enrich.EnrichStats;
import io.songnodes.tools.enrich.RateScale;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimStats;
import io.songnodes.tools.sim.SimulatorConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Match quality under the ways people write names: every kit track, rewritten in each {@link Variant}
 * class, goes through the real waterfall (provider clients, cache, scorer) against the simulator serving
 * the kit's tracks plus their {@link NearMisses}. Counts, per class and per id column (Spotify, Beatport),
 * true and false positives and misses, version confusions (another version of the same song matched) and
 * the provider requests the class cost.
 */
public final class MatchEvaluation {
    /** Stand-in credentials: the simulator checks that they are sent, not what they are. */
    public static final Map<String, String> SIMULATOR_CREDENTIALS = Map.of(
            "SPOTIFY_CLIENT_ID", "sim-client", "SPOTIFY_CLIENT_SECRET", "sim-secret", "DISCOGS_TOKEN", "sim-discogs",
            "LASTFM_API_KEY", "sim-lastfm", "BEATPORT_TOKEN", "sim-beatport");
    /** The simulator runs without limits; the client's windows are shortened as much so they never wait. */
    private static final double LIMIT_SCALE = 1000;
    private static final int THREADS = 4;
    private static final Instant SCRAPED_AT = Instant.parse("2025-10-10T12:00:00Z");

    private final List<CatalogTrack> truth;
    private final List<CatalogTrack> catalog;
    private final long seed;
    private final String redisUri;
    private final String redisPrefix;
    private Integer fallbackSearches;

    /** Fallback searches per track to evaluate with (0: the scorer alone); null, the default: the shipped config's. */
    public MatchEvaluation withFallbackSearches(Integer n) {
        fallbackSearches = n;
        return this;
    }

    /**
     * {@code truth}: the tracks as their tracklists wrote them, with their ids; near-misses are added around
     * them. Each class runs with a cold cache under its own key prefix below {@code redisPrefix}, removed after.
     */
    public MatchEvaluation(List<CatalogTrack> truth, long seed, String redisUri, String redisPrefix) {
        this.truth = List.copyOf(truth);
        this.catalog = NearMisses.around(truth, seed);
        this.seed = seed;
        this.redisUri = redisUri;
        this.redisPrefix = redisPrefix;
    }

    public List<CatalogTrack> catalog() { return catalog; }

    /** True and false positives and misses of one id column. */
    public record Score(int tp, int fp, int fn) {
        public double precision() { return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp); }
        public double recall() { return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn); }
        Score plus(String expected, String got) {
            if (got != null && got.equals(expected)) return new Score(tp + 1, fp, fn);
            if (got != null) return new Score(tp, fp + 1, fn);
            return expected != null ? new Score(tp, fp, fn + 1) : this;
        }
    }

    /**
     * One class's result: tracks it applied to, scores per column, matches of another version of the same
     * song, matches of another song, provider requests and fallback searches per track.
     */
    public record ClassResult(Variant variant, int tracks, Score spotify, Score beatport, int versionConfusions,
                              int otherSongs, double requestsPerTrack, double fallbacksPerTrack, double extraRequestsPerTrack,
                              List<String> errors) {
        ClassResult withExtra(double extra) {
            return new ClassResult(variant, tracks, spotify, beatport, versionConfusions, otherSongs, requestsPerTrack, fallbacksPerTrack, extra, errors);
        }
    }

    /**
     * Runs every class; {@code out} gets one line per class as it finishes. A class that made fallback searches runs a
     * second time without them: the difference in provider requests per track is what the fallbacks cost.
     */
    public List<ClassResult> run(List<Variant> variants, java.io.PrintWriter out) {
        List<ClassResult> results = new ArrayList<>();
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).enforceLimits(false)
                .catalog(new Catalog(catalog)).build())) {
            for (Variant v : variants) {
                ClassResult r = runClass(sim, v, fallbackSearches);
                if (r.fallbacksPerTrack() > 0) r = r.withExtra(r.requestsPerTrack() - runClass(sim, v, 0).requestsPerTrack());
                results.add(r);
                if (out != null) {
                    out.println(row(r));
                    out.flush();
                }
            }
        }
        return results;
    }

    private ClassResult runClass(ProviderSimulator sim, Variant v, Integer fallbackSearches) {
        VariantGenerator gen = new VariantGenerator(seed);
        WaterfallConfig shipped = RateScale.apply(WaterfallConfig.defaults(), LIMIT_SCALE);
        WaterfallConfig config = new WaterfallConfig(shipped.fields(), shipped.providers(),
                fallbackSearches == null ? shipped.scoring() : shipped.scoring().withFallbackSearches(fallbackSearches), shipped.userAgent());
        String prefix = redisPrefix + v.label() + ":";
        RuntimeSettings settings = new RuntimeSettings(redisUri, prefix, sim.baseUrl(), RuntimeSettings.DEFAULT_CONTACT);
        Map<String, CatalogTrack> bySpotify = index(t -> t.id("spotify")), byBeatport = index(t -> t.id("beatport"));
        EnrichStats stats = new EnrichStats();
        sim.reset();
        Score spotify = new Score(0, 0, 0), beatport = new Score(0, 0, 0);
        int n = 0, versions = 0, others = 0;
        List<String> errors = new ArrayList<>();
        List<CatalogTrack> tracks = new ArrayList<>();
        List<VariantGenerator.Written> written = new ArrayList<>();
        for (CatalogTrack t : truth) {
            gen.rewrite(v, t.artist(), t.fullTitle()).ifPresent(w -> {
                tracks.add(t);
                written.add(w);
            });
        }
        n = tracks.size();
        List<SilverTrack> silver;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (EnrichmentRuntime runtime = EnrichmentRuntime.start(config, settings, SIMULATOR_CREDENTIALS, stats)) {
            List<Future<SilverTrack>> futures = new ArrayList<>();
            for (VariantGenerator.Written w : written) futures.add(pool.submit(() -> enrich(runtime, v, w)));
            silver = new ArrayList<>();
            for (Future<SilverTrack> f : futures) silver.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("enrichment failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < n; i++) {
            CatalogTrack t = tracks.get(i);
            VariantGenerator.Written w = written.get(i);
            SilverTrack s = silver.get(i);
            spotify = spotify.plus(t.id("spotify"), s.spotifyId());
            beatport = beatport.plus(t.id("beatport"), s.beatportId());
            for (String[] got : new String[][] {{s.spotifyId(), t.id("spotify"), "spotify"}, {s.beatportId(), t.id("beatport"), "beatport"}}) {
                if (got[0] == null && got[1] != null) {
                    errors.add(String.format(Locale.ROOT, "%s %s: '%s - %s' missed", v.label(), got[2], w.artist(), w.title()));
                    continue;
                }
                if (got[0] == null || got[0].equals(got[1])) continue;
                CatalogTrack wrong = (got[2].equals("spotify") ? bySpotify : byBeatport).get(got[0]);
                boolean sameSong = wrong != null && sameSong(wrong, t);
                if (sameSong) versions++;
                else others++;
                errors.add(String.format(Locale.ROOT, "%s %s: '%s - %s' matched '%s' (%s)", v.label(), got[2], w.artist(),
                        w.title(), wrong == null ? got[0] : wrong.artist() + " - " + wrong.fullTitle(),
                        sameSong ? "another version" : "another song"));
            }
        }
        removeKeys(settings, prefix);
        long requests = sim.stats().values().stream().mapToLong(SimStats.ProviderStats::requests).sum();
        double perTrack = n == 0 ? 0 : requests / (double) n;
        return new ClassResult(v, n, spotify, beatport, versions, others, perTrack, n == 0 ? 0 : stats.fallbackSearches() / (double) n, 0, errors);
    }

    /** Best effort: an unreachable Redis held no keys of this run. */
    private static void removeKeys(RuntimeSettings settings, String prefix) {
        try (redis.clients.jedis.JedisPooled j = new redis.clients.jedis.JedisPooled(settings.redisHost(), settings.redisPort())) {
            redis.clients.jedis.params.ScanParams p = new redis.clients.jedis.params.ScanParams().match(prefix + "*").count(1000);
            String cursor = redis.clients.jedis.params.ScanParams.SCAN_POINTER_START;
            do {
                redis.clients.jedis.resps.ScanResult<String> r = j.scan(cursor, p);
                if (!r.getResult().isEmpty()) j.del(r.getResult().toArray(String[]::new));
                cursor = r.getCursor();
            } while (!cursor.equals(redis.clients.jedis.params.ScanParams.SCAN_POINTER_START));
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            // nothing was cached there either
        }
    }

    private static SilverTrack enrich(EnrichmentRuntime runtime, Variant v, VariantGenerator.Written w) {
        BronzeRecord r = new BronzeRecord("match-eval", "match-eval:" + v.label(), null, w.artist(), w.title(),
                null, null, SCRAPED_AT, "songnodes-tools");
        Validation val = BronzeValidator.validate(Json.write(r));
        if (!val.isValid()) throw new IllegalStateException("variant is not a valid bronze record: " + val.reason() + ": " + r);
        EnrichmentResult res = runtime.enrich(val.message(), Clock.systemUTC());
        return res.silver();
    }

    private static boolean sameSong(CatalogTrack a, CatalogTrack b) {
        return TextNormalizer.normalize(a.artist()).equals(TextNormalizer.normalize(b.artist()))
                && TextNormalizer.normalize(a.title()).equals(TextNormalizer.normalize(b.title()));
    }

    private Map<String, CatalogTrack> index(Function<CatalogTrack, String> id) {
        Map<String, CatalogTrack> m = new HashMap<>();
        for (CatalogTrack t : catalog) if (id.apply(t) != null) m.putIfAbsent(id.apply(t), t);
        return m;
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-18s %6s  %-19s %-19s %9s %7s %9s %14s %15s", "class", "tracks", "spotify P / R",
                "beatport P / R", "versions", "others", "req/track", "fallback/track", "extra req/track");
    }

    public static String row(ClassResult r) {
        return String.format(Locale.ROOT, "%-18s %6d  %.3f / %.3f       %.3f / %.3f       %9d %7d %9.2f %14.2f %15.2f", r.variant().label(), r.tracks(),
                r.spotify().precision(), r.spotify().recall(), r.beatport().precision(), r.beatport().recall(),
                r.versionConfusions(), r.otherSongs(), r.requestsPerTrack(), r.fallbacksPerTrack(), r.extraRequestsPerTrack());
    }
}
