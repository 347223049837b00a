-- Issue 17, the writer's cost per message: history_message's primary key becomes (target_key, id), the key a page
-- is read by, in place of the primary key on id and the index history_message_target on (target_key, id). H2 keeps
-- a table whose key is not one integer column as a map of rows by an internal row number plus one B-tree per index;
-- each row written cost an entry in three trees, each entry touched again by the commit and written out with its
-- page: now two. A message is still unique by its id alone (a UUIDv7, made once per message); the key adds the
-- target before it. A lookup by id alone (the admin's delete, the purge) reads the table; see HistoryStore.
-- offline_message keeps its message's target, so its reference (ON DELETE CASCADE) is to the new key.
-- Portable SQL: H2 and PostgreSQL both run it.
ALTER TABLE offline_message ADD COLUMN target_key VARCHAR(140);
UPDATE offline_message SET target_key = (SELECT h.target_key FROM history_message h WHERE h.id = offline_message.message_id);
ALTER TABLE offline_message ALTER COLUMN target_key SET NOT NULL;
ALTER TABLE offline_message DROP CONSTRAINT offline_message_history;
ALTER TABLE history_message DROP CONSTRAINT history_message_pk;
DROP INDEX history_message_target;
ALTER TABLE history_message ADD CONSTRAINT history_message_pk PRIMARY KEY (target_key, id);
ALTER TABLE offline_message ADD CONSTRAINT offline_message_history FOREIGN KEY (target_key, message_id)
    REFERENCES history_message (target_key, id) ON DELETE CASCADE;
