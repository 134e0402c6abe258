-- Two-character search terms (紛失, 解除, ID) through an index: pg_trgm takes no trigram
-- from a two-character pattern, so an ILIKE of one scans every text. Each text's
-- overlapping character pairs, lower-cased, are kept beside it in an array with a GIN
-- index, so a two-character term is one key looked up.
CREATE FUNCTION desk_search_pairs(body TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT
PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT lower(substr(body, i, 2))), '{}')
    FROM generate_series(1, length(body) - 1) AS i
$$;
ALTER TABLE desk_search ADD COLUMN pairs TEXT[] GENERATED ALWAYS AS (desk_search_pairs(body)) STORED;
CREATE INDEX desk_search_pairs ON desk_search USING gin (pairs);
