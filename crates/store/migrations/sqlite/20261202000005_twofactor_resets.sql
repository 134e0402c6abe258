-- The 2FA reset (issue "Lost authenticator, no backup"): a case per request, by ID selfie
-- or by personal facts, at most one open per account. The "this wasn't me" link's token
-- is kept only as its SHA-256: a dump shows nothing that cancels anyone's reset.
CREATE TABLE twofactor_resets (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- selfie or facts
    path          TEXT NOT NULL,
    -- submitted, in_review, refused, waiting, executed or cancelled
    status        TEXT NOT NULL,
    attempt       INTEGER NOT NULL,
    -- The last refusal's reason codes, space-separated.
    reasons       TEXT NOT NULL,
    -- The staff accounts that approved the current attempt, space-separated, in order.
    approvals     TEXT NOT NULL,
    -- When the security delay ends, once approved.
    delay_ends_at INTEGER,
    request_id    INTEGER REFERENCES desk_requests(id) ON DELETE SET NULL,
    cancel_hash   TEXT NOT NULL UNIQUE,
    version       INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX twofactor_resets_open ON twofactor_resets(account_id)
    WHERE status NOT IN ('executed', 'cancelled');
CREATE INDEX twofactor_resets_due ON twofactor_resets(status, delay_ends_at);
CREATE INDEX twofactor_resets_request ON twofactor_resets(request_id);
