package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderGateway;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.config.EnrichField;
import io.songnodes.enrich.config.FieldMode;
import io.songnodes.enrich.config.FieldRule;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateScorer;
import io.songnodes.enrich.scoring.MatchTarget;
import io.songnodes.enrich.scoring.ScoredCandidate;
import io.songnodes.enrich.scoring.Selection;
import io.songnodes.enrich.scoring.Similarity;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.ErrorType;
import io.songnodes.model.FieldValue;
import io.songnodes.model.SilverTrackBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One track's pass through the waterfall: the state of a single {@link Waterfall#enrich} call; the rules are
 * documented on {@link Waterfall}. The run works in waves: each wave asks, at the same time, every provider that is
 * next in line for some field that still needs a value; the next wave starts when all its answers are in, with their
 * ids and ISRC known. Only one wave runs at a time, so the state needs no locking.
 */
final class TrackRun {
    /** A provider's one answer for the track, kept for the run. */
    private record Answer(ProviderOutcome outcome, Selection selection) {}

    /** Starts one provider lookup; the future fails with a {@link ProviderException} for a provider error. */
    @FunctionalInterface
    interface Lookups {
        CompletableFuture<List<Candidate>> lookup(ProviderName provider, TrackQuery query);

        /** Every lookup on the calling thread, one after another. */
        static Lookups direct(ProviderGateway gateway) {
            return (p, q) -> {
                try {
                    return CompletableFuture.completedFuture(gateway.lookup(p, q));
                } catch (ProviderException e) {
                    return CompletableFuture.failedFuture(e);
                }
            };
        }
    }

    /** How far a field has got: the next provider of its order, and an append field's contributions so far. */
    private static final class Progress {
        int next;
        boolean done;
        final List<String> appended = new ArrayList<>();
        final List<FieldValue> contributors = new ArrayList<>();
    }

    private final WaterfallConfig config;
    private final CandidateScorer scorer;
    private final TrackInput in;
    private final ProviderGateway gateway;
    private final EnrichmentListener listener;
    private final Clock clock;
    private final SilverTrackBuilder b = new SilverTrackBuilder();
    private final Map<String, String> knownIds = new LinkedHashMap<>();
    private final Map<ProviderName, Answer> answers = new LinkedHashMap<>();
    private final Map<EnrichField, FieldValue> filled = new LinkedHashMap<>();
    private final Map<EnrichField, Progress> progress = new LinkedHashMap<>();
    private final List<FieldStep> steps = new ArrayList<>();
    private final Set<String> usedCandidates = new LinkedHashSet<>();
    private final Map<ProviderName, List<String>> winnerNotes = new LinkedHashMap<>();
    private final List<CompletableFuture<List<Candidate>>> outstanding = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private Integer refDuration;
    private final FallbackPlanner fallbacks;
    /** The artist and title of a match that needed a slip or a fallback: the spelling later searches use. */
    private String learnedArtist, learnedTitle;

    TrackRun(WaterfallConfig config, CandidateScorer scorer, TrackInput in, ProviderGateway gateway, EnrichmentListener listener, Clock clock) {
        this.config = config;
        this.scorer = scorer;
        this.in = in;
        this.gateway = gateway;
        this.listener = listener;
        this.clock = clock;
        this.fallbacks = new FallbackPlanner(config.scoring().fallbackSearches(), in.identity().allArtists());
    }

