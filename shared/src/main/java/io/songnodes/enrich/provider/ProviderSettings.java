package io.songnodes.enrich.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * Typed, validated settings shared by the six clients: who we are (the User-Agent that MusicBrainz and
 * Discogs require), where the APIs live, and how much each lookup may ask for. Secrets are not here:
 * they come from the environment through {@link ProviderCredentials}.
 *
 * @param appName        application name in the User-Agent
 * @param appVersion     application version in the User-Agent
 * @param contact        contact URL or e-mail in the User-Agent (MusicBrainz blocks agents without one)
 * @param endpoints      base URLs
 * @param searchLimit    maximum hits asked of a text search (Spotify's dev-mode maximum is 10)
 * @param detailLookups  Deezer search hits carry no ISRC or BPM: how many of the first hits get a
 *                       {@code /track/{id}} follow-up within the same lookup (0 switches it off)
 * @param spotifyAudioFeatures whether Spotify candidates are completed from {@code /v1/audio-features}
 * @param tokenRefreshMargin   an OAuth token is refreshed this long before it expires
 * @param requestTimeout       per-request timeout set on every {@link java.net.http.HttpRequest}
 */
public record ProviderSettings(
        String appName,
        String appVersion,
        String contact,
        ProviderEndpoints endpoints,
        int searchLimit,
        int detailLookups,
        boolean spotifyAudioFeatures,
        Duration tokenRefreshMargin,
        Duration requestTimeout) {

    public ProviderSettings {
        appName = required(appName, "providers.user_agent.app");
        appVersion = required(appVersion, "providers.user_agent.version");
        contact = required(contact, "providers.user_agent.contact");
        Objects.requireNonNull(endpoints, "providers.endpoints is required");
        if (searchLimit < 1 || searchLimit > 50)
            throw new IllegalArgumentException("providers.search_limit must be 1..50, got " + searchLimit);
        if (detailLookups < 0 || detailLookups > searchLimit)
            throw new IllegalArgumentException("providers.detail_lookups must be 0..search_limit, got " + detailLookups);
        if (tokenRefreshMargin == null || tokenRefreshMargin.isNegative())
            throw new IllegalArgumentException("providers.token_refresh_margin must be >= 0");
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero())
            throw new IllegalArgumentException("providers.request_timeout must be > 0");
    }

    /** Real endpoints, 10 hits per search, 3 Deezer detail lookups, audio-features on, 60 s token margin, 10 s timeout. */
    public static ProviderSettings defaults(String appName, String appVersion, String contact) {
        return new ProviderSettings(appName, appVersion, contact, ProviderEndpoints.REAL, 10, 3, true,
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    public ProviderSettings withEndpoints(ProviderEndpoints e) {
        return new ProviderSettings(appName, appVersion, contact, e, searchLimit, detailLookups, spotifyAudioFeatures,
                tokenRefreshMargin, requestTimeout);
    }

    /** MusicBrainz's documented form: {@code Application/version ( contact )}. */
    public String userAgent() { return appName + "/" + appVersion + " ( " + contact + " )"; }

    private static String required(String v, String key) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(key + " is required (the User-Agent must identify the app)");
        if (v.chars().anyMatch(c -> c < 0x20 || c > 0x7e))
            throw new IllegalArgumentException(key + " must be printable ASCII (it goes into an HTTP header)");
        return v.trim();
    }
}
