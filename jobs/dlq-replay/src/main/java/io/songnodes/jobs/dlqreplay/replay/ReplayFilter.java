package io.songnodes.jobs.dlqreplay.replay;

import io.songnodes.model.DeadLetter;
import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * Which DLQ messages a run moves: every given criterion must hold (an empty set means "any").
 * Only AMQP headers are read, except {@code ids} when a publisher did not set the message-id.
 * A message without a failure time never matches a time bound, so it stays in the DLQ.
 */
public record ReplayFilter(Set<String> errorTypes, Set<String> providers, Set<String> fields, Set<String> sources,
                           Instant olderThan, Instant newerThan, Set<String> ids) implements Serializable {

    public ReplayFilter {
        errorTypes = Set.copyOf(errorTypes);
        providers = Set.copyOf(providers);
        fields = Set.copyOf(fields);
        sources = Set.copyOf(sources);
        ids = Set.copyOf(ids);
    }

    public static ReplayFilter all() {
        return new ReplayFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, null, Set.of());
    }

    public boolean matches(DlqMessage m) {
        if (!in(errorTypes, m.header(DeadLetter.H_ERROR_TYPE))) return false;
        if (!in(providers, m.header(DeadLetter.H_PROVIDER))) return false;
        if (!in(fields, m.header(DeadLetter.H_FIELD))) return false;
        if (!in(sources, m.header(DeadLetter.H_SOURCE))) return false;
        if (olderThan != null || newerThan != null) {
            Instant at = m.failedAt();
            if (at == null) return false;
            if (olderThan != null && !at.isBefore(olderThan)) return false;
            if (newerThan != null && !at.isAfter(newerThan)) return false;
        }
        if (ids.isEmpty()) return true;
        String id = m.id();
        return id != null && ids.contains(id);
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }

    /** A one-line description for the log and the summary. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!errorTypes.isEmpty()) b.append(" error_type in ").append(errorTypes);
        if (!providers.isEmpty()) b.append(" provider in ").append(providers);
        if (!fields.isEmpty()) b.append(" field in ").append(fields);
        if (!sources.isEmpty()) b.append(" source in ").append(sources);
        if (olderThan != null) b.append(" failed before ").append(olderThan);
        if (newerThan != null) b.append(" failed after ").append(newerThan);
        if (!ids.isEmpty()) b.append(" id in a list of ").append(ids.size());
        return b.isEmpty() ? "every message" : b.toString().trim();
    }
}
