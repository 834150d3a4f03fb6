/** Opening a case with everything the router needs; shared by the app, the CLI and the tests. */
import type { EventName, EventOf } from '../../shared/ipc/contract.ts';
import { initCase, openCase, openOrCreateCase, type CaseStore } from './case/case.ts';
import { userConfigDir, userDataDir } from './case/paths.ts';
import { rememberCase, reviewerName } from './case/settings.ts';
import { ExtractionPool, type PoolOptions } from './ingest/pool.ts';
import { createRouter, type HostHandlers, type Router } from './router.ts';

export interface Services {
  /** The open case (changes when the reviewer switches cases). */
  readonly store: CaseStore;
  pool: ExtractionPool;
  router: Router;
  close(): Promise<void>;
}

export interface ServicesOptions {
  caseDir: string;
  /** Create the case if the folder holds none (the default case does this). */
  create?: boolean;
  pool?: PoolOptions;
  actor?: () => string;
  emit?: <E extends EventName>(event: E, payload: EventOf<E>) => void;
  host?: HostHandlers;
  /** Per-user folders (tests point these at temp folders). */
  configDir?: string;
  dataDir?: string;
  /** The sample documents shipped with the app (resources/sample). */
  sampleDir?: string;
  /** Add the case to the recent list (default true; the CLI and benchmarks opt out). */
  rememberCase?: boolean;
}

/** Open a case and build its router. */
export function openServices(opts: ServicesOptions): Services {
  const configDir = opts.configDir ?? userConfigDir();
  const actor = opts.actor ?? (() => reviewerName(process.env, configDir));
  let store = opts.create ? openOrCreateCase(opts.caseDir, actor()) : openCase(opts.caseDir);
  // The case opened at start belongs in the recent list too, so the reviewer can come back to it.
  if (opts.rememberCase !== false) rememberCase(store.dir, configDir);
  const pool = new ExtractionPool(opts.pool);
  const switchCase = (dir: string, mode: 'open' | 'create' | 'open-or-create'): CaseStore => {
    // Open the new case first: if that fails, the reviewer keeps working in the old one.
    const next = mode === 'open' ? openCase(dir) : mode === 'create' ? initCase(dir, actor()) : openOrCreateCase(dir, actor());
    if (next.dir !== store.dir) store.close();
    else next.close();
    store = next.dir !== store.dir ? next : store;
    return store;
  };
  const router = createRouter(
    {
      get store() {
        return store;
      },
      pool,
      actor,
      emit: opts.emit ?? (() => undefined),
      switchCase,
      configDir,
      dataDir: opts.dataDir ?? userDataDir(),
      sampleDir: opts.sampleDir ?? null,
    },
    opts.host,
  );
  return {
    get store() {
      return store;
    },
    pool,
    router,
    async close() {
      await pool.close();
      store.close();
    },
  };
}
