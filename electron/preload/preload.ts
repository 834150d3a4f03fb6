/**
 * The sandboxed preload: exposes `window.exhibit` (named methods built from the
 * channel list) and `window.exhibitFiles.pathOf`, nothing else. ipcRenderer, process
 * and env stay on this side.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi, type Invoke, type Subscribe } from '../../shared/ipc/api-shape.ts';
import { channelNames, ipcChannel, ipcEventChannel } from '../../shared/ipc/channels.ts';
import { droppedFileChannel } from './host-channels.ts';

const invoke: Invoke = (channel, args) => ipcRenderer.invoke(ipcChannel(channel), args);

const subscribe: Subscribe = (callback) => {
  // Strip the IpcRendererEvent: it carries `sender`, which is ipcRenderer itself.
  const listener = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (typeof name === 'string') callback(name, payload);
  };
  ipcRenderer.on(ipcEventChannel, listener);
  return () => {
    ipcRenderer.removeListener(ipcEventChannel, listener);
  };
};

contextBridge.exposeInMainWorld('exhibit', buildApi(channelNames, invoke, subscribe));

// Files dropped on the window: a page cannot learn a File's path, and Electron removed
// File.path, so the import needs webUtils here. It answers only for File objects the
// page already holds from a drop (a File the page made itself has no path); it cannot
// name or read any other file. The path is registered with the host first, which then
// lets the UI import it: the message goes ahead of the import call on the same channel.
const pathOf = (file: File): string => {
  const path = webUtils.getPathForFile(file);
  if (path) ipcRenderer.send(droppedFileChannel, path);
  return path;
};
contextBridge.exposeInMainWorld('exhibitFiles', { pathOf });
