/**
 * A modal dialog on the native <dialog> element: the browser traps focus, restores it on
 * close, closes on Escape and marks the rest of the page inert, which no hand-rolled
 * overlay gets fully right.
 */
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import './modal.css';

export function Modal({
  title,
  onClose,
  children,
  className,
  role,
  focusKey,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  /** 'alertdialog' for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  /**
   * For a dialog that moves through states (choosing, working, done): when this changes,
   * focus moves to the new state's [data-autofocus] control, so the keyboard never lands
   * on a control that just disappeared or was disabled.
   */
  focusKey?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  // A layout effect: its cleanup closes the dialog while it is still in the page, so the browser
  // puts the focus back on the control that opened it (a removed open dialog leaves it on the body).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    if (!dialog.open) dialog.showModal();
    // React applies autoFocus before showModal() moves focus to the first control, so the
    // dialog's chosen starting point is marked with data-autofocus and focused here.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Escape fires "cancel"; the owner decides, so the element never closes behind React's back.
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  useEffect(() => {
    if (focusKey !== undefined) ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [focusKey]);

  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-labelledby={titleId} role={role}>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="quiet modal-x" onClick={() => close.current()} aria-label="Close">
          ×
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
