/** The schemas of documents, imports, search, audit and cases that the contract uses. */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** Where a document came from; every field optional, set at import and editable later. */
export const Provenance = z
  .object({
    source: text(2000).optional(),
    obtainedFrom: text(2000).optional(),
    obtainedAt: text(100).optional(),
    collectedBy: text(500).optional(),
    notes: text(20000).optional(),
  })
  .strict();
export type Provenance = z.infer<typeof Provenance>;

export const DocumentKind = z.enum(['pdf', 'text', 'image']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const PdfMetadata = z.object({
  title: z.string().nullable(),
  author: z.string().nullable(),
  subject: z.string().nullable(),
  keywords: z.string().nullable(),
  creator: z.string().nullable(),
  producer: z.string().nullable(),
  created: z.string().nullable(),
  modified: z.string().nullable(),
  pdfVersion: z.string().nullable(),
  encrypted: z.boolean(),
});
export type PdfMetadata = z.infer<typeof PdfMetadata>;

export const DocumentSummary = z.object({
  documentId: z.string(),
  title: z.string(),
  sha256: z.string(),
  pages: z.number().int(),
  kind: DocumentKind,
  textLayer: z.boolean(),
  fileName: z.string(),
  size: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string(),
  status: z.string(),
  provenance: Provenance,
  /**
   * The date the document bears as far as Exhibit knows (YYYY-MM-DD): the PDF's creation
   * date, else the provenance's "obtained at" when that is a date; null when neither is.
   * It tells apart documents of the same title (shared/display-titles.ts).
   */
  date: z.string().nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentDetail = DocumentSummary.extend({
  metadata: PdfMetadata.nullable(),
  extractorVersion: z.string(),
  pageLabels: z.array(z.string().nullable()),
  /**
   * The PDF's pages (1-based) from which no text could be extracted: images, such as
   * scanned pages. They cannot be searched or highlighted; the viewer says so on each.
   * Always empty for a text document.
   */
  textlessPages: z.array(z.number().int()),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const PageText = z.object({
  documentId: z.string(),
  page: z.number().int(),
  label: z.string().nullable(),
  width: z.number(),
  height: z.number(),
  rotation: z.number().int(),
  text: z.string(),
});
export type PageText = z.infer<typeof PageText>;

/** `skipped`: a link in an imported folder that was not followed (pointing outside it, dangling, to a folder). */
export const ImportStatus = z.enum(['imported', 'duplicate', 'failed', 'skipped']);
export const ImportResult = z.object({
  path: z.string(),
  status: ImportStatus,
  documentId: z.string().nullable(),
  sha256: z.string().nullable(),
  pages: z.number().int().nullable(),
  /** Why it failed or was skipped, naming the file; null otherwise. */
  error: z.string().nullable(),
  /** The same as a code for the UI to act on (e.g. 'password-required', 'link-outside'). */
  errorCode: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportProgress = z.object({
  jobId: z.string(),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  pagesDone: z.number().int(),
  currentFile: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const SearchHit = z.object({
  documentId: z.string(),
  /** The document's display title: told apart from others of the same title (shared/display-titles.ts). */
  title: z.string(),
  page: z.number().int(),
  snippet: z.string(),
  /** [start, end) offsets into `snippet` of each matched term. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  query: z.string(),
  total: z.number().int(),
  results: z.array(SearchHit),
  /** Set when the query was not taken as written (e.g. searched as plain words). */
  note: z.string().nullable(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const AuditReport = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditReport = z.infer<typeof AuditReport>;

/** An automatic backup of a case that failed: which case, why (naming the folder at fault), and when. */
export const BackupFailure = z.object({
  /** The case folder whose backup failed. */
  case: z.string(),
  /** The error code (disk-full, backup-failed…). */
  code: z.string(),
  message: z.string(),
  /** When it failed (ISO 8601, UTC). */
  at: z.string(),
});
export type BackupFailure = z.infer<typeof BackupFailure>;

export const CaseInfo = z.object({
  path: z.string(),
  name: z.string(),
  documents: z.number().int(),
  pages: z.number().int(),
  schemaVersion: z.number().int(),
  reviewer: z.string(),
  /** The case's folder cannot be written: it is open for reading only, and every change is refused. */
  readOnly: z.boolean(),
  /** The last automatic backup of this case failed (null once one succeeds), so a window opened later learns of it too. */
  backupFailure: BackupFailure.nullable(),
});
export type CaseInfo = z.infer<typeof CaseInfo>;
