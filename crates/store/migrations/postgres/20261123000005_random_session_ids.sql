-- Session ids are drawn at random by the application (keydesk_domain::token::session_id),
-- so that a token tells nobody how many sessions came before it. The column keeps its
-- existing values; only the generated default goes. (SQLite's INTEGER PRIMARY KEY takes
-- the explicit ids as they are: no change there.)
ALTER TABLE sessions ALTER COLUMN id DROP IDENTITY;
