/** Cases (open, create, switch, recent, sample), per-user settings and document removal. */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';
import { CaseInfo, DocumentSummary } from './schemas.ts';

const id = z.string().min(1).max(200);
const dir = z.string().min(1).max(4096);

/** The app's colours: the system's light or dark, or one of them whatever the system says. */
export const ThemeChoice = z.enum(['system', 'light', 'dark']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

export const Settings = z.object({
  reviewerName: z.string(),
  /** Named as Source-Organization in exported bundles; null when unset. */
  organization: z.string().nullable(),
  /** The document open when the app last closed, to reopen it. */
  lastDocument: z.object({ caseDir: z.string(), documentId: z.string(), page: z.number().int() }).nullable(),
  theme: ThemeChoice,
});
export type Settings = z.infer<typeof Settings>;

export const caseChannels = {
  'case.open': {
    args: z.object({ path: dir }).strict(),
    result: CaseInfo,
    access: 'read',
    path: { field: 'path', need: 'case' },
    switchesCase: true,
  },
  'case.create': {
    args: z.object({ path: dir }).strict(),
    result: CaseInfo,
    access: 'read',
    path: { field: 'path', need: 'case' },
    switchesCase: true,
  },
  /** The recent cases are folders the reviewer opened before; the host keeps that list, so each may be opened again. */
  'case.recent': {
    args: z.object({}).strict(),
    result: z.array(z.object({ path: z.string(), name: z.string(), exists: z.boolean() })),
    access: 'read',
    grants: { purpose: 'case', field: 'path' },
  },
  /** Create (once) and open the sample case built from the documents shipped in resources/sample. */
  'case.openSample': { args: z.object({}).strict(), result: CaseInfo, access: 'read', switchesCase: true },
  'settings.get': { args: z.object({}).strict(), result: Settings, access: 'read' },
  'settings.set': {
    args: z
      .object({
        reviewerName: z.string().min(1).max(200).optional(),
        /** An empty name (or null) removes the organization. */
        organization: z.string().max(200).nullable().optional(),
        lastDocument: z
          .object({ caseDir: z.string(), documentId: id, page: z.number().int().min(1) })
          .nullable()
          .optional(),
        theme: ThemeChoice.optional(),
      })
      .strict(),
    result: Settings,
    access: 'read',
  },
  /** Take a document out of the case view and search (kept on disk and in the audit log; undoable). */
  'documents.remove': { args: z.object({ documentId: id }).strict(), result: DocumentSummary, access: 'write' },
  'documents.restore': { args: z.object({ documentId: id }).strict(), result: DocumentSummary, access: 'write' },
  // Served by the host.
  'dialog.chooseCaseFolder': {
    args: z.object({ purpose: z.enum(['open', 'create']) }).strict(),
    result: z.array(z.string()),
    access: 'read',
    host: true,
    grants: { purpose: 'case' },
  },
  /** Open an external link in the system browser; the UI asks the reviewer first. */
  'shell.openExternal': {
    args: z.object({ url: z.string().url().max(4096) }).strict(),
    result: z.object({ opened: z.boolean() }),
    access: 'read',
    host: true,
  },
  /** Put text on the system clipboard (a fingerprint to send someone); the page can never read the clipboard. */
  'clipboard.writeText': {
    args: z.object({ text: z.string().max(10000) }).strict(),
    result: z.object({ copied: z.boolean() }),
    access: 'read',
    host: true,
  },
} as const satisfies Record<string, ChannelSpec>;
