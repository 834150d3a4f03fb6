/**
 * Who the audit log and exports name as the reviewer, and the organization exported bundles
 * name as their source. Changing the name affects later changes only; the log keeps the
 * name each change was made under.
 */
import { useId, useState, type FormEvent } from 'react';
import { Modal } from '../ui/Modal.tsx';

export interface ReviewerIdentity {
  name: string;
  /** Empty when the reviewer names no organization. */
  organization: string;
}

export function ReviewerDialog({
  current,
  onSave,
  onClose,
}: {
  current: ReviewerIdentity;
  onSave(identity: ReviewerIdentity): Promise<boolean>;
  onClose(): void;
}) {
  const [name, setName] = useState(current.name);
  const [organization, setOrganization] = useState(current.organization);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const orgId = useId();
  const orgHintId = useId();
  const trimmed = name.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || saving) return;
    setSaving(true);
    const saved = await onSave({ name: trimmed, organization: organization.trim() });
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
          <label htmlFor={orgId}>Organization</label>
          <input
            id={orgId}
            value={organization}
            onChange={(e) => setOrganization(e.target.value)}
            maxLength={200}
            autoComplete="organization"
            aria-describedby={orgHintId}
          />
          <p id={orgHintId} className="form-hint">
            Optional. Named in exported bundles as the organization they come from.
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
