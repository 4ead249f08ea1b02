package io.songnodes.bronze;

import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.FieldValue;
import io.songnodes.model.Hints;
import io.songnodes.model.SilverTrackBuilder;
import io.songnodes.model.SilverTrack;

/** The silver row a bronze message yields before enrichment: identity, normalised fields and scraper hints. */
public final class PendingSilver {
    private PendingSilver() {}

    public static SilverTrack of(BronzeMessage m) {
        SilverTrackBuilder b = identity(m);
        Hints h = m.record().hintsOrEmpty();
        b.spotifyId = hint(b, "spotify_id", h.spotifyId(), m);
        b.isrc = hint(b, "isrc", h.isrc(), m);
        b.beatportId = hint(b, "beatport_id", h.beatportId(), m);
        b.musicbrainzId = hint(b, "musicbrainz_id", h.musicbrainzId(), m);
        b.enrichmentStatus = m.unidentified() ? EnrichmentStatus.UNIDENTIFIED : EnrichmentStatus.PENDING;
        return b.build();
    }

    /** Identity columns only; enrichment starts from this. */
    public static SilverTrackBuilder identity(BronzeMessage m) {
        SilverTrackBuilder b = new SilverTrackBuilder();
        b.trackId = m.trackId();
        b.artist = m.record().artist();
        b.title = m.record().title();
        b.artistNormalized = m.identity().artistNormalized();
        b.titleNormalized = m.identity().baseTitle();
        b.featuredArtists = new java.util.ArrayList<>(m.identity().featuredArtists());
        b.version = m.identity().version();
        b.firstSeenAt = m.record().scrapedAt();
        return b;
    }

    private static String hint(SilverTrackBuilder b, String field, String value, BronzeMessage m) {
        if (value == null || value.isBlank()) return null;
        b.provenance.put(field, FieldValue.fromSource(value, m.record().source(), m.record().scrapedAt()));
        return value;
    }
}
