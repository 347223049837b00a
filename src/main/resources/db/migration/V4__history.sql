-- Every room and private message (issue 17), kept for parley.history.retention. The id is the chat event's
-- UUIDv7: unique across nodes, ordered by time, and monotonic within a millisecond, so pages read by id neither
-- skip nor repeat a message; the time is the id's own millisecond (sent_at repeats it for people reading SQL and
-- for nothing else). target_key is what a page is read by: '#<room>' for a room, and for a private message the
-- look-alike keys of its two parties, sorted, joined by a space. sender_key and recipient_key (private messages
-- only) find a user's conversations. Portable SQL: H2 (the default) and PostgreSQL both run it.
CREATE TABLE history_message (
    id            UUID          NOT NULL,
    target_key    VARCHAR(140)  NOT NULL,
    room          VARCHAR(32),
    sender        VARCHAR(32)   NOT NULL,
    sender_key    VARCHAR(64),
    recipient     VARCHAR(32),
    recipient_key VARCHAR(64),
    body          VARCHAR(8192) NOT NULL,
    no_reply      BOOLEAN       NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT history_message_pk PRIMARY KEY (id)
);
CREATE INDEX history_message_target ON history_message (target_key, id);
CREATE INDEX history_message_sender ON history_message (sender_key, id);
CREATE INDEX history_message_recipient ON history_message (recipient_key, id);

-- Private messages to an account that had no session, waiting for its next login; the message itself is in
-- history_message, committed with this row before the sender is told it was queued.
CREATE TABLE offline_message (
    recipient_key VARCHAR(64) NOT NULL,
    message_id    UUID        NOT NULL,
    CONSTRAINT offline_message_pk PRIMARY KEY (recipient_key, message_id),
    CONSTRAINT offline_message_history FOREIGN KEY (message_id) REFERENCES history_message (id) ON DELETE CASCADE
);
