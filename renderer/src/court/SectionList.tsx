/**
 * The plan's sections and their documents. Everything the mouse does by dragging, the
 * keyboard does too: Alt+Arrow Up/Down moves the focused document (across into the next
 * section at an edge) or section, each document has a "Move to section" menu, each section
 * its Up/Down buttons; after a keyboard move the focus follows the moved item.
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { CourtPlanBody, DocumentSummary } from '../../../shared/ipc/contract.ts';
import { allowDrop, DOC_TYPE, SECTION_TYPE, startDrag } from './drag.ts';
import {
  moveDocument,
  moveSection,
  removeDocument,
  removeSection,
  renameSection,
  sortSection,
  stepDocument,
} from '../../../shared/court/plan-edit.ts';

export interface SectionListProps {
  body: CourtPlanBody;
  documents: ReadonlyMap<string, DocumentSummary>;
  titleOf(documentId: string): string;
  edit(change: (body: CourtPlanBody) => CourtPlanBody): void;
}

type Focus = { kind: 'doc'; id: string } | { kind: 'section'; index: number } | null;

export function SectionList({ body, documents, titleOf, edit }: SectionListProps) {
  // Set by a keyboard move, used once the moved item is rendered in its new place.
  const focusNext = useRef<Focus>(null);
  const setFocus = (f: Focus) => {
    focusNext.current = f;
  };
  const [dropAt, setDropAt] = useState<string | null>(null);
  const root = useRef<HTMLOListElement>(null);

  // After a keyboard move the moved item is rendered anew: put the focus back on it.
  useEffect(() => {
    const focus = focusNext.current;
    if (!focus) return;
    const selector =
      focus.kind === 'doc' ? `[data-doc-handle="${CSS.escape(focus.id)}"]` : `[data-section-handle="${focus.index}"]`;
    root.current?.querySelector<HTMLElement>(selector)?.focus();
    focusNext.current = null;
  }, [body]);

  const dropDocument = (e: DragEvent, section: number, index: number) => {
    const id = e.dataTransfer.getData(DOC_TYPE);
    setDropAt(null);
    if (!id) return;
    e.preventDefault();
    e.stopPropagation();
    edit((b) => moveDocument(b, id, { section, index }));
  };

  const docKeys = (e: KeyboardEvent, id: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    edit((b) => stepDocument(b, id, e.key === 'ArrowUp' ? -1 : 1));
    setFocus({ kind: 'doc', id });
  };
  const sectionKeys = (e: KeyboardEvent, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = e.key === 'ArrowUp' ? index - 1 : index + 2;
    if (to < 0 || to > body.sections.length) return;
    edit((b) => moveSection(b, index, to));
    setFocus({ kind: 'section', index: e.key === 'ArrowUp' ? index - 1 : index + 1 });
  };
  const shiftSection = (index: number, delta: -1 | 1) => {
    edit((b) => moveSection(b, index, delta < 0 ? index - 1 : index + 2));
    setFocus({ kind: 'section', index: index + delta });
  };

  return (
    <ol className="court-sections" ref={root} aria-label="Sections">
      {body.sections.map((s, si) => {
        const titleId = `court-section-${si}`;
        return (
          <li
            key={si}
            className={`court-section ${dropAt === `s${si}` ? 'drop-before' : ''}`}
            aria-labelledby={titleId}
            onDragOver={(e) => {
              if (allowDrop(e, SECTION_TYPE)) setDropAt(`s${si}`);
              else if (allowDrop(e, DOC_TYPE)) setDropAt(`d${si}:end`);
            }}
            onDragLeave={() => setDropAt(null)}
            onDrop={(e) => {
              const from = e.dataTransfer.getData(SECTION_TYPE);
              if (from !== '') {
                e.preventDefault();
                setDropAt(null);
                edit((b) => moveSection(b, Number(from), si));
              } else dropDocument(e, si, s.documentIds.length);
            }}
          >
            <div className="court-section-head">
              <button
                type="button"
                className="court-handle"
                draggable
                data-section-handle={si}
                onDragStart={(e) => startDrag(e, SECTION_TYPE, String(si))}
                onKeyDown={(e) => sectionKeys(e, si)}
                aria-label={`Section ${si + 1}: ${s.title}. Drag, or Alt+Arrow keys, to move it`}
                aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                title="Drag to move the section (or Alt+↑ / Alt+↓)"
              >
                <span aria-hidden="true">⠿</span>
              </button>
              <label className="visually-hidden" htmlFor={titleId}>
                Title of section {si + 1}
              </label>
              <input
                id={titleId}
                className="court-section-title"
                value={s.title}
                maxLength={300}
                onChange={(e) => edit((b) => renameSection(b, si, e.target.value))}
                onBlur={(e) => {
                  if (!e.target.value.trim()) edit((b) => renameSection(b, si, `Section ${si + 1}`));
                }}
              />
              <span className="court-count muted">
                {s.documentIds.length} {s.documentIds.length === 1 ? 'document' : 'documents'}
              </span>
              <div className="court-section-tools" role="group" aria-label={`Section “${s.title}”`}>
                <button type="button" className="quiet" disabled={si === 0} onClick={() => shiftSection(si, -1)}>
                  Up
                </button>
                <button
                  type="button"
                  className="quiet"
                  disabled={si === body.sections.length - 1}
                  onClick={() => shiftSection(si, 1)}
                >
                  Down
                </button>
                <button
                  type="button"
                  className="quiet"
                  disabled={s.documentIds.length < 2}
                  onClick={() => edit((b) => sortSection(b, si, 'date', documents, titleOf))}
                >
                  Sort by date
                </button>
                <button
                  type="button"
                  className="quiet"
                  disabled={s.documentIds.length < 2}
                  onClick={() => edit((b) => sortSection(b, si, 'title', documents, titleOf))}
                >
                  Sort by title
                </button>
                <button
                  type="button"
                  className="quiet"
                  disabled={body.sections.length <= 1}
                  onClick={() => edit((b) => removeSection(b, si))}
                  title="Remove the section; its documents go back to the list of documents to add"
                >
                  Remove
                </button>
              </div>
            </div>
            {s.documentIds.length === 0 ? (
              <p className={`court-empty muted ${dropAt === `d${si}:end` ? 'drop-here' : ''}`}>
                No documents yet: add them from the case’s documents, or drag them here.
              </p>
            ) : (
              <ol className="court-docs" aria-label={`Documents in “${s.title}”`}>
                {s.documentIds.map((id, di) => {
                  const doc = documents.get(id);
                  const title = titleOf(id);
                  return (
                    <li
                      key={id}
                      className={`court-doc ${dropAt === `d${si}:${di}` ? 'drop-before' : ''} ${doc ? '' : 'missing'}`}
                      onDragOver={(e) => {
                        if (allowDrop(e, DOC_TYPE)) {
                          e.stopPropagation();
                          setDropAt(`d${si}:${di}`);
                        }
                      }}
                      onDrop={(e) => dropDocument(e, si, di)}
                    >
                      <button
                        type="button"
                        className="court-handle"
                        draggable
                        data-doc-handle={id}
                        onDragStart={(e) => {
                          e.stopPropagation();
                          startDrag(e, DOC_TYPE, id);
                        }}
                        onKeyDown={(e) => docKeys(e, id)}
                        aria-label={`${title}. Drag, or Alt+Arrow keys, to move it`}
                        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                        title="Drag to move (or Alt+↑ / Alt+↓)"
                      >
                        <span aria-hidden="true">⠿</span>
                      </button>
                      <span className="court-doc-title">{title}</span>
                      <span className="court-doc-facts muted">
                        {doc
                          ? `${doc.date ?? 'undated'} · ${doc.pages} ${doc.pages === 1 ? 'page' : 'pages'}`
                          : 'not in this case'}
                      </span>
                      <select
                        className="court-move"
                        aria-label={`Move “${title}” to section`}
                        value={si}
                        onChange={(e) => {
                          const to = Number(e.target.value);
                          edit((b) => moveDocument(b, id, { section: to, index: b.sections[to]!.documentIds.length }));
                          setFocus({ kind: 'doc', id });
                        }}
                      >
                        {body.sections.map((t, ti) => (
                          <option key={ti} value={ti}>
                            {ti === si ? `In ${t.title}` : `Move to ${t.title}`}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        className="quiet"
                        aria-label={`Take “${title}” out of the bundle`}
                        title="Take out of the bundle (the document stays in the case)"
                        onClick={() => edit((b) => removeDocument(b, id))}
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
          </li>
        );
      })}
    </ol>
  );
}
