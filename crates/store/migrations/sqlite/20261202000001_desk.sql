-- The help desk. A request's id is the number customers see (#1001 onwards): one
-- sequence, safe with several instances, and no second counter to keep in step.
CREATE TABLE desk_requests (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id         INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    email              TEXT NOT NULL,
    lang               TEXT NOT NULL,
    category           TEXT NOT NULL,
    subcategory        TEXT,
    subject            TEXT NOT NULL,
    answers            TEXT NOT NULL,
    status             TEXT NOT NULL,
    status_since       INTEGER NOT NULL,
    -- unconfirmed, unsolved, solved or closed: what the agents' views filter on.
    queue              TEXT NOT NULL,
    priority           TEXT NOT NULL,
    assignee_id        INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    confirm_token_hash TEXT UNIQUE,
    -- The requester's idempotency key, hashed with who they are: a retried submission
    -- finds the request it already made.
    idempotency        TEXT NOT NULL UNIQUE,
    follow_up_of       INTEGER REFERENCES desk_requests(id),
    version            INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
INSERT INTO sqlite_sequence (name, seq) VALUES ('desk_requests', 1000);
CREATE INDEX desk_requests_queue ON desk_requests(queue, updated_at, id);
CREATE INDEX desk_requests_status ON desk_requests(status, updated_at, id);
CREATE INDEX desk_requests_assignee ON desk_requests(assignee_id, queue, updated_at, id);
CREATE INDEX desk_requests_category ON desk_requests(category, queue, updated_at, id);
CREATE INDEX desk_requests_account ON desk_requests(account_id, id);
CREATE INDEX desk_requests_email ON desk_requests(email, id);

CREATE TABLE desk_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    -- customer, agent or system
    author_kind TEXT NOT NULL,
    public      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX desk_messages_request ON desk_messages(request_id, id);

-- The file (images re-encoded without EXIF) is written before its row; files without a
-- row are swept.
CREATE TABLE desk_attachments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id    INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
    message_id    INTEGER REFERENCES desk_messages(id) ON DELETE CASCADE,
    field         TEXT,
    file_name     TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX desk_attachments_request ON desk_attachments(request_id, id);

-- Every change to a request: who, what, when, old → new, and the version it made.
CREATE TABLE desk_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    version     INTEGER NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX desk_events_request ON desk_events(request_id, id);

CREATE TABLE desk_macros (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    body_en    TEXT NOT NULL,
    body_ja    TEXT NOT NULL,
    -- The status a macro's reply sets (none: unchanged).
    set_status TEXT,
    updated_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    url        TEXT NOT NULL,
    -- Sealed with the keyring.
    secret     TEXT NOT NULL,
    events     TEXT NOT NULL,
    active     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id  INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event       TEXT NOT NULL,
    request_id  INTEGER NOT NULL,
    -- pending, delivered or failed
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, id);

-- Desk mails thread (Message-ID, In-Reply-To, References, Auto-Submitted): the outbox
-- keeps the headers too, as JSON.
ALTER TABLE outbox_mails ADD COLUMN headers TEXT NOT NULL DEFAULT '[]';
