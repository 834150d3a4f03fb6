/**
 * The open case's automatic backups, as the reviewer needs to know of them: the last one
 * failed (from the host's `backup.status` event, or from case.info when the failure came
 * before this window listened), until a backup succeeds or the warning is dismissed; and
 * "Back up now", shared by the warning and the Case menu.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BackupFailure, BackupInfo, CaseInfo } from '../../../shared/ipc/contract.ts';
import { call, messageOf, onEvent } from '../api.ts';

export interface BackupStatusState {
  /** The failure to warn of now: of the open case, not dismissed; null for none. */
  failure: BackupFailure | null;
  /** Why the last "Back up now" from the warning failed, if it did. */
  retryError: string | null;
  /** A backup asked for is being taken. */
  busy: boolean;
  /** Take a backup now; resolves with it, or rejects with the reason. */
  backUpNow(): Promise<BackupInfo>;
  /** "Back up now" from the warning: on failure the warning says why. */
  retry(): Promise<void>;
  dismiss(): void;
}

/** What a successful backup tells the reviewer. */
export const backedUpMessage = (b: BackupInfo): string =>
  `Backed up at ${new Date(b.takenAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}, in this case's backups folder.`;

/** The newer of two failures (ISO times compare as strings). */
const newer = (a: BackupFailure | null, b: BackupFailure | null): BackupFailure | null =>
  !a ? b : !b ? a : a.at >= b.at ? a : b;

export function useBackupStatus(info: CaseInfo | null, notify: (message: string) => void): BackupStatusState {
  // The latest failure told by event; case.info adds one the window was not listening for.
  const [told, setTold] = useState<BackupFailure | null>(null);
  // The latest backup that succeeded: failures before it are over.
  const [cleared, setCleared] = useState<{ case: string; at: string } | null>(null);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      onEvent('backup.status', (status) => {
        if (status.state === 'failed') {
          const { state: _state, ...failed } = status;
          setTold(failed);
          setRetryError(null);
        } else setCleared({ case: status.case, at: status.backup.takenAt });
      }),
    [],
  );

  const path = info?.path ?? null;
  const backUpNow = useCallback(async () => {
    setBusy(true);
    try {
      const b = await call('case.backupNow', {});
      if (path) setCleared({ case: path, at: b.takenAt });
      setRetryError(null);
      notify(backedUpMessage(b));
      return b;
    } finally {
      setBusy(false);
    }
  }, [path, notify]);

  const retry = useCallback(async () => {
    try {
      await backUpNow();
    } catch (err) {
      setRetryError(messageOf(err));
    }
  }, [backUpNow]);

  const latest = newer(told?.case === path ? told : null, info?.backupFailure ?? null);
  const over = latest !== null && cleared?.case === latest.case && cleared.at >= latest.at;
  const failure = latest && !over && latest.at !== dismissedAt ? latest : null;

  const dismiss = useCallback(() => {
    setDismissedAt(failure?.at ?? null);
    setRetryError(null);
  }, [failure]);

  return { failure, retryError, busy, backUpNow, retry, dismiss };
}
