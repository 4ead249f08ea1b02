package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.model.SilverTrack;
import java.io.Serializable;

/**
 * A bronze message that goes on to silver. {@code track} is the silver row to upsert, or null when the
 * track was enriched recently and only the record's links and playlist rows are written.
 * {@code reenrichment} marks rows a scheduled run took from silver itself: they have no bronze links.
 */
public record Settled(BronzeMessage message, SilverTrack track, boolean reenrichment) implements Serializable {
    public boolean hasTrack() { return track != null; }
}
