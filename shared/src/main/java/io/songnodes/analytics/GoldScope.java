package io.songnodes.analytics;

import java.util.Set;

/**
 * Which gold rows a run recomputes, by key: everything ({@link #everything}) or the rows an incremental update
 * touches. Each key set names rows to replace: rows computed for them are written, others are deleted.
 *
 * @param tracks                track analytics and artist credits of these tracks
 * @param playlists             playlist analytics and DJ credits of these sets
 * @param transitionSources     every transition leaving these tracks
 * @param artists               artist analytics of these artists
 * @param recommendationSources the recommendations of these tracks
 */
public record GoldScope(boolean all, Set<String> tracks, Set<String> playlists, Set<String> transitionSources,
                        Set<String> artists, Set<String> recommendationSources) {

    public static GoldScope everything() { return new GoldScope(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of()); }

    public GoldScope {
        tracks = Set.copyOf(tracks);
        playlists = Set.copyOf(playlists);
        transitionSources = Set.copyOf(transitionSources);
        artists = Set.copyOf(artists);
        recommendationSources = Set.copyOf(recommendationSources);
    }
}
