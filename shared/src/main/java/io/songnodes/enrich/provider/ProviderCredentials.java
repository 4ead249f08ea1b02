package io.songnodes.enrich.provider;

import io.songnodes.enrich.ProviderName;
import java.util.Map;
import java.util.Optional;

/**
 * Provider secrets, read once from environment variables (tests pass their own map). MusicBrainz and
 * Deezer need none. {@link #toString} never shows a secret.
 */
public final class ProviderCredentials {
    public static final String SPOTIFY_CLIENT_ID = "SPOTIFY_CLIENT_ID";
    public static final String SPOTIFY_CLIENT_SECRET = "SPOTIFY_CLIENT_SECRET";
    public static final String DISCOGS_TOKEN = "DISCOGS_TOKEN";
    public static final String LASTFM_API_KEY = "LASTFM_API_KEY";
    public static final String BEATPORT_TOKEN = "BEATPORT_TOKEN";

    private final Map<String, String> values;

    private ProviderCredentials(Map<String, String> values) { this.values = values; }

    /** Reads the variables above from {@code env} (normally {@code System.getenv()}); blank counts as unset. */
    public static ProviderCredentials from(Map<String, String> env) {
        java.util.HashMap<String, String> v = new java.util.HashMap<>();
        for (String k : new String[] {SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, DISCOGS_TOKEN, LASTFM_API_KEY, BEATPORT_TOKEN}) {
            String s = env.get(k);
            if (s != null && !s.isBlank()) v.put(k, s.trim());
        }
        return new ProviderCredentials(Map.copyOf(v));
    }

    public Optional<String> get(String variable) { return Optional.ofNullable(values.get(variable)); }

    String require(String variable) {
        String s = values.get(variable);
        if (s == null) throw new IllegalStateException(variable + " is not set");
        return s;
    }

    /** Why {@code provider} cannot run with these credentials, or empty when it can. */
    public Optional<String> missing(ProviderName provider) {
        return switch (provider) {
            case SPOTIFY -> missingOf(SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET);
            case DISCOGS -> missingOf(DISCOGS_TOKEN); // /database/search answers 401 without a token
            case LASTFM -> missingOf(LASTFM_API_KEY);
            case BEATPORT -> missingOf(BEATPORT_TOKEN);
            case MUSICBRAINZ, DEEZER -> Optional.empty();
        };
    }

    private Optional<String> missingOf(String... vars) {
        java.util.List<String> unset = java.util.Arrays.stream(vars).filter(v -> !values.containsKey(v)).toList();
        return unset.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", unset) + " not set");
    }

    @Override public String toString() { return "ProviderCredentials" + new java.util.TreeSet<>(values.keySet()); }
}
