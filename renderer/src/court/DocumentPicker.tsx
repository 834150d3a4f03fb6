/**
 * The case's documents that are not yet in the plan, to add to a section: by a button (to the
 * section chosen above the list) or by dragging one onto a section. Filtered by title.
 */
import { useId, useState } from 'react';
import type { CourtPlanBody, DocumentSummary } from '../../../shared/ipc/contract.ts';
import { startDrag, DOC_TYPE } from './drag.ts';
import { moveDocument } from '../../../shared/court/plan-edit.ts';

export function DocumentPicker({
  body,
  documents,
  titleOf,
  edit,
}: {
  body: CourtPlanBody;
  documents: readonly DocumentSummary[];
  titleOf(documentId: string): string;
  edit(change: (body: CourtPlanBody) => CourtPlanBody): void;
}) {
  const id = useId();
  const [target, setTarget] = useState(0);
  const [filter, setFilter] = useState('');
  const section = Math.min(target, body.sections.length - 1);
  const placed = new Set(body.sections.flatMap((s) => s.documentIds));
  const free = documents.filter((d) => !placed.has(d.documentId) && d.status === 'ready');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? free.filter((d) => titleOf(d.documentId).toLowerCase().includes(needle)) : free;
  const add = (ids: string[]) =>
    edit((b) => ids.reduce((acc, d) => moveDocument(acc, d, { section, index: acc.sections[section]!.documentIds.length }), b));
  return (
    <section className="court-picker" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Documents to add ({free.length})</h3>
      <div className="court-picker-tools">
        <label htmlFor={`${id}-to`}>Add to</label>
        <select id={`${id}-to`} value={section} onChange={(e) => setTarget(Number(e.target.value))}>
          {body.sections.map((s, i) => (
            <option key={i} value={i}>
              {s.title}
            </option>
          ))}
        </select>
        <button type="button" disabled={shown.length === 0} onClick={() => add(shown.map((d) => d.documentId))}>
          Add all{needle ? ' shown' : ''}
        </button>
      </div>
      {free.length > 0 && (
        <>
          <label htmlFor={`${id}-filter`} className="visually-hidden">
            Filter documents to add
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            placeholder="Filter by title"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </>
      )}
      {free.length === 0 ? (
        <p className="muted">
          {documents.length === 0 ? 'The case has no documents yet.' : 'Every document of the case is in the plan.'}
        </p>
      ) : (
        <ul className="court-picker-list" aria-label="Documents to add">
          {shown.map((d) => {
            const title = titleOf(d.documentId);
            return (
              <li key={d.documentId} draggable onDragStart={(e) => startDrag(e, DOC_TYPE, d.documentId)}>
                <span className="court-doc-title" title={title}>
                  {title}
                </span>
                <span className="muted">{d.date ?? 'undated'}</span>
                <button
                  type="button"
                  onClick={() => add([d.documentId])}
                  aria-label={`Add “${title}” to ${body.sections[section]!.title}`}
                >
                  Add
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
