/** Router handlers for switching cases, the sample case and per-user settings. */
import fs from 'node:fs';
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import { CASE_DB } from '../case/case.ts';
import { organizationName, readSettings, rememberCase, reviewerName, saveOrganization, writeSettings } from '../case/settings.ts';
import { buildSampleCase } from '../case/sample.ts';
import type { Handlers, RouterContext } from '../router.ts';
import { documentHandlers } from './document-handlers.ts';

type CaseChannels = 'case.open' | 'case.create' | 'case.recent' | 'case.openSample' | 'settings.get' | 'settings.set';

/** Handlers that change which case is open, or the reviewer's settings. */
export function caseHandlers(ctx: RouterContext): Pick<Handlers, CaseChannels> {
  const info = documentHandlers(ctx)['case.info'];
  const switchTo = (dir: string, mode: 'open' | 'create' | 'open-or-create') => {
    const store = ctx.switchCase(path.resolve(dir), mode);
    rememberCase(store.dir, ctx.configDir);
    return info({});
  };
  const settings = () => {
    const s = readSettings(ctx.configDir);
    return {
      reviewerName: reviewerName(process.env, ctx.configDir),
      organization: organizationName(ctx.configDir),
      lastDocument: s.lastDocument ?? null,
      theme: s.theme ?? 'system',
    };
  };
  return {
    'case.open': ({ path: dir }) => switchTo(dir, 'open'),
    'case.create': ({ path: dir }) => switchTo(dir, 'create'),
    'case.recent': () =>
      (readSettings(ctx.configDir).recentCases ?? []).map((dir) => ({
        path: dir,
        name: path.basename(dir),
        exists: fs.existsSync(path.join(dir, CASE_DB)),
      })),
    'case.openSample': async () => {
      const sampleDir = ctx.sampleDir;
      if (!sampleDir || !fs.existsSync(sampleDir)) {
        throw new ExhibitError('not-found', 'This installation has no sample documents', sampleDir);
      }
      const dir = path.join(ctx.dataDir, 'cases', 'sample');
      const fresh = !fs.existsSync(path.join(dir, CASE_DB));
      const result = switchTo(dir, 'open-or-create');
      if (!fresh) return result;
      await buildSampleCase(ctx.store, sampleDir, { pool: ctx.pool, actor: ctx.actor() });
      return info({});
    },
    'settings.get': () => settings(),
    'settings.set': ({ reviewerName: name, organization, lastDocument, theme }) => {
      if (organization !== undefined) saveOrganization(organization, ctx.configDir);
      const current = readSettings(ctx.configDir);
      writeSettings(
        {
          ...current,
          ...(name !== undefined ? { reviewerName: name } : {}),
          ...(lastDocument !== undefined ? { lastDocument } : {}),
          ...(theme !== undefined ? { theme } : {}),
        },
        ctx.configDir,
      );
      return settings();
    },
  };
}
