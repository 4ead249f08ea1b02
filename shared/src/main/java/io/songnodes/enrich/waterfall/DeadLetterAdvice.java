package io.songnodes.enrich.waterfall;

import io.songnodes.model.ErrorType;
import java.io.Serializable;

/**
 * Tells the job to dead-letter the bronze message (after writing the silver row it has): a provider
 * error left a configured field unfilled and a replay may fill it. Given for exhausted transient errors
 * (the gateway already retried them: {@code provider_transient}, {@code rate_limited}, {@code timeout}),
 * for permanent errors ({@code provider_permanent}) and for an open breaker ({@code circuit_open}).
 * Never for "not found", a capability 403 or a disabled provider: a replay would change nothing.
 */
public record DeadLetterAdvice(ErrorType errorType, String provider, String field, String reason) implements Serializable {}
