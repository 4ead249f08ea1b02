package io.songnodes.bronze;

import io.songnodes.identity.TrackIdentity;
import io.songnodes.model.BronzeRecord;
import java.io.Serializable;
import java.time.Instant;

/**
 * A bronze record that passed validation, with its derived keys. {@code raw} is the JSON exactly as it
 * arrived, which bronze stores and the DLQ carries; {@code replayCount} is non-zero for DLQ replays, which keep
 * {@code firstFailedAt} from their envelope. {@code reenrichment} is set only by the scheduled re-enrichment
 * reader, never from a message's content: a record claiming to be one on a queue is an ordinary record.
 */
public record BronzeMessage(
        BronzeRecord record,
        String raw,
        String bronzeKey,
        String trackId,
        TrackIdentity identity,
        boolean unidentified,
        int replayCount,
        Instant firstFailedAt,
        boolean reenrichment) implements Serializable {

    /** A message from a queue or a file: not a re-enrichment, and a first failure if it fails. */
    public BronzeMessage(BronzeRecord record, String raw, String bronzeKey, String trackId, TrackIdentity identity, boolean unidentified,
                         int replayCount) {
        this(record, raw, bronzeKey, trackId, identity, unidentified, replayCount, null, false);
    }

    /** The same message, replayed from a dead letter that first failed at {@code at}. */
    public BronzeMessage firstFailedAt(Instant at) {
        return new BronzeMessage(record, raw, bronzeKey, trackId, identity, unidentified, replayCount, at, reenrichment);
    }
}
