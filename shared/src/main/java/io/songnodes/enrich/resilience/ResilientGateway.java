package io.songnodes.enrich.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderClient;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderGateway;
import io.songnodes.enrich.ProviderHttp;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Provider lookups behind, in this order: the Redis cache (answers and negative answers), single-flight of
 * identical concurrent lookups, a circuit breaker per provider, and retries with full-jitter exponential backoff
 * (transient, timeout and rate-limited only). The HTTP requests inside each attempt go through
 * {@link ResilientHttp} (global permit, timeout, capability switch).
 *
 * <p>Non-blocking: a lookup is a chain of futures. The breaker is driven by hand (tryAcquirePermission, then
 * onSuccess/onError with the attempt's duration), and a retry is scheduled on the resilience timer after its
 * backoff instead of sleeping. Cancelling a lookup (its track timed out) cancels the running attempt's requests
 * (a slot not yet used is given back, a request in flight is aborted) and any retry not yet started.
 * Redis calls (cache, limiter scripts) run inline on whichever thread continues the chain: each is one
 * sub-millisecond round trip on a pooled connection, cheaper than handing it to another thread.
 */
public final class ResilientGateway implements ProviderGateway {
    private final Map<ProviderName, ProviderClient> clients = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, CircuitBreaker> breakers = new EnumMap<>(ProviderName.class);
    private final Resilience resilience;
    private final ResilientHttp http;
    private final LookupCache cache;
    private final EnrichmentListener listener;
    private final SingleFlight<List<Candidate>> flights = new SingleFlight<>();

    /**
     * {@code clients} are the enabled providers (those with credentials); the others report not enabled. Each
     * attempt's requests go through {@code http}, scoped to the attempt.
     */
    public ResilientGateway(Collection<? extends ProviderClient> clients, ResilientHttp http, Resilience resilience, LookupCache cache) {
        this.resilience = resilience;
        this.http = http;
        this.cache = cache;
        this.listener = resilience.listener();
        for (ProviderClient c : clients) {
            ProviderName p = c.name();
            if (this.clients.put(p, c) != null) throw new IllegalArgumentException("two clients for provider " + p.id());
            breakers.put(p, breaker(p, resilience.settings(p)));
        }
    }

    @Override public boolean enabled(ProviderName provider) { return clients.containsKey(provider); }

    @Override
    public List<Candidate> lookup(ProviderName provider, TrackQuery query) throws ProviderException {
        return ProviderHttp.await(lookupAsync(provider, query), provider);
    }

    @Override
    public CompletableFuture<List<Candidate>> lookupAsync(ProviderName provider, TrackQuery query) {
        ProviderClient client = clients.get(provider);
        if (client == null) return CompletableFuture.failedFuture(new ProviderException(provider.id(), Kind.PERMANENT, null, null, "provider is not enabled"));
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
            CompletableFuture<List<Candidate>> call = call(provider, client, query);
            if (!cacheUsable) return call;
            // the answer is stored before anyone hears of it, so the next identical lookup finds it
            CompletableFuture<List<Candidate>> stored = call.whenComplete((found, t) -> {
                if (t == null) {
                    CachedAnswer a = CachedAnswer.of(found);
                    cache.put(provider, key, a, a.negative() != null ? s.negativeTtl() : s.cacheTtl());
                } else if (ProviderHttp.unwrap(t) instanceof ProviderException e && e.kind() == Kind.NOT_FOUND) {
                    cache.put(provider, key, new CachedAnswer(List.of(), CachedAnswer.NOT_FOUND), s.negativeTtl());
                }
            });
            stored.whenComplete((v, t) -> {
                if (stored.isCancelled()) call.cancel(true);
            });
            return stored;
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

    private static CompletableFuture<List<Candidate>> answer(ProviderName provider, CachedAnswer a) {
        if (CachedAnswer.NOT_FOUND.equals(a.negative())) {
            return CompletableFuture.failedFuture(new ProviderException(provider.id(), Kind.NOT_FOUND, null, null, "not found (cached)"));
        }
        return CompletableFuture.completedFuture(a.candidates() == null ? List.of() : a.candidates());
    }

    private CompletableFuture<List<Candidate>> call(ProviderName provider, ProviderClient client, TrackQuery query) {
        if (!resilience.budget().allows(provider)) {
            listener.apiCall(provider, "lookup", "budget", Duration.ZERO, 0);
            return CompletableFuture.failedFuture(ProviderBudget.exhausted(provider));
        }
        Lookup l = new Lookup(provider, client, query);
        l.attempt(1);
        return l.result;
    }

    /** One lookup's attempts: breaker permission, the client's requests in a scope, the verdict, a scheduled retry. */
    private final class Lookup {
        final CompletableFuture<List<Candidate>> result = new CompletableFuture<>();
        final ProviderName provider;
        final ProviderClient client;
        final TrackQuery query;
        final ResilienceSettings s;
        final CircuitBreaker breaker;
        private volatile CallScope scope;
        private volatile ScheduledFuture<?> retry;

        Lookup(ProviderName provider, ProviderClient client, TrackQuery query) {
            this.provider = provider;
            this.client = client;
            this.query = query;
            this.s = resilience.settings(provider);
            this.breaker = breakers.get(provider);
            result.whenComplete((v, t) -> {
                if (!result.isCancelled()) return;
                ScheduledFuture<?> r = retry;
                if (r != null) r.cancel(false);
                CallScope sc = scope;
                if (sc != null) sc.cancel();
            });
        }

        void attempt(int n) {
            if (result.isDone()) return;
            if (!breaker.tryAcquirePermission()) {
                listener.apiCall(provider, "lookup", "circuit_open", Duration.ZERO, 0);
                listener.apiError(provider, "circuit_open");
                result.completeExceptionally(new ProviderException(provider.id(), Kind.CIRCUIT_OPEN, null, null, "circuit breaker is open"));
                return;
            }
            CallScope sc = CallScope.open(listener);
            scope = sc;
            if (result.isCancelled()) sc.cancel();
            long t0 = System.nanoTime();
            CompletableFuture<List<Candidate>> f;
            try {
                f = client.lookupAsync(query, http.in(sc));
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((found, t) -> {
                long took = System.nanoTime() - t0;
                if (t == null) {
                    List<Candidate> list = found == null ? List.of() : found;
                    sc.flush(null, list.isEmpty());
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    result.complete(list);
                    return;
                }
                Throwable c = ProviderHttp.unwrap(t);
                if (c instanceof CancellationException || result.isCancelled()) {
                    // the track gave up: nothing to learn about the provider
                    sc.flush(null, false);
                    breaker.releasePermission();
                    return;
                }
                ProviderException e = verdict(sc, c);
                breaker.onError(took, TimeUnit.NANOSECONDS, e);
                if (n <= s.maxRetries() && isRetryable(e, s)) {
                    listener.retry(provider, n);
                    try {
                        retry = resilience.timer().schedule(() -> attempt(n + 1), backoff(n, e), TimeUnit.MILLISECONDS);
                        if (result.isCancelled()) retry.cancel(false);
                        return;
                    } catch (RejectedExecutionException shuttingDown) {
                        // no timer any more: fail with the last error
                    }
                }
                result.completeExceptionally(e);
            });
        }

        /** The client's verdict on the attempt fed back to metrics, limiter and capability switch; the error to act on. */
        private ProviderException verdict(CallScope sc, Throwable failure) {
            if (failure instanceof ProviderException e) {
                if (e.kind() == Kind.BUDGET_EXHAUSTED) {
                    // a skip, not a provider error: counted as a budget call, no error, no breaker
                    sc.flush(e, false);
                    return e;
                }
                Duration headerRetryAfter = sc.lastRetryAfter();
                boolean transport = sc.transportFailed();
                onError(provider, sc, e);
                if (e.kind() == Kind.RATE_LIMITED && e.retryAfter() == null && headerRetryAfter != null && !transport) {
                    // the client did not read Retry-After; the retry decision needs it
                    ProviderException withWait = new ProviderException(provider.id(), Kind.RATE_LIMITED, e.httpStatus(), headerRetryAfter,
                            "rate limited, Retry-After " + headerRetryAfter);
                    withWait.initCause(e);
                    return withWait;
                }
                return e;
            }
            if (failure instanceof Error err) throw err;
            // a body the client could not handle (malformed JSON from a flaky server, or a client bug)
            ProviderException pe = new ProviderException(provider.id(), Kind.TRANSIENT, null, null, "client failed: " + failure);
            pe.initCause(failure);
            onError(provider, sc, pe);
            return pe;
        }

        /** Full jitter (uniform in [0, min(max, base * 2^(n-1))]) spreads the retries of many tracks; Retry-After is a floor. */
        private long backoff(int attempt, ProviderException e) {
            long base = s.backoffBase().toMillis();
            long max = s.backoffMax().toMillis();
            long cap = Math.min(max, base << Math.min(30, Math.max(0, attempt - 1)));
            long wait = ThreadLocalRandom.current().nextLong(cap + 1);
            if (e.retryAfter() != null) wait = Math.max(wait, e.retryAfter().toMillis());
            return wait;
        }
    }

    private void onError(ProviderName provider, CallScope scope, ProviderException e) {
        boolean transport = scope.transportFailed();
        String lastEndpoint = scope.lastEndpoint();
        Duration headerRetryAfter = scope.lastRetryAfter();
        scope.flush(e, false);
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
