-- An uploaded pupil list between its preview and its import ("Importeer leerlingen"):
-- the file itself, sealed with the national numbers' key (it holds them), kept for one
-- user of one school and removed at the import, on "Annuleren", or an hour after upload
-- (the cleanup job, and every upload, delete what expired).
CREATE TABLE pending_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: an old tab never shows another file
  school_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  file_box BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX pending_imports_expiry ON pending_imports (expires_at);