    EnrichmentResult execute() {
        try {
            return run(Lookups.direct(gateway)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Runs the waterfall with {@code lookups}; completes when the last wave's answers are in. */
    CompletableFuture<EnrichmentResult> run(Lookups lookups) {
        b.trackId = in.trackId();
        b.artist = in.artist();
        b.title = in.title();
        b.artistNormalized = in.identity().artistNormalized();
        b.titleNormalized = in.identity().baseTitle();
        b.featuredArtists = new ArrayList<>(in.identity().featuredArtists());
        b.version = in.identity().version();
        if (in.unidentified()) {
            b.enrichmentStatus = EnrichmentStatus.UNIDENTIFIED;
            b.dataQualityScore = 0.0;
            b.lastEnrichedAt = clock.instant();
            listener.trackEnriched(EnrichmentStatus.UNIDENTIFIED.wireName(), 0);
            return CompletableFuture.completedFuture(
                    new EnrichmentResult(b.build(), EnrichmentStatus.UNIDENTIFIED, 0.0, List.of(), List.of(), List.of(), null));
        }
        applyHints();
        for (FieldRule rule : config.fields().values()) {
            Progress pr = new Progress();
            pr.done = rule.mode() == FieldMode.FIRST && filled.containsKey(rule.field());
            progress.put(rule.field(), pr);
        }
        return wave(lookups);
    }

    /**
     * Stops the run: no further wave starts, and the outstanding lookups are cancelled (their requests waiting for
     * a rate-limit slot give it back and are never sent; those in flight are aborted).
     */
    void cancel() {
        cancelled = true;
        for (CompletableFuture<List<Candidate>> f : outstanding) f.cancel(true);
    }

    private CompletableFuture<EnrichmentResult> wave(Lookups lookups) {
        advanceFields();
        Set<ProviderName> plan = plan();
        if (plan.isEmpty() || cancelled) return CompletableFuture.completedFuture(finishFields());
        TrackQuery q = new TrackQuery(learnedArtist != null ? learnedArtist : in.artist(),
                learnedTitle != null ? learnedTitle : in.searchTitle(), refDuration, Map.copyOf(knownIds));
        MatchTarget target = MatchTarget.of(in.identity(), in.title(), refDuration, knownIds);
        Map<ProviderName, CompletableFuture<List<Candidate>>> calls = new LinkedHashMap<>();
        for (ProviderName p : plan) {
            if (!config.provider(p).enabled() || !gateway.enabled(p)) {
                answers.put(p, new Answer(new ProviderOutcome(p, ProviderOutcome.Status.DISABLED, null, "disabled", 0, null, 0, false, clock.instant()), null));
                continue;
            }
            CompletableFuture<List<Candidate>> f;
            try {
                // an unmatched track with a lead: MusicBrainz's one search is its fuzzy one, at no extra request
                f = lookups.lookup(p, fallbacks.fuzzyFirst(p, q) ? q.asFuzzy() : q);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            calls.put(p, f);
            outstanding.add(f);
        }
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))
                .handle((v, t) -> null)
                .thenCompose(v -> {
                    outstanding.clear();
                    calls.forEach((p, f) -> absorb(p, q, target, f));
                    return fallbackWave(lookups, calls.keySet(), q, target);
                })
                .thenCompose(v -> wave(lookups));
    }

    /**
     * Fallback searches after a wave, in rounds, each round all at once: for each provider of the wave still without a
     * confident match, the next search {@link FallbackPlanner} allows (none once the track matched); once a match
     * needed a slip or a fallback, the search with its spelling instead. A confident answer replaces the provider's
     * first one. Every round spends budget, so the rounds end. A mashup gets none: catalogs rarely list one, and its
     * parts are other songs.
     */
    private CompletableFuture<Void> fallbackWave(Lookups lookups, Set<ProviderName> asked, TrackQuery q, MatchTarget target) {
        if (cancelled || target.version().blend()) return CompletableFuture.completedFuture(null);
        TrackQuery learned = learnedTitle == null ? null : new TrackQuery(learnedArtist, learnedTitle, refDuration, Map.copyOf(knownIds));
        // a wave asked with the learned spelling already has nothing to respell
        boolean respell = learned != null && !(learnedArtist.equals(q.artist()) && learnedTitle.equals(q.title()));
        Map<ProviderName, FallbackPlanner.Fallback> planned = new LinkedHashMap<>();
        for (ProviderName p : asked) {
            Answer a = answers.get(p);
            if (a == null || a.selection() == null || confident(a.selection())) continue; // failed or disabled: a fallback would fail alike
            if (learned != null && !respell) continue;
            (respell ? fallbacks.respell(p, learned) : fallbacks.next(p, q)).ifPresent(f -> planned.put(p, f));
        }
        if (planned.isEmpty()) return CompletableFuture.completedFuture(null);
        Map<ProviderName, CompletableFuture<List<Candidate>>> calls = new LinkedHashMap<>();
        planned.forEach((p, f) -> calls.put(p, fallbackCall(lookups, p, f)));
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))
                .handle((v, t) -> null)
                .thenCompose(v -> {
                    outstanding.clear();
                    calls.forEach((p, f) -> absorbFallback(p, planned.get(p), target, f));
                    return fallbackWave(lookups, asked, q, target);
                });
    }

