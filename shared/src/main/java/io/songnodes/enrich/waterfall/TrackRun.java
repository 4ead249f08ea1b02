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
import java.util.Set;

/** One track's pass through the waterfall: the state of a single {@link Waterfall#enrich} call; the rules are documented on {@link Waterfall}. */
final class TrackRun {
    /** A provider's one answer for the track, kept for the run. */
    private record Answer(ProviderOutcome outcome, Selection selection) {}

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
    private final List<FieldStep> steps = new ArrayList<>();
    private final Set<String> usedCandidates = new LinkedHashSet<>();
    private final Map<ProviderName, List<String>> winnerNotes = new LinkedHashMap<>();
    private Integer refDuration;

    TrackRun(WaterfallConfig config, CandidateScorer scorer, TrackInput in, ProviderGateway gateway, EnrichmentListener listener, Clock clock) {
        this.config = config;
        this.scorer = scorer;
        this.in = in;
        this.gateway = gateway;
        this.listener = listener;
        this.clock = clock;
    }

    EnrichmentResult execute() {
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
            return new EnrichmentResult(b.build(), EnrichmentStatus.UNIDENTIFIED, 0.0, List.of(), List.of(), List.of(), null);
        }
        applyHints();
        for (FieldRule rule : config.fields().values()) runField(rule);
        recordMatchedIds();
        return finish();
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

    private void runField(FieldRule rule) {
        EnrichField field = rule.field();
        if (rule.mode() == FieldMode.FIRST && filled.containsKey(field)) return;
        List<String> appended = new ArrayList<>();
        List<FieldValue> contributors = new ArrayList<>();
        List<ProviderName> order = rule.providers();
        for (int i = 0; i < order.size(); i++) {
            ProviderName p = order.get(i);
            String ruleName = field.configName() + "[" + (i + 1) + "]=" + p.id();
            Answer a = answer(p);
            FieldStep step = evaluate(rule, ruleName, p, a);
            steps.add(step);
            if (step.outcome() == FieldStep.Outcome.WON) {
                ScoredCandidate w = a.selection().winner();
                usedCandidates.add(key(p, w.candidate()));
                listener.fieldWon(p, field.column());
                FieldValue fv = new FieldValue(FieldValues.extract(field, w.candidate()), p.id(), w.candidate().recordId(),
                        round(w.confidence()), a.outcome().at(), ruleName);
                if (rule.mode() == FieldMode.APPEND) {
                    contributors.add(fv);
                    @SuppressWarnings("unchecked") List<String> vals = (List<String>) fv.value();
                    for (String v : vals) if (!appended.contains(v)) appended.add(v);
                    continue;
                }
                set(field, fv.value(), fv);
                if (field == EnrichField.KEY) setCamelot(w.candidate(), fv);
                return;
            }
            if (a.selection() != null && a.selection().hasWinner()) {
                winnerNotes.computeIfAbsent(p, k -> new ArrayList<>()).add(field.configName() + ": " + step.detail());
            }
            if (i + 1 < order.size()) listener.fallback(p, order.get(i + 1), field.column());
        }
        if (!contributors.isEmpty()) {
            FieldValue first = contributors.get(0);
            FieldValue merged = new FieldValue(new ArrayList<>(appended),
                    String.join(",", contributors.stream().map(FieldValue::provider).toList()),
                    String.join(",", contributors.stream().map(FieldValue::providerRecordId).toList()),
                    contributors.stream().mapToDouble(FieldValue::confidence).min().orElse(0),
                    first.fetchedAt(),
                    String.join("+", contributors.stream().map(FieldValue::rule).toList()));
            set(field, merged.value(), merged);
        }
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

    /** Asks {@code p} once; later calls get the kept answer. */
    private Answer answer(ProviderName p) {
        Answer kept = answers.get(p);
        if (kept != null) return kept;
        Answer a;
        if (!config.provider(p).enabled() || !gateway.enabled(p)) {
            a = new Answer(new ProviderOutcome(p, ProviderOutcome.Status.DISABLED, null, "disabled", 0, null, 0, false, clock.instant()), null);
        } else {
            TrackQuery q = new TrackQuery(in.artist(), in.searchTitle(), refDuration, Map.copyOf(knownIds));
            MatchTarget target = MatchTarget.of(in.identity(), in.title(), refDuration, knownIds);
            List<Candidate> candidates;
            try {
                candidates = gateway.lookup(p, q);
            } catch (ProviderException e) {
                if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                    candidates = List.of();
                } else {
                    ProviderOutcome.Status st = switch (e.kind()) {
                        case CIRCUIT_OPEN -> ProviderOutcome.Status.BREAKER_OPEN;
                        case BUDGET_EXHAUSTED -> ProviderOutcome.Status.BUDGET;
                        default -> ProviderOutcome.Status.FAILED;
                    };
                    a = new Answer(new ProviderOutcome(p, st, e.kind(), e.getMessage(), 0, null, 0, false, clock.instant()), null);
                    answers.put(p, a);
                    return a;
                }
            }
            Instant at = clock.instant();
            List<Candidate> list = candidates == null ? List.of() : candidates;
            Selection s = scorer.select(target, list);
            ScoredCandidate w = s.winner();
            ProviderOutcome.Status st = list.isEmpty() ? ProviderOutcome.Status.NOT_FOUND : ProviderOutcome.Status.ANSWERED;
            a = new Answer(new ProviderOutcome(p, st, null, s.reason(), list.size(), w == null ? null : w.candidate().recordId(),
                    w == null ? 0 : round(w.confidence()), s.ambiguous(), at), s);
            b.providerEnrichedAt.put(p.id(), at);
            if (w != null && w.confidence() >= config.scoring().chainMinConfidence()) chain(p, w.candidate());
        }
        answers.put(p, a);
        return a;
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
