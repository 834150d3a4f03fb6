/**
 * A case whose database turned out damaged when opening it: say what happened (the
 * damaged file is kept aside) and offer its latest good backup, naming when it was taken.
 */
import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../shared/ipc/contract.ts';
import { call, messageOf } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import type { DamagedCase } from './useCase.ts';
import './case.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RestoreBackupDialog({
  damaged,
  onRestore,
  onClose,
}: {
  damaged: DamagedCase;
  onRestore(backup: string): Promise<void>;
  onClose(): void;
}) {
  // undefined: still asking; null: the case has no good backup.
  const [backup, setBackup] = useState<BackupInfo | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('case.backups', { path: damaged.path }).then(
      (r) => live && setBackup(r.latestGood),
      (err: unknown) => {
        if (!live) return;
        setBackup(null);
        setError(messageOf(err));
      },
    );
    return () => {
      live = false;
    };
  }, [damaged.path]);

  const restore = async () => {
    if (!backup || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onRestore(backup.name);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Modal title="This case is damaged" onClose={onClose} role="alertdialog" className="restore-dialog">
      <p className="restore-message">{damaged.message}</p>
      {backup === undefined && <p className="muted">Looking for backups…</p>}
      {backup && (
        <p>
          Restoring brings back the case as it was when the backup was taken, <strong>{when(backup.takenAt)}</strong> (
          {backup.auditRows.toLocaleString()} recorded change{backup.auditRows === 1 ? '' : 's'}). Anything done after that is not
          in it. The damaged file stays where it is.
        </p>
      )}
      {backup === null && !error && <p>No good backup of this case was found, so it cannot be restored here.</p>}
      {error && (
        <p className="restore-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Not now
        </button>
        {backup && (
          <button type="button" className="primary" onClick={() => void restore()} disabled={busy} data-autofocus>
            {busy ? 'Restoring…' : `Restore from backup (${when(backup.takenAt)})`}
          </button>
        )}
      </div>
    </Modal>
  );
}
