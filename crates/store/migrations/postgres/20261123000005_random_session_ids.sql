-- Session ids are made by the application (milliseconds, then random bits:
-- keydesk_domain::identity::token::session_id), so that a token tells nobody how many sessions
-- came before it. The column keeps its existing values; only the generated default
-- goes. (SQLite's INTEGER PRIMARY KEY takes the explicit ids as they are: no change.)
ALTER TABLE sessions ALTER COLUMN id DROP IDENTITY;
