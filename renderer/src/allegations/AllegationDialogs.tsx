/** The board's dialogs: create or edit an allegation, paste a list, and confirm a delete that takes links with it. */
import { useId, useState, type FormEvent } from 'react';
import type { Allegation, AllegationStatus } from '../../../shared/ipc/allegation-schemas.ts';
import { Modal } from '../ui/Modal.tsx';
import type { AllegationFields } from './actions.ts';
import { STATUS_LABEL, STATUSES, totalOf } from './stances.ts';

export function AllegationForm({
  editing,
  onSave,
  onClose,
}: {
  editing: Allegation | null;
  onSave(fields: AllegationFields): Promise<boolean>;
  onClose(): void;
}) {
  const [code, setCode] = useState(editing?.code ?? '');
  const [title, setTitle] = useState(editing?.title ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [source, setSource] = useState(editing?.source ?? '');
  const [status, setStatus] = useState<AllegationStatus>(editing?.status ?? 'open');
  const [tags, setTags] = useState(editing?.tags.join(', ') ?? '');
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    const fields: AllegationFields = {
      title: title.trim(),
      description: description.trim(),
      source: source.trim(),
      status,
      tags: [
        ...new Set(
          tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ],
      ...(code.trim() ? { code: code.trim() } : {}),
    };
    if (await onSave(fields)) onClose();
    else setBusy(false);
  };

  return (
    <Modal title={editing ? `Edit allegation ${editing.code}` : 'New allegation'} onClose={onClose} className="allegation-dialog">
      <form className="alg-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-code`}>Code</label>
        <input
          id={`${id}-code`}
          value={code}
          maxLength={20}
          placeholder="Assigned if left empty"
          onChange={(e) => setCode(e.target.value)}
        />
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={500}
          required
          data-autofocus
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor={`${id}-desc`}>Description</label>
        <textarea
          id={`${id}-desc`}
          rows={3}
          value={description}
          maxLength={20000}
          onChange={(e) => setDescription(e.target.value)}
        />
        <label htmlFor={`${id}-src`}>Source</label>
        <input
          id={`${id}-src`}
          value={source}
          maxLength={2000}
          placeholder="Who alleges it, and where (report, date)"
          onChange={(e) => setSource(e.target.value)}
        />
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as AllegationStatus)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input id={`${id}-tags`} value={tags} placeholder="Comma-separated" onChange={(e) => setTags(e.target.value)} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !title.trim()}>
            {editing ? 'Save' : 'Add allegation'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function ImportAllegationsDialog({ onImport, onClose }: { onImport(text: string): Promise<boolean>; onClose(): void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    if (await onImport(text)) onClose();
    else setBusy(false);
  };
  return (
    <Modal title="Paste allegations" onClose={onClose} className="allegation-dialog">
      <form className="alg-import" onSubmit={(e) => void submit(e)}>
        <label htmlFor={id}>
          One allegation per line, a Markdown list, or CSV with a header row (title, code, description, source, status, tags).
        </label>
        <textarea
          id={id}
          rows={12}
          value={text}
          data-autofocus
          spellCheck={false}
          placeholder={'- Workers at the depot were not paid overtime\n- The company ignored the auditor’s warning'}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !text.trim()}>
            Add allegations
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function DeleteAllegationDialog({
  allegation,
  onConfirm,
  onClose,
}: {
  allegation: Allegation;
  onConfirm(): void;
  onClose(): void;
}) {
  const links = totalOf(allegation.counts);
  return (
    <Modal title="Delete allegation?" onClose={onClose} role="alertdialog">
      <p className="confirm-subject">
        {allegation.code} — {allegation.title}
      </p>
      <p>
        {links === 1 ? 'One passage is' : `${links} passages are`} linked to it. Deleting it removes those links too; the
        highlights stay. You can undo this with <kbd>Ctrl</kbd>+<kbd>Z</kbd>.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button type="button" className="destructive" onClick={onConfirm}>
          Delete with its links
        </button>
      </div>
    </Modal>
  );
}
