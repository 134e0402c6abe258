-- A customer's chosen time zone (an IANA name keydesk offers); none: their language's.
ALTER TABLE accounts ADD COLUMN time_zone TEXT;
