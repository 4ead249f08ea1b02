package io.songnodes.enrich;

import java.time.Duration;

/**
 * A provider call that did not yield candidates. The kind decides what happens next: rate-limited and
 * transient answers are retried with backoff, the rest are not.
 */
public class ProviderException extends Exception {
    /** The error classes every provider's error bodies are parsed into. */
    public enum Kind { RATE_LIMITED, TRANSIENT, NOT_FOUND, PERMANENT, CAPABILITY_MISSING, TIMEOUT, CIRCUIT_OPEN,
        /** Not sent: the provider's monthly budget is spent (see ProviderBudget). */
        BUDGET_EXHAUSTED }

    private final String provider;
    private final Kind kind;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public ProviderException(String provider, Kind kind, Integer httpStatus, Duration retryAfter, String message) {
        super(provider + ": " + kind + (httpStatus == null ? "" : " (HTTP " + httpStatus + ")") + ": " + message);
        this.provider = provider;
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public String provider() { return provider; }
    public Kind kind() { return kind; }
    public Integer httpStatus() { return httpStatus; }
    /** The wait the provider asked for (Retry-After), or null. */
    public Duration retryAfter() { return retryAfter; }
    public boolean retryable() { return kind == Kind.RATE_LIMITED || kind == Kind.TRANSIENT || kind == Kind.TIMEOUT; }
}
