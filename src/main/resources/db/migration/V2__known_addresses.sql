-- Addresses each account has logged in (or registered) from: they are spared that account's lockout, so that
-- guessing at a name from elsewhere cannot lock its owner out, also after a restart. last_seen is refreshed
-- at most about hourly; rows older than parley.limits.login.known-address-for no longer count.
CREATE TABLE known_address (
    account_id BIGINT      NOT NULL,
    address    VARCHAR(64) NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT known_address_pk PRIMARY KEY (account_id, address),
    CONSTRAINT known_address_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
);
