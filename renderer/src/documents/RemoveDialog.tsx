/** Asks before a document leaves the case, and says what removal does and does not do. */
import { Modal } from '../ui/Modal.tsx';

export function RemoveDialog({
  title,
  onConfirm,
  onClose,
}: {
  /** The document's title as the window shows it, told apart from others of its title. */
  title: string;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Modal title="Remove document from the case?" onClose={onClose} role="alertdialog">
      <p className="confirm-subject">{title}</p>
      <p>
        It leaves the document list and search results. The original file stays in the case folder, the removal is recorded in the
        audit log, and you can undo it with <kbd>Ctrl</kbd>+<kbd>Z</kbd>.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button type="button" className="destructive" onClick={onConfirm}>
          Remove document
        </button>
      </div>
    </Modal>
  );
}
