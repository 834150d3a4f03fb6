/**
 * The append-only audit log. Each row carries the hash of the previous row, so any
 * edit, deletion or reordering breaks the chain at a row `verifyAudit` can name.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AuditReport } from '../../../shared/ipc/contract.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  payload: unknown;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/**
 * A row as a scoped bundle may show it: where it sits in the chain and its hash, without
 * what it says. Only bundles carry these; the live log is never redacted.
 */
export interface RedactedAuditRow {
  seq: number;
  at: string;
  prev_hash: string;
  hash: string;
  redacted: true;
}

const REDACTED_KEYS = ['at', 'hash', 'prev_hash', 'redacted', 'seq'].join();

function rowHash(prev: string, r: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const body = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.payload]);
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

/** Append one row; call inside the transaction that makes the change it records. */
export function appendAudit(db: Database, entry: AuditEntry): number {
  const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const prev = last?.hash ?? GENESIS_HASH;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    payload: JSON.stringify(entry.payload ?? null),
  };
  db.prepare(
    `INSERT INTO audit (seq, at, actor, action, entity, entity_id, payload, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @payload, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
  return row.seq;
}

/** Check the whole chain and name the first row that does not fit. */
export function verifyAudit(db: Database): AuditReport {
  return checkAuditRows(db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>);
}

/**
 * The chain check over rows from anywhere: the database, or a bundle's audit.jsonl. Every
 * row's hash is recomputed, except a redacted row whose seq is in `redactedSeqs` (which only
 * a scoped bundle's signed head.json supplies): that one is accepted by its links alone, its
 * prev_hash matching the row before and its hash matching the next row's prev_hash.
 */
export function checkAuditRows(
  rowsIn: Iterable<AuditRow | RedactedAuditRow>,
  opts: { redactedSeqs?: ReadonlySet<number> } = {},
): AuditReport {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (const r of rowsIn) {
    rows++;
    const broken = (reason: string): AuditReport => ({ ok: false, rows, firstBroken: { seq: r.seq, reason } });
    if (r.seq !== expectedSeq) return broken(`row ${expectedSeq} is missing (found ${r.seq} next)`);
    if (r.prev_hash !== prev) return broken('its link to the previous row does not match');
    if ('redacted' in r) {
      if (r.redacted !== true || !opts.redactedSeqs?.has(r.seq))
        return broken('it is marked redacted, which only a scoped bundle that lists the row in head.json may show');
      if (Object.keys(r).sort().join() !== REDACTED_KEYS || !/^[0-9a-f]{64}$/.test(r.hash))
        return broken('a redacted row must carry only seq, at, prev_hash and hash');
    } else if (rowHash(prev, r) !== r.hash) return broken('its contents were changed after it was written');
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, rows, firstBroken: null };
}
