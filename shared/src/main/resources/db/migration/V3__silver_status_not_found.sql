-- A track that every provider answered without a match is 'not_found', no longer 'partial'.
ALTER TABLE silver.tracks DROP CONSTRAINT IF EXISTS tracks_enrichment_status_check;
ALTER TABLE silver.tracks ADD CONSTRAINT tracks_enrichment_status_check
    CHECK (enrichment_status IN ('pending', 'completed', 'partial', 'not_found', 'failed', 'unidentified'));
