-- Two-character search terms (紛失, 解除, ID) through an index: the trigram index cannot
-- answer a term shorter than three characters, and scanning every text took 5.8 s at a
-- million requests. Every text is indexed a second time as its overlapping character
-- pairs ("端末を紛失" → 端末 末を を紛 紛失), each pair one token, so a two-character term is
-- one token looked up. Whitespace and control characters separate tokens (a pair holding
-- one leaves a single-character token, which no two-character term matches); letters are
-- case-folded as in the trigram index. Contentless with no positions: only which rows hold
-- a pair is kept, and a deletion gives the same pairs back to remove them.
CREATE VIRTUAL TABLE desk_search_pairs USING fts5(
    pairs,
    content = '',
    detail = none,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co'"
);
-- 0..1023: two of them index a text's first 1,048,576 characters (SQLite takes no common
-- table expression inside a trigger, so the positions are a table).
CREATE TABLE desk_search_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < 1023)
INSERT INTO desk_search_positions SELECT n FROM p;
-- A text's pairs, written out in each trigger below as SQLite has no stored functions:
-- (SELECT group_concat(substr(T, hi.n * 1024 + lo.n + 1, 2), ' ')
--  FROM desk_search_positions hi, desk_search_positions lo
--  WHERE hi.n < (length(T) + 1022) / 1024 AND lo.n < length(T) - 1 - hi.n * 1024)
CREATE TRIGGER desk_requests_search_pairs AFTER INSERT ON desk_requests BEGIN
    INSERT INTO desk_search_pairs (rowid, pairs) VALUES (-new.id, (
        SELECT group_concat(substr(new.subject || ' ' || new.answers, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(new.subject || ' ' || new.answers) + 1022) / 1024
          AND lo.n < length(new.subject || ' ' || new.answers) - 1 - hi.n * 1024));
END;
CREATE TRIGGER desk_requests_search_pairs_gone AFTER DELETE ON desk_requests BEGIN
    INSERT INTO desk_search_pairs (desk_search_pairs, rowid, pairs) VALUES ('delete', -old.id, (
        SELECT group_concat(substr(old.subject || ' ' || old.answers, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(old.subject || ' ' || old.answers) + 1022) / 1024
          AND lo.n < length(old.subject || ' ' || old.answers) - 1 - hi.n * 1024));
END;
CREATE TRIGGER desk_messages_search_pairs AFTER INSERT ON desk_messages BEGIN
    INSERT INTO desk_search_pairs (rowid, pairs) VALUES (new.id, (
        SELECT group_concat(substr(new.body, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(new.body) + 1022) / 1024
          AND lo.n < length(new.body) - 1 - hi.n * 1024));
END;
CREATE TRIGGER desk_messages_search_pairs_gone AFTER DELETE ON desk_messages BEGIN
    INSERT INTO desk_search_pairs (desk_search_pairs, rowid, pairs) VALUES ('delete', old.id, (
        SELECT group_concat(substr(old.body, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(old.body) + 1022) / 1024
          AND lo.n < length(old.body) - 1 - hi.n * 1024));
END;
INSERT INTO desk_search_pairs (rowid, pairs)
    SELECT -r.id, (
        SELECT group_concat(substr(r.subject || ' ' || r.answers, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(r.subject || ' ' || r.answers) + 1022) / 1024
          AND lo.n < length(r.subject || ' ' || r.answers) - 1 - hi.n * 1024)
    FROM desk_requests r;
INSERT INTO desk_search_pairs (rowid, pairs)
    SELECT m.id, (
        SELECT group_concat(substr(m.body, hi.n * 1024 + lo.n + 1, 2), ' ')
        FROM desk_search_positions hi, desk_search_positions lo
        WHERE hi.n < (length(m.body) + 1022) / 1024
          AND lo.n < length(m.body) - 1 - hi.n * 1024)
    FROM desk_messages m;
