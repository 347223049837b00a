-- PostgreSQL's spelling of db/vendor/h2/V2_1 (issue 22): name_key becomes the name's look-alike key (UserNames.key),
-- which can be twice as long as the name. The H2 file keeps its text and so its checksum for databases it already
-- migrated; Flyway picks one of the two by the database (spring.flyway.locations with {vendor}).
ALTER TABLE account ALTER COLUMN name_key TYPE VARCHAR(64);
