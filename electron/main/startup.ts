/**
 * Opening the case at start-up. When the case's database is damaged and a good backup
 * exists, the reviewer is asked whether to restore it (the damaged file has already been
 * set aside by the engine); the answer decides between restoring and opening again, or
 * stopping with the engine's message. No Electron here: the question is passed in.
 */
import { ExhibitError, toErrorPayload } from '../../shared/errors.ts';
import { latestGoodBackup, type BackupInfo } from '../services/case/backups.ts';
import { restoreCase } from '../services/case/restore.ts';

export type StartupOutcome<T> = { ok: true; value: T; restored: BackupInfo | null } | { ok: false; message: string };

/** What the reviewer is asked: restore this backup, or quit. */
export interface RestoreOffer {
  caseDir: string;
  backup: BackupInfo;
  /** The engine's explanation of what was found and where the damaged file went. */
  detail: string;
}

/** The question's wording for the host's message box. */
export function restoreQuestion(offer: RestoreOffer): { message: string; detail: string; buttons: [string, string] } {
  const when = offer.backup.takenAt.replace('T', ' ').slice(0, 16);
  return {
    message: 'This case is damaged. Restore it from its latest good backup?',
    detail: `${offer.detail}\n\nRestoring brings the case back as it was at ${when} UTC (${offer.backup.auditRows} audited changes). Work done after that backup is not in it; the damaged file stays in the case folder.`,
    buttons: [`Restore backup from ${when} UTC`, 'Quit'],
  };
}

/** Open the case; on damage with a good backup, ask, restore and open again. */
export async function openWithRecovery<T>(
  caseDir: string,
  open: () => T,
  ask: (offer: RestoreOffer) => Promise<boolean>,
  actor: () => string,
): Promise<StartupOutcome<T>> {
  try {
    return { ok: true, value: open(), restored: null };
  } catch (err) {
    const backup = err instanceof ExhibitError && err.code === 'case-damaged' ? latestGoodBackup(caseDir) : null;
    if (!backup) return { ok: false, message: toErrorPayload(err).message };
    if (!(await ask({ caseDir, backup, detail: toErrorPayload(err).message }))) {
      return { ok: false, message: toErrorPayload(err).message };
    }
    try {
      restoreCase(caseDir, backup.file, actor());
      return { ok: true, value: open(), restored: backup };
    } catch (again) {
      return { ok: false, message: `The backup ${backup.name} could not be restored: ${toErrorPayload(again).message}` };
    }
  }
}
