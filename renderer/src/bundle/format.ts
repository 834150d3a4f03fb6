/** Small wording helpers for the bundle dialogs. */

export { formatBytes } from '../../../shared/format-bytes.ts';

/**
 * "<case> bundle YYYY-MM-DD.zip", with characters no file system accepts replaced, so the
 * save dialog starts from a name the reviewer rarely needs to change.
 */
export function suggestedBundleName(caseName: string, when: Date): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const safe = caseName.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').trim() || 'case';
  const day = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}`;
  return `${safe.slice(0, 120)} bundle ${day}.zip`;
}
