/** @module storage/migrations/sqlite — the SQLite schema, by version. Timestamps are ISO 8601 text (UTC). */
import type { Migration } from './migration.js'

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE achievements (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  achievement TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE status_lists (
  list_id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  seq INTEGER NOT NULL,
  size INTEGER NOT NULL,
  allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated <= size),
  seed TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (purpose, seq)
);
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE credentials (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  issuer_id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  achievement_id TEXT,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  suspended INTEGER NOT NULL DEFAULT 0,
  status_updated_at TEXT NOT NULL,
  idempotency_key TEXT REFERENCES idempotency_keys (key),
  batch_index INTEGER
);
CREATE INDEX credentials_recipient ON credentials (recipient, seq);
CREATE INDEX credentials_achievement ON credentials (achievement_id, seq);
CREATE INDEX credentials_idempotency ON credentials (idempotency_key, batch_index);
CREATE TABLE credential_status (
  list_id TEXT NOT NULL REFERENCES status_lists (list_id),
  idx INTEGER NOT NULL,
  credential_seq INTEGER NOT NULL REFERENCES credentials (seq),
  position INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  bit INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (list_id, idx)
);
CREATE INDEX credential_status_credential ON credential_status (credential_seq, position);
CREATE INDEX credential_status_set ON credential_status (list_id) WHERE bit = 1;
CREATE TABLE api_keys (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE issuer_keys (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  controller TEXT NOT NULL,
  public_key_multibase TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
`,
  },
  {
    version: 2,
    name: 'pathways',
    sql: `
CREATE TABLE pathways (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  pathway TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'api-key-expiry-idempotency-ttl',
    sql: `
ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`,
  },
  {
    version: 4,
    name: 'offers-outbox',
    sql: `
CREATE TABLE offers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  issuer_id TEXT NOT NULL,
  achievement_id TEXT,
  email TEXT,
  template TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  claimed_at TEXT,
  revoked_at TEXT,
  credential_id TEXT,
  holder TEXT
);
CREATE INDEX offers_achievement ON offers (achievement_id, seq);
CREATE TABLE offer_outbox (
  offer_id TEXT PRIMARY KEY REFERENCES offers (id),
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  claim_url TEXT,
  sent_at TEXT
);
CREATE INDEX offer_outbox_due ON offer_outbox (state, next_attempt_at);
CREATE TABLE offer_delivery_attempts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  offer_id TEXT NOT NULL REFERENCES offers (id),
  at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX offer_delivery_attempts_offer ON offer_delivery_attempts (offer_id, seq);
`,
  },
  {
    version: 5,
    name: 'status reason',
    sql: `
ALTER TABLE credentials ADD COLUMN status_reason TEXT;
`,
  },
  {
    version: 6,
    name: 'jobs',
    sql: `
CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  issuer_id TEXT NOT NULL,
  created_by TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX jobs_unfinished ON jobs (state, seq);
CREATE TABLE job_rows (
  job_id TEXT NOT NULL REFERENCES jobs (id),
  row INTEGER NOT NULL,
  item TEXT,
  credential_id TEXT,
  error TEXT,
  PRIMARY KEY (job_id, row)
);
`,
    },
    {
    version: 7,
    name: 'wallet secrets',
    sql: `
CREATE TABLE wallet_secrets (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  offer_id TEXT REFERENCES offers (id),
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX wallet_secrets_expires ON wallet_secrets (expires_at);
`,
    },
    {
    version: 8,
    name: 'public credential page',
    sql: `
ALTER TABLE credentials ADD COLUMN public_page INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 9,
    name: 'audit log',
    sql: `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_name TEXT,
  action TEXT NOT NULL,
  target TEXT,
  reason TEXT,
  details TEXT
);
CREATE INDEX audit_log_target ON audit_log (target, seq);
`,
  },
]
