-- The customer's satisfaction with a solve: one per solve (a request solved again after
-- a reopening is rated again), changed as often as they like until it closes. The agent
-- is who was assigned when it was solved.
CREATE TABLE desk_ratings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
    solved_at   INTEGER NOT NULL,
    agent_id    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    category    TEXT NOT NULL,
    good        INTEGER NOT NULL,
    comment     TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (request_id, solved_at)
);
CREATE INDEX desk_ratings_created ON desk_ratings(created_at);
