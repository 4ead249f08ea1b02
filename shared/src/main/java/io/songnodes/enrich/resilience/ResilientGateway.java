package io.songnodes.enrich.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderClient;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderGateway;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.cache.CacheKey;
import io.songnodes.enrich.cache.CachedAnswer;
import io.songnodes.enrich.cache.LookupCache;
import io.songnodes.enrich.cache.SingleFlight;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Provider lookups behind, in this order: the Redis cache (answers and negative answers), single-flight of
 * identical concurrent lookups, retries with full-jitter exponential backoff (transient, timeout and
 * rate-limited only), and a circuit breaker per provider. The HTTP requests inside each attempt go through
 * {@link ResilientHttp} (global permit, timeout, capability switch).
 */
public final class ResilientGateway implements ProviderGateway {
    private final Map<ProviderName, ProviderClient> clients = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, CircuitBreaker> breakers = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, Retry> retries = new EnumMap<>(ProviderName.class);
    private final Resilience resilience;
    private final LookupCache cache;
    private final EnrichmentListener listener;
    private final SingleFlight<List<Candidate>> flights = new SingleFlight<>();

    /** {@code clients} are the enabled providers (those with credentials); the others report not enabled. */
    public ResilientGateway(Collection<? extends ProviderClient> clients, Resilience resilience, LookupCache cache) {
        this.resilience = resilience;
        this.cache = cache;
        this.listener = resilience.listener();
        for (ProviderClient c : clients) {
            ProviderName p = c.name();
            if (this.clients.put(p, c) != null) throw new IllegalArgumentException("two clients for provider " + p.id());
            ResilienceSettings s = resilience.settings(p);
            breakers.put(p, breaker(p, s));
            retries.put(p, retry(p, s));
        }
    }

    @Override public boolean enabled(ProviderName provider) { return clients.containsKey(provider); }

    @Override
    public List<Candidate> lookup(ProviderName provider, TrackQuery query) throws ProviderException {
        ProviderClient client = clients.get(provider);
        if (client == null) throw new ProviderException(provider.id(), Kind.PERMANENT, null, null, "provider is not enabled");
        String key = CacheKey.of(provider, query);
        LookupCache.Read read = cache.get(provider, key);
        if (read instanceof LookupCache.Hit hit) return answer(provider, hit.answer());
        boolean cacheUsable = !(read instanceof LookupCache.Bypassed);
        return flights.run(key, () -> {
            if (cacheUsable) {
                // a flight that finished between our miss and our start already stored the answer
                CachedAnswer fresh = cache.peek(key);
                if (fresh != null) return answer(provider, fresh);
            }
            ResilienceSettings s = resilience.settings(provider);
            List<Candidate> found;
            try {
                found = call(provider, client, query);
            } catch (ProviderException e) {
                if (e.kind() == Kind.NOT_FOUND && cacheUsable) {
                    cache.put(provider, key, new CachedAnswer(List.of(), CachedAnswer.NOT_FOUND), s.negativeTtl());
                }
                throw e;
            }
            if (cacheUsable) {
                CachedAnswer a = CachedAnswer.of(found);
                cache.put(provider, key, a, a.negative() != null ? s.negativeTtl() : s.cacheTtl());
            }
            return found;
        });
    }

    /** Breaker state for the api_gateway_circuit_breaker_state gauge: 0 closed, 1 half-open, 2 open. */
    public int breakerState(ProviderName provider) {
        CircuitBreaker b = breakers.get(provider);
        if (b == null) return 0;
        return switch (b.getState()) {
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
            default -> 0;
        };
    }

    /** The provider's breaker, for tests and operators (e.g. to force it open). */
    public CircuitBreaker breaker(ProviderName provider) { return breakers.get(provider); }

    /** Lookups that joined an identical running lookup instead of calling the provider. */
    public long sharedLookups() { return flights.joined(); }

    private List<Candidate> answer(ProviderName provider, CachedAnswer a) throws ProviderException {
        if (CachedAnswer.NOT_FOUND.equals(a.negative())) {
            throw new ProviderException(provider.id(), Kind.NOT_FOUND, null, null, "not found (cached)");
        }
        return a.candidates() == null ? List.of() : a.candidates();
    }

