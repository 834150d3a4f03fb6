/**
 * The Court bundle view, in the middle of the window like the ledger views: the case's plans
 * (choose, create, rename, delete), the chosen plan's cover, sections and options, the case's
 * documents to add, and Build bundle…. Every change is saved to the case after a pause, with
 * its state shown, and undone with Ctrl+Z. Its state belongs to the open case: the workspace
 * is mounted afresh for each case, and this view with it.
 */
import { useId, useMemo, useState } from 'react';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { useDisplayTitles, shownTitle } from '../documents/titles.ts';
import { BuildDialog } from './BuildDialog.tsx';
import { DocumentPicker } from './DocumentPicker.tsx';
import { addSection } from '../../../shared/court/plan-edit.ts';
import { PlanNameDialog } from './PlanNameDialog.tsx';
import { CoverFields, OptionsFields } from './PlanFields.tsx';
import { SectionList } from './SectionList.tsx';
import { Modal } from '../ui/Modal.tsx';
import { usePlans, type SaveState } from './usePlans.ts';
import '../allegations/ledger.css';
import './court.css';

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  pending: 'Editing…',
  saving: 'Saving…',
  failed: 'Not saved',
};

type Dialog = 'create' | 'rename' | 'delete' | 'build' | null;

export function CourtPane({
  documents,
  reviewer,
  onClose,
  report,
}: {
  documents: readonly DocumentSummary[];
  /** The reviewer's name, the cover's "prepared by" for a new plan. */
  reviewer: string;
  onClose(): void;
  report(err: unknown): void;
}) {
  const p = usePlans(report);
  const [dialog, setDialog] = useState<Dialog>(null);
  const pickId = useId();
  const titles = useDisplayTitles(documents);
  const byId = useMemo(() => new Map(documents.map((d) => [d.documentId, d])), [documents]);
  const titleOf = (id: string) => shownTitle(titles, id, byId.get(id)?.title ?? `Missing document ${id.slice(0, 8)}`);
  const draft = p.draft;
  const freshName = () => {
    const taken = new Set((p.plans ?? []).map((x) => x.name.toLowerCase()));
    let n = 1;
    while (taken.has(n === 1 ? 'hearing bundle' : `hearing bundle ${n}`)) n++;
    return n === 1 ? 'Hearing bundle' : `Hearing bundle ${n}`;
  };

  return (
    <section className="pane pane-ledger pane-court" aria-label="Court bundle">
      <div className="viewer-head court-head">
        <h2>Court bundle</h2>
        {p.plans && p.plans.length > 0 && draft && (
          <>
            <label htmlFor={pickId} className="visually-hidden">
              Plan
            </label>
            <select id={pickId} value={draft.planId} onChange={(e) => p.choose(e.target.value)}>
              {p.plans.map((x) => (
                <option key={x.planId} value={x.planId}>
                  {x.planId === draft.planId ? draft.name : x.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="quiet" onClick={() => setDialog('create')}>
          New plan…
        </button>
        {draft && (
          <>
            <button type="button" className="quiet" onClick={() => setDialog('rename')}>
              Rename…
            </button>
            <button type="button" className="quiet" onClick={() => setDialog('delete')}>
              Delete…
            </button>
            <span className={`court-save court-save-${p.save}`} role="status" aria-live="polite">
              {SAVE_TEXT[p.save]}
            </span>
          </>
        )}
        <span className="court-head-end">
          {draft && (
            <button
              type="button"
              className="primary"
              disabled={draft.sections.every((s) => s.documentIds.length === 0)}
              onClick={() => void p.flush().then(() => setDialog('build'))}
            >
              Build bundle…
            </button>
          )}
          <button type="button" className="quiet" onClick={onClose}>
            Close
          </button>
        </span>
      </div>
      <div className="ledger-body court-body">
        {p.plans === null ? (
          <p className="muted">Loading the case’s plans…</p>
        ) : !draft ? (
          <div className="court-none">
            <p>
              No court bundle plan in this case yet. A plan puts chosen documents in sections and order, with a cover and page
              numbers.
            </p>
            <button type="button" className="primary" onClick={() => setDialog('create')}>
              New plan…
            </button>
          </div>
        ) : (
          <div className="court-grid">
            <div className="court-main">
              <div className="court-sections-head">
                <h3>Sections</h3>
                <span className="muted court-hint">Drag to reorder, or focus a handle and press Alt+↑ / Alt+↓.</span>
                <button type="button" onClick={() => p.edit((b) => addSection(b))}>
                  Add section
                </button>
              </div>
              <SectionList body={draft} documents={byId} titleOf={titleOf} edit={p.edit} />
            </div>
            <div className="court-side">
              <DocumentPicker body={draft} documents={documents} titleOf={titleOf} edit={p.edit} />
              <CoverFields body={draft} edit={p.edit} />
              <OptionsFields body={draft} edit={p.edit} />
            </div>
          </div>
        )}
      </div>
      {dialog === 'create' && (
        <PlanNameDialog
          title="New court bundle plan"
          initial={freshName()}
          action="Create plan"
          onSubmit={(name) => p.create(name, reviewer)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'rename' && draft && (
        <PlanNameDialog
          title="Rename plan"
          initial={draft.name}
          action="Rename"
          onSubmit={p.rename}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'delete' && draft && (
        <Modal title={`Delete “${draft.name}”?`} onClose={() => setDialog(null)} role="alertdialog" className="allegation-dialog">
          <p>The plan goes; its documents stay in the case. The deletion is recorded in the audit log.</p>
          <div className="modal-actions">
            <button type="button" onClick={() => setDialog(null)} data-autofocus>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setDialog(null);
                p.remove().catch(report);
              }}
            >
              Delete plan
            </button>
          </div>
        </Modal>
      )}
      {dialog === 'build' && draft && <BuildDialog planId={draft.planId} planName={draft.name} onClose={() => setDialog(null)} />}
    </section>
  );
}