    private CompletableFuture<List<Candidate>> fallbackCall(Lookups lookups, ProviderName p, FallbackPlanner.Fallback f) {
        listener.fallbackSearch(p, f.kind().label());
        CompletableFuture<List<Candidate>> call;
        try {
            call = lookups.lookup(p, f.query());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        outstanding.add(call);
        return call;
    }

    /** A fallback's answer counts only when confident; a failed fallback leaves the first answer standing. */
    private void absorbFallback(ProviderName p, FallbackPlanner.Fallback f, MatchTarget target, CompletableFuture<List<Candidate>> call) {
        List<Candidate> list;
        try {
            list = call.join();
        } catch (CancellationException | CompletionException e) {
            if (e.getCause() instanceof ProviderException pe && pe.kind() == ProviderException.Kind.NOT_FOUND) {
                list = List.of();
            } else {
                fallbacks.observe(p, f.query(), f, null);
                return;
            }
        }
        Selection s = scorer.select(target, list == null ? List.of() : list);
        fallbacks.observe(p, f.query(), f, s);
        if (!confident(s)) return;
        ScoredCandidate w = s.winner();
        Instant at = clock.instant();
        answers.put(p, new Answer(new ProviderOutcome(p, ProviderOutcome.Status.ANSWERED, null, s.reason(), list.size(),
                w.candidate().recordId(), round(w.confidence()), s.ambiguous(), at), s));
        b.providerEnrichedAt.put(p.id(), at);
        chain(p, w.candidate());
        fallbacks.matched();
        if (learnedTitle == null) learnSpelling(w);
    }

    /** The match spells the track differently (a slip): later word-exact searches must use its spelling. */
    private boolean slipped(ScoredCandidate w) {
        return w.score().title() < 0.98
                || Similarity.artistSlipped(in.identity().allArtists(), CandidateScorer.artistsOf(w.candidate()));
    }

    private void learnSpelling(ScoredCandidate w) {
        Candidate c = w.candidate();
        learnedArtist = c.artists() != null && !c.artists().isEmpty() ? String.join(" ", c.artists()) : c.artist();
        learnedTitle = CandidateScorer.fullTitle(c);
    }

    private boolean confident(Selection s) {
        return s != null && s.hasWinner() && s.winner().confidence() >= config.scoring().chainMinConfidence();
    }

    /** Fallback searches this track made (at most {@code scoring.fallback_searches}). */
    int fallbackSearches() { return fallbacks.used(); }

    /** The providers next in line for a field that still needs a value: asked together in the next wave. */
    private Set<ProviderName> plan() {
        Set<ProviderName> plan = new LinkedHashSet<>();
        for (FieldRule rule : config.fields().values()) {
            Progress pr = progress.get(rule.field());
            if (!pr.done && pr.next < rule.providers().size()) plan.add(rule.providers().get(pr.next));
        }
        return plan;
    }

    private void applyHints() {
        Instant now = clock.instant();
        String source = in.source() == null ? "unknown" : in.source();
        for (Map.Entry<String, String> h : in.hints().entrySet()) {
            knownIds.put(h.getKey(), h.getValue());
            EnrichField f = h.getKey().equals("isrc") ? EnrichField.ISRC : EnrichField.of(h.getKey() + "_id").orElse(null);
            if (f != null) set(f, h.getValue(), FieldValue.fromSource(h.getValue(), source, now));
        }
    }

    /** Walks every open field through the answers that are in, in config order, until it is filled or must wait. */
    private void advanceFields() {
        for (FieldRule rule : config.fields().values()) {
            Progress pr = progress.get(rule.field());
            List<ProviderName> order = rule.providers();
            while (!pr.done && pr.next < order.size()) {
                ProviderName p = order.get(pr.next);
                Answer a = answers.get(p);
                if (a == null) break;
                boolean won = step(rule, pr, p, a);
                pr.next++;
                if (!won && pr.next < order.size()) listener.fallback(p, order.get(pr.next), rule.field().column());
            }
            if (pr.next >= order.size()) pr.done = true;
        }
    }

    /** Evaluates {@code p}'s answer for the field; true when it won (for append: contributed). */
    private boolean step(FieldRule rule, Progress pr, ProviderName p, Answer a) {
        EnrichField field = rule.field();
        String ruleName = field.configName() + "[" + (pr.next + 1) + "]=" + p.id();
        FieldStep step = evaluate(rule, ruleName, p, a);
        steps.add(step);
        if (step.outcome() == FieldStep.Outcome.WON) {
            ScoredCandidate w = a.selection().winner();
            usedCandidates.add(key(p, w.candidate()));
            listener.fieldWon(p, field.column());
            FieldValue fv = new FieldValue(FieldValues.extract(field, w.candidate()), p.id(), w.candidate().recordId(),
                    round(w.confidence()), a.outcome().at(), ruleName);
            if (rule.mode() == FieldMode.APPEND) {
                pr.contributors.add(fv);
                @SuppressWarnings("unchecked") List<String> vals = (List<String>) fv.value();
                for (String v : vals) if (!pr.appended.contains(v)) pr.appended.add(v);
                if (rule.enough(pr.appended.size(), pr.contributors.size())) pr.done = true;
                return true;
            }
            set(field, fv.value(), fv);
            if (field == EnrichField.KEY) setCamelot(w.candidate(), fv);
            pr.done = true;
            return true;
        }
        if (a.selection() != null && a.selection().hasWinner()) {
            winnerNotes.computeIfAbsent(p, k -> new ArrayList<>()).add(field.configName() + ": " + step.detail());
        }
        return false;
    }

    /** Append fields get their union (cut to max_values); then the ids of confident matches and the result. */
    private EnrichmentResult finishFields() {
        for (FieldRule rule : config.fields().values()) {
            Progress pr = progress.get(rule.field());
            if (rule.mode() != FieldMode.APPEND || pr.contributors.isEmpty()) continue;
            List<FieldValue> contributors = pr.contributors;
            List<String> values = rule.maxValues() > 0 && pr.appended.size() > rule.maxValues()
                    ? new ArrayList<>(pr.appended.subList(0, rule.maxValues())) : new ArrayList<>(pr.appended);
            FieldValue first = contributors.get(0);
            FieldValue merged = new FieldValue(values,
                    String.join(",", contributors.stream().map(FieldValue::provider).toList()),
                    String.join(",", contributors.stream().map(FieldValue::providerRecordId).toList()),
                    contributors.stream().mapToDouble(FieldValue::confidence).min().orElse(0),
                    first.fetchedAt(),
                    String.join("+", contributors.stream().map(FieldValue::rule).toList()));
            set(rule.field(), merged.value(), merged);
        }
        recordMatchedIds();
        return finish();
    }

    private FieldStep evaluate(FieldRule rule, String ruleName, ProviderName p, Answer a) {
        String field = rule.field().configName();
        ProviderOutcome o = a.outcome();
        if (o.status() == ProviderOutcome.Status.DISABLED) {
            return new FieldStep(field, ruleName, p, FieldStep.Outcome.PROVIDER_DISABLED, 0, "provider disabled");
        }
        if (o.status() == ProviderOutcome.Status.BUDGET) {
            return new FieldStep(field, ruleName, p, FieldStep.Outcome.PROVIDER_BUDGET, 0, o.message());
        }
        if (o.isError()) return new FieldStep(field, ruleName, p, FieldStep.Outcome.PROVIDER_FAILED, 0, o.message());
        Selection s = a.selection();
        if (s == null || !s.hasWinner()) {
            return new FieldStep(field, ruleName, p, s != null && s.ambiguous() ? FieldStep.Outcome.AMBIGUOUS : FieldStep.Outcome.NO_MATCH,
                    s == null || s.ranked().isEmpty() ? 0 : s.ranked().get(0).confidence(), s == null ? "no answer" : s.reason());
        }
        ScoredCandidate w = s.winner();
        if (w.confidence() < rule.minConfidence()) {
            return new FieldStep(field, ruleName, p, FieldStep.Outcome.BELOW_MIN_CONFIDENCE, w.confidence(),
                    String.format(Locale.ROOT, "confidence %.3f below min_confidence %.2f (%s)", w.confidence(), rule.minConfidence(), w.score().reason()));
        }
        if (FieldValues.extract(rule.field(), w.candidate()) == null) {
            return new FieldStep(field, ruleName, p, FieldStep.Outcome.NO_VALUE, w.confidence(), "matched candidate has no " + field);
        }
        return new FieldStep(field, ruleName, p, FieldStep.Outcome.WON, w.confidence(), w.score().reason());
    }

    /** Keeps {@code p}'s answer: scored against what was known when it was asked; a confident match chains its ids. */
    private void absorb(ProviderName p, TrackQuery query, MatchTarget target, CompletableFuture<List<Candidate>> call) {
        List<Candidate> candidates;
        try {
            candidates = call.join();
        } catch (CancellationException e) {
            answers.put(p, new Answer(new ProviderOutcome(p, ProviderOutcome.Status.FAILED, ProviderException.Kind.TIMEOUT,
                    "cancelled: the track ran out of time", 0, null, 0, false, clock.instant()), null));
            return;
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ProviderException pe)) throw e;
            if (pe.kind() == ProviderException.Kind.NOT_FOUND) {
                candidates = List.of();
            } else {
                ProviderOutcome.Status st = switch (pe.kind()) {
                    case CIRCUIT_OPEN -> ProviderOutcome.Status.BREAKER_OPEN;
                    case BUDGET_EXHAUSTED -> ProviderOutcome.Status.BUDGET;
                    default -> ProviderOutcome.Status.FAILED;
                };
                answers.put(p, new Answer(new ProviderOutcome(p, st, pe.kind(), pe.getMessage(), 0, null, 0, false, clock.instant()), null));
                return;
            }
        }
        Instant at = clock.instant();
        List<Candidate> list = candidates == null ? List.of() : candidates;
        Selection s = scorer.select(target, list);
        fallbacks.observe(p, query, null, s);
        ScoredCandidate w = s.winner();
        ProviderOutcome.Status st = list.isEmpty() ? ProviderOutcome.Status.NOT_FOUND : ProviderOutcome.Status.ANSWERED;
        answers.put(p, new Answer(new ProviderOutcome(p, st, null, s.reason(), list.size(), w == null ? null : w.candidate().recordId(),
                w == null ? 0 : round(w.confidence()), s.ambiguous(), at), s));
        b.providerEnrichedAt.put(p.id(), at);
        if (w != null && w.confidence() >= config.scoring().chainMinConfidence()) {
            chain(p, w.candidate());
            fallbacks.matched();
            if (learnedTitle == null && slipped(w)) learnSpelling(w);
        }
    }

    /** A confident match's ids and ISRC go to every later lookup; earlier knowledge (hints) is never overwritten. */
    private void chain(ProviderName p, Candidate c) {
        String own = FieldValues.providerId(p.id(), c);
        if (own != null) knownIds.putIfAbsent(p.id(), own);
        if (c.ids() != null) {
            for (Map.Entry<String, String> e : c.ids().entrySet()) {
                if (e.getValue() == null || e.getValue().isBlank()) continue;
                if (e.getKey().equals("isrc")) {
                    String isrc = FieldValues.isrc(c);
                    if (isrc != null) knownIds.putIfAbsent("isrc", isrc);
                } else {
                    knownIds.putIfAbsent(e.getKey(), e.getValue().trim());
                }
            }
        }
        if (refDuration == null && c.durationMs() != null && c.durationMs() > 0) refDuration = c.durationMs();
    }

    /** Provider ids nobody configured as a field still come with every confident match. */
    private void recordMatchedIds() {
        for (EnrichField f : List.of(EnrichField.SPOTIFY_ID, EnrichField.BEATPORT_ID, EnrichField.DEEZER_ID,
                EnrichField.MUSICBRAINZ_ID, EnrichField.DISCOGS_ID, EnrichField.ISRC)) {
            if (filled.containsKey(f) || config.fields().containsKey(f)) continue;
            for (Answer a : answers.values()) {
                if (a.selection() == null || !a.selection().hasWinner()) continue;
                ScoredCandidate w = a.selection().winner();
                if (w.confidence() < config.scoring().chainMinConfidence()) continue;
                Object v = FieldValues.extract(f, w.candidate());
                if (v == null) continue;
                ProviderName p = a.outcome().provider();
                usedCandidates.add(key(p, w.candidate()));
                set(f, v, new FieldValue(v, p.id(), w.candidate().recordId(), round(w.confidence()), a.outcome().at(),
                        f.configName() + "[match]=" + p.id()));
                break;
            }
        }
    }

    private void setCamelot(Candidate c, FieldValue keyValue) {
        FieldValues.key(c).ifPresent(k -> {
            b.camelotKey = k.toString();
            b.provenance.put("camelot_key", new FieldValue(k.toString(), keyValue.provider(), keyValue.providerRecordId(),
                    keyValue.confidence(), keyValue.fetchedAt(), keyValue.rule() + ">camelot"));
        });
    }

    @SuppressWarnings("unchecked")
    private void set(EnrichField f, Object v, FieldValue fv) {
        filled.put(f, fv);
        b.provenance.put(f.column(), fv);
        switch (f) {
            case SPOTIFY_ID -> b.spotifyId = (String) v;
            case MUSICBRAINZ_ID -> b.musicbrainzId = (String) v;
            case DISCOGS_ID -> b.discogsId = (String) v;
            case BEATPORT_ID -> b.beatportId = (String) v;
            case DEEZER_ID -> b.deezerId = (String) v;
            case ISRC -> b.isrc = (String) v;
            case BPM -> b.bpm = (Double) v;
            case KEY -> b.musicalKey = (String) v;
            case ENERGY -> b.energy = (Double) v;
            case DANCEABILITY -> b.danceability = (Double) v;
            case VALENCE -> b.valence = (Double) v;
            case GENRE -> b.genres = new ArrayList<>((List<String>) v);
            case LABEL -> b.label = (String) v;
            case RELEASE_DATE -> b.releaseDate = (String) v;
            case DURATION_MS -> b.durationMs = (Integer) v;
        }
    }

    private EnrichmentResult finish() {
        int configured = config.fields().size();
        int done = 0;
        double confidenceSum = 0;
        for (EnrichField f : config.fields().keySet()) {
            FieldValue fv = filled.get(f);
            if (fv != null) {
                done++;
                confidenceSum += fv.confidence();
            }
        }
        boolean anyError = answers.values().stream().anyMatch(a -> a.outcome().isError());
        EnrichmentStatus status = done == configured ? EnrichmentStatus.COMPLETED
                : done == 0 && anyError ? EnrichmentStatus.FAILED
                // a provider skipped for its budget was never asked: the track may still be found next month
                : done == 0 && !anySkippedForBudget() ? EnrichmentStatus.NOT_FOUND : EnrichmentStatus.PARTIAL;
        double quality = round(configured == 0 ? 0 : confidenceSum / configured);
        boolean ambiguousMissing = done < configured && answers.values().stream().anyMatch(a -> a.outcome().ambiguous());
        b.validationStatus = ambiguousMissing ? "needs_review" : b.bpm != null && (b.bpm < 60 || b.bpm > 200) ? "warning" : "valid";
        b.enrichmentStatus = status;
        b.dataQualityScore = quality;
        b.lastEnrichedAt = clock.instant();
        listener.trackEnriched(status.wireName(), done);
        return new EnrichmentResult(b.build(), status, quality, answers.values().stream().map(Answer::outcome).toList(),
                steps, rejections(), deadLetterAdvice());
    }

    private boolean anySkippedForBudget() {
        return answers.values().stream().anyMatch(a -> a.outcome().status() == ProviderOutcome.Status.BUDGET);
    }

    private DeadLetterAdvice deadLetterAdvice() {
        for (FieldRule rule : config.fields().values()) {
            if (filled.containsKey(rule.field())) continue;
            for (ProviderName p : rule.providers()) {
                Answer a = answers.get(p);
                if (a == null || !a.outcome().isError()) continue;
                ErrorType type = switch (a.outcome().errorKind()) {
                    case RATE_LIMITED -> ErrorType.RATE_LIMITED;
                    case TRANSIENT -> ErrorType.PROVIDER_TRANSIENT;
                    case TIMEOUT -> ErrorType.TIMEOUT;
                    case PERMANENT -> ErrorType.PROVIDER_PERMANENT;
                    case CIRCUIT_OPEN -> ErrorType.CIRCUIT_OPEN;
                    case NOT_FOUND, CAPABILITY_MISSING, BUDGET_EXHAUSTED -> null;
                };
                if (type != null) return new DeadLetterAdvice(type, p.id(), rule.field().configName(), a.outcome().message());
            }
        }
        return null;
    }

    private List<Rejection> rejections() {
        List<Rejection> out = new ArrayList<>();
        for (Answer a : answers.values()) {
            Selection s = a.selection();
            if (s == null) continue;
            ProviderName p = a.outcome().provider();
            for (ScoredCandidate sc : s.ranked()) {
                if (usedCandidates.contains(key(p, sc.candidate()))) continue;
                String reason;
                if (s.ambiguous()) reason = s.reason();
                else if (sc == s.winner()) reason = "matched but won no field: " + String.join("; ", winnerNotes.getOrDefault(p, List.of()));
                else if (s.winner() == null) reason = s.reason() + " (" + sc.score().reason() + ")";
                else reason = String.format(Locale.ROOT, "ranked below the match %s (%.3f): %s", s.winner().candidate().recordId(),
                            s.winner().confidence(), sc.score().reason());
                out.add(new Rejection(p, sc.candidate().recordId(), describe(sc.candidate()), sc.score(), reason));
            }
        }
        return out;
    }

    private static String key(ProviderName p, Candidate c) { return p.id() + '\u0000' + c.recordId(); }

    static String describe(Candidate c) {
        String artist = c.artist() != null ? c.artist() : c.artists() == null ? "" : String.join(", ", c.artists());
        String v = c.version() == null || c.version().isBlank() ? "" : " [" + c.version() + "]";
        return artist + " - " + c.title() + v;
    }

    private static double round(double d) { return Math.round(d * 1000.0) / 1000.0; }
}
