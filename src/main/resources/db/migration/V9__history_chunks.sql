-- Issue 17, the writer's cost per message: messages are kept in chunks of one target (io.parley.history.HistoryChunk),
-- where V4 to V8 kept a row and an index entry a message. Each row a commit cost H2 its own work (the insert into two
-- B-trees, the commit touching each entry again, the page written out): about 7.5 us of CPU a message alone, which on
-- two cores shared with the chat halved the direct messages/s with history on. The writer now packs each target's
-- messages of a batch into as few chunks as it may (at most 200 messages, 32 K characters and 250 ms between the
-- first and the last id): a busy conversation or room costs a few rows a commit. A quiet one still costs a chunk a
-- message, which the quiet do not notice.
--
-- history_chunk holds what a page walks, by target and last id: small rows, so that a page that looks past its bound
-- for chunks reaching back into it (chunks of one target may overlap: two senders of a conversation, two nodes of a
-- cluster) reads headers there, not messages. first_id and last_id are the first and last id as written; a message
-- deleted later leaves them as they were (bounds of the chunk's ids), so the body keeps its key and a page that read
-- the header finds it. history_chunk_body holds the messages, one line each, fields separated
-- by tabs: id, no-reply (1 or 0), sender, recipient (empty in a room), text; a backslash, a tab and a line feed in a
-- field written as \\, \t and \n. last_at is the last message's time (the id's own millisecond), for the list of
-- conversations by their latest message. Portable SQL: H2 and PostgreSQL both run it.
CREATE TABLE history_chunk (
    target_key    VARCHAR(140) NOT NULL,
    first_id      UUID         NOT NULL,
    last_id       UUID         NOT NULL,
    message_count INTEGER      NOT NULL,
    last_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX history_chunk_target ON history_chunk (target_key, last_id);

CREATE TABLE history_chunk_body (
    first_id UUID             NOT NULL,
    messages VARCHAR(1048576) NOT NULL,
    CONSTRAINT history_chunk_body_pk PRIMARY KEY (first_id)
);

-- what was kept before: a chunk a message (offline messages must be chunks of their own, found by their id)
INSERT INTO history_chunk (target_key, first_id, last_id, message_count, last_at)
    SELECT target_key, id, id, 1, sent_at FROM history_message;
INSERT INTO history_chunk_body (first_id, messages)
    SELECT id, CAST(id AS VARCHAR(36)) || CHR(9) || CASE WHEN no_reply THEN '1' ELSE '0' END || CHR(9)
        || REPLACE(REPLACE(REPLACE(sender, '\', '\\'), CHR(9), '\t'), CHR(10), '\n') || CHR(9)
        || COALESCE(REPLACE(REPLACE(REPLACE(recipient, '\', '\\'), CHR(9), '\t'), CHR(10), '\n'), '') || CHR(9)
        || REPLACE(REPLACE(REPLACE(body, '\', '\\'), CHR(9), '\t'), CHR(10), '\n')
    FROM history_message;

DROP TABLE history_message;
