/**
 * Match confidence of provider candidates against a bronze track: title, artist set, version (remixes,
 * edits, VIPs, acappellas and mashups are different recordings) and duration, multiplied; plus the
 * ambiguity margin. Entry point: {@link io.songnodes.enrich.scoring.CandidateScorer}.
 */
package io.songnodes.enrich.scoring;
