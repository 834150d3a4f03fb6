/**
 * Edits of a court bundle plan as pure functions: each takes a plan body and returns a new
 * one, so the view can keep the previous body for undo and the drag and keyboard routes share
 * one meaning of "move".
 */
import type { CourtPlanBody, DocumentSummary } from '../ipc/contract.ts';

/** Where a document sits: its section and its index within it. */
export interface Place {
  section: number;
  index: number;
}

/** A fresh plan: one section, the reviewer's name on the cover, the default options. */
export function newPlanBody(preparedBy: string): CourtPlanBody {
  return {
    cover: { title: 'Hearing bundle', date: null, preparedBy },
    sections: [{ title: 'Section A', documentIds: [] }],
    // The contract's defaults, with the prefix most bundles use (the contract module itself
    // stays out of the page: its zod schemas would be built there for nothing).
    options: {
      prefix: 'EXH-',
      digits: 5,
      stampPosition: 'bottom-right',
      highlights: false,
      notes: false,
      ownAnnotations: true,
      stampCover: false,
    },
  };
}

const withSections = (body: CourtPlanBody, sections: CourtPlanBody['sections']): CourtPlanBody => ({ ...body, sections });

/** Find a document in the plan. */
export function placeOf(body: CourtPlanBody, documentId: string): Place | null {
  for (const [section, s] of body.sections.entries()) {
    const index = s.documentIds.indexOf(documentId);
    if (index >= 0) return { section, index };
  }
  return null;
}

/**
 * Put a document at `to` (index clamped to the section), taking it from wherever it was;
 * `to.index` counts positions in the section as it is before the move.
 */
export function moveDocument(body: CourtPlanBody, documentId: string, to: Place): CourtPlanBody {
  const from = placeOf(body, documentId);
  const sections = body.sections.map((s) => ({ ...s, documentIds: s.documentIds.filter((d) => d !== documentId) }));
  let index = to.index;
  if (from && from.section === to.section && from.index < to.index) index--;
  const target = sections[to.section];
  if (!target) return body;
  index = Math.max(0, Math.min(index, target.documentIds.length));
  target.documentIds.splice(index, 0, documentId);
  return withSections(body, sections);
}

/** Move a document one place up or down, crossing into the neighbouring section at an edge. */
export function stepDocument(body: CourtPlanBody, documentId: string, delta: -1 | 1): CourtPlanBody {
  const from = placeOf(body, documentId);
  if (!from) return body;
  const length = body.sections[from.section]!.documentIds.length;
  const index = from.index + delta;
  if (index >= 0 && index < length)
    return moveDocument(body, documentId, { section: from.section, index: delta > 0 ? index + 1 : index });
  const section = from.section + delta;
  if (section < 0 || section >= body.sections.length) return body;
  return moveDocument(body, documentId, { section, index: delta > 0 ? 0 : body.sections[section]!.documentIds.length });
}

/** Take a document out of the plan (it stays in the case). */
export const removeDocument = (body: CourtPlanBody, documentId: string): CourtPlanBody =>
  withSections(
    body,
    body.sections.map((s) => ({ ...s, documentIds: s.documentIds.filter((d) => d !== documentId) })),
  );

/** Move a section to index `to` (as counted before the move). */
export function moveSection(body: CourtPlanBody, from: number, to: number): CourtPlanBody {
  const sections = [...body.sections];
  const [moved] = sections.splice(from, 1);
  if (!moved) return body;
  const at = Math.max(0, Math.min(from < to ? to - 1 : to, sections.length));
  sections.splice(at, 0, moved);
  return withSections(body, sections);
}

/** A title no other section has: "Section B", "Section C", …, then numbers. */
export function freshSectionTitle(body: CourtPlanBody): string {
  const taken = new Set(body.sections.map((s) => s.title.toLowerCase()));
  for (let i = 0; i < 26; i++) {
    const title = `Section ${String.fromCharCode(65 + i)}`;
    if (!taken.has(title.toLowerCase())) return title;
  }
  let n = 27;
  while (taken.has(`section ${n}`)) n++;
  return `Section ${n}`;
}

export const addSection = (body: CourtPlanBody, title = freshSectionTitle(body)): CourtPlanBody =>
  withSections(body, [...body.sections, { title, documentIds: [] }]);

export const renameSection = (body: CourtPlanBody, index: number, title: string): CourtPlanBody =>
  withSections(
    body,
    body.sections.map((s, i) => (i === index ? { ...s, title } : s)),
  );

/** Remove a section; its documents go back to the library (a plan keeps at least one section). */
export const removeSection = (body: CourtPlanBody, index: number): CourtPlanBody =>
  body.sections.length <= 1
    ? body
    : withSections(
        body,
        body.sections.filter((_, i) => i !== index),
      );

/** Sort one section by the documents' dates (undated last, then by title) or by title. */
export function sortSection(
  body: CourtPlanBody,
  index: number,
  by: 'date' | 'title',
  docs: ReadonlyMap<string, DocumentSummary>,
  titleOf: (id: string) => string,
): CourtPlanBody {
  const byTitle = (a: string, b: string) => titleOf(a).localeCompare(titleOf(b), undefined, { numeric: true });
  const dateOf = (id: string) => docs.get(id)?.date ?? null;
  const compare = (a: string, b: string) => {
    if (by === 'title') return byTitle(a, b);
    const [da, db] = [dateOf(a), dateOf(b)];
    if (da !== db) return da === null ? 1 : db === null ? -1 : da < db ? -1 : 1;
    return byTitle(a, b);
  };
  return withSections(
    body,
    body.sections.map((s, i) => (i === index ? { ...s, documentIds: [...s.documentIds].sort(compare) } : s)),
  );
}

/** The bundle number as stamped: `EXH-00001` for prefix EXH- and five digits. */
export const stampPreview = (prefix: string, digits: number, n = 1): string => `${prefix}${String(n).padStart(digits, '0')}`;
