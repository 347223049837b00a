-- Issue 17, the writer's cost per message: history_message keeps one index, history_message_target (target_key, id),
-- what every page is read by, and loses its primary key on id. H2 keeps a table whose key is not one integer column
-- as a map of rows by an internal row number plus one B-tree per index; each row written cost an entry in three
-- trees (and a uniqueness check), each entry touched again by the commit and written out with its page: now two
-- (measured alone, 8.8 of 10.0 us of CPU a row with a primary key on (target_key, id), 7.5 without; docs/benchmarks.md).
-- An id is still unique: a UUIDv7 made once per message, written once (the writer never retries a batch). A lookup
-- by id alone (the admin's delete of one message) reads the table; the purge walks the targets on the index.
-- offline_message keeps its message's target, so a mailbox is read through the index; with no key to refer to, the
-- ON DELETE CASCADE is the store's own (HistoryStore deletes a message's offline row with it). Portable SQL: H2 and
-- PostgreSQL both run it.
ALTER TABLE offline_message ADD COLUMN target_key VARCHAR(140);
UPDATE offline_message SET target_key = (SELECT h.target_key FROM history_message h WHERE h.id = offline_message.message_id);
ALTER TABLE offline_message ALTER COLUMN target_key SET NOT NULL;
ALTER TABLE offline_message DROP CONSTRAINT offline_message_history;
ALTER TABLE history_message DROP CONSTRAINT history_message_pk;
CREATE INDEX offline_message_target ON offline_message (target_key, message_id);
