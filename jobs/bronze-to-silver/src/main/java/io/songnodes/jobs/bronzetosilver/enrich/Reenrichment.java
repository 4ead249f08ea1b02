package io.songnodes.jobs.bronzetosilver.enrich;

/** Marks messages a scheduled re-enrichment built from silver rows rather than from bronze. */
public final class Reenrichment {
    /**
     * The {@code source} of such messages, a label only: what marks a re-enrichment (never coalesced, no bronze links) is
     * {@link io.songnodes.bronze.BronzeMessage#reenrichment()}, which only the re-enrichment reader sets.
     */
    public static final String SOURCE = "silver-reenrichment";

    private Reenrichment() {}
}
