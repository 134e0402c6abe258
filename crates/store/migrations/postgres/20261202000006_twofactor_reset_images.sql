-- The ID selfies (and address sides) of 2FA reset cases, encrypted like verification
-- images: the file holds the sealed image, the row its sealed data key. Rows are deleted
-- by the retention job once the case has been closed long enough; the files after them.
CREATE TABLE twofactor_reset_images (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reset_id    BIGINT NOT NULL REFERENCES twofactor_resets(id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- The case's attempt the image was sent with.
    attempt     BIGINT NOT NULL,
    -- selfie or address_side
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL UNIQUE,
    sealed_key  TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    -- The pre-check's report, JSON.
    findings    TEXT NOT NULL,
    blocking    BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX twofactor_reset_images_reset ON twofactor_reset_images(reset_id, attempt, id);

-- A case's "this wasn't me" links beyond the first (sent again at approval, to each
-- channel): kept only as the SHA-256 of their tokens.
CREATE TABLE twofactor_reset_links (
    hash        TEXT PRIMARY KEY,
    reset_id    BIGINT NOT NULL REFERENCES twofactor_resets(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL
);
CREATE INDEX twofactor_reset_links_reset ON twofactor_reset_links(reset_id);
