/** Small wording helpers for the bundle dialogs. */

/** Bytes as a reviewer reads a file size: "812 bytes", "14.2 KB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

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
