/** @module storage/migrations/postgres — the PostgreSQL schema, by version (tables live in the configured schema). */
import type { Migration } from './migration.js'

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE achievements (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  achievement TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE status_lists (
  list_id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  seq INTEGER NOT NULL,
  size INTEGER NOT NULL,
  allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated <= size),
  seed TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (purpose, seq)
);
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE credentials (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  issuer_id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  achievement_id TEXT,
  json TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT FALSE,
  suspended BOOLEAN NOT NULL DEFAULT FALSE,
  status_updated_at TIMESTAMPTZ NOT NULL,
  idempotency_key TEXT REFERENCES idempotency_keys (key),
  batch_index INTEGER
);
CREATE INDEX credentials_recipient ON credentials (recipient, seq);
CREATE INDEX credentials_achievement ON credentials (achievement_id, seq);
CREATE INDEX credentials_idempotency ON credentials (idempotency_key, batch_index);
CREATE TABLE credential_status (
  list_id TEXT NOT NULL REFERENCES status_lists (list_id),
  idx INTEGER NOT NULL,
  credential_seq BIGINT NOT NULL REFERENCES credentials (seq),
  position INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  bit BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (list_id, idx)
);
CREATE INDEX credential_status_credential ON credential_status (credential_seq, position);
CREATE INDEX credential_status_set ON credential_status (list_id) WHERE bit;
CREATE TABLE api_keys (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
CREATE TABLE issuer_keys (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  controller TEXT NOT NULL,
  public_key_multibase TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  retired_at TIMESTAMPTZ
);
`,
  },
  {
    version: 2,
    name: 'pathways',
    sql: `
CREATE TABLE pathways (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  pathway TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'api-key-expiry-idempotency-ttl',
    sql: `
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMPTZ;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`,
  },
  {
    version: 4,
    name: 'offers-outbox',
    sql: `
CREATE TABLE offers (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  issuer_id TEXT NOT NULL,
  achievement_id TEXT,
  email TEXT,
  template TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  claimed_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ,
  credential_id TEXT,
  holder TEXT
);
CREATE INDEX offers_achievement ON offers (achievement_id, seq);
CREATE TABLE offer_outbox (
  offer_id TEXT PRIMARY KEY REFERENCES offers (id),
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  last_error TEXT,
  claim_url TEXT,
  sent_at TIMESTAMPTZ
);
CREATE INDEX offer_outbox_due ON offer_outbox (state, next_attempt_at);
CREATE TABLE offer_delivery_attempts (
  seq BIGSERIAL PRIMARY KEY,
  offer_id TEXT NOT NULL REFERENCES offers (id),
  at TIMESTAMPTZ NOT NULL,
  ok BOOLEAN NOT NULL,
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
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  issuer_id TEXT NOT NULL,
  created_by TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  started_at TIMESTAMPTZ,
  finished_at TIMESTAMPTZ
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
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ
);
CREATE INDEX wallet_secrets_expires ON wallet_secrets (expires_at);
`,
    },
    {
    version: 8,
    name: 'public credential page',
    sql: `
ALTER TABLE credentials ADD COLUMN public_page BOOLEAN NOT NULL DEFAULT false;
`,
  },
  {
    version: 9,
    name: 'audit log',
    sql: `
CREATE TABLE audit_log (
  seq BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
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
