package io.songnodes.enrich.waterfall;

import io.songnodes.model.FieldValue;
import java.util.Locale;
import java.util.Map;

/** Renders an {@link EnrichmentResult} for people: each field with provider, confidence and rule, then what was turned down. */
public final class Explanation {
    private Explanation() {}

    public static String render(EnrichmentResult r) {
        StringBuilder sb = new StringBuilder();
        var s = r.silver();
        sb.append(s.artist()).append(" - ").append(s.title()).append('\n');
        sb.append(String.format(Locale.ROOT, "  track %s  status %s  quality %.3f  validation %s%n",
                s.trackId(), r.status().wireName(), r.qualityScore(), s.validationStatus()));
        sb.append("fields:\n");
        if (s.provenance().isEmpty()) sb.append("  (none)\n");
        for (Map.Entry<String, FieldValue> e : new java.util.TreeMap<>(s.provenance()).entrySet()) {
            FieldValue v = e.getValue();
            sb.append(String.format(Locale.ROOT, "  %-15s %-28s %-22s conf %.3f  rule %s%n", e.getKey(), v.value(),
                    v.provider() + (v.providerRecordId() == null ? "" : ":" + v.providerRecordId()), v.confidence(), v.rule()));
        }
        sb.append("providers:\n");
        for (ProviderOutcome p : r.providers()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %-12s candidates %d%s%s%n", p.provider().id(), p.status().name().toLowerCase(Locale.ROOT),
                    p.candidates(), p.matchedId() == null ? "" : String.format(Locale.ROOT, "  match %s (%.3f)", p.matchedId(), p.confidence()),
                    p.errorKind() == null ? "" : "  " + p.message()));
        }
        sb.append("rejected:\n");
        if (r.rejected().isEmpty()) sb.append("  (none)\n");
        for (Rejection x : r.rejected()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %-24s %.3f  %s%n      %s%n", x.provider().id(), x.recordId(), x.confidence(),
                    x.candidate(), x.reason()));
        }
        r.deadLetter().ifPresent(d -> sb.append("dead-letter: ").append(d.errorType().wireName()).append(" (")
                .append(d.provider()).append(", field ").append(d.field()).append("): ").append(d.reason()).append('\n'));
        return sb.toString();
    }
}
