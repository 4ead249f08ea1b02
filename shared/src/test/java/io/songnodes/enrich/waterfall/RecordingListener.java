package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/** Records the waterfall's events as readable strings. */
final class RecordingListener implements EnrichmentListener {
    final List<String> events = new ArrayList<>();

    @Override public void fieldWon(ProviderName provider, String field) { events.add("won " + field + " " + provider.id()); }

    @Override public void fallback(ProviderName from, ProviderName to, String field) {
        events.add("fallback " + field + " " + from.id() + "->" + to.id());
    }

    @Override public void trackEnriched(String status, int fieldsEnriched) { events.add("enriched " + status + " " + fieldsEnriched); }
}
