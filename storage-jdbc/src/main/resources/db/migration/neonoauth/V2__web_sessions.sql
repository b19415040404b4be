-- storage-jdbc schema, version 2: server-side web sessions, shared by every application instance on this database.
-- One script for PostgreSQL (and Neon) and H2 2.x, like V1.
-- key_hash is the hash of the session cookie's id computed by the application (app-web: SHA-256, base64url); the
-- cookie's id itself is never stored, so a copy of this table does not let anyone take over a session.
-- csrf_token_ct is the session's CSRF synchronizer token, a Tink AEAD ciphertext bound to (table, column, key_hash).
-- account_key is the application account the session signed in as (NULL while anonymous): an identifier, not a
-- secret, and the same value the grant table holds in clear.
CREATE TABLE neon_oauth_web_session (
    key_hash          VARCHAR(128)             NOT NULL,
    csrf_token_ct     BYTEA                    NOT NULL,
    account_key       VARCHAR(200),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id            BIGINT                   NOT NULL,
    CONSTRAINT neon_oauth_web_session_pk PRIMARY KEY (key_hash)
);

-- the purge deletes by idle time or by age
CREATE INDEX neon_oauth_web_session_last_seen_idx ON neon_oauth_web_session (last_seen_at);
CREATE INDEX neon_oauth_web_session_created_idx ON neon_oauth_web_session (created_at);
CREATE INDEX neon_oauth_web_session_key_id_idx ON neon_oauth_web_session (key_id);
