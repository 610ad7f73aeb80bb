-- Withdrawals of a service's acceptance, made visible and bounded (issue 12).

-- When the service was first shown the pupil's private data (national number, street,
-- phone, e-mail) through its placement: a withdrawal after that is told at once.
ALTER TABLE placements ADD COLUMN private_data_shown_at INTEGER;

-- Every withdrawal of an acceptance: done (at once, or approved by the coordinator:
-- decided_by set), pending (waits for the coordinator: the service withdrew more often
-- than withdrawals_per_campaign in this campaign), refused, or cancelled (the acceptance
-- was gone before the decision). The pupil's id has no foreign key, like the audit log's.
CREATE TABLE withdrawals (
  id                  INTEGER PRIMARY KEY,
  campaign_id         INTEGER NOT NULL REFERENCES campaigns (id),
  service_id          INTEGER NOT NULL REFERENCES organisations (id),
  student_id          INTEGER NOT NULL,
  state               TEXT    NOT NULL CHECK (state IN ('done', 'pending', 'refused', 'cancelled')),
  private_data_shown  INTEGER NOT NULL DEFAULT 0,
  requested_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  requested_at        INTEGER NOT NULL,
  decided_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  decided_at          INTEGER
);
CREATE INDEX withdrawals_campaign_service ON withdrawals (campaign_id, service_id, state);
CREATE UNIQUE INDEX withdrawals_one_pending ON withdrawals (student_id) WHERE state = 'pending';
