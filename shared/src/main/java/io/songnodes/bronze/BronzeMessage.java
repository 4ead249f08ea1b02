package io.songnodes.bronze;

import io.songnodes.identity.TrackIdentity;
import io.songnodes.model.BronzeRecord;
import java.io.Serializable;

/**
 * A bronze record that passed validation, with its derived keys. {@code raw} is the JSON exactly as it
 * arrived, which bronze stores and the DLQ carries; {@code replayCount} is non-zero for DLQ replays.
 */
public record BronzeMessage(
        BronzeRecord record,
        String raw,
        String bronzeKey,
        String trackId,
        TrackIdentity identity,
        boolean unidentified,
        int replayCount) implements Serializable {}
