-- Which outbox mail carries a link: a mail that fails for good voids its link, and retrying
-- it sends a new link instead of a dead one.
ALTER TABLE tokens ADD COLUMN outbox_id INTEGER;
CREATE INDEX tokens_outbox ON tokens (outbox_id);
