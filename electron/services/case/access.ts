/**
 * Which channels change the open case, so a read-only case refuses them up front with a
 * message a reviewer understands, instead of failing halfway in SQLite or the file system.
 * A unit test checks that every service channel of the contract is listed here once.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { hostChannels } from '../../../shared/ipc/channels.ts';
import { isCorruption } from '../db/health.ts';
import type { CaseStore } from './case.ts';

/** Channels that write to the open case (its database or its blobs). */
export const caseWritingChannels: ReadonlySet<string> = new Set([
  'import.start',
  'documents.setProvenance',
  'documents.remove',
  'documents.restore',
  'highlights.create',
  'highlights.update',
  'highlights.delete',
  'highlights.restore',
  'allegations.create',
  'allegations.update',
  'allegations.reorder',
  'allegations.delete',
  'allegations.restore',
  'allegations.import',
  'links.create',
  'links.update',
  'links.remove',
  'bundle.import',
  // Writes into the case's backups folder (not its database).
  'case.backupNow',
]);

/**
 * Channels that only read the open case, or write elsewhere: per-user settings, an
 * exported bundle, another case (switching, restoring a backup of a case that is not open).
 */
export const caseReadingChannels: ReadonlySet<string> = new Set([
  'case.info',
  'case.open',
  'case.create',
  'case.recent',
  'case.openSample',
  'case.backups',
  'case.restoreBackup',
  'settings.get',
  'settings.set',
  'documents.list',
  'documents.get',
  'documents.page',
  'documents.pageLayout',
  'import.cancel',
  'search.query',
  'audit.verify',
  'highlights.list',
  'highlights.unlinked',
  'allegations.list',
  'allegations.detail',
  'links.list',
  'matrix.get',
  'responseMap.get',
  'bundle.export',
  'bundle.verify',
  'bundle.cancel',
]);

const served: ReadonlySet<string> = new Set(hostChannels);

/** Refuse a change to a read-only case (a service channel not listed as reading counts as a change). */
export function refuseWriteWhenReadOnly(store: CaseStore, channel: string): void {
  if (store.readOnly && !caseReadingChannels.has(channel) && !served.has(channel)) throw readOnlyError(store.dir);
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
