-- Full-text search over the desk (issue "The desk by mail, searchable in Japanese"): the
-- subject and form answers of every request and every message, with a pg_trgm GIN
-- index, so a substring of Japanese text without spaces (二段階認証 in 二段階認証の解除)
-- is found through the index (an ILIKE pattern of three characters or more uses it).
-- Rows are kept by triggers, in the writing transaction itself.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE desk_search (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
    message_id  BIGINT REFERENCES desk_messages(id) ON DELETE CASCADE,
    -- 1: the customer sees it; 0: an internal note
    public      BIGINT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX desk_search_body ON desk_search USING gin (body gin_trgm_ops);
CREATE INDEX desk_search_request ON desk_search(request_id);
CREATE INDEX desk_search_message ON desk_search(message_id);
CREATE FUNCTION desk_requests_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO desk_search (request_id, public, body)
    VALUES (NEW.id, 1, NEW.subject || ' ' || NEW.answers);
    RETURN NULL;
END $$;
CREATE TRIGGER desk_requests_search AFTER INSERT ON desk_requests
    FOR EACH ROW EXECUTE FUNCTION desk_requests_search();
CREATE FUNCTION desk_messages_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO desk_search (request_id, message_id, public, body)
    VALUES (NEW.request_id, NEW.id, NEW.public, NEW.body);
    RETURN NULL;
END $$;
CREATE TRIGGER desk_messages_search AFTER INSERT ON desk_messages
    FOR EACH ROW EXECUTE FUNCTION desk_messages_search();
INSERT INTO desk_search (request_id, public, body)
    SELECT id, 1, subject || ' ' || answers FROM desk_requests;
INSERT INTO desk_search (request_id, message_id, public, body)
    SELECT request_id, id, public, body FROM desk_messages;
