-- Identity verification (issue "Identity verification with no dead ends"): the Basic
-- facts, sealed with the keyring; one case per account, each resubmission a numbered
-- attempt that keeps its outcome; and the attempt's document images, whose files are
-- encrypted under a data key of their own, sealed here (envelope encryption): neither
-- a leaked bucket nor a leaked database alone shows a passport.
CREATE TABLE verification_facts (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    -- The facts as JSON, sealed (legal name, date of birth, address, phone, ...).
    sealed     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE verification_cases (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
    -- draft, submitted, in_review, approved or refused
    status     TEXT NOT NULL,
    attempt    BIGINT NOT NULL,
    -- The last refusal's reason codes, space-separated.
    reasons    TEXT NOT NULL,
    -- The desk request the agents work it in.
    request_id BIGINT REFERENCES desk_requests(id) ON DELETE SET NULL,
    version    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX verification_cases_status ON verification_cases(status, updated_at);
CREATE INDEX verification_cases_request ON verification_cases(request_id);

CREATE TABLE verification_attempts (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES verification_cases(id) ON DELETE CASCADE,
    number       BIGINT NOT NULL,
    document     TEXT NOT NULL,
    country      TEXT NOT NULL,
    -- The expiry date typed from the document (YYYY-MM-DD), if any.
    expires_on   TEXT,
    -- in_review, approved, refused or cleared
    outcome      TEXT NOT NULL,
    reasons      TEXT NOT NULL,
    -- What the machine noticed for the agent (name_mismatch, mrz_invalid, ...).
    flags        TEXT NOT NULL,
    -- The machine-readable zone as read, sealed (it carries the document number).
    mrz_sealed   TEXT,
    -- The agent's checklist at the decision, JSON.
    checklist    TEXT,
    submitted_at BIGINT NOT NULL,
    decided_at   BIGINT,
    decided_by   BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    -- When retention deleted its images (and MRZ).
    purged_at    BIGINT,
    UNIQUE (case_id, number)
);
CREATE INDEX verification_attempts_retention ON verification_attempts(purged_at, outcome, decided_at);

CREATE TABLE verification_images (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attempt_id  BIGINT NOT NULL REFERENCES verification_attempts(id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- photo_page, front, back or address_side
    side        TEXT NOT NULL,
    file_name   TEXT NOT NULL UNIQUE,
    -- The file's data key, sealed with the keyring.
    sealed_key  TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    findings    TEXT NOT NULL,
    blocking    BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX verification_images_attempt ON verification_images(attempt_id, id);

-- Webhook events now concern an account as well as a request (verification decided,
-- hold added or ended): a delivery names its account, and a request only if it has one.
ALTER TABLE webhook_deliveries ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE webhook_deliveries ADD COLUMN account_id BIGINT;
