-- stagematch schema, version 1.
-- Portable SQL: INTEGER timestamps are Unix seconds in UTC; dates are ISO 'YYYY-MM-DD' text.
-- SQLite-specific settings (WAL, foreign keys) live in src/db.c, not here.

CREATE TABLE organisations (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT    NOT NULL CHECK (kind IN ('coordinator', 'school', 'service')),
  name               TEXT    NOT NULL,
  institution_number TEXT,                 -- schools: instellingsnummer
  street             TEXT,
  postcode           TEXT,
  city               TEXT,
  province           TEXT,
  phone              TEXT,
  email              TEXT,
  capacity           INTEGER,              -- services: pupils per campaign (NULL = not set)
  active             INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind, name);

-- Which provinces or postcode ranges a care service covers.
CREATE TABLE service_areas (
  id              INTEGER PRIMARY KEY,
  service_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  province        TEXT,
  postcode_from   INTEGER,
  postcode_to     INTEGER
);
CREATE INDEX service_areas_service ON service_areas (service_id);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  email           TEXT    NOT NULL UNIQUE,   -- trimmed and lower-cased
  name            TEXT,
  password_hash   TEXT,                      -- argon2id; NULL until activated
  state           TEXT    NOT NULL CHECK (state IN ('invited', 'active', 'disabled')),
  last_login_at   INTEGER,
  created_at      INTEGER NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE programmes (
  id        INTEGER PRIMARY KEY,
  code      TEXT    NOT NULL UNIQUE,         -- used in URLs: 'dubbele-finaliteit', ...
  name      TEXT    NOT NULL,
  position  INTEGER NOT NULL
);

-- One programme in one school year, with its five moments.
CREATE TABLE campaigns (
  id                      INTEGER PRIMARY KEY,
  programme_id            INTEGER NOT NULL REFERENCES programmes (id),
  school_year             TEXT    NOT NULL,  -- '2026-2027'
  registration_opens_at   INTEGER NOT NULL,
  registration_closes_at  INTEGER NOT NULL,
  handling_opens_at       INTEGER NOT NULL,
  handling_closes_at      INTEGER NOT NULL,
  results_visible_at      INTEGER NOT NULL,
  round                   INTEGER NOT NULL DEFAULT 1,  -- 2 = Flanders-wide second round
  personal_data_removed_at INTEGER,
  created_at              INTEGER NOT NULL,
  UNIQUE (programme_id, school_year)
);

CREATE TABLE campaign_services (
  campaign_id  INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  service_id   INTEGER NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (campaign_id, service_id)
);

