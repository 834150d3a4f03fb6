/**
 * Which channels change the open case, so a read-only case refuses them up front with a
 * message a reviewer understands, instead of failing halfway in SQLite or the file system.
 * Each channel's `access` in the contract says so; these sets are derived from it.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { channelsWhere, specOf } from '../../../shared/ipc/contract.ts';
import { isCorruption } from '../db/health.ts';
import type { CaseStore } from './case.ts';

/** Channels that write to the open case (its database, its blobs or its backups folder). */
export const caseWritingChannels: ReadonlySet<string> = new Set(channelsWhere((spec) => spec.access === 'write'));

/**
 * Service channels that only read the open case, or write elsewhere: per-user settings, an
 * exported bundle, another case (switching, restoring a backup of a case that is not open).
 */
export const caseReadingChannels: ReadonlySet<string> = new Set(
  channelsWhere((spec) => spec.access === 'read' && spec.host !== true),
);

/** Refuse a change to a read-only case (anything the contract does not call a read counts as a change). */
export function refuseWriteWhenReadOnly(store: CaseStore, channel: string): void {
  if (store.readOnly && specOf(channel)?.access !== 'read') throw readOnlyError(store.dir);
}

/** The error a reviewer sees for any change to a read-only case. */
export function readOnlyError(dir: string): ExhibitError {
  return new ExhibitError(
    'read-only',
    `The case at ${dir} is open read-only (its folder cannot be written), so nothing can be changed or added. ` +
      'Open a copy of it in a folder you can write to, or make this folder writable and open it again.',
    dir,
  );
}

/**
 * SQLite errors a reviewer can act on, as clear errors: a write refused in a read-only
 * case, and damage found while working (opening the case again checks it and offers the
 * latest backup). Anything else is returned unchanged.
 */
export function caseAccessError(err: unknown, store: CaseStore): unknown {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return err;
  if (store.readOnly && (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES')) {
    return readOnlyError(store.dir);
  }
  if (isCorruption(err)) {
    return new ExhibitError(
      'case-damaged',
      `The case database in ${store.dir} reports damage (${(err as Error).message}). Nothing more was saved. ` +
        'Open the case again: Exhibit checks it on opening and offers its latest good backup.',
      store.dir,
    );
  }
  return err;
}
