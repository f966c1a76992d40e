/**
 * @module storage/row-mappers
 * One set of row → record mappers for the SQL adapters (SQLite and PostgreSQL share the
 * schema's column names). Only how each driver returns a column differs, and that is the
 * `ColumnCodec`: better-sqlite3 gives timestamps as the ISO text we stored and booleans as
 * 0/1; pg gives `Date` and `boolean`. A column added to a table is mapped here once.
 */
import type {
  AchievementRecord,
  AuditEntry,
  ApiKeyRecord,
  ApiKeyScope,
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryState,
  DueDelivery,
  IssuerKeyRecord,
  OfferRecord,
  PathwayRecord,
  StatusListMeta,
  StatusPosition,
  StatusPurpose,
  WalletSecretKind,
  WalletSecretRecord,
  StoredCredential,
} from './store.js'

export type Row = Record<string, unknown>

/** How a driver returns timestamp and boolean columns. */
export interface ColumnCodec {
  date(value: unknown): Date
  bool(value: unknown): boolean
}

/** better-sqlite3: timestamps stored as ISO text, booleans as 0/1. */
export const SQLITE_COLUMNS: ColumnCodec = {
  date: (v) => new Date(String(v)),
  bool: (v) => v === 1,
}

/** pg: timestamptz as Date, boolean as boolean. */
export const POSTGRES_COLUMNS: ColumnCodec = {
  date: (v) => new Date(v as Date),
  bool: (v) => v === true,
}

/** An offer's columns, before its state (which needs the clock) and its outbox row are added. */
export type OfferBase = Omit<OfferRecord, 'state' | 'delivery'>

export interface RowMappers {
  optionalDate(value: unknown): Date | undefined
  credential(row: Row, status: StatusPosition[]): StoredCredential
  statusPosition(row: Row): StatusPosition
  listMeta(row: Row): StatusListMeta
  apiKey(row: Row): ApiKeyRecord
  issuerKey(row: Row): IssuerKeyRecord
  achievement(row: Row): AchievementRecord
  pathway(row: Row): PathwayRecord
  offerBase(row: Row): OfferBase
  /** An `offer_outbox` row. */
  delivery(row: Row): DeliveryRecord
  /** What offer state rules read (store-rules' `offerStateOf`, offer-rules). */
  offerDates(row: Row): { id: string; expiresAt: Date; claimedAt: Date | undefined; revokedAt: Date | undefined }
  dueDelivery(row: Row): DueDelivery
  deliveryAttempt(row: Row): DeliveryAttempt
  auditEntry(row: Row): AuditEntry
  walletSecret(row: Row): WalletSecretRecord
}

export function rowMappers(codec: ColumnCodec): RowMappers {
  const { date, bool } = codec
  const optionalDate = (v: unknown): Date | undefined => (v === null || v === undefined ? undefined : date(v))
  const optionalText = (v: unknown): string | undefined => (v as string | null) ?? undefined
  return {
    optionalDate,
    credential: (row, status) => ({
      id: row['id'] as string,
      issuerId: row['issuer_id'] as string,
      recipient: row['recipient'] as string,
      achievementId: optionalText(row['achievement_id']),
      json: row['json'] as string,
      status,
      createdAt: date(row['created_at']),
      revoked: bool(row['revoked']),
      suspended: bool(row['suspended']),
      statusUpdatedAt: date(row['status_updated_at']),
      statusReason: optionalText(row['status_reason']),
      publicPage: bool(row['public_page']),
    }),
    statusPosition: (r) => ({ listId: r['list_id'] as string, purpose: r['purpose'] as StatusPurpose, index: r['idx'] as number }),
    listMeta: (r) => ({
      listId: r['list_id'] as string,
      purpose: r['purpose'] as StatusPurpose,
      size: r['size'] as number,
      allocated: r['allocated'] as number,
      version: r['version'] as number,
      createdAt: date(r['created_at']),
      updatedAt: date(r['updated_at']),
    }),
    apiKey: (r) => ({
      id: r['id'] as string,
      name: r['name'] as string,
      hash: r['hash'] as string,
      scopes: (r['scopes'] as string).split(',').filter(Boolean) as ApiKeyScope[],
      createdAt: date(r['created_at']),
      revokedAt: optionalDate(r['revoked_at']),
      expiresAt: optionalDate(r['expires_at']),
    }),
    issuerKey: (r) => ({
      id: r['id'] as string,
      controller: r['controller'] as string,
      publicKeyMultibase: r['public_key_multibase'] as string,
      createdAt: date(r['created_at']),
      retiredAt: optionalDate(r['retired_at']),
    }),
    achievement: (r) => ({
      id: r['id'] as string,
      definition: JSON.parse(r['definition'] as string) as Record<string, unknown>,
      achievement: JSON.parse(r['achievement'] as string) as Record<string, unknown>,
      createdAt: date(r['created_at']),
    }),
    pathway: (r) => ({
      id: r['id'] as string,
      pathway: JSON.parse(r['pathway'] as string) as Record<string, unknown>,
      createdAt: date(r['created_at']),
    }),
    offerBase: (r) => ({
      id: r['id'] as string,
      tokenHash: r['token_hash'] as string,
      issuerId: r['issuer_id'] as string,
      achievementId: optionalText(r['achievement_id']),
      email: optionalText(r['email']),
      template: r['template'] as string,
      expiresAt: date(r['expires_at']),
      createdAt: date(r['created_at']),
      claimedAt: optionalDate(r['claimed_at']),
      revokedAt: optionalDate(r['revoked_at']),
      credentialId: optionalText(r['credential_id']),
      holder: optionalText(r['holder']),
    }),
    delivery: (d) => ({
      state: d['state'] as DeliveryState,
      attempts: d['attempts'] as number,
      nextAttemptAt: date(d['next_attempt_at']),
      lastError: optionalText(d['last_error']),
      sentAt: optionalDate(d['sent_at']),
    }),
    offerDates: (r) => ({ id: r['id'] as string, expiresAt: date(r['expires_at']), claimedAt: optionalDate(r['claimed_at']), revokedAt: optionalDate(r['revoked_at']) }),
    dueDelivery: (r) => ({ offerId: r['offer_id'] as string, email: r['email'] as string, claimUrl: r['claim_url'] as string, attempts: r['attempts'] as number }),
    deliveryAttempt: (r) => ({ at: date(r['at']), ok: bool(r['ok']), error: optionalText(r['error']) }),
    walletSecret: (r) => ({
      hash: r['hash'] as string,
      kind: r['kind'] as WalletSecretKind,
      offerId: optionalText(r['offer_id']),
      expiresAt: date(r['expires_at']),
      createdAt: date(r['created_at']),
      usedAt: optionalDate(r['used_at']),
    }),
    auditEntry: (r) => ({
      at: date(r['at']),
      actor: r['actor'] as string,
      ...(r['actor_name'] === null ? {} : { actorName: r['actor_name'] as string }),
      action: r['action'] as string,
      ...(r['target'] === null ? {} : { target: r['target'] as string }),
      ...(r['reason'] === null ? {} : { reason: r['reason'] as string }),
      ...(r['details'] === null ? {} : { details: JSON.parse(r['details'] as string) as Record<string, unknown> }),
    }),
  }
}
