/** Asks for a plan's name: a new plan's, or a new name for the open one. */
import { useId, useState } from 'react';
import { messageOf } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';

export function PlanNameDialog({
  title,
  initial,
  action,
  onSubmit,
  onClose,
}: {
  title: string;
  initial: string;
  action: string;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
}) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal title={title} onClose={onClose} className="allegation-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          onSubmit(name.trim())
            .then(onClose)
            .catch((err: unknown) => setError(messageOf(err)))
            .finally(() => setBusy(false));
        }}
      >
        <label htmlFor={id}>Plan name</label>
        <input
          id={id}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          data-autofocus
        />
        {error && (
          <p id={`${id}-error`} className="bundle-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {action}
          </button>
        </div>
      </form>
    </Modal>
  );
}
