package io.songnodes.enrich.resilience;

import io.songnodes.enrich.ProviderException;
import java.time.Duration;

/**
 * No global rate-limit permit within the allowed wait. It is our own back-pressure, not a provider answer:
 * the breaker ignores it and it is not retried (the wait budget is already spent).
 */
public class PermitTimeoutException extends ProviderException {
    public PermitTimeoutException(String provider, Duration needed, Duration budget) {
        super(provider, Kind.TIMEOUT, null, null, "no rate-limit permit within " + budget + " (next slot in " + needed + ")");
    }
}
