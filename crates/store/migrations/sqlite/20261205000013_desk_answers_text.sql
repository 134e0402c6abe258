-- Form answers are indexed as the words a person reads (`answers_text`, written by the
-- server from the catalogue: typed text, choices by their labels in both languages),
-- not as their stored JSON, where `{` or `false` found every request and an answer
-- holding a quote could not be found as typed. Here, with no catalogue at hand, the
-- existing requests get their answers' text values; `keydesk desk-reindex` then writes
-- them with their labels.
ALTER TABLE desk_requests ADD COLUMN answers_text TEXT NOT NULL DEFAULT '';

-- The pairs index is contentless: a row's pairs are removed by giving them back, so
-- the old ones (of the JSON) go before the text changes.
INSERT INTO desk_search_pairs (desk_search_pairs, rowid, pairs)
    SELECT 'delete', -r.id, (
        SELECT group_concat(substr(r.subject || ' ' || r.answers, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(r.subject || ' ' || r.answers) + 1022) / 1024
          AND lo.n < length(r.subject || ' ' || r.answers) - 1 - hi.n * 1024)
    FROM desk_requests r;
UPDATE desk_requests SET answers_text = coalesce(
    (SELECT group_concat(value, char(10)) FROM json_each(desk_requests.answers)
     WHERE type = 'text'), '');
DELETE FROM desk_search WHERE rowid < 0;
INSERT INTO desk_search (rowid, body, request_id, public)
    SELECT -id, subject || ' ' || answers_text, id, 1 FROM desk_requests;
INSERT INTO desk_search_pairs (rowid, pairs)
    SELECT -r.id, (
        SELECT group_concat(substr(r.subject || ' ' || r.answers_text, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(r.subject || ' ' || r.answers_text) + 1022) / 1024
          AND lo.n < length(r.subject || ' ' || r.answers_text) - 1 - hi.n * 1024)
    FROM desk_requests r;

DROP TRIGGER desk_requests_search;
CREATE TRIGGER desk_requests_search AFTER INSERT ON desk_requests BEGIN
    INSERT INTO desk_search (rowid, body, request_id, public)
    VALUES (-new.id, new.subject || ' ' || new.answers_text, new.id, 1);
END;
DROP TRIGGER desk_requests_search_pairs;
CREATE TRIGGER desk_requests_search_pairs AFTER INSERT ON desk_requests BEGIN
    INSERT INTO desk_search_pairs (rowid, pairs) VALUES (-new.id, (
        SELECT group_concat(substr(new.subject || ' ' || new.answers_text, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(new.subject || ' ' || new.answers_text) + 1022) / 1024
          AND lo.n < length(new.subject || ' ' || new.answers_text) - 1 - hi.n * 1024));
END;
DROP TRIGGER desk_requests_search_pairs_gone;
CREATE TRIGGER desk_requests_search_pairs_gone AFTER DELETE ON desk_requests BEGIN
    INSERT INTO desk_search_pairs (desk_search_pairs, rowid, pairs) VALUES ('delete', -old.id, (
        SELECT group_concat(substr(old.subject || ' ' || old.answers_text, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(old.subject || ' ' || old.answers_text) + 1022) / 1024
          AND lo.n < length(old.subject || ' ' || old.answers_text) - 1 - hi.n * 1024));
END;
-- A new text (the reindex, or a subject corrected) replaces the request's indexed text.
CREATE TRIGGER desk_requests_search_text AFTER UPDATE OF subject, answers_text ON desk_requests
WHEN old.subject IS NOT new.subject OR old.answers_text IS NOT new.answers_text BEGIN
    UPDATE desk_search SET body = new.subject || ' ' || new.answers_text WHERE rowid = -new.id;
    INSERT INTO desk_search_pairs (desk_search_pairs, rowid, pairs) VALUES ('delete', -old.id, (
        SELECT group_concat(substr(old.subject || ' ' || old.answers_text, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(old.subject || ' ' || old.answers_text) + 1022) / 1024
          AND lo.n < length(old.subject || ' ' || old.answers_text) - 1 - hi.n * 1024));
    INSERT INTO desk_search_pairs (rowid, pairs) VALUES (-new.id, (
        SELECT group_concat(substr(new.subject || ' ' || new.answers_text, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(new.subject || ' ' || new.answers_text) + 1022) / 1024
          AND lo.n < length(new.subject || ' ' || new.answers_text) - 1 - hi.n * 1024));
END;
