-- Places per service and campaign (issue 15): how many pupils a care service takes in one
-- campaign ("Aantal stageplaatsen"). Stated by the service, or set by the coordinator
-- (by_coordinator = 1: the service can no longer change it). No row: not stated, no limit
-- (organisations.capacity is only shown as a suggestion). Not split over sites.
CREATE TABLE campaign_places (
  campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  service_id      INTEGER NOT NULL REFERENCES organisations (id),
  places          INTEGER NOT NULL CHECK (places BETWEEN 0 AND 10000),
  by_coordinator  INTEGER NOT NULL DEFAULT 0,
  updated_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, service_id)
);
