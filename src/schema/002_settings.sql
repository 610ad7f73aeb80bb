-- Settings of the installation that every process needs, not just the one that has them
-- as flags: `serve` records its link base and activation-link lifetime here, so that
-- `stagematch user invite` on the command line writes the same links as the web screens.
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
