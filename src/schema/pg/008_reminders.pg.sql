-- PostgreSQL twin of src/schema/008_reminders.sql (INTEGER -> BIGINT, identity ids, BLOB -> BYTEA).
-- Reminders (issue 17): mails the background job sends before registration and handling
-- close, and the coordinator's daily summary during handling (src/reminders.c).

-- The kinds of reminder the coordinator switched off for a campaign ("Herinneringen");
-- a kind without a row is on.
CREATE TABLE reminders_off (
  campaign_id  BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  kind         TEXT    NOT NULL CHECK (kind IN ('schools', 'services', 'summary')),
  PRIMARY KEY (campaign_id, kind)
);

-- Every reminder sent: one row per campaign, reminder, organisation and due day, claimed in
-- the transaction that queues the mail, so two runs or two servers never send it twice.
-- reminder: 'school-7', 'school-2' (days before registration closes), 'service-3',
-- 'service-1' (days before handling closes), 'summary' (the coordinator's, each day).
CREATE TABLE reminders_sent (
  campaign_id  BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  reminder     TEXT    NOT NULL,
  org_id       BIGINT NOT NULL REFERENCES organisations (id),
  day          TEXT    NOT NULL,             -- the Brussels date it was due, yyyy-mm-dd
  sent_at      BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, reminder, org_id, day)
);
