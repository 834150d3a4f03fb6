/**
 * The one IPC message outside the contract: the preload tells the main process the path
 * of a file the reviewer dropped on the window, so the host lets the UI import it (see
 * electron/main/path-grants.ts). A page cannot send it: only the preload holds ipcRenderer.
 */
export const droppedFileChannel = 'exhibit:dropped-file';
