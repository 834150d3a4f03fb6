/**
 * The application menu: File, Edit, View (with the theme), Case, Help. Every item that acts on the case or
 * the document is sent to the UI as the command its shortcut runs, so there is one code
 * path per action; the menu only shows the keys (the page handles them in every host).
 * Cut, Copy, Paste and Select All stay native: they act on whatever has focus.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, ThemeChoice } from '../../shared/ipc/contract.ts';

export interface RecentCase {
  path: string;
  name: string;
  exists: boolean;
}

export interface MenuHooks {
  /** Deliver a command to the window's UI. */
  send(command: MenuCommand): void;
  /** Open a recent case (the host switches, then tells the UI). */
  openRecent(path: string): void;
  showAbout(): void;
  recent: RecentCase[];
  /** The saved theme, ticked in View > Theme. */
  theme: ThemeChoice;
  /** Development builds get Reload and the developer tools. */
  dev: boolean;
}

/** A menu item that sends `command`, showing `accelerator` without taking the key from the page. */
const item = (hooks: MenuHooks, label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
  label,
  click: () => hooks.send(command),
  ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
});

/** View > Theme: the choice goes to the UI, which saves it (the shell follows what is saved). */
function themeMenu(hooks: MenuHooks): MenuItemConstructorOptions[] {
  const choices: [ThemeChoice, string][] = [
    ['system', 'System'],
    ['light', 'Light'],
    ['dark', 'Dark'],
  ];
  return choices.map(([theme, label]) => ({
    label,
    type: 'radio',
    checked: hooks.theme === theme,
    click: () => hooks.send(`theme-${theme}`),
  }));
}

function recentMenu(hooks: MenuHooks): MenuItemConstructorOptions[] {
  if (hooks.recent.length === 0) return [{ label: 'No recent cases', enabled: false }];
  return hooks.recent.map((r) => ({
    label: r.exists ? `${r.name}  —  ${r.path}` : `${r.name} (not found)`,
    enabled: r.exists,
    click: () => hooks.openRecent(r.path),
  }));
}

/** Build the menu from the current recent-case list. */
export function buildMenu(hooks: MenuHooks): Menu {
  const isMac = process.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        item(hooks, 'Import Files…', 'import-files', 'CmdOrCtrl+O'),
        item(hooks, 'Import Folder…', 'import-folder', 'CmdOrCtrl+Shift+O'),
        sep,
        item(hooks, 'Open Case…', 'open-case'),
        item(hooks, 'New Case…', 'new-case'),
        { label: 'Recent Cases', submenu: recentMenu(hooks) },
        sep,
        item(hooks, 'Export Bundle…', 'export-bundle', 'CmdOrCtrl+E'),
        item(hooks, 'Import Bundle…', 'import-bundle', 'CmdOrCtrl+Shift+B'),
        item(hooks, 'Verify Bundle…', 'verify-bundle', 'CmdOrCtrl+Shift+E'),
        sep,
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The UI's undo history (highlights, removals), not the web contents' own.
        item(hooks, 'Undo', 'undo', 'CmdOrCtrl+Z'),
        item(hooks, 'Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
        sep,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        sep,
        item(hooks, 'Find in Document', 'find-in-document', 'CmdOrCtrl+F'),
        item(hooks, 'Search Case', 'search-case', 'CmdOrCtrl+Shift+F'),
        sep,
        item(hooks, 'Reviewer Name…', 'set-reviewer'),
      ],
    },
    {
      label: '&View',
      submenu: [
        // Zoom goes to the document viewer; the interface itself keeps its size.
        item(hooks, 'Zoom In', 'zoom-in', 'CmdOrCtrl+Plus'),
        item(hooks, 'Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
        item(hooks, 'Actual Size', 'zoom-reset', 'CmdOrCtrl+0'),
        sep,
        item(hooks, 'Toggle Sidebar', 'toggle-sidebar', 'CmdOrCtrl+B'),
        item(hooks, 'Show Recognised Text', 'toggle-ocr-text', 'CmdOrCtrl+Shift+L'),
        sep,
        { label: 'Theme', submenu: themeMenu(hooks) },
        ...(hooks.dev ? [sep, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
        ...(isMac ? [sep, { role: 'togglefullscreen' } as const] : []),
      ],
    },
    {
      label: '&Case',
      submenu: [
        item(hooks, 'Provenance…', 'edit-provenance', 'CmdOrCtrl+I'),
        item(hooks, 'Remove Document…', 'remove-document'),
        item(hooks, 'Re-run OCR…', 'rerun-ocr'),
        sep,
        // The ledger views open beside the document, as their keys do.
        item(hooks, 'Allegation Board', 'show-allegations', 'CmdOrCtrl+Shift+A'),
        item(hooks, 'Evidence Matrix', 'show-matrix', 'CmdOrCtrl+Shift+M'),
        item(hooks, 'Court Bundle', 'court-bundle', 'CmdOrCtrl+Shift+U'),
        sep,
        item(hooks, 'Trusted Signers…', 'show-trusted-signers', 'CmdOrCtrl+Shift+K'),
        item(hooks, 'Verify Audit Log', 'verify-audit'),
        item(hooks, 'Back Up Now', 'backup-now'),
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        item(hooks, 'Keyboard Shortcuts', 'show-shortcuts', 'F1'),
        ...(isMac ? [] : [sep, { label: 'About Exhibit', click: hooks.showAbout }]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
