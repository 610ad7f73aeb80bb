-- PostgreSQL twin of src/schema/006_outbox_campaigns.sql (INTEGER -> BIGINT, identity ids, BLOB -> BYTEA).
-- Which campaign's pupils a mail is about (a school's digest may cover several campaigns),
-- so that removing a campaign's personal data also empties its mails (src/retention.c).
CREATE TABLE outbox_campaigns (
  campaign_id  BIGINT NOT NULL REFERENCES campaigns (id),
  outbox_id    BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  PRIMARY KEY (campaign_id, outbox_id)
);
-- The background job empties sent mails after mail_body_days: find them by sent_at.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE state = 'sent';
