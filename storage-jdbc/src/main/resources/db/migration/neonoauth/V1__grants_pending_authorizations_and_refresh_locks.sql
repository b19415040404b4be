-- storage-jdbc schema, version 1. One script for PostgreSQL (and Neon) and H2 2.x: only portable types and syntax.
-- Token material is never stored in clear: *_ct columns hold Tink AEAD ciphertexts whose associated data binds them
-- to their table, column and row (see docs/storage-jdbc.md). key_id is the Tink key id of the primary key that
-- encrypted the row, so a key rotation can find the rows left to re-encrypt.

-- One grant per application account key; subject is the Neon user (id_token sub).
CREATE TABLE neon_oauth_grant (
    account_key       VARCHAR(200)             NOT NULL,
    subject           VARCHAR(255),
    access_token_ct   BYTEA                    NOT NULL,
    refresh_token_ct  BYTEA,
    expires_at        TIMESTAMP WITH TIME ZONE,
    granted_scopes    VARCHAR(4000)            NOT NULL,
    token_type        VARCHAR(20)              NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id            BIGINT                   NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT neon_oauth_grant_pk PRIMARY KEY (account_key)
);

CREATE INDEX neon_oauth_grant_subject_idx ON neon_oauth_grant (subject, account_key);
CREATE INDEX neon_oauth_grant_key_id_idx ON neon_oauth_grant (key_id);

-- Authorizations in flight, under the SHA-256 (hex) of their state; the state itself is never stored.
CREATE TABLE neon_oauth_pending_authorization (
    state_hash        CHAR(64)                 NOT NULL,
    code_verifier_ct  BYTEA                    NOT NULL,
    account_key       VARCHAR(200)             NOT NULL,
    redirect_uri      VARCHAR(2048)            NOT NULL,
    requested_scopes  VARCHAR(4000)            NOT NULL,
    return_to         VARCHAR(512),
    session_binding   VARCHAR(1024),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id            BIGINT                   NOT NULL,
    CONSTRAINT neon_oauth_pending_authorization_pk PRIMARY KEY (state_hash)
);

CREATE INDEX neon_oauth_pending_authorization_expires_idx ON neon_oauth_pending_authorization (expires_at);

-- One row per account that was ever locked for a refresh: the row SELECT ... FOR UPDATE locks. It is separate from
-- the grant so that the lock exists before the first grant and survives the grant's deletion.
CREATE TABLE neon_oauth_refresh_lock (
    account_key       VARCHAR(200)             NOT NULL,
    CONSTRAINT neon_oauth_refresh_lock_pk PRIMARY KEY (account_key)
);
