/**
 * Where a document came from: source, obtained from, obtained at, collected by, notes.
 * Offered after an import (for every document it brought in) and from each document
 * later. The engine writes each change, with the old values, to the audit log.
 */
import { useId, useState, type FormEvent } from 'react';
import type { DocumentSummary, Provenance } from '../../../shared/ipc/contract.ts';
import { Modal } from '../ui/Modal.tsx';

type Field = keyof Provenance;
const fields: { key: Field; label: string; hint?: string; long?: boolean }[] = [
  { key: 'source', label: 'Source', hint: 'e.g. OHCHR communication, disclosure bundle 3' },
  { key: 'obtainedFrom', label: 'Obtained from', hint: 'the person or body that handed it over' },
  { key: 'obtainedAt', label: 'Obtained on', hint: 'a date such as 2024-05-01' },
  { key: 'collectedBy', label: 'Collected by' },
  { key: 'notes', label: 'Notes', long: true },
];

/** Blank fields are dropped, so a cleared field is recorded as "not known", not as "". */
function clean(values: Provenance): Provenance {
  const out: Provenance = {};
  for (const { key } of fields) {
    const v = values[key]?.trim();
    if (v) out[key] = v;
  }
  return out;
}

export function ProvenanceDialog({
  documents,
  shownTitle,
  onSave,
  onClose,
}: {
  /** One document to edit, or the documents an import just brought in. */
  documents: DocumentSummary[];
  /** The title the window shows for a document (told apart from others of its title). */
  shownTitle(doc: DocumentSummary): string;
  onSave(provenance: Provenance): Promise<boolean>;
  onClose(): void;
}) {
  const single = documents.length === 1 ? documents[0]! : null;
  const [values, setValues] = useState<Provenance>(single ? single.provenance : {});
  const [saving, setSaving] = useState(false);
  const baseId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const saved = await onSave(clean(values));
    setSaving(false);
    if (saved) onClose();
  };

  const title = single ? `Provenance: ${shownTitle(single)}` : `Provenance for ${documents.length} imported documents`;
  return (
    <Modal title={title} onClose={onClose} className="provenance-dialog">
      <form onSubmit={(e) => void submit(e)}>
        {!single && <p className="form-lead">The same provenance is recorded for each of them; you can change any one later.</p>}
        <div className="form-grid">
          {fields.map(({ key, label, hint, long }, i) => {
            const id = `${baseId}-${key}`;
            const common = {
              id,
              value: values[key] ?? '',
              'data-autofocus': i === 0 ? true : undefined,
              'aria-describedby': hint ? `${id}-hint` : undefined,
              onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value })),
            };
            return (
              <div key={key} className="form-row">
                <label htmlFor={id}>{label}</label>
                {long ? (
                  <textarea rows={4} maxLength={20000} {...common} />
                ) : (
                  <input maxLength={key === 'obtainedAt' ? 100 : 2000} {...common} />
                )}
                {hint && (
                  <p id={`${id}-hint`} className="form-hint">
                    {hint}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save provenance
          </button>
        </div>
      </form>
    </Modal>
  );
}
