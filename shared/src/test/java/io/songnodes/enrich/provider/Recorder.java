package io.songnodes.enrich.provider;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/** An {@link EnrichmentListener} that keeps the events clients emit, as text, for assertions. */
final class Recorder implements EnrichmentListener {
    final List<String> events = new ArrayList<>();

    @Override public void capabilitySwitchedOff(ProviderName provider, String endpoint) { events.add("off " + provider.id() + " " + endpoint); }

    @Override public void rateLimitRemaining(ProviderName provider, long remaining) { events.add("remaining " + provider.id() + " " + remaining); }
}
