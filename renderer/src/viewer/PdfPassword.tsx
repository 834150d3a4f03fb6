/**
 * The password form an encrypted original shows in the viewer. Its text was read with the
 * password at import (search and highlights work without it); drawing the pages needs it
 * again. The password opens the document in this window only and is never stored.
 */
import { useId, useState, type FormEvent } from 'react';

export function PdfPassword({ wrong, onUnlock }: { wrong: boolean; onUnlock(password: string): void }) {
  const [password, setPassword] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) onUnlock(password);
  };
  return (
    <form className="viewer-password" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>This PDF is encrypted</h3>
      <p>
        Its text is in the case, so search and highlights work without it; to show its pages here, enter the password it was
        imported with. The password is used for this window only and is not stored.
      </p>
      {wrong && (
        <p className="viewer-error" role="alert">
          That password does not open this PDF. Check it and try again.
        </p>
      )}
      <label htmlFor={`${id}-pw`}>Password</label>
      <input
        id={`${id}-pw`}
        type="password"
        autoComplete="off"
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="primary" disabled={!password}>
        Open
      </button>
    </form>
  );
}
