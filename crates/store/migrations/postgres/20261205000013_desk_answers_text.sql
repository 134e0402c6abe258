-- Form answers are indexed as the words a person reads (`answers_text`, written by the
-- server from the catalogue: typed text, choices by their labels in both languages),
-- not as their stored JSON, where `{` or `false` found every request and an answer
-- holding a quote could not be found as typed. Here, with no catalogue at hand, the
-- existing requests get their answers' text values; `keydesk desk-reindex` then writes
-- them with their labels. (The texts' pairs are a generated column: they follow.)
ALTER TABLE desk_requests ADD COLUMN answers_text TEXT NOT NULL DEFAULT '';
UPDATE desk_requests SET answers_text = coalesce(
    (SELECT string_agg(a.value #>> '{}', E'\n' ORDER BY a.key)
     FROM jsonb_each(desk_requests.answers::jsonb) AS a
     WHERE jsonb_typeof(a.value) = 'string'), '')
WHERE answers <> '{}';
UPDATE desk_search SET body = r.subject || ' ' || r.answers_text
    FROM desk_requests r
    WHERE desk_search.request_id = r.id AND desk_search.message_id IS NULL;

CREATE OR REPLACE FUNCTION desk_requests_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO desk_search (request_id, public, body, facets)
    VALUES (NEW.id, 1, NEW.subject || ' ' || NEW.answers_text,
            desk_search_facets(NEW.status, NEW.category, NEW.assignee_id));
    RETURN NULL;
END $$;
-- A new text (the reindex, or a subject corrected) replaces the request's indexed text.
CREATE FUNCTION desk_requests_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE desk_search SET body = NEW.subject || ' ' || NEW.answers_text
    WHERE request_id = NEW.id AND message_id IS NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER desk_requests_search_text AFTER UPDATE OF subject, answers_text
    ON desk_requests FOR EACH ROW
    WHEN (OLD.subject IS DISTINCT FROM NEW.subject
          OR OLD.answers_text IS DISTINCT FROM NEW.answers_text)
    EXECUTE FUNCTION desk_requests_search_text();
