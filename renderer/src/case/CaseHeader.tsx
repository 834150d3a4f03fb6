/** The top bar: which case is open (and the way to another), its size, and who is recorded as reviewer. */
import type { CaseState } from './useCase.ts';
import { CaseSwitcher } from './CaseSwitcher.tsx';

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function CaseHeader({
  kase,
  onEditReviewer,
  onShowShortcuts,
}: {
  kase: CaseState;
  onEditReviewer(): void;
  onShowShortcuts(): void;
}) {
  const { info, failed } = kase;
  return (
    <header className="appbar">
      <span className="brand">Exhibit</span>
      {info ? (
        <>
          <div className="case-id" role="group" aria-label="Open case">
            <CaseSwitcher info={info} kase={kase} />
            <span className="case-path" title={info.path}>
              {info.path}
            </span>
          </div>
          <dl className="case-facts">
            <div>
              <dt>Contents</dt>
              <dd>
                {count(info.documents, 'document', 'documents')} · {count(info.pages, 'page', 'pages')}
              </dd>
            </div>
            <div>
              <dt>Reviewer</dt>
              <dd>
                <button
                  type="button"
                  className="link-button"
                  onClick={onEditReviewer}
                  aria-label={`Reviewer: ${info.reviewer}. Change`}
                >
                  {info.reviewer}
                </button>
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <span className="case-loading">{failed ? 'No case open' : 'Opening case…'}</span>
      )}
      <button
        type="button"
        className="quiet help-button"
        onClick={onShowShortcuts}
        aria-keyshortcuts="F1"
        title="Keyboard shortcuts (F1)"
      >
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
    </header>
  );
}
