/** Backups of a case's database: listing them, and restoring a case from one. */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';
import { BackupFailure, CaseInfo } from './schemas.ts';

const dir = z.string().min(1).max(4096);

export const BackupInfo = z.object({
  /** The file's name inside the case's backups folder. */
  name: z.string(),
  file: z.string(),
  /** When it was taken (ISO 8601, UTC). */
  takenAt: z.string(),
  /** How many audit rows it holds: the changes it includes. */
  auditRows: z.number().int(),
  /** The first 8 hex digits of its last audit row's hash. */
  auditHead: z.string(),
  size: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/**
 * What the host tells the UI about the open case's backups: an automatic backup failed
 * (the work itself is saved in the case; only the extra copy is missing), or a backup
 * succeeded after one had failed, so a warning about it can go.
 */
export const BackupStatus = z.discriminatedUnion('state', [
  BackupFailure.extend({ state: z.literal('failed') }),
  z.object({ state: z.literal('ok'), case: z.string(), backup: BackupInfo }),
]);
export type BackupStatus = z.infer<typeof BackupStatus>;

export const backupChannels = {
  /** A case's backups, newest first (the open case when no path is given), and its damaged files set aside. */
  'case.backups': {
    args: z.object({ path: dir.optional() }).strict(),
    result: z.object({
      path: z.string(),
      backups: z.array(BackupInfo),
      /** The newest backup that passes quick_check: the one a restore without a name uses. */
      latestGood: BackupInfo.nullable(),
      setAside: z.array(z.string()),
    }),
    access: 'read',
    // A damaged case's backups: the case folder came from the case dialog or the recent list too.
    path: { field: 'path', need: 'case' },
  },
  /** Take a backup of the open case now, whatever the automatic policy says (it writes the case's backups folder). */
  'case.backupNow': { args: z.object({}).strict(), result: BackupInfo, access: 'write' },
  /**
   * Put a backup (by name; the newest sound one when none is named) in place of a case's
   * database, keep the database it replaces beside it, and open the case.
   */
  'case.restoreBackup': {
    args: z.object({ path: dir, backup: z.string().min(1).max(255).optional() }).strict(),
    result: z.object({ case: CaseInfo, restored: BackupInfo, replaced: z.string().nullable() }),
    // Writes the case it restores, which is then opened: not the case open before.
    access: 'read',
    path: { field: 'path', need: 'case' },
    switchesCase: true,
  },
} as const satisfies Record<string, ChannelSpec>;
