package io.songnodes.enrich;

import java.util.Locale;

/** The six providers; the lower-case name is used in config, metrics labels, provenance and cache keys. */
public enum ProviderName {
    SPOTIFY, MUSICBRAINZ, DISCOGS, BEATPORT, LASTFM, DEEZER;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static ProviderName of(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
}
