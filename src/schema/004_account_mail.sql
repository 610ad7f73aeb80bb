-- Which outbox mail carries a link: a mail that fails for good voids its link, and retrying
-- it sends a new link instead of a dead one.
ALTER TABLE tokens ADD COLUMN outbox_id INTEGER;
CREATE INDEX tokens_outbox ON tokens (outbox_id);

-- "Wachtwoord vergeten?" and "activatiemail opnieuw" for an address typed by anyone: the
-- request only records the address (the same work whether it has an account or not); the
-- jobs thread looks it up and sends what helps, then forgets the request.
CREATE TABLE mail_requests (
  id          INTEGER PRIMARY KEY,
  email       TEXT    NOT NULL,
  purpose     TEXT    NOT NULL CHECK (purpose IN ('activation', 'reset')),
  created_at  INTEGER NOT NULL
);
