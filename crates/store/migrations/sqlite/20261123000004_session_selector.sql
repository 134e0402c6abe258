-- Session tokens now carry their session's id (`<id>.<secret>`): a session is found by
-- its primary key and its secret checked against token_hash, so token_hash needs no
-- index, and rotating a session's secret touches only its row. SQLite cannot drop a
-- column's UNIQUE constraint in place, so the table is made again; tokens issued before
-- this change have no id and could not be used anyway, so their sessions go with it
-- (everyone signs in again once).
DROP TABLE sessions;
CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash      TEXT NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('web', 'api')),
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    mfa_verified_at INTEGER,
    ip              TEXT,
    user_agent      TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);
