/**
 * Re-measuring an opened case's older documents in the background (remeasure.ts), telling
 * the window as it goes. The app carries on meanwhile; the command line waits for it
 * (idle) so that what it prints and exports already has the new boxes.
 */
import type { EventName, EventOf } from '../../../shared/ipc/contract.ts';
import type { CaseStore } from '../case/case.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { remeasureCase, unmeasuredDocuments, type Remeasured } from './remeasure.ts';

export interface GeometryRefresh {
  /** Resolves with what was re-measured once the work is done (or stopped). */
  idle(): Promise<Remeasured[]>;
  /** Stop after the document under way; what is finished stays. */
  stop(): void;
}

type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

/** Start re-measuring `store`'s documents from an older Exhibit, if it has any. */
export function refreshGeometry(
  store: CaseStore,
  pool: WorkerPool,
  actor: () => string,
  emit: Emit,
  onProgress?: (done: number, total: number, title: string) => void,
): GeometryRefresh {
  const controller = new AbortController();
  const none = store.readOnly || unmeasuredDocuments(store.db).length === 0;
  const work: Promise<Remeasured[]> = none
    ? Promise.resolve([])
    : (async () => {
        const done: Remeasured[] = [];
        try {
          await remeasureCase(store, pool, actor(), {
            signal: controller.signal,
            onDocument(i, total, title) {
              onProgress?.(i, total, title);
              emit('geometry.status', { state: 'running', case: store.dir, done: i, total, title });
            },
            onMeasured(r) {
              done.push(r);
              const { documentId, title, targets, failure } = r;
              emit('geometry.status', { state: 'measured', case: store.dir, documentId, title, targets, failure });
            },
          });
        } catch (err) {
          // Stopped (the case closed) or the pool closed: what finished is kept, the rest waits for the next open.
          if (!controller.signal.aborted) process.stderr.write(`exhibit: re-measuring ${store.dir} stopped: ${String(err)}\n`);
        }
        emit('geometry.status', {
          state: 'finished',
          case: store.dir,
          documents: done.filter((r) => r.failure === null).length,
          targets: done.reduce((n, r) => n + r.targets, 0),
          failed: done.filter((r) => r.failure !== null).map((r) => ({ title: r.title, reason: r.failure! })),
        });
        return done;
      })();
  return { idle: () => work, stop: () => controller.abort() };
}
