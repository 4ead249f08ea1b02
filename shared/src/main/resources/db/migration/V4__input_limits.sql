-- Byte limits on the columns that hold input text, the same the bronze validator enforces (BronzeFields), so
-- the schema states them and a row that slipped past validation is refused (SQLState 23514) and dead-lettered
-- by the sink instead of being stored. Key columns stay far below the btree index-row limit (2,704 bytes).
-- NOT VALID: rows already stored are not re-checked; every new or updated row is.
ALTER TABLE bronze.raw_tracks
    ADD CONSTRAINT raw_tracks_bronze_key_len      CHECK (octet_length(bronze_key) <= 1024) NOT VALID,
    ADD CONSTRAINT raw_tracks_source_len          CHECK (octet_length(source) <= 64) NOT VALID,
    ADD CONSTRAINT raw_tracks_source_url_len      CHECK (octet_length(source_url) <= 2048) NOT VALID,
    ADD CONSTRAINT raw_tracks_source_track_id_len CHECK (octet_length(source_track_id) <= 256) NOT VALID;

ALTER TABLE silver.playlists
    ADD CONSTRAINT playlists_playlist_id_len        CHECK (octet_length(playlist_id) <= 1024) NOT VALID,
    ADD CONSTRAINT playlists_source_len             CHECK (octet_length(source) <= 64) NOT VALID,
    ADD CONSTRAINT playlists_source_url_len         CHECK (octet_length(source_url) <= 2048) NOT VALID,
    ADD CONSTRAINT playlists_source_playlist_id_len CHECK (octet_length(source_playlist_id) <= 256) NOT VALID,
    ADD CONSTRAINT playlists_name_len               CHECK (octet_length(name) <= 1000) NOT VALID,
    ADD CONSTRAINT playlists_dj_len                 CHECK (octet_length(dj) <= 500) NOT VALID,
    ADD CONSTRAINT playlists_event_len              CHECK (octet_length(event) <= 500) NOT VALID,
    ADD CONSTRAINT playlists_played_date_len        CHECK (octet_length(played_date) <= 32) NOT VALID;

ALTER TABLE silver.playlist_tracks
    ADD CONSTRAINT playlist_tracks_playlist_id_len CHECK (octet_length(playlist_id) <= 1024) NOT VALID,
    ADD CONSTRAINT playlist_tracks_bronze_key_len  CHECK (octet_length(bronze_key) <= 1024) NOT VALID,
    ADD CONSTRAINT playlist_tracks_cue_len         CHECK (octet_length(cue) <= 32) NOT VALID,
    ADD CONSTRAINT playlist_tracks_position_range  CHECK (position BETWEEN 0 AND 10000) NOT VALID;

ALTER TABLE silver.bronze_links
    ADD CONSTRAINT bronze_links_bronze_key_len CHECK (octet_length(bronze_key) <= 1024) NOT VALID,
    ADD CONSTRAINT bronze_links_source_len     CHECK (octet_length(source) <= 64) NOT VALID;

ALTER TABLE silver.tracks
    ADD CONSTRAINT tracks_artist_len CHECK (octet_length(artist) <= 1000) NOT VALID,
    ADD CONSTRAINT tracks_title_len  CHECK (octet_length(title) <= 1000) NOT VALID;
