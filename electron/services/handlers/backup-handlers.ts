/** Router handlers for a case's backups: list them, take one of the open case now, and restore a case from one. */
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import { backupsDir, latestGoodBackup, listBackups } from '../case/backups.ts';
import { CASE_DB } from '../case/case.ts';
import { setAsideFiles } from '../case/damage.ts';
import { chooseBackup, restoreCase } from '../case/restore.ts';
import { rememberCase } from '../case/settings.ts';
import type { Handlers, RouterContext } from '../router.ts';
import { documentHandlers } from './document-handlers.ts';

/** Handlers over backups; restoring opens the restored case. */
export function backupHandlers(ctx: RouterContext): Pick<Handlers, 'case.backups' | 'case.backupNow' | 'case.restoreBackup'> {
  const info = documentHandlers(ctx)['case.info'];
  return {
    'case.backups': ({ path: dir }) => {
      const abs = path.resolve(dir ?? ctx.store.dir);
      return { path: abs, backups: listBackups(abs), latestGood: latestGoodBackup(abs), setAside: setAsideFiles(abs, CASE_DB) };
    },
    // A failure comes back naming the case and the cause (a full disk as disk-full, a read-only case as read-only).
    'case.backupNow': () => ctx.backups.now(),
    'case.restoreBackup': async ({ path: dir, backup }) => {
      const abs = path.resolve(dir);
      if (abs === ctx.store.dir) {
        throw new ExhibitError('case-in-use', `${abs} is the case open now; open another case before restoring this one`, abs);
      }
      // The page names a backup inside the case's backups folder, never a file elsewhere.
      if (backup !== undefined && (backup !== path.basename(backup) || !backup.endsWith('.sqlite'))) {
        throw new ExhibitError('invalid-args', `case.restoreBackup: backup: "${backup}" is not the name of a backup`, 'backup');
      }
      const file = backup === undefined ? chooseBackup(abs) : path.join(backupsDir(abs), backup);
      const result = restoreCase(abs, file, ctx.actor());
      const store = ctx.switchCase(abs, 'open');
      rememberCase(store.dir, ctx.configDir);
      return { case: await info({}), restored: result.restored, replaced: result.replaced };
    },
  };
}
