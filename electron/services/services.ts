/** Opening a case with everything the router needs; shared by the app, the CLI and the tests. */
import type { EventName, EventOf } from '../../shared/ipc/contract.ts';
import { openCase, openOrCreateCase, type CaseStore } from './case/case.ts';
import { reviewerName } from './case/settings.ts';
import { ExtractionPool, type PoolOptions } from './ingest/pool.ts';
import { createRouter, type Router } from './router.ts';

export interface Services {
  store: CaseStore;
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
  host?: Parameters<typeof createRouter>[1];
}

/** Open a case and build its router. */
export function openServices(opts: ServicesOptions): Services {
  const actor = opts.actor ?? (() => reviewerName());
  const store = opts.create ? openOrCreateCase(opts.caseDir, actor()) : openCase(opts.caseDir);
  const pool = new ExtractionPool(opts.pool);
  const router = createRouter({ store, pool, actor, emit: opts.emit ?? (() => undefined) }, opts.host);
  return {
    store,
    pool,
    router,
    async close() {
      await pool.close();
      store.close();
    },
  };
}
