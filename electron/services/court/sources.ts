/**
 * Each document of a court bundle as a PDF that pdf-lib can copy pages from: the document's
 * pages in order, unencrypted, in the same user space as the case's page layout (so a
 * highlight's rectangles land on the same words). One document is opened at a time, and
 * nothing made here is kept but what the viewer keeps anyway.
 *
 * - A born-digital PDF: its original bytes.
 * - An encrypted PDF: decrypted by PDFium (pdfium/decrypt.ts) with the password the session
 *   holds or one the build was given, in memory only.
 * - A scan (pages read with OCR) and an image document: the searchable copy the viewer shows
 *   (documents/searchable.ts), the words read as an invisible text layer over the page
 *   images; an encrypted scan is decrypted first.
 * - A plain-text letter: typeset to pages (report/rendition), its highlights drawn by the
 *   rendition itself, since the case's geometry of a text is not the typeset page's.
 */
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { blobPath, sha256Hex } from '../case/blobs.ts';
import { documentTexts } from '../documents/documents.ts';
import { searchablePdf } from '../documents/searchable.ts';
import { viewable } from '../documents/viewable.ts';
import { describeImage } from '../ingest/image/describe.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import { ocrReadings } from '../ocr/queue.ts';
import { isEncryptedPdf, unlockPdf, type Unlocked } from '../pdfium/decrypt.ts';
import { documentHighlights } from '../report/model.ts';
import { paperFor, type Paper } from '../report/rendition/paper.ts';
import { renderLetter } from '../report/rendition/rendition.ts';
import type { CourtBuildContext } from './build.ts';

export interface SourcePdf {
  documentId: string;
  /** Unencrypted PDF bytes, one page per page of the document (a typeset letter: per sheet). */
  bytes: Uint8Array;
  /** The case's highlights are already drawn on these pages (a typeset text letter); the builder must not add them again. */
  highlightsDrawn: boolean;
}

export interface SourceOptions {
  passwords?: string[] | undefined;
  /** Draw the case's highlights where the source itself must (typeset text letters). */
  highlights: boolean;
  notes: boolean;
  signal?: AbortSignal | undefined;
  /** The paper text letters are typeset on (default: the reviewer's, see rendition/paper.ts). */
  paper?: Paper | undefined;
  /** The bundle's time, a typeset letter's creation date (default: now). */
  createdAt?: string | undefined;
}

/** The document as a PDF for the bundle. */
export async function sourcePdf(ctx: CourtBuildContext, doc: DocumentSummary, opts: SourceOptions): Promise<SourcePdf> {
  throwIfCancelled(opts.signal);
  const original = readOriginal(ctx, doc);
  const source = (bytes: Uint8Array, highlightsDrawn = false): SourcePdf => ({
    documentId: doc.documentId,
    bytes,
    highlightsDrawn,
  });
  try {
    if (doc.kind === 'text') return source(await typesetLetter(ctx, doc, opts), opts.highlights);
    const readings = ocrReadings(ctx.store.db, doc.documentId);
    if (doc.kind === 'pdf' && isEncryptedPdf(original)) {
      const unlocked = await unlock(ctx, doc, original, opts, true);
      return source(
        await searchablePdf({ bytes: unlocked.bytes!, kind: 'pdf', fileName: doc.fileName, readings, signal: opts.signal }),
      );
    }
    if (doc.kind === 'pdf' && readings.size === 0) return source(original);
    // A scan or an image: the viewer's searchable copy, made once and kept in the case's cache.
    const copy = await viewable(ctx.store.dir, ctx.store.db, doc.documentId, { signal: opts.signal });
    // The viewer falls back to the original when the words cannot be laid over it; a bundle must be searchable.
    if (copy.kind === 'file' && copy.path === blobPath(ctx.store.dir, doc.sha256))
      throw new ExhibitError(
        'invalid-pdf',
        'its scanned pages could not be given their OCR text (pdf-lib cannot rewrite the PDF), so they would not be searchable in the bundle',
      );
    return source(copy.kind === 'bytes' ? copy.bytes : new Uint8Array(fs.readFileSync(copy.path)));
  } catch (err) {
    throw named(doc, err);
  }
}

/**
 * Make sure the document can go into the bundle before anything is written: it exists and
 * is not removed, its original is whole, its file parses with as many pages as the case
 * knows, and an encrypted PDF's password is known and right. Nothing is typeset, drawn or
 * decrypted (a few milliseconds for most documents; the cost of parsing a large PDF).
 * Throws an ExhibitError whose subject is the document's title.
 */
export async function checkSource(ctx: CourtBuildContext, doc: DocumentSummary, opts: SourceOptions): Promise<void> {
  throwIfCancelled(opts.signal);
  const original = readOriginal(ctx, doc);
  try {
    if (doc.kind === 'text') return;
    let pages: number;
    if (doc.kind === 'image') {
      pages = (await describeImage(original, { fileName: doc.fileName, checkPixels: false })).pages.length;
    } else if (isEncryptedPdf(original)) {
      pages = (await unlock(ctx, doc, original, opts, false)).pages;
    } else {
      pages = await pdfLibPages(ctx, doc, original, opts);
    }
    if (pages !== doc.pages)
      throw new ExhibitError(
        'invalid-pdf',
        `"${doc.title}" reads as ${pages} page(s) for the bundle but the case holds ${doc.pages}: its pages cannot be matched to the case's text and highlights`,
        doc.title,
      );
  } catch (err) {
    throw named(doc, err);
  }
}

