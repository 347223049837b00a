-- Issue 17, the writer's cost per message: history_message loses its indexes on sender_key and recipient_key.
-- They served one read (a user's conversations, IRC's CHATHISTORY TARGETS) and cost two index entries for every
-- message, room messages (NULL there) included, as H2 has no partial index: with the primary key and the target's
-- index that was four entries a message. A user's conversations are now kept once per party and conversation in
-- history_conversation, written by the history writer the first time a pair is seen. The columns stay: a row still
-- says who wrote to whom. No unique key: the writer and an offline message may add the same pair at the same
-- moment; a duplicate is harmless to the read (IN) and never fails a batch. Portable SQL: H2 and PostgreSQL.
CREATE TABLE history_conversation (
    party_key  VARCHAR(64)  NOT NULL,
    target_key VARCHAR(140) NOT NULL
);
CREATE INDEX history_conversation_party ON history_conversation (party_key, target_key);

INSERT INTO history_conversation (party_key, target_key)
    SELECT sender_key, target_key FROM history_message WHERE sender_key IS NOT NULL
    UNION
    SELECT recipient_key, target_key FROM history_message WHERE recipient_key IS NOT NULL;

DROP INDEX history_message_sender;
DROP INDEX history_message_recipient;
