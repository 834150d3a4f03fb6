/**
 * Asked when a job must open an encrypted PDF whose password this session does not hold
 * (importing a bundle from an earlier Exhibit, building a court bundle): names the
 * document, says why its password is needed and that nothing has been written yet; after
 * a wrong password, says so. The form's submit button sits in the dialog's action row (it
 * names this form), beside Cancel.
 */
import { useId } from 'react';

export function DocumentPassword({
  formId,
  title,
  wrong,
  why,
  wrongNote,
  password,
  onPassword,
  onSubmit,
}: {
  formId: string;
  /** The encrypted document's title. */
  title: string;
  /** The last password tried did not open it. */
  wrong: boolean;
  /** Why the PDF must be opened, and that nothing was written yet. */
  why: string;
  /** What a wrong password changed (nothing), said after "That password does not open …". */
  wrongNote: string;
  password: string;
  onPassword(password: string): void;
  onSubmit(): void;
}) {
  const inputId = useId();
  const noteId = useId();
  return (
    <form
      id={formId}
      className="bundle-password"
      aria-label="Document password"
      onSubmit={(e) => {
        e.preventDefault();
        if (password) onSubmit();
      }}
    >
      <h3>“{title}” is an encrypted PDF</h3>
      <p id={noteId}>{why}</p>
      {wrong && (
        <p className="bundle-error" role="alert">
          That password does not open “{title}”. {wrongNote}
        </p>
      )}
      <label htmlFor={inputId}>Password for “{title}”</label>
      <input
        id={inputId}
        type="password"
        autoComplete="off"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        aria-describedby={noteId}
        aria-invalid={wrong}
        data-autofocus
      />
    </form>
  );
}
