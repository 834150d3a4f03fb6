/**
 * The application menu. Import commands are handed to the UI, which runs them the
 * same way as its own buttons (dialog, progress, results); the menu holds no logic.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract.ts';

/** Build the menu; `send` delivers a command to the focused window's UI. */
export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Import Files…',
          accelerator: 'CmdOrCtrl+O',
          // The page handles Ctrl+O itself (so it works in every host); the menu only shows the key.
          registerAccelerator: false,
          click: () => send('import-files'),
        },
        { label: 'Import Folder…', click: () => send('import-folder') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu' },
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
  ];
  return Menu.buildFromTemplate(template);
}
