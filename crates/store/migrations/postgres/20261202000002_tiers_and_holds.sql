-- How far an account's identity is verified (unverified, basic, enhanced), and its
-- holds: time-bounded restrictions with a reason and an origin (issue "Identity
-- verification with no dead ends"). A system hold has no lifting columns set, ever.
ALTER TABLE accounts ADD COLUMN tier TEXT NOT NULL DEFAULT 'unverified';

CREATE TABLE holds (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- withdraw, trade, log_in or everything
    scope      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    -- The agent who set a manual hold; none: a system hold.
    set_by     BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    manual     BIGINT NOT NULL,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT,
    lifted_at  BIGINT,
    lifted_by  BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX holds_account ON holds(account_id, id);
