/**
 * When to back up an open case: when it opens, if its newest backup does not already hold
 * this state, and whenever `every` audited changes have piled up since the newest backup.
 * Backups run after the change that triggered them has been answered, one at a time.
 */
import { readOnlyError } from './access.ts';
import { auditHead, DEFAULT_KEEP, listBackups, takeBackup, type BackupInfo } from './backups.ts';
import type { CaseStore } from './case.ts';

export interface BackupPolicy {
  /** Back up when the case opens (if it changed since the newest backup). */
  onOpen: boolean;
  /** Back up after this many audited changes since the newest backup. */
  every: number;
  /** How many backups to keep. */
  keep: number;
}

export const DEFAULT_POLICY: BackupPolicy = { onOpen: true, every: 200, keep: DEFAULT_KEEP };

/** Who is told how automatic backups go. */
export interface BackupListener {
  /** An automatic backup failed (a backup asked for with `now()` throws to its caller instead). */
  failed(err: Error): void;
  /** A backup, automatic or asked for, succeeded after an automatic one had failed. */
  recovered(info: BackupInfo): void;
}

export class AutoBackup {
  private readonly store: CaseStore;
  private readonly policy: BackupPolicy;
  private readonly listener: BackupListener;
  /** Audit head of the newest backup: { rows, hash }, read from its name once, then kept. */
  private newest: { rows: number; hash: string } | null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private stopped = false;
  /** The last automatic backup that failed, kept for the reviewer's eyes (null once one succeeds). */
  lastError: Error | null = null;

  constructor(store: CaseStore, policy: BackupPolicy, listener: BackupListener) {
    this.store = store;
    this.policy = policy;
    this.listener = listener;
    let latest: BackupInfo | undefined;
    try {
      latest = store.readOnly ? undefined : listBackups(store.dir)[0];
    } catch {
      // A backups folder that cannot be read does not keep the case from opening; the
      // next backup meets the same problem and reports it.
    }
    this.newest = latest ? { rows: latest.auditRows, hash: latest.auditHead } : null;
  }

  private get enabled(): boolean {
    return !this.stopped && !this.store.readOnly && this.store.db.open;
  }

  /** Audited changes since the newest backup; Infinity when the histories have parted (a restore). */
  changesSinceBackup(): number {
    const head = auditHead(this.store.db);
    if (!this.newest) return head.rows;
    if (head.rows === this.newest.rows) return head.hash === this.newest.hash ? 0 : Infinity;
    return head.rows > this.newest.rows ? head.rows - this.newest.rows : Infinity;
  }

  /** The case has just been opened. */
  opened(): void {
    if (this.enabled && this.policy.onOpen && this.changesSinceBackup() > 0) this.start();
  }

  /** A change was just made: a cheap check of the audit head. Never throws: a failure is reported. */
  changed(): void {
    try {
      if (this.enabled && this.changesSinceBackup() >= this.policy.every) this.start();
    } catch (err) {
      this.fail(err as Error);
    }
  }

  /** Take a backup now (after any running one), whatever the policy says. */
  async now(): Promise<BackupInfo> {
    if (this.store.readOnly) throw readOnlyError(this.store.dir);
    await this.idle();
    const taking = this.backup();
    this.running = taking;
    try {
      return await taking;
    } finally {
      if (this.running === taking) this.running = null;
    }
  }

  /** Resolves once no backup is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** No more backups of this store. A running one finishes (await `idle()`) or fails when the store closes. */
  stop(): void {
    this.stopped = true;
  }

  private start(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    // Let the change that called us be answered first.
    this.running = new Promise((resolve) => setImmediate(resolve))
      .then(() => (this.enabled ? this.backup() : null))
      .catch((err: Error) => {
        if (this.enabled) this.fail(err);
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.changed();
        }
      });
  }

  private fail(err: Error): void {
    this.lastError = err;
    this.listener.failed(err);
  }

  private async backup(): Promise<BackupInfo> {
    const info = await takeBackup(this.store.db, this.store.dir, { keep: this.policy.keep });
    this.newest = { rows: info.auditRows, hash: info.auditHead };
    if (this.lastError) {
      this.lastError = null;
      this.listener.recovered(info);
    }
    return info;
  }
}
