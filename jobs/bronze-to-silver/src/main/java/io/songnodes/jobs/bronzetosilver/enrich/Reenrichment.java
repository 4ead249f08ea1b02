package io.songnodes.jobs.bronzetosilver.enrich;

/** Marks messages a scheduled re-enrichment built from silver rows rather than from bronze. */
public final class Reenrichment {
    /** The {@code source} of such messages; they are never coalesced and write no bronze links. */
    public static final String SOURCE = "silver-reenrichment";

    private Reenrichment() {}
}
