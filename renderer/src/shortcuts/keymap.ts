/**
 * The keyboard shortcuts, defined once: the key handler matches against this table and
 * the help panel lists it, so what the panel says is what the keys do. The native menu
 * shows the same keys (electron/main/menu.ts) but leaves them to the page.
 */
import type { AppCommand } from './commands.ts';

export interface KeyBinding {
  command: AppCommand;
  /** What the key does, in the help panel's words. */
  label: string;
  /** Keys as shown, e.g. ['Ctrl', 'Shift', 'F']; "Ctrl" reads "⌘" on a Mac. */
  keys: string[][];
  /** For a command without keys, listed so it can be found: the menu that has it. */
  menu?: string;
  group: 'Case' | 'Documents' | 'Editing' | 'Viewer' | 'Help';
  /** Plain keys (no Ctrl) and Undo/Redo keep their usual meaning while typing in a field. */
  inTextFields: boolean;
}

export const keymap: readonly KeyBinding[] = [
  { command: 'import-files', label: 'Import files', keys: [['Ctrl', 'O']], group: 'Documents', inTextFields: true },
  { command: 'import-folder', label: 'Import a folder', keys: [['Ctrl', 'Shift', 'O']], group: 'Documents', inTextFields: true },
  {
    command: 'edit-provenance',
    label: 'Provenance of the selected document',
    keys: [['Ctrl', 'I']],
    group: 'Documents',
    inTextFields: true,
  },
  {
    command: 'toggle-sidebar',
    label: 'Show or hide the document list',
    keys: [['Ctrl', 'B']],
    group: 'Documents',
    inTextFields: true,
  },
  { command: 'search-case', label: 'Search the case', keys: [['Ctrl', 'Shift', 'F'], ['/']], group: 'Case', inTextFields: true },
  {
    command: 'show-allegations',
    label: 'Allegation board',
    keys: [['Ctrl', 'Shift', 'A']],
    group: 'Case',
    inTextFields: true,
  },
  { command: 'show-matrix', label: 'Evidence matrix', keys: [['Ctrl', 'Shift', 'M']], group: 'Case', inTextFields: true },
  { command: 'court-bundle', label: 'Court bundle', keys: [['Ctrl', 'Shift', 'U']], group: 'Case', inTextFields: true },
  { command: 'export-bundle', label: 'Export an evidence bundle', keys: [['Ctrl', 'E']], group: 'Case', inTextFields: true },
  {
    command: 'verify-bundle',
    label: 'Verify an evidence bundle',
    keys: [['Ctrl', 'Shift', 'E']],
    group: 'Case',
    inTextFields: true,
  },
  {
    command: 'import-bundle',
    label: 'Import an evidence bundle into the case',
    keys: [['Ctrl', 'Shift', 'B']],
    group: 'Case',
    inTextFields: true,
  },
  {
    command: 'show-trusted-signers',
    label: 'Trusted signers (your key, and the keys whose bundles this case imports)',
    keys: [['Ctrl', 'Shift', 'K']],
    group: 'Case',
    inTextFields: true,
  },
  { command: 'backup-now', label: 'Back up the case now', keys: [], menu: 'Case', group: 'Case', inTextFields: true },
  {
    command: 'rerun-ocr',
    label: 'Read a scanned document again (OCR), in other languages',
    keys: [],
    menu: 'Case',
    group: 'Documents',
    inTextFields: true,
  },
  { command: 'undo', label: 'Undo', keys: [['Ctrl', 'Z']], group: 'Editing', inTextFields: false },
  {
    command: 'redo',
    label: 'Redo',
    keys: [
      ['Ctrl', 'Shift', 'Z'],
      ['Ctrl', 'Y'],
    ],
    group: 'Editing',
    inTextFields: false,
  },
  { command: 'find-in-document', label: 'Find in the open document', keys: [['Ctrl', 'F']], group: 'Viewer', inTextFields: true },
  { command: 'zoom-in', label: 'Zoom in', keys: [['Ctrl', '+']], group: 'Viewer', inTextFields: true },
  { command: 'zoom-out', label: 'Zoom out', keys: [['Ctrl', '−']], group: 'Viewer', inTextFields: true },
  { command: 'zoom-reset', label: 'Actual size', keys: [['Ctrl', '0']], group: 'Viewer', inTextFields: true },
  {
    command: 'toggle-ocr-text',
    label: 'Show or hide the recognised text over a scanned page',
    keys: [['Ctrl', 'Shift', 'L']],
    group: 'Viewer',
    inTextFields: true,
  },
  { command: 'show-shortcuts', label: 'Keyboard shortcuts', keys: [['F1'], ['Ctrl', '/']], group: 'Help', inTextFields: true },
];

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** A key as the reviewer's keyboard labels it. */
export const keyLabel = (key: string): string => (key === 'Ctrl' && isMac ? '⌘' : key);

/** A command's first key combination as a reviewer reads it ("Ctrl+Shift+L"), for titles and notes; '' when it has none. */
export function shortcutText(command: AppCommand): string {
  return (
    keymap
      .find((b) => b.command === command)
      ?.keys[0]?.map(keyLabel)
      .join('+') ?? ''
  );
}

/** The physical key a combo names, compared case-insensitively against KeyboardEvent.key. */
const keyMatches = (want: string, e: KeyboardEvent): boolean => {
  if (want === '+') return e.key === '+' || e.key === '=';
  if (want === '−') return e.key === '-' || e.key === '_';
  if (want === '/') return e.key === '/' || e.code === 'Slash';
  return e.key.toLowerCase() === want.toLowerCase();
};

function comboMatches(combo: string[], e: KeyboardEvent): boolean {
  const ctrl = combo.includes('Ctrl');
  const shift = combo.includes('Shift');
  const key = combo.at(-1)!;
  if ((isMac ? e.metaKey : e.ctrlKey) !== ctrl || e.altKey) return false;
  // "+" is Shift+= on most layouts, so Shift is not checked for it.
  if (key !== '+' && key !== '/' && e.shiftKey !== shift) return false;
  return keyMatches(key, e);
}

/**
 * The binding a key press triggers, if any. In a text field a typed character ("/") is
 * text, and Undo/Redo belong to the field; other Ctrl shortcuts still work there.
 */
export function bindingFor(e: KeyboardEvent, inTextField: boolean): KeyBinding | null {
  for (const binding of keymap) {
    const combo = binding.keys.find((c) => comboMatches(c, e));
    if (!combo) continue;
    const typesText = !combo.includes('Ctrl') && combo.at(-1)!.length === 1;
    if (inTextField && (typesText || !binding.inTextFields)) return null;
    return binding;
  }
  return null;
}

/** True when the event comes from somewhere the reviewer types text. */
export const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type)));
