-- Rooms that belong to someone (issue 16). Plain SQL types only: the same migrations run on PostgreSQL (issue 22).
-- A room made by an account is kept here from its first join; a room made by a guest is never stored.
-- Names are kept as shown (owner, name) and as their look-alike keys (owner_key, name_key: UserNames.key), so a
-- look-alike of a holder is the holder, as at login.
CREATE TABLE room (
    name          VARCHAR(32)  NOT NULL,
    owner         VARCHAR(32)  NOT NULL,
    owner_key     VARCHAR(64)  NOT NULL,
    topic         VARCHAR(1000),
    topic_by      VARCHAR(32),
    topic_at      TIMESTAMP WITH TIME ZONE,
    topic_locked  BOOLEAN      NOT NULL DEFAULT TRUE,
    invite_only   BOOLEAN      NOT NULL DEFAULT FALSE,
    moderated     BOOLEAN      NOT NULL DEFAULT FALSE,
    secret        BOOLEAN      NOT NULL DEFAULT FALSE,
    join_key      VARCHAR(64),
    member_limit  INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- when its last member left (or it was made): rooms unused for parley.rooms.expire-after are dropped
    last_used_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT room_pk PRIMARY KEY (name)
);

-- Operators and voices of accounts (the owner is the room's owner column).
CREATE TABLE room_role (
    room      VARCHAR(32) NOT NULL,
    name_key  VARCHAR(64) NOT NULL,
    name      VARCHAR(32) NOT NULL,
    role      VARCHAR(16) NOT NULL,
    CONSTRAINT room_role_pk PRIMARY KEY (room, name_key),
    CONSTRAINT room_role_room FOREIGN KEY (room) REFERENCES room (name) ON DELETE CASCADE,
    CONSTRAINT room_role_known CHECK (role IN ('OPERATOR', 'VOICE'))
);

-- The room's lists, by name: bans, the invite list, one-time invites (used up by the join they let in) and mutes.
CREATE TABLE room_entry (
    room      VARCHAR(32) NOT NULL,
    kind      VARCHAR(16) NOT NULL,
    name_key  VARCHAR(64) NOT NULL,
    name      VARCHAR(32) NOT NULL,
    set_by    VARCHAR(32),
    set_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT room_entry_pk PRIMARY KEY (room, kind, name_key),
    CONSTRAINT room_entry_room FOREIGN KEY (room) REFERENCES room (name) ON DELETE CASCADE,
    CONSTRAINT room_entry_kind_known CHECK (kind IN ('BAN', 'INVITE', 'INVITE_ONCE', 'MUTE'))
);
