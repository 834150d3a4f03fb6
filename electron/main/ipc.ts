/**
 * The one place Electron IPC meets the services: every contract channel gets a
 * handler that checks who is asking (our app:// origin, the main frame) before the
 * router sees the message. Events go back to every window on one channel.
 */
import { BrowserWindow, dialog, ipcMain, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { channelNames, ipcChannel, ipcEventChannel } from '../../shared/ipc/channels.ts';
import type { Envelope, EventName, EventOf } from '../../shared/ipc/contract.ts';
import { TEXT_EXTENSIONS } from '../services/ingest/text.ts';
import type { HostHandlers, Router } from '../services/router.ts';
import { APP_HOST, APP_SCHEME } from './protocol.ts';

/** The parts of a WebFrameMain the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** True only for the top frame of a page served from app://exhibit. */
export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    // Node's URL gives non-special schemes an opaque origin ("null"), so compare the parts.
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

const forbidden = (channel: string): Envelope<never> => ({
  ok: false,
  error: { code: 'forbidden', message: `"${channel}" may only be called by the Exhibit window`, subject: channel },
});

/** Register a handler per channel; returns a function that removes them. */
export function wireIpc(router: Router): () => void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) return forbidden(name);
      return router.call(name, args);
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Push an event to every window's UI. */
export function broadcast<E extends EventName>(event: E, payload: EventOf<E>): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(ipcEventChannel, event, payload);
  }
}

const importable = ['pdf', ...TEXT_EXTENSIONS.map((ext) => ext.slice(1))];

async function choose(owner: BrowserWindow | null, options: OpenDialogOptions): Promise<string[]> {
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** The save dialog answers like the open ones: one path, or [] when cancelled. */
async function chooseSave(owner: BrowserWindow | null, options: SaveDialogOptions): Promise<string[]> {
  const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? [] : [result.filePath];
}

const zipFilter = [{ name: 'Evidence bundle (ZIP)', extensions: ['zip'] }];

/**
 * The host side of the dialog channels; a cancelled dialog gives []. A new case goes in a
 * folder the reviewer picks or creates in the dialog.
 */
export function hostDialogs(
  owner: () => BrowserWindow | null,
): Pick<
  Required<HostHandlers>,
  'dialog.openFiles' | 'dialog.openFolder' | 'dialog.chooseCaseFolder' | 'dialog.saveBundle' | 'dialog.openBundle'
> {
  return {
    'dialog.openFiles': () =>
      choose(owner(), {
        title: 'Import files',
        buttonLabel: 'Import',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'PDF and text documents', extensions: importable },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    'dialog.openFolder': () =>
      choose(owner(), {
        title: 'Import a folder',
        buttonLabel: 'Import folder',
        properties: ['openDirectory', 'multiSelections'],
      }),
    'dialog.chooseCaseFolder': ({ purpose }) =>
      choose(
        owner(),
        purpose === 'open'
          ? { title: 'Open a case', buttonLabel: 'Open case', properties: ['openDirectory'] }
          : {
              title: 'Choose an empty folder for the new case',
              buttonLabel: 'Create case here',
              properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
            },
      ),
    'dialog.saveBundle': ({ suggestedName }) =>
      chooseSave(owner(), {
        title: 'Export evidence bundle',
        buttonLabel: 'Export',
        defaultPath: suggestedName,
        filters: zipFilter,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    'dialog.openBundle': () =>
      choose(owner(), {
        title: 'Verify an evidence bundle',
        buttonLabel: 'Verify',
        properties: ['openFile'],
        filters: zipFilter,
      }),
  };
}

/** Schemes the system browser or mail client may be handed; anything else (file:, custom handlers) is refused. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** True when `url` may be opened outside the app. */
export function isOpenableExternally(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * shell.openExternal: a link from a document, after the reviewer confirmed it in the UI.
 * Only web and mail links leave the app; the answer says whether this one did.
 */
export function hostShell(): Pick<Required<HostHandlers>, 'shell.openExternal'> {
  return {
    'shell.openExternal': async ({ url }) => {
      if (!isOpenableExternally(url)) return { opened: false };
      await shell.openExternal(url);
      return { opened: true };
    },
  };
}
