-- The key directory (issue 21): the public keys of each device a person uses the web client on, for end-to-end
-- encrypted private messages. The server holds public keys only; private keys never leave the browser.
-- device_id is the first 8 bytes of SHA-256 over the identity key (base64url), so a device's id follows from its
-- key. identity_key is Ed25519, prekey X25519, each 32 bytes as base64url; prekey_signature is the identity key's
-- Ed25519 signature over the prekey (docs/e2e.md). A revoked device keeps its row (revoked_at set), so its id is
-- never taken again and a page can tell a contact that the device went. Portable SQL: H2 and PostgreSQL run it.
CREATE TABLE device_key (
    device_id         VARCHAR(11)  NOT NULL PRIMARY KEY,
    owner             VARCHAR(32)  NOT NULL,
    owner_key         VARCHAR(32)  NOT NULL,
    identity_key      VARCHAR(43)  NOT NULL,
    prekey_id         INTEGER      NOT NULL,
    prekey            VARCHAR(43)  NOT NULL,
    prekey_signature  VARCHAR(86)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    prekey_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revoked_by        VARCHAR(32)
);
CREATE INDEX device_key_owner ON device_key (owner_key, revoked_at);
