/**
 * What an export writes, gathered once from the case: documents, highlights with their
 * links, allegations with their passages, the matrix. Reports, annotated PDFs and the
 * bundle's JSON files are all made from this model, so they cannot disagree.
 */
import type { Database } from 'better-sqlite3';
import type { Allegation, DocumentSummary, Highlight, LinkedPassage, Matrix, Stance } from '../../../shared/ipc/contract.ts';
import { listAllegations } from '../allegations/allegations.ts';
import { allegationDetail, evidenceMatrix } from '../allegations/views.ts';
import { listDocuments } from '../documents/documents.ts';
import { listHighlights } from '../highlights/highlights.ts';
import { listLinks } from '../allegations/links.ts';

/** A highlight as exported: with the allegations it is linked to. */
export interface BundleHighlight extends Highlight {
  links: { allegationId: string; code: string; title: string; stance: Stance; rationale: string | null }[];
}

/** A passage in a report: the link, the quote, and how to cite it. */
export interface ReportPassage extends LinkedPassage {
  pageLabel: string | null;
  sha256: string;
}

export interface ReportModel {
  caseName: string;
  generatedAt: string;
  reviewer: string;
  allegations: (Allegation & { passages: ReportPassage[] })[];
  documents: DocumentSummary[];
  highlights: BundleHighlight[];
  matrix: Matrix;
}

/** Gather the model for the whole case. */
export function buildModel(db: Database, caseName: string, reviewer: string): ReportModel {
  const documents = listDocuments(db);
  const byId = new Map(documents.map((d) => [d.documentId, d]));
  const allegations = listAllegations(db);
  const byAllegation = new Map(allegations.map((a) => [a.allegationId, a]));
  const labelOf = db.prepare('SELECT label FROM pages WHERE document_id = ? AND page_index = ?');
  const highlights = listHighlights(db).map((h) => ({
    ...h,
    links: listLinks(db, { highlightId: h.highlightId }).map((l) => {
      const a = byAllegation.get(l.allegationId)!;
      return { allegationId: a.allegationId, code: a.code, title: a.title, stance: l.stance, rationale: l.rationale };
    }),
  }));
  return {
    caseName,
    generatedAt: new Date().toISOString(),
    reviewer,
    allegations: allegations.map((a) => ({
      ...a,
      passages: allegationDetail(db, a.allegationId).passages.map((p) => ({
        ...p,
        pageLabel: (labelOf.get(p.documentId, p.page - 1) as { label: string | null } | undefined)?.label ?? null,
        sha256: byId.get(p.documentId)?.sha256 ?? '',
      })),
    })),
    documents,
    highlights,
    matrix: evidenceMatrix(db),
  };
}
