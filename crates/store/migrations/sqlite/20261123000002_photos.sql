-- Identity photos a customer sent, after the pre-checks. The file (EXIF stripped) is
-- written before its row; files without a row are swept.
CREATE TABLE photo_submissions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    file_name  TEXT NOT NULL UNIQUE,
    sha256     TEXT NOT NULL,
    findings   TEXT NOT NULL,
    blocking   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX photo_submissions_account ON photo_submissions(account_id, id);

-- Every pre-check a customer ran, for the "send anyway after two blocked tries" rule.
CREATE TABLE photo_checks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    blocking   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX photo_checks_account ON photo_checks(account_id, kind, created_at);
