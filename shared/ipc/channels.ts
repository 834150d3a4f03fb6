/**
 * Channel and event names without their schemas, so the preload stays tiny.
 * A unit test checks these lists against the contract.
 */
export const channelNames = [
  'case.info',
  'documents.list',
  'documents.get',
  'documents.page',
  'documents.setProvenance',
  'import.start',
  'import.cancel',
  'search.query',
  'audit.verify',
  'dialog.openFiles',
  'dialog.openFolder',
  'highlights.list',
  'highlights.create',
  'highlights.update',
  'highlights.delete',
  'highlights.restore',
  'documents.pageLayout',
  'case.open',
  'case.create',
  'case.recent',
  'case.openSample',
  'settings.get',
  'settings.set',
  'documents.remove',
  'documents.restore',
  'dialog.chooseCaseFolder',
  'shell.openExternal',
  'allegations.list',
  'allegations.create',
  'allegations.update',
  'allegations.reorder',
  'allegations.delete',
  'allegations.restore',
  'allegations.import',
  'allegations.detail',
  'links.create',
  'links.update',
  'links.remove',
  'links.list',
  'matrix.get',
  'highlights.unlinked',
  'responseMap.get',
  'bundle.export',
  'bundle.verify',
  'bundle.import',
  'bundle.cancel',
  'dialog.saveBundle',
  'dialog.openBundle',
  'case.backups',
  'case.restoreBackup',
  'case.backupNow',
  'clipboard.writeText',
  'trust.list',
  'trust.add',
  'trust.remove',
  'ocr.status',
  'ocr.run',
  'ocr.pause',
  'ocr.resume',
  'ocr.cancel',
  'ocr.languages',
] as const;

/** Where a host serves a document's original bytes (same origin as the UI). */
export const originalPath = (documentId: string): string => `/original/${encodeURIComponent(documentId)}`;

export const eventNames = [
  'import.progress',
  'bundle.progress',
  'menu.command',
  'backup.status',
  'geometry.status',
  'ocr.progress',
] as const;

/** The IPC channel string Electron uses for a contract channel. */
export const ipcChannel = (name: string): string => `exhibit:${name}`;
export const ipcEventChannel = 'exhibit:event';
