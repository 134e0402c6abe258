-- The SLA clock of a request due first (none while nothing runs: no policy, pending,
-- solved), kept with every change so the queue can mark and sort by it; and the
-- deadline whose breach was last counted, so each breach is counted once.
ALTER TABLE desk_requests ADD COLUMN sla_due_at INTEGER;
ALTER TABLE desk_requests ADD COLUMN sla_due_metric TEXT;
ALTER TABLE desk_requests ADD COLUMN sla_breach_counted INTEGER;
CREATE INDEX desk_requests_sla ON desk_requests(queue, sla_due_at, id) WHERE sla_due_at IS NOT NULL;
