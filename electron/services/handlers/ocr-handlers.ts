/**
 * Router handlers for reading scanned pages: where it stands, run again, pause, resume,
 * cancel, the languages and adding one, and what was read off a page.
 */
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import type { OcrLanguage } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE } from '../../../shared/ocr.ts';
import { resolveDocument } from '../documents/documents.ts';
import { needsOcr, cancelOcr, enqueuePages, ocrStatus, setOcrPaused, type OcrDocumentStatus } from '../ocr/queue.ts';
import { availableLanguages, DEFAULT_OCR_LANGUAGES, KNOWN_LANGUAGES, parseLanguages } from '../ocr/languages.ts';
import { addLanguagePack } from '../ocr/packs.ts';
import { pageReading } from '../ocr/reading.ts';
import type { Handlers, RouterContext } from '../router.ts';

type OcrChannels =
  'ocr.status' | 'ocr.run' | 'ocr.pause' | 'ocr.resume' | 'ocr.cancel' | 'ocr.languages' | 'ocr.page' | 'ocr.addLanguage';

export function ocrHandlers(ctx: RouterContext): Pick<Handlers, OcrChannels> {
  const db = () => ctx.store.db;
  const statusOf = (documentId: string): OcrDocumentStatus => {
    const doc = resolveDocument(db(), documentId);
    return (
      ocrStatus(db(), LOW_CONFIDENCE, doc.id)[0] ?? {
        documentId: doc.id,
        title: doc.title,
        pages: 0,
        queued: 0,
        done: 0,
        failed: 0,
        paused: false,
        confidence: null,
        lowConfidencePages: [],
        languages: null,
        errors: [],
        driftedHighlights: 0,
      }
    );
  };
  return {
    'ocr.status': ({ documentId }) =>
      ocrStatus(db(), LOW_CONFIDENCE, documentId === undefined ? undefined : resolveDocument(db(), documentId).id),
    'ocr.run': ({ documentId, languages, force, password }) => {
      const doc = resolveDocument(db(), documentId);
      if (doc.kind === 'text')
        throw new ExhibitError('invalid-args', `"${doc.title}" is a text document: there is nothing to read with OCR`, doc.id);
      if (password) ctx.ocr.rememberPassword(doc.sha256, password);
      const langs = languages ?? DEFAULT_OCR_LANGUAGES;
      // A missing pack is said now, naming it, rather than page by page later.
      const installed = new Set(availableLanguages(ctx.ocr.packsDir));
      for (const code of parseLanguages(langs))
        if (!installed.has(code))
          throw new ExhibitError(
            'ocr-language-missing',
            `OCR language pack "${code}" is not installed; add ${code}.traineddata to ${ctx.ocr.packsDir}`,
            code,
          );
      const pages = db()
        .prepare('SELECT page_index AS page, text FROM pages WHERE document_id = ? ORDER BY page_index')
        .all(doc.id) as {
        page: number;
        text: string;
      }[];
      const read = new Set(
        db().prepare(`SELECT page_index FROM ocr_pages WHERE document_id = ? AND state = 'done'`).pluck().all(doc.id) as number[],
      );
      const failed = new Set(
        db()
          .prepare(`SELECT page_index FROM ocr_pages WHERE document_id = ? AND state = 'failed'`)
          .pluck()
          .all(doc.id) as number[],
      );
      // Without force: pages never read (and with no text of their own) or whose last reading
      // failed (a page read before keeps that text meanwhile); with it, every page read before too.
      const chosen = pages
        .filter((p) =>
          force
            ? read.has(p.page) || failed.has(p.page) || doc.kind === 'image' || needsOcr(p.text)
            : failed.has(p.page) || (!read.has(p.page) && (doc.kind === 'image' || needsOcr(p.text))),
        )
        .map((p) => p.page);
      enqueuePages(db(), doc.id, chosen, langs);
      setOcrPaused(db(), doc.id, false);
      ctx.ocr.kick();
      return statusOf(doc.id);
    },
    'ocr.pause': ({ documentId }) => {
      const doc = resolveDocument(db(), documentId);
      setOcrPaused(db(), doc.id, true);
      return statusOf(doc.id);
    },
    'ocr.resume': ({ documentId }) => {
      const doc = resolveDocument(db(), documentId);
      setOcrPaused(db(), doc.id, false);
      ctx.ocr.kick();
      return statusOf(doc.id);
    },
    'ocr.cancel': ({ documentId }) => {
      const doc = resolveDocument(db(), documentId);
      cancelOcr(db(), doc.id);
      return statusOf(doc.id);
    },
    'ocr.languages': () => languages(ctx.ocr.packsDir),
    'ocr.page': ({ documentId, page }) => pageReading(db(), resolveDocument(db(), documentId).id, page),
    'ocr.addLanguage': ({ path: file }) => {
      addLanguagePack(path.resolve(file), ctx.ocr.packsDir);
      return languages(ctx.ocr.packsDir);
    },
  };
}

/** The six UN working languages, installed or not, then any other pack the reviewer added. */
function languages(packsDir: string): OcrLanguage[] {
  const installed = new Set(availableLanguages(packsDir));
  const known = KNOWN_LANGUAGES.map((l) => ({ ...l, installed: installed.has(l.code) }));
  const others = [...installed]
    .filter((c) => !known.some((k) => k.code === c))
    .map((code) => ({ code, label: code, installed: true }));
  return [...known, ...others];
}
