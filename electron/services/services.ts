/** Opening a case with everything the router needs; shared by the app, the CLI and the tests. */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupFailure, EventName, EventOf } from '../../shared/ipc/contract.ts';
import { ExhibitError } from '../../shared/errors.ts';
import { caseWritingChannels } from './case/access.ts';
import { AutoBackup, DEFAULT_POLICY, type BackupPolicy } from './case/auto-backup.ts';
import { backupError } from './case/backup-failure.ts';
import type { BackupInfo } from './case/backups.ts';
import { CASE_DB, initCase, openCase, openOrCreateCase, type CaseStore } from './case/case.ts';
import { userConfigDir, userDataDir } from './case/paths.ts';
import { rememberCase, reviewerName } from './case/settings.ts';
import { refreshGeometry, type GeometryRefresh } from './geometry/refresh.ts';
import type { Remeasured } from './geometry/remeasure.ts';
import { JobService } from './jobs/jobs.ts';
import { languageDataDirs } from './ocr/languages.ts';
import { runOcr, type OcrRunner } from './ocr/runner.ts';
import { WorkerPool, type PoolOptions } from './workers/pool.ts';
import { createRouter, type HostHandlers, type Router } from './router.ts';

export interface Services {
  /** The open case (changes when the reviewer switches cases). */
  readonly store: CaseStore;
  pool: WorkerPool;
  router: Router;
  /** Backups of the open case's database. */
  readonly backups: {
    /** Take one now, whatever the policy says; a failure is an ExhibitError naming the case and the cause. */
    now(): Promise<BackupInfo>;
    /** Resolves when no automatic backup is running. */
    idle(): Promise<void>;
    /** The last automatic backup that failed, or null. */
    readonly lastError: Error | null;
  };
  /** Re-measuring the open case's documents from an older Exhibit (see geometry/remeasure.ts). */
  readonly geometry: {
    /** Resolves once the documents that needed it are re-measured. */
    idle(): Promise<Remeasured[]>;
  };
  /** Reading the open case's scanned pages (see ocr/runner.ts). */
  readonly ocr: {
    /** Resolves once no page waits to be read (paused documents aside). */
    idle(): Promise<void>;
  };
  close(): Promise<void>;
}

/** The open case's automatic backups, and the last of them that failed (null once one succeeds). */
interface CaseBackups {
  auto: AutoBackup;
  failure: BackupFailure | null;
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
  /** When to back up the case's database (defaults: on opening, every 200 changes, keep 10); false for never. */
  backup?: Partial<BackupPolicy> | false;
  /** Where a failed automatic backup is written down (default: standard error); the UI is told through `emit` as well. */
  onBackupError?: (err: Error, caseDir: string) => void;
  /** Told as each older document starts being re-measured (the command line draws it on a terminal). */
  onRemeasure?: (done: number, total: number, title: string) => void;
  /** Told as each scanned page is read (the command line prints progress from it). */
  onOcrPage?: (progress: EventOf<'ocr.progress'>) => void;
}

