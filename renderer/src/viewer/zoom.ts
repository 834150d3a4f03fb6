/** Zoom presets and steps shared by the toolbar and the keyboard. */

export const ZOOM_PRESETS: readonly { value: string; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'page-width', label: 'Fit width' },
  { value: 'page-fit', label: 'Fit page' },
  { value: 'page-actual', label: 'Actual size' },
  { value: '0.5', label: '50%' },
  { value: '0.75', label: '75%' },
  { value: '1', label: '100%' },
  { value: '1.25', label: '125%' },
  { value: '1.5', label: '150%' },
  { value: '2', label: '200%' },
  { value: '3', label: '300%' },
  { value: '4', label: '400%' },
];

/** What a key press asks of the zoom, or null when it is not a zoom key. */
export function zoomKey(e: KeyboardEvent): 'in' | 'out' | 'reset' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === '=' || e.key === '+') return 'in';
  if (e.key === '-' || e.key === '_') return 'out';
  if (e.key === '0') return 'reset';
  return null;
}

/** A page number from what the reviewer typed: a page label first, then a plain number. */
export function resolvePageInput(input: string, pages: number, labels: readonly (string | null)[] | null): number | null {
  const v = input.trim();
  if (!v) return null;
  if (labels) {
    const i = labels.findIndex((l) => l === v);
    if (i >= 0) return i + 1;
  }
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n >= 1 && n <= pages) return n;
  }
  return null;
}
