-- Issue 17, the writer's cost per message: a chunk's body (io.parley.history.HistoryChunk) is kept as bytes, the
-- UTF-8 of the text V9 wrote; db/vendor/h2/V10__history_chunk_bytes.sql says why. convert_to, not a cast: a cast
-- from text to bytea would read the body's backslashes (its escapes of tabs and line feeds) as bytea escapes.
ALTER TABLE history_chunk_body ALTER COLUMN messages TYPE BYTEA USING convert_to(messages, 'UTF8');
