/** Cases (open, create, switch, recent, sample), per-user settings and document removal. */
import { z } from 'zod';
import { CaseInfo, DocumentSummary } from './schemas.ts';

const id = z.string().min(1).max(200);
const dir = z.string().min(1).max(4096);

export const Settings = z.object({
  reviewerName: z.string(),
  /** The document open when the app last closed, to reopen it. */
  lastDocument: z.object({ caseDir: z.string(), documentId: z.string(), page: z.number().int() }).nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const caseChannels = {
  'case.open': { args: z.object({ path: dir }).strict(), result: CaseInfo },
  'case.create': { args: z.object({ path: dir }).strict(), result: CaseInfo },
  'case.recent': {
    args: z.object({}).strict(),
    result: z.array(z.object({ path: z.string(), name: z.string(), exists: z.boolean() })),
  },
  /** Create (once) and open the sample case built from the documents shipped in resources/sample. */
  'case.openSample': { args: z.object({}).strict(), result: CaseInfo },
  'settings.get': { args: z.object({}).strict(), result: Settings },
  'settings.set': {
    args: z
      .object({
        reviewerName: z.string().min(1).max(200).optional(),
        lastDocument: z
          .object({ caseDir: z.string(), documentId: id, page: z.number().int().min(1) })
          .nullable()
          .optional(),
      })
      .strict(),
    result: Settings,
  },
  /** Take a document out of the case view and search (kept on disk and in the audit log; undoable). */
  'documents.remove': { args: z.object({ documentId: id }).strict(), result: DocumentSummary },
  'documents.restore': { args: z.object({ documentId: id }).strict(), result: DocumentSummary },
  // Served by the host.
  'dialog.chooseCaseFolder': { args: z.object({ purpose: z.enum(['open', 'create']) }).strict(), result: z.array(z.string()) },
  /** Open an external link in the system browser; the UI asks the reviewer first. */
  'shell.openExternal': {
    args: z.object({ url: z.string().url().max(4096) }).strict(),
    result: z.object({ opened: z.boolean() }),
  },
} as const;
