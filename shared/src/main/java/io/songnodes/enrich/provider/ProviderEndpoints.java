package io.songnodes.enrich.provider;

import java.util.Objects;

/**
 * Base URLs of the six APIs, so the simulator or a mirror can stand in for the real hosts. Each value is
 * the prefix the documented paths are appended to (Last.fm's includes {@code /2.0/}: its methods are query
 * parameters on that one path).
 */
public record ProviderEndpoints(
        String spotifyApi,
        String spotifyAccounts,
        String musicbrainz,
        String discogs,
        String lastfm,
        String deezer,
        String beatport) {

    /** The real public hosts. */
    public static final ProviderEndpoints REAL = new ProviderEndpoints(
            "https://api.spotify.com",
            "https://accounts.spotify.com",
            "https://musicbrainz.org",
            "https://api.discogs.com",
            "https://ws.audioscrobbler.com/2.0/",
            "https://api.deezer.com",
            "https://api.beatport.com");

    public ProviderEndpoints {
        spotifyApi = base(spotifyApi, "providers.endpoints.spotify_api");
        spotifyAccounts = base(spotifyAccounts, "providers.endpoints.spotify_accounts");
        musicbrainz = base(musicbrainz, "providers.endpoints.musicbrainz");
        discogs = base(discogs, "providers.endpoints.discogs");
        // Last.fm's root is a path of its own ("/2.0/"); keep its trailing slash, as the API documents it
        lastfm = base(lastfm, "providers.endpoints.lastfm") + "/";
        deezer = base(deezer, "providers.endpoints.deezer");
        beatport = base(beatport, "providers.endpoints.beatport");
    }

    /**
     * Every provider on one server (the simulator's {@code --providers-url}). The six APIs' documented paths
     * do not collide ({@code /v1}, {@code /api/token}, {@code /ws/2}, {@code /database}, {@code /releases},
     * {@code /2.0/}, {@code /search}, {@code /track}, {@code /v4}), so they are served side by side unprefixed.
     */
    public static ProviderEndpoints allAt(String baseUrl) {
        String b = base(baseUrl, "providers-url");
        return new ProviderEndpoints(b, b, b, b, b + "/2.0/", b, b);
    }

    /** Every provider on one server under a path prefix named after it ({@code http://host/spotify/v1/...}). */
    public static ProviderEndpoints prefixedAt(String baseUrl) {
        String b = base(baseUrl, "providers-url");
        return new ProviderEndpoints(b + "/spotify", b + "/spotify", b + "/musicbrainz", b + "/discogs",
                b + "/lastfm/2.0/", b + "/deezer", b + "/beatport");
    }

    private static String base(String url, String key) {
        Objects.requireNonNull(url, key + " is required");
        String u = url.trim();
        if (!(u.startsWith("http://") || u.startsWith("https://")))
            throw new IllegalArgumentException(key + " must be an http(s) URL, got '" + url + "'");
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u;
    }
}
