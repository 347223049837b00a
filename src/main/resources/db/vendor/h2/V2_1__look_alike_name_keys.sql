-- name_key becomes the name's look-alike key (UserNames.key: a Unicode TR 39 skeleton over case-folded classes),
-- which can be twice as long as the name (m is rn). The keys themselves are computed in Java at every start
-- (account.NameKeyRefresh), after this migration: SQL cannot compute a skeleton.
ALTER TABLE account ALTER COLUMN name_key VARCHAR(64) NOT NULL;
