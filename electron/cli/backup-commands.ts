/** `exhibit backup` and `exhibit restore`. */
import { listBackups, type BackupInfo } from '../services/case/backups.ts';
import { chooseBackup, restoreCase } from '../services/case/restore.ts';
import { str, UsageError, type Command, type Values } from './command.ts';
import type { Output } from './output.ts';

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const when = (b: BackupInfo) => `${b.takenAt.replace('T', ' ').slice(0, 19)} UTC`;

/** Take a backup of the case now and print where it went. */
export const backupCommand: Command = async (s, args, _values, out) => {
  if (args.length > 0) throw new UsageError('backup takes no arguments: exhibit backup [--case DIR]');
  const b = await s.backups.now();
  out.record(
    { case: s.store.dir, backup: b.file, takenAt: b.takenAt, auditRows: b.auditRows, size: b.size },
    () => `Backed up ${s.store.dir} to ${b.file} (${b.auditRows} audited change(s), ${sizeOf(b.size)})`,
  );
  return 0;
};

/**
 * Restore the case from a backup (--from FILE, or --latest for the newest sound one).
 * Without either, list the backups and ask for a choice: nothing is restored.
 */
export function restoreCommand(caseDir: string, args: string[], values: Values, out: Output, actor: string): number {
  if (args.length > 0) throw new UsageError('restore takes no arguments: exhibit restore [--case DIR] [--from FILE | --latest]');
  const from = str(values, 'from');
  if (from !== undefined && values.latest) throw new UsageError('restore takes --from FILE or --latest, not both');
  if (from === undefined && !values.latest) {
    const backups = listBackups(caseDir);
    for (const b of backups) {
      out.record(b, () => `${b.name}  ${when(b)}  ${String(b.auditRows).padStart(6)} change(s)  ${sizeOf(b.size)}`);
    }
    if (backups.length === 0) out.say(`${caseDir} has no backups.`);
    throw new UsageError('restore needs --latest or --from FILE; nothing was restored');
  }
  const result = restoreCase(caseDir, chooseBackup(caseDir, from, out.io.cwd), actor);
  const r = result.restored;
  out.record(
    { case: caseDir, restored: r.file, takenAt: r.takenAt, auditRows: r.auditRows, replaced: result.replaced },
    () =>
      `Restored ${caseDir} from ${r.name} (taken ${when(r)}, ${r.auditRows} audited change(s)).` +
      (result.replaced ? `\nThe database it replaced is kept as ${result.replaced}` : ''),
  );
  return 0;
}
