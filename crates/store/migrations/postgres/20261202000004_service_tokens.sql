-- Tokens for the exchange's other services (the capabilities API): created by an
-- admin, stored as a SHA-256 digest only (the token is shown once), scoped, revocable.
CREATE TABLE service_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT NOT NULL,
    -- Space-separated scopes, e.g. "capabilities:read".
    scopes       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT,
    revoked_by   BIGINT REFERENCES accounts(id) ON DELETE SET NULL
);
