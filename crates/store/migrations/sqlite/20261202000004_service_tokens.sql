-- Tokens for the exchange's other services (the capabilities API): created by an
-- admin, stored as a SHA-256 digest only (the token is shown once), scoped, revocable.
CREATE TABLE service_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    -- Space-separated scopes, e.g. "capabilities:read".
    scopes       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER,
    revoked_by   INTEGER REFERENCES accounts(id) ON DELETE SET NULL
);
