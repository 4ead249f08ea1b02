package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints switched off for the rest of the run because the account lacks the capability (Spotify
 * audio-features answers 403 for apps created after 2024-11-27). Per process: a capability is a property of
 * the credentials, so every instance discovers it with its first call and no shared state is needed.
 */
public final class CapabilitySwitches {
    private static final Logger LOG = LoggerFactory.getLogger(CapabilitySwitches.class);

    private final Set<String> off = ConcurrentHashMap.newKeySet();
    private final EnrichmentListener listener;

    public CapabilitySwitches(EnrichmentListener listener) {
        this.listener = listener == null ? EnrichmentListener.NONE : listener;
    }

    /** Switches {@code endpoint} off; reports it once. */
    public void switchOff(ProviderName provider, String endpoint) {
        if (off.add(provider.id() + "/" + endpoint)) {
            LOG.warn("{} endpoint '{}' switched off for this run: the credentials lack the capability (403)", provider.id(), endpoint);
            listener.capabilitySwitchedOff(provider, endpoint);
        }
    }

    public boolean isOff(ProviderName provider, String endpoint) { return off.contains(provider.id() + "/" + endpoint); }
}