/** Open a case and build its router. */
export function openServices(opts: ServicesOptions): Services {
  const configDir = opts.configDir ?? userConfigDir();
  const actor = opts.actor ?? (() => reviewerName(process.env, configDir));
  const existed = (dir: string) => fs.existsSync(path.join(dir, CASE_DB));
  const createdAtStart = opts.create === true && !existed(opts.caseDir);
  let store = opts.create ? openOrCreateCase(opts.caseDir, actor()) : openCase(opts.caseDir);
  // The case opened at start belongs in the recent list too, so the reviewer can come back to it.
  if (opts.rememberCase !== false) rememberCase(store.dir, configDir);
  const policy: BackupPolicy =
    opts.backup === false ? { onOpen: false, every: Infinity, keep: 0 } : { ...DEFAULT_POLICY, ...opts.backup };
  const onBackupError =
    opts.onBackupError ??
    ((err: Error, dir: string) => process.stderr.write(`exhibit: the automatic backup of ${dir} failed: ${err.message}\n`));
  const emit = opts.emit ?? (() => undefined);
  const backupsOf = (s: CaseStore, fresh: boolean): CaseBackups => {
    const watched: CaseBackups = {
      failure: null,
      auto: new AutoBackup(s, policy, {
        // The reviewer is told in the app (and a window opened later reads it from case.info);
        // the work itself is saved in the case, only the extra copy is missing.
        failed(err) {
          onBackupError(err, s.dir);
          const e = backupError(err, s.dir);
          watched.failure = { case: s.dir, code: e.code, message: e.message, at: new Date().toISOString() };
          emit('backup.status', { state: 'failed', ...watched.failure });
        },
        recovered(info) {
          watched.failure = null;
          emit('backup.status', { state: 'ok', case: s.dir, backup: info });
        },
      }),
    };
    // A case just created holds nothing worth a backup yet.
    if (!fresh) watched.auto.opened();
    return watched;
  };
  let backups = backupsOf(store, createdAtStart);
  const backupNow = async (): Promise<BackupInfo> => {
    const { dir } = store;
    try {
      return await backups.auto.now();
    } catch (err) {
      throw backupError(err, dir);
    }
  };
  const pool = new WorkerPool(opts.pool);
  const remeasure = (s: CaseStore): GeometryRefresh => refreshGeometry(s, pool, actor, emit, opts.onRemeasure);
  let geometry = remeasure(store);
  // The reviewer's added language packs live with their other per-user data.
  const packsDir = path.join(opts.dataDir ?? userDataDir(), 'ocr-packs');
  // Passwords of encrypted PDFs given this session, by SHA-256, for reading their scanned pages.
  // Memory only: the case never stores a password.
  const passwords = new Map<string, string>();
  const ocrOf = (s: CaseStore): OcrRunner =>
    runOcr(s, pool, {
      actor,
      emit,
      dataDirs: () => languageDataDirs(packsDir),
      onPage: opts.onOcrPage,
      password: (sha256) => passwords.get(sha256) ?? null,
    });
  let ocr = ocrOf(store);
  // Long work on the open case; what holds it keeps the case from being switched away under it.
  const jobs = new JobService();
  const switchCase = (dir: string, mode: 'open' | 'create' | 'open-or-create'): CaseStore => {
    const under = jobs.holdingCase();
    if (under.length > 0 && path.resolve(dir) !== store.dir)
      throw new ExhibitError(
        'busy',
        `${under.join(' and ')} ${under.length > 1 ? 'are' : 'is'} still running in ${path.basename(store.dir)}: ` +
          'wait for it to finish or cancel it before opening another case',
        store.dir,
      );
    const fresh = mode === 'create' || (mode === 'open-or-create' && !existed(dir));
    // Open the new case first: if that fails, the reviewer keeps working in the old one.
    const next = mode === 'open' ? openCase(dir) : mode === 'create' ? initCase(dir, actor()) : openOrCreateCase(dir, actor());
    if (next.dir === store.dir) {
      next.close();
      return store;
    }
    // A backup or a re-measuring of the old case that is under way finishes before its database closes.
    const [old, oldBackups, oldGeometry] = [store, backups.auto, geometry];
    oldBackups.stop();
    oldGeometry.stop();
    // Pages being read are left queued: the next open of that case goes on with them.
    const oldOcr = ocr;
    oldOcr.stop();
    void Promise.allSettled([oldBackups.idle(), oldGeometry.idle(), oldOcr.idle()]).finally(() => old.close());
    store = next;
    backups = backupsOf(next, fresh);
    geometry = remeasure(next);
    ocr = ocrOf(next);
    return store;
  };
  const inner = createRouter(
    {
      get store() {
        return store;
      },
      pool,
      actor,
      emit,
      switchCase,
      jobs,
      ocr: {
        kick: () => ocr.kick(),
        idle: () => ocr.idle(),
        rememberPassword: (sha256, password) => void passwords.set(sha256, password),
        password: (sha256) => passwords.get(sha256) ?? null,
        packsDir,
      },
      backups: {
        now: backupNow,
        get failure() {
          return backups.failure;
        },
      },
      configDir,
      dataDir: opts.dataDir ?? userDataDir(),
      sampleDir: opts.sampleDir ?? null,
    },
    opts.host,
  );
  const router: Router = {
    async call(channel, args) {
      const res = await inner.call(channel, args);
      // A backup asked for has answered for itself: no automatic one on top of it (a failed
      // one would otherwise be retried at once and warned of twice).
      if (caseWritingChannels.has(channel) && channel !== 'case.backupNow') backups.auto.changed();
      return res;
    },
  };
  return {
    get store() {
      return store;
    },
    pool,
    router,
    backups: {
      now: backupNow,
      idle: () => backups.auto.idle(),
      get lastError() {
        return backups.auto.lastError;
      },
    },
    geometry: {
      idle: () => geometry.idle(),
    },
    ocr: {
      idle: () => ocr.idle(),
    },
    async close() {
      geometry.stop();
      ocr.stop();
      await Promise.all([geometry.idle(), ocr.idle()]);
      // A backup asked for by the last change is taken before the case closes.
      await backups.auto.idle();
      backups.auto.stop();
      await pool.close();
      store.close();
    },
  };
}
