-- Gold: analytics recomputed from silver by the silver-to-gold job (batch or streaming).
-- Every table has a primary key so that both modes write by upsert/delete and a rerun changes nothing.
-- No column holds a wall-clock time of the run, so batch and streaming gold compare row for row.
CREATE SCHEMA IF NOT EXISTS gold;

-- Consecutive set positions N -> N+1 of identified tracks (w/ rows: every track at N to every track at N+1).
CREATE TABLE IF NOT EXISTS gold.track_transitions (
    from_track_id      text             NOT NULL,
    to_track_id        text             NOT NULL,
    set_count          integer          NOT NULL,  -- distinct sets that played the pair
    occurrence_count   integer          NOT NULL,  -- times the pair was played, repeats within a set included
    first_seen         date,
    last_seen          date,
    playlist_ids       text[]           NOT NULL,  -- the sets, sorted
    from_camelot       text,
    to_camelot         text,
    bpm_delta          double precision,           -- to - from
    energy_delta       double precision,           -- to - from
    key_distance       integer,                    -- steps on the Camelot wheel
    key_compatibility  double precision NOT NULL,  -- 0.5 when a key is unknown
    transition_quality double precision NOT NULL,
    PRIMARY KEY (from_track_id, to_track_id)
);
CREATE INDEX IF NOT EXISTS track_transitions_to_idx ON gold.track_transitions (to_track_id);

CREATE TABLE IF NOT EXISTS gold.track_analytics (
    track_id                text PRIMARY KEY,
    artist                  text             NOT NULL,
    title                   text             NOT NULL,
    appearances             integer          NOT NULL,  -- playlist rows
    set_count               integer          NOT NULL,  -- distinct sets
    first_played            date,
    last_played             date,
    bpm                     double precision,
    camelot_key             text,
    key_name                text,
    compatible_keys         text[]           NOT NULL,
    key_family              text,
    enrichment_status       text             NOT NULL,
    completeness            double precision NOT NULL,
    completeness_identifiers double precision NOT NULL,
    completeness_audio      double precision NOT NULL,
    completeness_metadata   double precision NOT NULL,
    quality_score           double precision NOT NULL
);

CREATE TABLE IF NOT EXISTS gold.playlist_analytics (
    playlist_id          text PRIMARY KEY,
    name                 text,
    dj                   text,
    event                text,
    played_date          date,
    track_count          integer          NOT NULL,  -- playlist rows, unidentified included
    identified_count     integer          NOT NULL,
    identification_rate  double precision NOT NULL,
    avg_bpm              double precision,
    avg_energy           double precision,
    energy_curve         double precision[] NOT NULL,  -- one value per position, NULL where unknown
    key_changes          integer          NOT NULL,
    transition_count     integer          NOT NULL,
    harmonic_flow_score  double precision,            -- mean transition quality of the set
    genre_distribution   jsonb            NOT NULL,   -- genre -> share of identified rows with genres
    track_ids            text[]           NOT NULL    -- distinct tracks of the set: lets an update find former members
);

-- Artists by normalised name: credited artists of tracks, and DJs of sets.
CREATE TABLE IF NOT EXISTS gold.artist_analytics (
    artist        text PRIMARY KEY,
    track_count   integer          NOT NULL,
    appearances   integer          NOT NULL,  -- playlist rows playing one of their tracks
    set_count     integer          NOT NULL,  -- distinct sets playing one of their tracks
    dj_set_count  integer          NOT NULL,  -- sets they played as DJ
    top_genres    text[]           NOT NULL,
    first_seen    date,
    last_seen     date
);

-- Who is credited where: lets an update find the artists a track or set no longer credits.
CREATE TABLE IF NOT EXISTS gold.artist_credits (
    artist  text NOT NULL,
    kind    text NOT NULL CHECK (kind IN ('track', 'dj')),
    ref_id  text NOT NULL,  -- track id or playlist id
    PRIMARY KEY (artist, kind, ref_id)
);
CREATE INDEX IF NOT EXISTS artist_credits_ref_idx ON gold.artist_credits (ref_id, kind);

CREATE TABLE IF NOT EXISTS gold.harmonic_recommendations (
    track_id             text             NOT NULL,
    rank                 smallint         NOT NULL,
    recommended_track_id text             NOT NULL,
    score                double precision NOT NULL,
    key_compatibility    double precision NOT NULL,
    bpm_delta            double precision NOT NULL,
    energy_delta         double precision,
    PRIMARY KEY (track_id, rank)
);
CREATE INDEX IF NOT EXISTS harmonic_recommendations_rec_idx ON gold.harmonic_recommendations (recommended_track_id);

-- One row per layer table, for Grafana.
CREATE TABLE IF NOT EXISTS gold.layer_stats (
    layer        text             NOT NULL,
    table_name   text             NOT NULL,
    record_count bigint           NOT NULL,
    mean_quality double precision,
    completeness jsonb            NOT NULL DEFAULT '{}',
    PRIMARY KEY (layer, table_name)
);

-- The streaming job looks tracks up by tempo band for recommendations.
CREATE INDEX IF NOT EXISTS tracks_bpm_idx ON silver.tracks (bpm);
