package io.songnodes.enrich.provider;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderClient;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The six clients built from settings and the environment. A provider whose credentials are missing is
 * switched off with one log line naming the variables, never a crash; the rest run.
 *
 * @param enabled  the clients that can run, by provider
 * @param disabled the providers switched off, with the reason
 */
public record ProviderClients(Map<ProviderName, ProviderClient> enabled, Map<ProviderName, String> disabled) {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderClients.class);

    public ProviderClients {
        enabled = Collections.unmodifiableMap(copy(enabled));
        disabled = Collections.unmodifiableMap(copy(disabled));
    }

    public static ProviderClients create(ProviderSettings settings, Map<String, String> env, ProviderHttp http) {
        return create(settings, env, http, EnrichmentListener.NONE, Clock.systemUTC());
    }

    public static ProviderClients create(ProviderSettings settings, Map<String, String> env, ProviderHttp http,
                                         EnrichmentListener listener, Clock clock) {
        ProviderCredentials c = ProviderCredentials.from(env);
        Map<ProviderName, ProviderClient> on = new EnumMap<>(ProviderName.class);
        Map<ProviderName, String> off = new EnumMap<>(ProviderName.class);
        for (ProviderName p : ProviderName.values()) {
            Optional<String> missing = c.missing(p);
            if (missing.isPresent()) {
                off.put(p, missing.get());
                LOG.warn("provider {} switched off: {}", p.id(), missing.get());
                continue;
            }
            on.put(p, switch (p) {
                case SPOTIFY -> new SpotifyClient(settings, http, c.require(ProviderCredentials.SPOTIFY_CLIENT_ID),
                        c.require(ProviderCredentials.SPOTIFY_CLIENT_SECRET), listener, clock);
                case MUSICBRAINZ -> new MusicBrainzClient(settings, http);
                case DISCOGS -> new DiscogsClient(settings, http, c.require(ProviderCredentials.DISCOGS_TOKEN), listener);
                case LASTFM -> new LastfmClient(settings, http, c.require(ProviderCredentials.LASTFM_API_KEY));
                case DEEZER -> new DeezerClient(settings, http);
                case BEATPORT -> new BeatportClient(settings, http, c.require(ProviderCredentials.BEATPORT_TOKEN));
            });
        }
        return new ProviderClients(on, off);
    }

    private static <V> Map<ProviderName, V> copy(Map<ProviderName, V> m) {
        Map<ProviderName, V> out = new EnumMap<>(ProviderName.class);
        out.putAll(m);
        return out;
    }

    public Optional<ProviderClient> get(ProviderName p) { return Optional.ofNullable(enabled.get(p)); }
}
