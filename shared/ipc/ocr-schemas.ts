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
  /**
   * The document's highlights (not deleted) marked as drifted: moved, matched only
   * approximately, or not found when their page was read again. The marks stay until a
   * reviewer has looked, so a count after a re-run includes those of earlier readings.
   */
  driftedHighlights: z.number(),
});
export type OcrDocumentStatus = z.infer<typeof OcrDocumentStatus>;

export const OcrLanguage = z.object({ code: z.string(), label: z.string(), installed: z.boolean() });
export type OcrLanguage = z.infer<typeof OcrLanguage>;

/**
 * One word as read, where the viewer draws it: its box in points on the page as displayed
 * before the reviewer turns it (top-left origin, y down, the PDF's /Rotate applied), the
 * same space as the page's `width` and `height`. Words of one line share the line's band.
 */
export const OcrPageWord = z.object({
  text: z.string(),
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  /** 0–100, as the engine reported it. */
  confidence: z.number(),
});
export type OcrPageWord = z.infer<typeof OcrPageWord>;

/** What OCR read off one page, for a reviewer to judge it against the image. */
export const OcrPageReading = z.object({
  documentId: z.string(),
  /** 1-based. */
  page: z.number().int(),
  /** The displayed page's size in points: the space the word boxes are in. */
  width: z.number(),
  height: z.number(),
  /** How far the text is turned clockwise on the displayed page (90: lines read top to bottom). */
  orientation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** In reading order, line by line. */
  words: z.array(OcrPageWord),
  /** The page's mean word confidence, 0–100. */
  confidence: z.number(),
  languages: z.string(),
  engine: z.string(),
});
export type OcrPageReading = z.infer<typeof OcrPageReading>;

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
  /** The words read off a page with their boxes and confidences; null for a page never read with OCR (typed, or not yet read). */
  'ocr.page': {
    args: z.object({ documentId: id, page: z.number().int().min(1) }).strict(),
    result: OcrPageReading.nullable(),
    access: 'read',
  },
  /**
   * Install a language pack the reviewer chose (`<code>.traineddata` or `.traineddata.gz`):
   * checked to be Tesseract data of that language, copied into the per-user packs folder
   * (outside the case, hence 'read'); answers the languages as they now stand.
   */
  'ocr.addLanguage': {
    args: z.object({ path: z.string().min(1).max(4096) }).strict(),
    result: z.array(OcrLanguage),
    access: 'read',
    path: { field: 'path', need: 'read' },
  },
} as const satisfies Record<string, ChannelSpec>;
