-- Times are unix seconds (BIGINT) so both backends share one model; secrets are
-- stored encrypted or hashed only.
CREATE TABLE accounts (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    password_hash       TEXT NOT NULL,
    email_verified_at   BIGINT,
    language            TEXT NOT NULL DEFAULT 'en',
    role                TEXT NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'agent', 'admin')),
    created_at          BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);

CREATE TABLE totp_factors (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    secret_enc   BYTEA NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'active')),
    last_step    BIGINT,
    created_at   BIGINT NOT NULL,
    activated_at BIGINT
);
CREATE UNIQUE INDEX totp_factors_one_active ON totp_factors(account_id) WHERE status = 'active';
CREATE UNIQUE INDEX totp_factors_one_pending ON totp_factors(account_id) WHERE status = 'pending';

CREATE TABLE recovery_codes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX recovery_codes_account ON recovery_codes(account_id);

CREATE TABLE sessions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    account_id      BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('web', 'api')),
    created_at      BIGINT NOT NULL,
    last_seen_at    BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    mfa_verified_at BIGINT,
    ip              TEXT,
    user_agent      TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_tokens_account ON email_tokens(account_id, purpose);

CREATE TABLE throttles (
    key             TEXT PRIMARY KEY,
    failures        BIGINT NOT NULL DEFAULT 0,
    locks           BIGINT NOT NULL DEFAULT 0,
    next_allowed_at BIGINT NOT NULL DEFAULT 0,
    locked_until    BIGINT NOT NULL DEFAULT 0,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE audit_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT,
    actor_id   BIGINT,
    kind       TEXT NOT NULL,
    ip         TEXT,
    user_agent TEXT,
    detail     TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_events_account ON audit_events(account_id, id);
-- Append-only: the log is evidence.
CREATE FUNCTION keydesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION keydesk_audit_append_only();

CREATE TABLE jobs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    run_at       BIGINT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_error   TEXT,
    done_at      BIGINT,
    dead_at      BIGINT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(run_at) WHERE done_at IS NULL AND dead_at IS NULL;

CREATE TABLE outbox_mails (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body_text  TEXT NOT NULL,
    body_html  TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
