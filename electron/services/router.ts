/**
 * The one router both hosts use: channel -> validated args -> service -> result.
 * Electron's ipcMain handlers and the end-to-end test bridge call `call()`; neither
 * reaches a service any other way.
 */
import type { z } from 'zod';
import path from 'node:path';
import { diskFullError, ExhibitError, isDiskFull, toErrorPayload } from '../../shared/errors.ts';
import {
  contract,
  type ArgsOf,
  type Channel,
  type Envelope,
  type EventName,
  type EventOf,
  type HostChannel,
  type ResultOf,
} from '../../shared/ipc/contract.ts';
import type { BackupFailure, BackupInfo } from '../../shared/ipc/contract.ts';
import type { CaseStore } from './case/case.ts';
import { caseAccessError, refuseWriteWhenReadOnly } from './case/access.ts';
import { allegationHandlers } from './handlers/allegation-handlers.ts';
import { backupHandlers } from './handlers/backup-handlers.ts';
import { bundleHandlers } from './handlers/bundle-handlers.ts';
import { caseHandlers } from './handlers/case-handlers.ts';
import { documentHandlers } from './handlers/document-handlers.ts';
import { highlightHandlers } from './handlers/highlight-handlers.ts';
import { trustHandlers } from './handlers/trust-handlers.ts';
import { ocrHandlers } from './handlers/ocr-handlers.ts';
import { courtHandlers } from './handlers/court-handlers.ts';
import type { JobService } from './jobs/jobs.ts';
import type { WorkerPool } from './workers/pool.ts';

export type ServiceChannel = Exclude<Channel, HostChannel>;
type ArgsOut<C extends Channel> = z.output<(typeof contract)[C]['args']>;

export interface RouterContext {
  /** The open case; it changes when the reviewer switches cases. */
  readonly store: CaseStore;
  pool: WorkerPool;
  /** The reviewer's name, read at each change so a new setting applies at once. */
  actor(): string;
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /**
   * Close the open case and open (or create) another; the old one stays open if this fails,
   * and while a job holding it is under way (see `jobs`) it is refused, naming that work.
   */
  switchCase(dir: string, mode: 'open' | 'create' | 'open-or-create'): CaseStore;
  /** Long work (imports, bundle jobs, recognition): run, cancelled by id, holding the case or not. */
  jobs: JobService;
  /** Reading scanned pages in the background: look at the queue again, wait for it, where packs go. */
  ocr: {
    kick(): void;
    idle(): Promise<void>;
    /** Hold an encrypted PDF's password (by SHA-256) in memory for this session, to read its scanned pages. */
    rememberPassword(sha256: string, password: string): void;
    /** The password held for an encrypted PDF (by SHA-256) this session, if any. */
    password(sha256: string): string | null;
    packsDir: string;
  };
  /** Per-user folders: settings, and where the default and sample cases live. */
  configDir: string;
  dataDir: string;
  /** The sample documents shipped with the app, if this installation has them. */
  sampleDir: string | null;
  /** The open case's backups: take one now; the last automatic one, if it failed. */
  readonly backups: { now(): Promise<BackupInfo>; readonly failure: BackupFailure | null };
}

export type Handlers = { [C in ServiceChannel]: (args: ArgsOut<C>) => Promise<ResultOf<C>> | ResultOf<C> };
export type HostHandlers = { [C in HostChannel]?: (args: ArgsOut<C>) => Promise<ResultOf<C>> };

export interface Router {
  call(channel: string, rawArgs: unknown): Promise<Envelope<unknown>>;
}

/** Build the router over an open case. */
export function createRouter(ctx: RouterContext, host: HostHandlers = {}): Router {
  const handlers: Handlers = {
    ...documentHandlers(ctx),
    ...highlightHandlers(ctx),
    ...caseHandlers(ctx),
    ...bundleHandlers(ctx),
    ...allegationHandlers(ctx),
    ...backupHandlers(ctx),
    ...trustHandlers(ctx),
    ...ocrHandlers(ctx),
    ...courtHandlers(ctx),
  };
  return {
    async call(channel, rawArgs) {
      try {
        if (!Object.hasOwn(contract, channel)) throw new ExhibitError('invalid-args', `Unknown channel "${channel}"`, channel);
        // A read-only case refuses a change whatever its arguments.
        refuseWriteWhenReadOnly(ctx.store, channel);
        const spec = contract[channel as Channel];
        const parsed = spec.args.safeParse(rawArgs ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue?.path.join('.') || '(arguments)';
          throw new ExhibitError('invalid-args', `${channel}: ${field}: ${issue?.message ?? 'invalid'}`, field);
        }
        const hostFn = host[channel as HostChannel] as ((a: unknown) => Promise<unknown>) | undefined;
        const handler = (handlers as Record<string, ((a: unknown) => unknown) | undefined>)[channel];
        if (!hostFn && !handler) throw new ExhibitError('forbidden', `"${channel}" is not available in this window`, channel);
        const value = hostFn ? await hostFn(parsed.data) : await handler!(parsed.data);
        return { ok: true, value };
      } catch (err) {
        return {
          ok: false,
          error: toErrorPayload(isDiskFull(err) ? diskFullOf(err, ctx.store.dir) : caseAccessError(err, ctx.store)),
        };
      }
    },
  };
}

/** A full disk met by any write (SQLite's or a file's) as the error a reviewer can act on. */
function diskFullOf(err: unknown, caseDir: string): ExhibitError {
  const file = (err as { path?: unknown }).path;
  return diskFullError(typeof file === 'string' ? path.dirname(file) : caseDir, 'Not saved');
}

/** Typed helper for Node callers (CLI, tests): call and unwrap, throwing ExhibitError. */
export async function callTyped<C extends Channel>(router: Router, channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const res = await router.call(channel, args);
  if (!res.ok) throw new ExhibitError(res.error.code as never, res.error.message, res.error.subject);
  return res.value as ResultOf<C>;
}
