-- When the last failure happened, so an address's failures can fade after a quiet hour.
ALTER TABLE throttles ADD COLUMN last_failure_at BIGINT NOT NULL DEFAULT 0;
