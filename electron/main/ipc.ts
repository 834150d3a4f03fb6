/**
 * The one place Electron IPC meets the services: every contract channel gets a
 * handler that checks who is asking (our app:// origin, the main frame; ipc-guard.ts)
 * before the router sees the message and validates it. Events go back to every window
 * on one channel.
 */
import {
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  shell,
  type IpcMainEvent,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { channelNames, ipcChannel, ipcEventChannel } from '../../shared/ipc/channels.ts';
import type { EventName, EventOf } from '../../shared/ipc/contract.ts';
import { TEXT_EXTENSIONS } from '../services/ingest/text.ts';
import type { HostHandlers, Router } from '../services/router.ts';
import { droppedFileChannel } from '../preload/host-channels.ts';
import { isOpenableExternally } from './contents-policy.ts';
import { guardedCall, isTrustedFrame } from './ipc-guard.ts';
import type { PathGrants } from './path-grants.ts';

/**
 * Register a handler per channel, and the preload's report of dropped files (each one
 * then granted for reading); returns a function that removes them.
 */
export function wireIpc(router: Router, grants: PathGrants): () => void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) => guardedCall(router, event.senderFrame, name, args));
  }
  const dropped = (event: IpcMainEvent, filePath: unknown) => {
    if (isTrustedFrame(event.senderFrame) && typeof filePath === 'string') grants.grant('read', filePath);
  };
  ipcMain.on(droppedFileChannel, dropped);
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(ipcChannel(name));
    ipcMain.removeListener(droppedFileChannel, dropped);
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
  | 'dialog.openFiles'
  | 'dialog.openFolder'
  | 'dialog.chooseCaseFolder'
  | 'dialog.saveBundle'
  | 'dialog.saveCourtBundle'
  | 'dialog.openBundle'
  | 'dialog.openLanguagePack'
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
    'dialog.saveCourtBundle': ({ suggestedName }) =>
      chooseSave(owner(), {
        title: 'Save court bundle',
        buttonLabel: 'Build bundle',
        defaultPath: suggestedName,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    'dialog.openBundle': () =>
      choose(owner(), {
        title: 'Verify an evidence bundle',
        buttonLabel: 'Verify',
        properties: ['openFile'],
        filters: zipFilter,
      }),
    // Dialog filters match a name's last extension only, so a gzipped pack is offered as .gz.
    'dialog.openLanguagePack': () =>
      choose(owner(), {
        title: 'Add an OCR language pack',
        buttonLabel: 'Add pack',
        properties: ['openFile'],
        filters: [
          { name: 'Tesseract language data (.traineddata, .traineddata.gz)', extensions: ['traineddata', 'gz'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
  };
}

/**
 * shell.openExternal: a link from a document, after the reviewer confirmed it in the UI.
 * Only http(s) links leave the app (checked again here); the answer says whether this one did.
 * clipboard.writeText: text the reviewer asked to copy (their key's fingerprint); the page
 * has no clipboard permission of its own, and nothing here reads the clipboard.
 */
export function hostShell(): Pick<Required<HostHandlers>, 'shell.openExternal' | 'clipboard.writeText'> {
  return {
    'clipboard.writeText': async ({ text }) => {
      clipboard.writeText(text);
      return { copied: true };
    },
    'shell.openExternal': async ({ url }) => {
      if (!isOpenableExternally(url)) return { opened: false };
      // Checked just above by isOpenableExternally (http and https only; tested).
      await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { opened: true };
    },
  };
}
