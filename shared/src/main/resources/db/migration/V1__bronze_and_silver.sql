-- Bronze: raw records exactly as they arrived, one row per bronze key.
CREATE SCHEMA IF NOT EXISTS bronze;
CREATE SCHEMA IF NOT EXISTS silver;
CREATE SCHEMA IF NOT EXISTS gold;

CREATE TABLE IF NOT EXISTS bronze.raw_tracks (
    bronze_key      text PRIMARY KEY,
    source          text        NOT NULL,
    source_url      text        NOT NULL,
    source_track_id text,
    raw             text        NOT NULL,
    scraped_at      timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    replay_count    integer     NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS raw_tracks_source_idx ON bronze.raw_tracks (source, scraped_at);

-- Silver: one row per track id, never duplicated; provenance JSONB beside the typed columns.
CREATE TABLE IF NOT EXISTS silver.tracks (
    track_id             text PRIMARY KEY,
    artist               text        NOT NULL,
    title                text        NOT NULL,
    artist_normalized    text        NOT NULL,
    title_normalized     text        NOT NULL,
    featured_artists     text[]      NOT NULL DEFAULT '{}',
    version              text,
    spotify_id           text,
    musicbrainz_id       text,
    discogs_id           text,
    beatport_id          text,
    deezer_id            text,
    isrc                 text,
    bpm                  double precision,
    musical_key          text,
    camelot_key          text,
    energy               double precision,
    danceability         double precision,
    valence              double precision,
    genres               text[]      NOT NULL DEFAULT '{}',
    label                text,
    release_date         text,
    duration_ms          integer,
    enrichment_status    text        NOT NULL DEFAULT 'pending'
        CHECK (enrichment_status IN ('pending', 'completed', 'partial', 'failed', 'unidentified')),
    data_quality_score   double precision NOT NULL DEFAULT 0 CHECK (data_quality_score BETWEEN 0 AND 1),
    validation_status    text        NOT NULL DEFAULT 'valid'
        CHECK (validation_status IN ('valid', 'warning', 'needs_review')),
    provenance           jsonb       NOT NULL DEFAULT '{}',
    provider_enriched_at jsonb       NOT NULL DEFAULT '{}',
    first_seen_at        timestamptz NOT NULL DEFAULT now(),
    last_enriched_at     timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tracks_status_idx ON silver.tracks (enrichment_status);
CREATE INDEX IF NOT EXISTS tracks_last_enriched_idx ON silver.tracks (last_enriched_at NULLS FIRST);

CREATE TABLE IF NOT EXISTS silver.playlists (
    playlist_id        text PRIMARY KEY,
    source             text        NOT NULL,
    source_url         text        NOT NULL,
    source_playlist_id text,
    name               text,
    dj                 text,
    event              text,
    played_date        text,
    first_seen_at      timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS silver.playlist_tracks (
    -- no foreign key: the sinks flush independently and at-least-once, so a track may land before its playlist
    playlist_id text        NOT NULL,
    bronze_key  text        NOT NULL,
    position    integer,
    cue         text,
    track_id    text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (playlist_id, bronze_key)
);
CREATE INDEX IF NOT EXISTS playlist_tracks_track_idx ON silver.playlist_tracks (track_id);

CREATE TABLE IF NOT EXISTS silver.bronze_links (
    bronze_key text PRIMARY KEY,
    track_id   text        NOT NULL,
    source     text        NOT NULL,
    linked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bronze_links_track_idx ON silver.bronze_links (track_id);
