/**
 * A backup that could not be taken, in a reviewer's words: which case, which folder is at
 * fault and why. The same wording reaches the app's warning, `case.backupNow` and
 * `exhibit backup`.
 */
import { diskFullError, ExhibitError, isDiskFull } from '../../../shared/errors.ts';
import { backupsDir } from './backups.ts';

const codeOf = (err: unknown): string =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : '';

/** Why a backup of `caseDir` failed, naming the backups folder where that is the cause. */
function causeOf(err: unknown, caseDir: string): string {
  const dir = backupsDir(caseDir);
  const code = codeOf(err);
  if (code === 'EEXIST' || code === 'ENOTDIR') return `${dir} is a file, not a folder`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY'))
    return `${dir} cannot be written`;
  if (code === 'SQLITE_CANTOPEN') return `the copy could not be created in ${dir}`;
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\.$/, '');
}

/** Any error met while backing up `caseDir`, as the error a reviewer can act on. */
export function backupError(err: unknown, caseDir: string): ExhibitError {
  if (err instanceof ExhibitError) return err; // already clear: a read-only case, say
  if (isDiskFull(err)) return diskFullError(backupsDir(caseDir), `The backup of ${caseDir} was not taken`, caseDir);
  return new ExhibitError('backup-failed', `The backup of ${caseDir} was not taken: ${causeOf(err, caseDir)}.`, caseDir);
}
