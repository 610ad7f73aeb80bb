-- PostgreSQL twin of src/schema/002_coordinator.sql (INTEGER -> BIGINT, identity ids, BLOB -> BYTEA).
-- stagematch schema, version 2: what the coordinator's screens need.

-- The second, Flanders-wide round of a campaign (campaigns.round = 2): its own handling
-- window, NULL until the coordinator opens it.
ALTER TABLE campaigns ADD COLUMN second_round_opens_at BIGINT;
ALTER TABLE campaigns ADD COLUMN second_round_closes_at BIGINT;

-- A contact person whose personal data was removed with an old campaign. The row stays
-- (the anonymised pupils still point to it) but is no longer one of the school's contacts.
ALTER TABLE contacts ADD COLUMN removed_at BIGINT;

-- How many placements the removal touched, next to the anonymous counts.
ALTER TABLE campaign_archive ADD COLUMN placements BIGINT NOT NULL DEFAULT 0;
ALTER TABLE campaign_archive ADD COLUMN contacts BIGINT NOT NULL DEFAULT 0;

-- Progress dashboard: one pass over a campaign's pupils in this order gives the counts per
-- school, province and preference from the index alone (src/admin_dashboard.c).
CREATE INDEX students_progress ON students (campaign_id, school_id, province, preference_service_id, stopped_at);

-- Audit log viewer: newest first within one actor, organisation or action.
CREATE INDEX audit_log_actor ON audit_log (actor_user_id);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id);
CREATE INDEX audit_log_action ON audit_log (action);
