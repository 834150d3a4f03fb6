/** Router handlers for documents, import, search and the audit log. */
import { displayTitles } from '../../../shared/display-titles.ts';
import { verifyAudit } from '../audit/audit.ts';
import { getDocument, getPage, listDocuments, setProvenance } from '../documents/documents.ts';
import { setDocumentRemoved } from '../documents/removal.ts';
import { pageLayout } from '../highlights/targets.ts';
import { importPaths } from '../ingest/import.ts';
import { DEFAULT_OCR_LANGUAGES } from '../ocr/languages.ts';
import type { Handlers, RouterContext } from '../router.ts';
import { search } from '../search/search.ts';
import { throttleProgress } from '../jobs/throttle.ts';

type DocumentChannels =
  | 'case.info'
  | 'documents.list'
  | 'documents.get'
  | 'documents.page'
  | 'documents.pageLayout'
  | 'documents.setProvenance'
  | 'documents.remove'
  | 'documents.restore'
  | 'import.start'
  | 'import.cancel'
  | 'search.query'
  | 'audit.verify';

/** Handlers over the open case's documents. */
export function documentHandlers(ctx: RouterContext): Pick<Handlers, DocumentChannels> {
  const db = () => ctx.store.db;
  return {
    'case.info': () => {
      const counts = db()
        .prepare(
          `SELECT (SELECT count(*) FROM documents WHERE status = 'ready') AS d,
                  (SELECT count(*) FROM pages p JOIN documents x ON x.id = p.document_id WHERE x.status = 'ready') AS p`,
        )
        .get() as { d: number; p: number };
      return {
        path: ctx.store.dir,
        name: ctx.store.dir.split(/[\\/]/).pop() ?? ctx.store.dir,
        documents: counts.d,
        pages: counts.p,
        schemaVersion: db().pragma('user_version', { simple: true }) as number,
        reviewer: ctx.actor(),
        readOnly: ctx.store.readOnly,
        backupFailure: ctx.backups.failure,
      };
    },
    'documents.list': () => listDocuments(db()),
    'documents.get': ({ documentId }) => getDocument(db(), documentId),
    'documents.page': ({ documentId, page }) => getPage(db(), documentId, page),
    'documents.pageLayout': ({ documentId, page }) => {
      const id = getDocument(db(), documentId).documentId;
      // The window needs the items' places in the text, not every glyph's extent.
      const { glyphs: _glyphs, ...layout } = pageLayout(db(), id, page);
      return layout;
    },
    'documents.setProvenance': ({ documentId, provenance }) => setProvenance(db(), documentId, provenance, ctx.actor()),
    'documents.remove': ({ documentId }) => setDocumentRemoved(db(), documentId, true, ctx.actor()),
    'documents.restore': ({ documentId }) => setDocumentRemoved(db(), documentId, false, ctx.actor()),
    'import.start': async ({ jobId, paths, password, provenance, ocr }) => {
      const results = await ctx.jobs.run({ id: jobId, what: 'an import', holdsCase: true }, (signal) =>
        importPaths(ctx.store, paths, {
          pool: ctx.pool,
          actor: ctx.actor(),
          password,
          provenance,
          ocrLanguages: ocr === false ? undefined : (ocr ?? DEFAULT_OCR_LANGUAGES),
          signal,
          // A file started or finished is told at once; pages read, at a pace the window can paint.
          onProgress: throttleProgress(
            (p) => ctx.emit('import.progress', { jobId, ...p }),
            (p, previous) => p.filesDone !== previous?.filesDone || p.currentFile !== previous?.currentFile,
          ),
        }),
      );
      // The password opened these files: their scanned pages are read with it this session.
      if (password) for (const r of results) if (r.sha256 && r.documentId) ctx.ocr.rememberPassword(r.sha256, password);
      // Scanned pages just queued are read in the background; the import itself is done.
      ctx.ocr.kick();
      return results;
    },
    'import.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
    'search.query': ({ query, limit, offset }) => {
      const found = search(db(), query, { limit, offset });
      if (found.results.length === 0) return found;
      // Hits from two documents of one title must not read as one document's.
      const titles = displayTitles(listDocuments(db()));
      return { ...found, results: found.results.map((h) => ({ ...h, title: titles.get(h.documentId) ?? h.title })) };
    },
    'audit.verify': () => verifyAudit(db()),
  };
}
