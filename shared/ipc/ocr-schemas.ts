/** Channels and events of text recognition (OCR) of scanned pages and image documents. */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';

const id = z.string().min(1).max(200);
/** Tesseract's language names joined by '+': "eng", "eng+fra". */
export const Languages = z
  .string()
  .regex(/^[a-z_]{3,12}(\+[a-z_]{3,12}){0,5}$/, 'languages are names like "eng" joined by "+", e.g. "eng+fra"');

export const OcrDocumentStatus = z.object({
  documentId: z.string(),
  title: z.string(),
  pages: z.number(),
  queued: z.number(),
  done: z.number(),
  failed: z.number(),
  paused: z.boolean(),
  confidence: z.number().nullable(),
  lowConfidencePages: z.array(z.number()),
  languages: z.string().nullable(),
  errors: z.array(z.object({ page: z.number(), reason: z.string() })),
});
export type OcrDocumentStatus = z.infer<typeof OcrDocumentStatus>;

export const OcrLanguage = z.object({ code: z.string(), label: z.string(), installed: z.boolean() });
export type OcrLanguage = z.infer<typeof OcrLanguage>;

/** A page read (or failed), with where the document and the whole queue stand. */
export const OcrProgress = z.object({
  case: z.string(),
  documentId: z.string(),
  title: z.string(),
  page: z.number(),
  failure: z.string().nullable(),
  /** Pages of this document read (or failed) so far, of its total queued and read. */
  done: z.number(),
  total: z.number(),
  /** Pages still waiting in the whole case. */
  waiting: z.number(),
});
export type OcrProgress = z.infer<typeof OcrProgress>;

export const ocrChannels = {
  'ocr.status': { args: z.object({ documentId: id.optional() }).strict(), result: z.array(OcrDocumentStatus), access: 'read' },
  /** Read a document's pages again (all with --force, else those never read or failed) with these languages. */
  'ocr.run': {
    args: z
      .object({
        documentId: id,
        languages: Languages.optional(),
        force: z.boolean().optional(),
        /** An encrypted PDF's password, held in memory for this session only (never stored). */
        password: z.string().min(1).max(1024).optional(),
      })
      .strict(),
    result: OcrDocumentStatus,
    access: 'write',
  },
  'ocr.pause': { args: z.object({ documentId: id }).strict(), result: OcrDocumentStatus, access: 'write' },
  'ocr.resume': { args: z.object({ documentId: id }).strict(), result: OcrDocumentStatus, access: 'write' },
  /** Take a document's unread pages out of the queue (what was read stays). */
  'ocr.cancel': { args: z.object({ documentId: id }).strict(), result: OcrDocumentStatus, access: 'write' },
  'ocr.languages': { args: z.object({}).strict(), result: z.array(OcrLanguage), access: 'read' },
} as const satisfies Record<string, ChannelSpec>;
