/**
 * Under the case bar when an automatic backup of the open case failed: why, that the work
 * itself is saved in the case, and the way to try again now. It goes when a backup
 * succeeds (from here, the Case menu or the next automatic one) or when dismissed.
 */
import type { BackupStatusState } from './useBackupStatus.ts';

export function BackupWarning({ status }: { status: BackupStatusState }) {
  const { failure } = status;
  if (!failure) return null;
  return (
    <div className="backup-warning" role="alert">
      <div className="backup-warning-text">
        <p>
          <strong>The automatic backup failed.</strong> {failure.message}
        </p>
        <p>Your work itself is saved in the case; only the extra copy in its backups folder was not made.</p>
        {status.retryError && <p className="backup-warning-retry">Backing up again failed too: {status.retryError}</p>}
      </div>
      <button type="button" onClick={() => void status.retry()} disabled={status.busy}>
        {status.busy ? 'Backing up…' : 'Back up now'}
      </button>
      <button type="button" className="quiet" onClick={status.dismiss} aria-label="Dismiss the backup warning">
        Dismiss
      </button>
    </div>
  );
}
