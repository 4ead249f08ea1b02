/**
 * The per-field enrichment waterfall: {@link io.songnodes.enrich.waterfall.Waterfall} turns a bronze track
 * into a silver record with provenance on every field, asking each provider at most once. Rules, status
 * and quality score are documented on {@code Waterfall}.
 */
package io.songnodes.enrich.waterfall;
