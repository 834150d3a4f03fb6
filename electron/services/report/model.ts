/**
 * What an export writes, gathered once from the case: documents, highlights with their
 * links, allegations with their passages, the matrix. Reports, annotated PDFs and the
 * bundle's JSON files are all made from this model, so they cannot disagree. `deleted`
 * (see deleted.ts) is for case.json alone.
 */
import type { Database } from 'better-sqlite3';
import type { Allegation, DocumentSummary, Highlight, LinkedPassage, Matrix, Stance } from '../../../shared/ipc/contract.ts';
import { listAllegations } from '../allegations/allegations.ts';
import { allegationDetail, evidenceMatrix } from '../allegations/views.ts';
import { listDocuments } from '../documents/documents.ts';
import { listHighlights } from '../highlights/highlights.ts';
import { listLinks } from '../allegations/links.ts';
import { gatherDeleted, scopeDeleted, type DeletedItems } from './deleted.ts';

/** A highlight as exported: with the allegations it is linked to. */
export interface BundleHighlight extends Highlight {
  links: {
    allegationId: string;
    code: string;
    title: string;
    stance: Stance;
    rationale: string | null;
    author: string;
    createdAt: string;
    updatedAt: string;
  }[];
}

/**
 * A passage in a report: the link, the quote, the highlight's note, and how to cite it.
 * `author` (the link's) is who linked it, as the link's audit row records; `highlightedBy`
 * is who marked the passage, as the highlight's audit row records. They differ when one
 * reviewer highlights and another links.
 */
export interface ReportPassage extends LinkedPassage {
  /** The last page the passage covers (`page` is the first): they differ when it runs across a page break. */
  lastPage: number;
  note: string | null;
  sha256: string;
  highlightedBy: string;
}

export interface ReportModel {
  caseName: string;
  generatedAt: string;
  /** Who exports: the reviewer the reports name as "Exported by" (not necessarily who made the links). */
  reviewer: string;
  allegations: (Allegation & { passages: ReportPassage[] })[];
  documents: DocumentSummary[];
  highlights: BundleHighlight[];
  matrix: Matrix;
  /** documentId -> the printed page labels of a PDF that has them ("iv", "Page 105"), by page index; for citations. */
  pageLabels: Record<string, (string | null)[]>;
  /** Deleted allegations and highlights, removed links, links kept with deleted items: for case.json only. */
  deleted: DeletedItems;
  /** documentId -> page number -> the mean confidence of its OCR reading: pages whose text was machine-read. */
  machineRead?: Record<string, Record<number, number>>;
}

/** Each highlight with the allegations it is linked to (`byAllegation`: the case's allegations by id). */
function withLinks(db: Database, highlights: Highlight[], byAllegation: ReadonlyMap<string, Allegation>): BundleHighlight[] {
  return highlights.map((h) => ({
    ...h,
    links: listLinks(db, { highlightId: h.highlightId }).map((l) => {
      const a = byAllegation.get(l.allegationId)!;
      return {
        allegationId: a.allegationId,
        code: a.code,
        title: a.title,
        stance: l.stance,
        rationale: l.rationale,
        author: l.author,
        createdAt: l.createdAt,
        updatedAt: l.updatedAt,
      };
    }),
  }));
}

/** One document's highlights as exports draw them, with their links, without gathering the whole model. */
export function documentHighlights(db: Database, documentId: string): BundleHighlight[] {
  const byAllegation = new Map(listAllegations(db).map((a) => [a.allegationId, a]));
  return withLinks(db, listHighlights(db, documentId), byAllegation);
}

/** Gather the model for the whole case. */
export function buildModel(db: Database, caseName: string, reviewer: string): ReportModel {
  const documents = listDocuments(db);
  const byId = new Map(documents.map((d) => [d.documentId, d]));
  const allegations = listAllegations(db);
  const byAllegation = new Map(allegations.map((a) => [a.allegationId, a]));
  const pageLabels: Record<string, (string | null)[]> = {};
  const labelsOf = db.prepare('SELECT label FROM pages WHERE document_id = ? ORDER BY page_index');
  for (const d of documents) {
    const labels = (labelsOf.all(d.documentId) as { label: string | null }[]).map((r) => r.label);
    if (labels.some((l) => l !== null)) pageLabels[d.documentId] = labels;
  }
  const machineRead: Record<string, Record<number, number>> = {};
  const read = db
    .prepare(`SELECT document_id AS documentId, page_index AS page, confidence FROM ocr_pages WHERE state = 'done'`)
    .all() as { documentId: string; page: number; confidence: number | null }[];
  for (const r of read) (machineRead[r.documentId] ??= {})[r.page + 1] = r.confidence ?? 0;
  const highlights = withLinks(db, listHighlights(db), byAllegation);
  const highlightById = new Map(highlights.map((h) => [h.highlightId, h]));
  const deleted = gatherDeleted(db, {
    allegationIds: new Set(byAllegation.keys()),
    highlightIds: new Set(highlights.map((h) => h.highlightId)),
    linkKeys: new Set(highlights.flatMap((h) => h.links.map((l) => `${h.highlightId}|${l.allegationId}`))),
  });
  return {
    caseName,
    generatedAt: new Date().toISOString(),
    reviewer,
    allegations: allegations.map((a) => ({
      ...a,
      passages: allegationDetail(db, a.allegationId).passages.map((p) => {
        const h = highlightById.get(p.highlightId);
        return {
          ...p,
          lastPage: Math.max(p.page, ...(h?.targets.map((t) => t.page) ?? [])),
          note: h?.note ?? null,
          sha256: byId.get(p.documentId)?.sha256 ?? '',
          highlightedBy: h?.author ?? p.author,
        };
      }),
    })),
    documents,
    highlights,
    matrix: evidenceMatrix(db),
    pageLabels,
    deleted,
    machineRead,
  };
}

/**
 * Narrow the model to the named allegations and/or documents: the highlights in those
 * documents (and, when allegations are named, only those linked to them), the links
 * between what remains, and the matrix over it. Nothing named: the whole case.
 */
export function scopeModel(model: ReportModel, scope: { allegationIds?: string[]; documentIds?: string[] }): ReportModel {
  const a = scope.allegationIds?.length ? new Set(scope.allegationIds) : null;
  const d = scope.documentIds?.length ? new Set(scope.documentIds) : null;
  if (!a && !d) return model;
  const highlights = model.highlights
    .filter((h) => !d || d.has(h.documentId))
    .map((h) => ({ ...h, links: h.links.filter((l) => !a || a.has(l.allegationId)) }))
    .filter((h) => !a || h.links.length > 0);
  const docIds = d ?? new Set(highlights.map((h) => h.documentId));
  const allegations = model.allegations
    .filter((x) => !a || a.has(x.allegationId))
    .map((x) => ({ ...x, passages: x.passages.filter((p) => docIds.has(p.documentId)) }));
  const kept = new Set(allegations.map((x) => x.allegationId));
  const deleted = scopeDeleted(model.deleted, {
    named: a,
    documentIds: docIds,
    live: { allegationIds: kept, highlightIds: new Set(highlights.map((h) => h.highlightId)) },
  });
  return {
    ...model,
    allegations,
    documents: model.documents.filter((x) => docIds.has(x.documentId)),
    highlights,
    matrix: {
      allegations: model.matrix.allegations.filter((x) => kept.has(x.allegationId)),
      documents: model.matrix.documents.filter((x) => docIds.has(x.documentId)),
      cells: model.matrix.cells.filter((c) => kept.has(c.allegationId) && docIds.has(c.documentId)),
    },
    deleted,
  };
}