-- A school's internship contact person (stage-/werkplekbegeleider).
CREATE TABLE contacts (
  id          INTEGER PRIMARY KEY,
  school_id   INTEGER NOT NULL REFERENCES organisations (id),
  name        TEXT    NOT NULL,
  phone       TEXT    NOT NULL,
  email       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX contacts_school ON contacts (school_id, name);

-- One pupil with one internship request in one campaign.
CREATE TABLE students (
  id                     INTEGER PRIMARY KEY,
  campaign_id            INTEGER NOT NULL REFERENCES campaigns (id),
  school_id              INTEGER NOT NULL REFERENCES organisations (id),
  contact_id             INTEGER NOT NULL REFERENCES contacts (id),
  first_name             TEXT    NOT NULL,
  last_name              TEXT    NOT NULL,
  national_number_box    BLOB,               -- secretbox(nonce || ciphertext); NULL once removed
  national_number_hash   TEXT,               -- keyed hash, for the uniqueness check
  national_number_hint   TEXT,               -- last two digits, for masked display
  street                 TEXT,
  postcode               TEXT    NOT NULL,
  city                   TEXT    NOT NULL,
  province               TEXT    NOT NULL,
  phone                  TEXT,
  email                  TEXT,
  transport              INTEGER NOT NULL,   -- bit set, see src/domain.h
  remarks                TEXT    NOT NULL DEFAULT '',
  format                 TEXT    NOT NULL CHECK (format IN ('blok', 'alternerend', 'blok en alternerend')),
  period_count           INTEGER NOT NULL CHECK (period_count BETWEEN 1 AND 4),
  hours_per_week         INTEGER NOT NULL,
  total_hours            INTEGER NOT NULL,
  request_remarks        TEXT    NOT NULL DEFAULT '',
  preference_service_id  INTEGER REFERENCES organisations (id),
  stopped_at             INTEGER,
  version                INTEGER NOT NULL DEFAULT 1,
  created_by             INTEGER REFERENCES users (id),
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL,
  UNIQUE (campaign_id, national_number_hash)
);
CREATE INDEX students_school ON students (school_id, campaign_id, last_name, first_name);
CREATE INDEX students_campaign ON students (campaign_id, stopped_at, province, postcode);
CREATE INDEX students_contact ON students (contact_id);

CREATE TABLE student_periods (
  student_id  INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
  starts_on   TEXT    NOT NULL,
  ends_on     TEXT    NOT NULL,
  PRIMARY KEY (student_id, position)
);

-- A care service's acceptance of a pupil. UNIQUE (student_id): exactly one service wins.
CREATE TABLE placements (
  id            INTEGER PRIMARY KEY,
  student_id    INTEGER NOT NULL UNIQUE REFERENCES students (id) ON DELETE CASCADE,
  service_id    INTEGER NOT NULL REFERENCES organisations (id),
  site          TEXT    NOT NULL DEFAULT '',
  mentor_name   TEXT    NOT NULL DEFAULT '',
  mentor_phone  TEXT    NOT NULL DEFAULT '',
  mentor_email  TEXT    NOT NULL DEFAULT '',
  notes         TEXT    NOT NULL DEFAULT '',
  round         INTEGER NOT NULL DEFAULT 1,
  version       INTEGER NOT NULL DEFAULT 1,
  accepted_by   INTEGER REFERENCES users (id),
  accepted_at   INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  notified_at   INTEGER                      -- when the school's digest mentioned it
);
CREATE INDEX placements_service ON placements (service_id);

CREATE TABLE placement_periods (
  placement_id  INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
  starts_on     TEXT    NOT NULL,
  ends_on       TEXT    NOT NULL,
  PRIMARY KEY (placement_id, position)
);

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  token_hash    TEXT    NOT NULL UNIQUE,
  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  ended_at      INTEGER,                     -- logout or forced end; kept a while for form rescue
  ip            TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- A form posted after its session expired, waiting for the user to log in again.
CREATE TABLE saved_forms (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT    NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  path        TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);

-- Single-use e-mail links: activation and password reset.
CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose     TEXT    NOT NULL CHECK (purpose IN ('activation', 'reset')),
  token_hash  TEXT    NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX tokens_user ON tokens (user_id, purpose);

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  to_address       TEXT    NOT NULL,
  subject          TEXT    NOT NULL,
  body_text        TEXT    NOT NULL,
  state            TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE audit_log (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  actor_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  organisation_id  INTEGER REFERENCES organisations (id),
  ip               TEXT,
  action           TEXT    NOT NULL,
  student_id       INTEGER,                  -- no foreign key: the line outlives the pupil
  detail           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_student ON audit_log (student_id);

-- Counters for login throttling, shared by every server process.
CREATE TABLE throttle (
  key           TEXT    PRIMARY KEY,
  hits          INTEGER NOT NULL,
  window_start  INTEGER NOT NULL
);

-- Anonymous counts kept when a campaign's personal data is removed.
CREATE TABLE campaign_archive (
  campaign_id   INTEGER PRIMARY KEY REFERENCES campaigns (id),
  students      INTEGER NOT NULL,
  accepted      INTEGER NOT NULL,
  stopped       INTEGER NOT NULL,
  archived_at   INTEGER NOT NULL
);

INSERT INTO programmes (code, name, position) VALUES
  ('7de-leerjaar', '7de leerjaar verzorgende-zorgkundige', 1),
  ('duaal-leren', 'Duaal leren', 2),
  ('dubbele-finaliteit', 'Dubbele finaliteit gezondheidszorg', 3);
