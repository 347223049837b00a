-- Issue 17, the writer's cost per message: a chunk's body (io.parley.history.HistoryChunk) is kept as bytes, the
-- UTF-8 of the text V9 wrote. At a commit, H2 writes out a character string a character at a time (each through
-- String.charAt, encoded on the way), and the chunks' texts were a fifth of the writer's CPU; bytes are copied out
-- whole. Measured alone (io.parley.history.HistoryStoreCost, 7,000 messages a commit, JDK 25): 0.95-1.08 us of CPU a
-- message before, 0.59-0.65 us after.
--
-- The SQL differs: PostgreSQL wants the conversion spelled out (convert_to; a cast from text would read the body's
-- backslashes as escapes), H2 converts a character string to bytes as UTF-8 by itself. 4 MiB holds any text of
-- V9's column (1,048,576 characters, at most four bytes each); a chunk's body is some 32 K characters.
ALTER TABLE history_chunk_body ALTER COLUMN messages SET DATA TYPE BINARY VARYING(4194304);
