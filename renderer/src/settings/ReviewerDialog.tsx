/**
 * Who the audit log and exports name as the reviewer. Changing it affects later changes
 * only; the log keeps the name each change was made under.
 */
import { useId, useState, type FormEvent } from 'react';
import { Modal } from '../ui/Modal.tsx';

export function ReviewerDialog({
  current,
  onSave,
  onClose,
}: {
  current: string;
  onSave(name: string): Promise<boolean>;
  onClose(): void;
}) {
  const [name, setName] = useState(current);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const trimmed = name.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || saving) return;
    setSaving(true);
    const saved = await onSave(trimmed);
    setSaving(false);
    if (saved) onClose();
  };

  return (
    <Modal title="Reviewer name" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          <label htmlFor={inputId}>Name</label>
          <input
            id={inputId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            autoComplete="name"
            aria-describedby={hintId}
            data-autofocus
          />
          <p id={hintId} className="form-hint">
            Recorded in the audit log and in exports for every change you make from now on.
          </p>
        </div>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!trimmed || saving}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