/** The page count pdf-lib (which the builder copies pages with) finds; an encrypted file it detects goes to PDFium. */
async function pdfLibPages(ctx: CourtBuildContext, doc: DocumentSummary, bytes: Uint8Array, opts: SourceOptions) {
  let parsed: PDFDocument;
  try {
    parsed = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (err) {
    throw new ExhibitError('invalid-pdf', `the PDF is damaged: ${(err as Error).message}`);
  }
  if (parsed.isEncrypted) return (await unlock(ctx, doc, bytes, opts, false)).pages;
  return parsed.getPageCount();
}

/**
 * The original's bytes, refused when the document was removed or its stored file is
 * missing or no longer the one imported (its SHA-256 differs): a bundle carries only
 * byte-identical originals.
 */
function readOriginal(ctx: CourtBuildContext, doc: DocumentSummary): Uint8Array {
  if (doc.status !== 'ready')
    throw new ExhibitError('not-found', `"${doc.title}" was removed from the case and cannot go into a bundle`, doc.title);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(blobPath(ctx.store.dir, doc.sha256)));
  } catch (err) {
    throw new ExhibitError(
      'case-damaged',
      `"${doc.title}": its original is missing from the case folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      doc.title,
    );
  }
  if (sha256Hex(bytes) !== doc.sha256)
    throw new ExhibitError(
      'case-damaged',
      `"${doc.title}": its original in the case folder has changed since it was imported (its SHA-256 no longer matches); restore the case from a backup`,
      doc.title,
    );
  return bytes;
}

/**
 * The passwords to try on an encrypted PDF, in order: the one held for it this session,
 * then each given to the build.
 */
function candidates(ctx: CourtBuildContext, doc: DocumentSummary, opts: SourceOptions): string[] {
  const held = ctx.sessionPassword(doc.sha256);
  return [...new Set([...(held ? [held] : []), ...(opts.passwords ?? [])])];
}

const HOW_TO_GIVE = 'in the app, the password dialog asks for it; on the command line, give it with --password';

async function unlock(
  ctx: CourtBuildContext,
  doc: DocumentSummary,
  bytes: Uint8Array,
  opts: SourceOptions,
  write: boolean,
): Promise<Unlocked> {
  const tried = candidates(ctx, doc, opts);
  try {
    const unlocked = await unlockPdf(bytes, tried, write);
    // The password that opened it is held for the rest of the session, as one given at import is.
    if (unlocked.password !== '') ctx.rememberPassword?.(doc.sha256, unlocked.password);
    return unlocked;
  } catch (err) {
    if (!(err instanceof ExhibitError)) throw err;
    if (err.code === 'password-required')
      throw new ExhibitError(
        'password-required',
        `"${doc.title}" is an encrypted PDF and its password is neither held this session nor given (${HOW_TO_GIVE}); nothing was written`,
        doc.title,
      );
    if (err.code === 'password-incorrect')
      throw new ExhibitError(
        'password-incorrect',
        `"${doc.title}" is an encrypted PDF and ${tried.length === 1 ? 'the password tried does not open it' : `none of the ${tried.length} passwords tried opens it`}; give the right one (${HOW_TO_GIVE}); nothing was written`,
        doc.title,
      );
    throw err;
  }
}

/** The letter typeset to sheets, with its highlights (and their notes, when asked) drawn on them. */
async function typesetLetter(ctx: CourtBuildContext, doc: DocumentSummary, opts: SourceOptions): Promise<Uint8Array> {
  const { db } = ctx.store;
  const highlights = opts.highlights
    ? documentHighlights(db, doc.documentId).map((h) => (opts.notes ? h : { ...h, note: null, links: [] }))
    : [];
  const rendition = await renderLetter(
    {
      pages: documentTexts(db, doc.documentId),
      title: doc.title,
      fileName: doc.fileName,
      sha256: doc.sha256,
      originalPath: null,
      whole: true,
      highlights,
      paper: opts.paper ?? paperFor(),
      createdAt: opts.createdAt ?? new Date().toISOString(),
    },
    opts.signal,
  );
  return rendition.bytes;
}

/** An error met while making a document's source, said with the document's title as its subject. */
function named(doc: DocumentSummary, err: unknown): unknown {
  if (!(err instanceof ExhibitError)) {
    const why = err instanceof Error ? err.message : String(err);
    return new ExhibitError('internal', `"${doc.title}" could not be prepared for the bundle: ${why}`, doc.title);
  }
  if (err.subject === doc.title || err.code === 'cancelled') return err;
  const message = err.message.startsWith(`"${doc.title}"`) ? err.message : `"${doc.title}": ${err.message}`;
  return new ExhibitError(err.code, message, doc.title);
}