    private List<Candidate> call(ProviderName provider, ProviderClient client, TrackQuery query) throws ProviderException {
        if (!resilience.budget().allows(provider)) {
            listener.apiCall(provider, "lookup", "budget", Duration.ZERO, 0);
            throw ProviderBudget.exhausted(provider);
        }
        CheckedSupplier<List<Candidate>> attempt = () -> attempt(provider, client, query);
        CheckedSupplier<List<Candidate>> guarded =
                Retry.decorateCheckedSupplier(retries.get(provider), CircuitBreaker.decorateCheckedSupplier(breakers.get(provider), attempt));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            listener.apiCall(provider, "lookup", "circuit_open", Duration.ZERO, 0);
            listener.apiError(provider, "circuit_open");
            throw new ProviderException(provider.id(), Kind.CIRCUIT_OPEN, null, null, "circuit breaker is open");
        } catch (ProviderException e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof Error err) throw err;
            throw new ProviderException(provider.id(), Kind.TRANSIENT, null, null, "lookup failed: " + t);
        }
    }

    /** One attempt: the client's requests, then the client's verdict fed back to metrics, limiter and capability switch. */
    private List<Candidate> attempt(ProviderName provider, ProviderClient client, TrackQuery query) throws ProviderException {
        try (CallScope scope = CallScope.open()) {
            try {
                List<Candidate> found = client.lookup(query);
                if (found == null) found = List.of();
                scope.flush(listener, null, found.isEmpty());
                return found;
            } catch (ProviderException e) {
                if (e.kind() == Kind.BUDGET_EXHAUSTED) {
                    // a skip, not a provider error: counted as a budget call, no error, no breaker
                    scope.flush(listener, e, false);
                    throw e;
                }
                Duration headerRetryAfter = scope.lastRetryAfter();
                boolean transport = scope.transportFailed();
                onError(provider, scope, e);
                if (e.kind() == Kind.RATE_LIMITED && e.retryAfter() == null && headerRetryAfter != null && !transport) {
                    // the client did not read Retry-After; the retry decision needs it
                    ProviderException withWait = new ProviderException(provider.id(), Kind.RATE_LIMITED, e.httpStatus(), headerRetryAfter,
                            "rate limited, Retry-After " + headerRetryAfter);
                    withWait.initCause(e);
                    throw withWait;
                }
                throw e;
            } catch (RuntimeException e) {
                // a body the client could not handle (malformed JSON from a flaky server, or a client bug)
                ProviderException pe = new ProviderException(provider.id(), Kind.TRANSIENT, null, null, "client failed: " + e);
                pe.initCause(e);
                onError(provider, scope, pe);
                throw pe;
            }
        }
    }

    private void onError(ProviderName provider, CallScope scope, ProviderException e) {
        boolean transport = scope.transportFailed();
        String lastEndpoint = scope.lastEndpoint();
        Duration headerRetryAfter = scope.lastRetryAfter();
        scope.flush(listener, e, false);
        listener.apiError(provider, e.kind().name().toLowerCase(Locale.ROOT));
        if (e.kind() == Kind.RATE_LIMITED && !transport) {
            resilience.limiter(provider).onRateLimited(e.retryAfter() != null ? e.retryAfter() : headerRetryAfter);
        }
        if (e.kind() == Kind.CAPABILITY_MISSING && !transport && lastEndpoint != null) {
            resilience.capabilities().switchOff(provider, lastEndpoint);
        }
    }

    private CircuitBreaker breaker(ProviderName provider, ResilienceSettings s) {
        ResilienceSettings.Breaker b = s.breaker();
        CircuitBreaker cb = CircuitBreaker.of(provider.id(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.windowSize())
                .minimumNumberOfCalls(b.minimumCalls())
                .failureRateThreshold(b.failureRatePercent())
                .waitDurationInOpenState(b.openWait())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                // so the state gauge and the transition metric show half-open even when no lookup comes by
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // the provider answered (not found, bad request, no capability): healthy as far as the breaker cares
                .recordException(ResilientGateway::isProviderFailure)
                // our own limiter's back-pressure says nothing about the provider
                .ignoreExceptions(PermitTimeoutException.class)
                .build());
        cb.getEventPublisher().onStateTransition(e -> {
            String to = switch (e.getStateTransition().getToState()) {
                case CLOSED -> "closed";
                case HALF_OPEN -> "half_open";
                case OPEN, FORCED_OPEN -> "open";
                default -> null;
            };
            if (to != null) listener.breakerTransition(provider, to);
        });
        return cb;
    }

    private Retry retry(ProviderName provider, ResilienceSettings s) {
        long base = s.backoffBase().toMillis();
        long max = s.backoffMax().toMillis();
        Retry r = Retry.of(provider.id(), RetryConfig.<List<Candidate>>custom()
                .maxAttempts(s.maxRetries() + 1)
                .retryOnException(e -> isRetryable(e, s))
                .intervalBiFunction((attempt, outcome) -> {
                    // full jitter (uniform in [0, min(max, base * 2^(n-1))]) spreads the retries of many tracks
                    long cap = Math.min(max, base << Math.min(30, Math.max(0, attempt - 1)));
                    long wait = ThreadLocalRandom.current().nextLong(cap + 1);
                    if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException pe && pe.retryAfter() != null) {
                        wait = Math.max(wait, pe.retryAfter().toMillis());
                    }
                    return wait;
                })
                .build());
        r.getEventPublisher().onRetry(e -> listener.retry(provider, e.getNumberOfRetryAttempts()));
        return r;
    }

    private static boolean isProviderFailure(Throwable t) {
        return t instanceof ProviderException pe && !(pe instanceof PermitTimeoutException)
                && (pe.kind() == Kind.TRANSIENT || pe.kind() == Kind.TIMEOUT || pe.kind() == Kind.RATE_LIMITED);
    }

    private static boolean isRetryable(Throwable t, ResilienceSettings s) {
        if (!isProviderFailure(t)) return false;
        Duration retryAfter = ((ProviderException) t).retryAfter();
        // a provider asking for a longer pause than we are willing to block: fail now, the track is replayed later
        return retryAfter == null || retryAfter.compareTo(s.backoffMax()) <= 0;
    }
}
