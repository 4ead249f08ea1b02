package io.songnodes.enrich.scoring;

import java.io.Serializable;

/**
 * A candidate's match confidence and the factors it is the product of, so a rejection can be explained.
 *
 * @param confidence the match confidence in [0,1]
 * @param title      title similarity in [0,1]
 * @param artist     artist-set similarity in [0,1]
 * @param version    1 for the same recording's version ({@link CandidateScorer#SPELLING} when only one side says "Extended"), {@link CandidateScorer#VERSION_MISMATCH} for another
 *                   version, {@link CandidateScorer#BLEND_MISMATCH} when exactly one side is a mashup
 * @param duration   1 within tolerance or when a duration is unknown, down to 0.5 beyond
 * @param idMatch    the candidate carries an id or ISRC that was already known for the track
 * @param reason     a short human explanation
 */
public record MatchScore(double confidence, double title, double artist, double version, double duration,
                         boolean idMatch, String reason) implements Serializable {}
