/**
 * The one router both hosts use: channel -> validated args -> service -> result.
 * Electron's ipcMain handlers and the end-to-end test bridge call `call()`; neither
 * reaches a service any other way.
 */
import { ExhibitError, toErrorPayload } from '../../shared/errors.ts';
import type { z } from 'zod';
import {
  contract,
  type ArgsOf,
  type Channel,
  type Envelope,
  type EventName,
  type EventOf,
  type ResultOf,
} from '../../shared/ipc/contract.ts';
import type { hostChannels } from '../../shared/ipc/channels.ts';
import { verifyAudit } from './audit/audit.ts';
import type { CaseStore } from './case/case.ts';
import { getDocument, getPage, listDocuments, setProvenance } from './documents/documents.ts';
import { importPaths } from './ingest/import.ts';
import type { ExtractionPool } from './ingest/pool.ts';
import { search } from './search/search.ts';

type HostChannel = (typeof hostChannels)[number];
export type ServiceChannel = Exclude<Channel, HostChannel>;

export interface RouterContext {
  store: CaseStore;
  pool: ExtractionPool;
  /** The reviewer's name, read at each change so a new setting applies at once. */
  actor(): string;
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
}

type Handlers = { [C in ServiceChannel]: (args: ResultOfArgs<C>) => Promise<ResultOf<C>> | ResultOf<C> };
type ResultOfArgs<C extends Channel> = z.output<(typeof contract)[C]['args']>;

export interface Router {
  call(channel: string, rawArgs: unknown): Promise<Envelope<unknown>>;
}

/** Build the router over an open case. */
export function createRouter(ctx: RouterContext, host: Partial<Record<HostChannel, () => Promise<string[]>>> = {}): Router {
  const jobs = new Map<string, AbortController>();
  const db = () => ctx.store.db;
  const handlers: Handlers = {
    'case.info': () => {
      const counts = db().prepare('SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM pages) AS p').get() as {
        d: number;
        p: number;
      };
      return {
        path: ctx.store.dir,
        name: ctx.store.dir.split(/[\\/]/).pop() ?? ctx.store.dir,
        documents: counts.d,
        pages: counts.p,
        schemaVersion: db().pragma('user_version', { simple: true }) as number,
        reviewer: ctx.actor(),
      };
    },
    'documents.list': () => listDocuments(db()),
    'documents.get': ({ documentId }) => getDocument(db(), documentId),
    'documents.page': ({ documentId, page }) => getPage(db(), documentId, page),
    'documents.setProvenance': ({ documentId, provenance }) => setProvenance(db(), documentId, provenance, ctx.actor()),
    'import.start': async ({ jobId, paths, password, provenance }) => {
      if (jobs.has(jobId)) throw new ExhibitError('invalid-args', `An import with job id ${jobId} is already running`, jobId);
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        return await importPaths(ctx.store, paths, {
          pool: ctx.pool,
          actor: ctx.actor(),
          password,
          provenance,
          signal: controller.signal,
          onProgress: (p) => ctx.emit('import.progress', { jobId, ...p }),
        });
      } finally {
        jobs.delete(jobId);
      }
    },
    'import.cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    'search.query': ({ query, limit, offset }) => search(db(), query, { limit, offset }),
    'audit.verify': () => verifyAudit(db()),
  };

  return {
    async call(channel, rawArgs) {
      try {
        if (!Object.hasOwn(contract, channel)) throw new ExhibitError('invalid-args', `Unknown channel "${channel}"`, channel);
        const spec = contract[channel as Channel];
        const parsed = spec.args.safeParse(rawArgs ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue?.path.join('.') || '(arguments)';
          throw new ExhibitError('invalid-args', `${channel}: ${field}: ${issue?.message ?? 'invalid'}`, field);
        }
        const hostFn = host[channel as HostChannel];
        const handler = (handlers as Record<string, (a: unknown) => unknown>)[channel];
        const value = hostFn ? await hostFn() : handler ? await handler(parsed.data) : undefined;
        if (!hostFn && !handler) throw new ExhibitError('forbidden', `"${channel}" is not available in this window`, channel);
        return { ok: true, value };
      } catch (err) {
        return { ok: false, error: toErrorPayload(err) };
      }
    },
  };
}

/** Typed helper for Node callers (CLI, tests): call and unwrap, throwing ExhibitError. */
export async function callTyped<C extends Channel>(router: Router, channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const res = await router.call(channel, args);
  if (!res.ok) throw new ExhibitError(res.error.code as never, res.error.message, res.error.subject);
  return res.value as ResultOf<C>;
}
