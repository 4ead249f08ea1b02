/**
 * The waterfall configuration: YAML (docs/contracts.md §5) validated once into an immutable {@link io.songnodes.enrich.config.WaterfallConfig}.
 *
 * <pre>
 * fields:                       # required, non-empty; worked through in this order
 *   &lt;field&gt;:                    # spotify_id musicbrainz_id discogs_id beatport_id deezer_id isrc bpm key energy
 *                               # danceability valence genre label release_date duration_ms
 *                               # (silver column spellings musical_key and genres are accepted too)
 *     providers: [p1, p2, ...]  # required, non-empty, no repeats: spotify musicbrainz discogs beatport lastfm deezer
 *     min_confidence: 0.80      # required, number in [0,1]
 *     mode: first | append      # optional, default first; append only for genre
 *     max_values: 3             # append only: stop asking once the union holds this many values (and keep that many)
 *     min_providers: 2          # append only: stop asking once this many providers contributed
 * providers:                    # optional; a provider left out keeps its built-in defaults (ProviderDefaults)
 *   &lt;provider&gt;:
 *     rate: 1/s | 60/min | 50/5s   # N/unit or N/Munit, units ms s sec m min h d
 *     burst: 1                     # whole number in [1, rate permits]
 *     timeout: 5s                  # durations: 500ms 5s 10m|10min 2h 30d; &gt; 0
 *     cache_ttl: 30d
 *     negative_cache_ttl: 1d       # &lt;= cache_ttl
 *     cost_per_call_usd: 0.0       # &gt;= 0
 *     base_url: https://...        # absolute http(s) URL
 *     auth_url: https://...        # token service root (Spotify: https://accounts.spotify.com)
 *     enabled: true
 *     freshness_ttl: 90d           # re-enrichment asks the provider again after this; &gt; 0
 * scoring:                      # optional
 *   ambiguity_margin: 0.05      # [0,1]
 *   duration_tolerance: 10s
 *   chain_min_confidence: 0.85  # [0,1]
 * user_agent: "SongNodes/0.1 (+contact)"   # optional
 * </pre>
 *
 * Any unknown key, field or provider, wrong type or out-of-range value is an error naming its key path
 * ({@code fields.bpm.min_confidence: must be in [0,1], was 1.5}); all errors of a document are reported
 * together in one {@link io.songnodes.config.ConfigException}. Credentials never live here.
 */
package io.songnodes.enrich.config;
