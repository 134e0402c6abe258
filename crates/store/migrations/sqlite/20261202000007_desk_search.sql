-- Full-text search over the desk (issue "The desk by mail, searchable in Japanese"): the
-- subject and form answers of every request and every message, in an FTS5 table with
-- the trigram tokenizer, so a substring of Japanese text without spaces (二段階認証 in
-- 二段階認証の解除) is found through the index (a LIKE pattern of three characters or
-- more uses it). Rows are kept by triggers, in the writing transaction itself. A
-- request's own row has rowid -id, a message's its id: a deletion finds its row at once.
CREATE VIRTUAL TABLE desk_search USING fts5(
    body,
    request_id UNINDEXED,
    -- 1: the customer sees it; 0: an internal note
    public UNINDEXED,
    tokenize = 'trigram'
);
CREATE TRIGGER desk_requests_search AFTER INSERT ON desk_requests BEGIN
    INSERT INTO desk_search (rowid, body, request_id, public)
    VALUES (-new.id, new.subject || ' ' || new.answers, new.id, 1);
END;
CREATE TRIGGER desk_requests_search_gone AFTER DELETE ON desk_requests BEGIN
    DELETE FROM desk_search WHERE rowid = -old.id;
END;
CREATE TRIGGER desk_messages_search AFTER INSERT ON desk_messages BEGIN
    INSERT INTO desk_search (rowid, body, request_id, public)
    VALUES (new.id, new.body, new.request_id, new.public);
END;
CREATE TRIGGER desk_messages_search_gone AFTER DELETE ON desk_messages BEGIN
    DELETE FROM desk_search WHERE rowid = old.id;
END;
INSERT INTO desk_search (rowid, body, request_id, public)
    SELECT -id, subject || ' ' || answers, id, 1 FROM desk_requests;
INSERT INTO desk_search (rowid, body, request_id, public)
    SELECT id, body, request_id, public FROM desk_messages;
