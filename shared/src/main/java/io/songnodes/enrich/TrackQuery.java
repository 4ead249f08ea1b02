package io.songnodes.enrich;

import java.io.Serializable;
import java.util.Map;

/**
 * What the waterfall asks a provider: free text (artist, title) or, when an earlier provider or a
 * scraper hint supplied one, exact ids ({@code "isrc"}, {@code "spotify"}, ...) which take precedence.
 */
public record TrackQuery(String artist, String title, Integer durationMs, Map<String, String> knownIds) implements Serializable {}
