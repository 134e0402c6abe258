-- When mail to the requester's address last came back as a delivery failure (a bounce);
-- cleared when they write in again.
ALTER TABLE desk_requests ADD COLUMN email_failing_since INTEGER;
