package io.songnodes.enrich.waterfall;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderGateway;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateScorer;
import java.io.Serializable;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The per-field enrichment waterfall (docs/contracts.md §5), plain Java: the Flink jobs and the CLI call it.
 *
 * <p>Rules. Fields are worked through in config order; each field asks its providers in order. A provider
 * wins a field when its matched candidate (see {@link CandidateScorer}) has a value for the field and a
 * confidence of at least the field's {@code min_confidence}. In {@code first} mode the first win ends the
 * field; in {@code append} mode (genre) winners' values are unioned until the field has enough
 * ({@code max_values} values or {@code min_providers} contributors; without either, every provider of the
 * order is asked). A field already filled (by a win or a scraper hint) asks nobody.
 *
 * <p>Ask only what is needed. A provider is asked for a track only when it is next in line for some field that
 * still needs a value, and at most once per track: its answer is kept for the run and reused by every later
 * field. The providers next in line for the open fields are asked together (a wave, concurrently with
 * {@link #enrichAsync}); a provider whose match reaches {@code scoring.chain_min_confidence} passes its ids and
 * ISRC (and its duration, for scoring) to every lookup of the later waves through {@link TrackQuery#knownIds()};
 * scraper hints are known ids from the start.
 * Unidentified tracks are never sent to any provider. Provider ids that are not configured fields are
 * still recorded from any confident match (rule {@code spotify_id[match]=spotify}). {@code musical_key} is
 * written like "A minor" and {@code camelot_key} ("8A") is derived from the key that won
 * ({@link io.songnodes.music.CamelotKey}), with the key's provenance and rule suffixed {@code >camelot}.
 *
 * <p>Status. {@code unidentified}: an unidentified track (0 calls, quality 0). {@code completed}: every
 * configured field is filled. {@code failed}: no configured field is filled and at least one provider
 * error (failure or open breaker) happened: the errors may have prevented every field. {@code partial}:
 * anything else: some fields filled, or none because no asked provider knew the track.
 * {@link EnrichmentResult#deadLetter()} advises the job to dead-letter the bronze message whenever a
 * provider error left a configured field missing (see {@link DeadLetterAdvice}).
 *
 * <p>Quality. {@code data_quality_score} = the mean, over configured fields, of the winning confidence
 * (1.0 for a scraper hint, the lowest contributor's for an appended field, 0 for a missing field),
 * rounded to 3 decimals. So a track whose every field is won at 0.9 scores 0.9, and a track missing half
 * its fields scores at most 0.5. {@code validation_status} is {@code needs_review} when some provider's
 * best candidates were ambiguous and a field stayed missing, {@code warning} when the bpm is outside
 * 60-200 (a half/double tempo suspect), else {@code valid}.
 */
public final class Waterfall implements Serializable {
    private final WaterfallConfig config;
    private final CandidateScorer scorer;

    public Waterfall(WaterfallConfig config) {
        this.config = Objects.requireNonNull(config);
        this.scorer = new CandidateScorer(config.scoring());
    }

    public WaterfallConfig config() { return config; }

    public CandidateScorer scorer() { return scorer; }

    /** Enriches one validated bronze message. */
    public EnrichmentResult enrich(BronzeMessage message, ProviderGateway gateway, EnrichmentListener listener, Clock clock) {
        return enrich(TrackInput.of(message), gateway, listener, clock);
    }

    /** Enriches one track on the calling thread, one lookup after another. {@code listener} may be null. */
    public EnrichmentResult enrich(TrackInput input, ProviderGateway gateway, EnrichmentListener listener, Clock clock) {
        return new TrackRun(config, scorer, input, gateway, listener == null ? EnrichmentListener.NONE : listener, clock).execute();
    }

    /**
     * Enriches one track with the lookups of each wave running at the same time through
     * {@link ProviderGateway#lookupAsync}; no thread waits for an answer. Cancelling the returned future (a
     * timeout) starts no further lookup and cancels the outstanding ones, which give back their rate-limit slots
     * and abort their HTTP requests.
     */
    public CompletableFuture<EnrichmentResult> enrichAsync(TrackInput input, ProviderGateway gateway, EnrichmentListener listener,
                                                           Clock clock) {
        TrackRun run = new TrackRun(config, scorer, input, gateway, listener == null ? EnrichmentListener.NONE : listener, clock);
        CompletableFuture<EnrichmentResult> out = new CompletableFuture<>();
        out.whenComplete((r, t) -> {
            if (out.isCancelled()) run.cancel();
        });
        CompletableFuture<EnrichmentResult> inner;
        try {
            inner = run.run(gateway::lookupAsync);
        } catch (RuntimeException e) {
            inner = CompletableFuture.failedFuture(e);
        }
        inner.whenComplete((r, t) -> {
            if (t != null) out.completeExceptionally(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            else out.complete(r);
        });
        return out;
    }

}
