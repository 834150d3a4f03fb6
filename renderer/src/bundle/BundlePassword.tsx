/**
 * Asked while importing a bundle from an earlier Exhibit that holds an encrypted PDF: such a
 * bundle does not carry the PDF's pages, so the PDF itself must be opened, and that takes
 * its password. Names the document; after a wrong password, says so. Nothing has been
 * written to the case when this shows. The form's submit button sits in the dialog's
 * action row (it names this form), beside Cancel.
 */
import { useId } from 'react';

export function BundlePassword({
  formId,
  title,
  wrong,
  password,
  onPassword,
  onSubmit,
}: {
  formId: string;
  /** The encrypted document's title. */
  title: string;
  /** The last password tried did not open it. */
  wrong: boolean;
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
      <p id={noteId}>
        This bundle was made by an earlier version of Exhibit and does not carry the text of this document’s pages, so the PDF
        itself has to be opened to import it. Enter the password you were given for it. Nothing has been imported yet.
      </p>
      {wrong && (
        <p className="bundle-error" role="alert">
          That password does not open “{title}”. Nothing was imported; try again.
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
