/** Errors a reviewer can meet. Each names the file or item at fault in `subject`. */
export type ErrorCode =
  | 'invalid-args'
  | 'not-found'
  | 'not-a-case'
  | 'newer-schema'
  | 'case-damaged'
  | 'case-in-use'
  | 'read-only'
  | 'password-required'
  | 'password-incorrect'
  | 'invalid-pdf'
  | 'invalid-image'
  | 'image-too-large'
  | 'unsupported-file'
  | 'unreadable-file'
  | 'extract-timeout'
  | 'extract-memory'
  | 'extract-crash'
  | 'ocr-timeout'
  | 'ocr-memory'
  | 'ocr-crash'
  | 'ocr-language-missing'
  | 'search-syntax'
  | 'cancelled'
  | 'forbidden'
  | 'disk-full'
  | 'backup-failed'
  | 'untrusted-signer'
  | 'busy'
  | 'internal';

/** An error with a code the UI and CLI can act on and a message a reviewer understands. */
export class ExhibitError extends Error {
  readonly code: ErrorCode;
  readonly subject: string | null;
  constructor(code: ErrorCode, message: string, subject: string | null = null) {
    super(message);
    this.name = 'ExhibitError';
    this.code = code;
    this.subject = subject;
  }
}

/**
 * True when a write failed for want of space: ENOSPC or EDQUOT from the file system,
 * SQLITE_FULL from SQLite (better-sqlite3 puts either in `code`).
 */
export function isDiskFull(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** The error a reviewer sees when the disk holding `folder` is full; `what` says what was not done. */
export function diskFullError(folder: string, what: string, subject: string = folder): ExhibitError {
  return new ExhibitError(
    'disk-full',
    `${what}: the disk holding ${folder} is full. Free some space there and try again.`,
    subject,
  );
}

/** Turn anything thrown into the payload that crosses the IPC boundary. */
export function toErrorPayload(err: unknown): { code: string; message: string; subject: string | null } {
  if (err instanceof ExhibitError) return { code: err.code, message: err.message, subject: err.subject };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}`, subject: null };
}
