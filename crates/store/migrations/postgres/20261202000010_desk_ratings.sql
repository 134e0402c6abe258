-- The customer's satisfaction with a solve: one per solve (a request solved again after
-- a reopening is rated again), changed as often as they like until it closes. The agent
-- is who was assigned when it was solved.
CREATE TABLE desk_ratings (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
    solved_at   BIGINT NOT NULL,
    agent_id    BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    category    TEXT NOT NULL,
    good        BIGINT NOT NULL,
    comment     TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (request_id, solved_at)
);
CREATE INDEX desk_ratings_created ON desk_ratings(created_at);
