-- Session tokens now carry their session's id (`<id>.<secret>`): a session is found by
-- its primary key and its secret checked against token_hash, so token_hash needs no
-- index. Tokens issued before this change have no id and could not be used anyway, so
-- their sessions go with it (everyone signs in again once).
DELETE FROM sessions;
ALTER TABLE sessions DROP CONSTRAINT sessions_token_hash_key;
