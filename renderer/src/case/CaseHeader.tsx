/**
 * The top bar: which case is open (and the way to another), its size, and who is recorded
 * as reviewer; under it, a notice when the case is read-only, a warning when its automatic
 * backup failed; and the offer to restore a case that could not be opened because its
 * database is damaged.
 */
import type { CaseState } from './useCase.ts';
import type { BackupStatusState } from './useBackupStatus.ts';
import { BackupWarning } from './BackupWarning.tsx';
import { CaseSwitcher } from './CaseSwitcher.tsx';
import { RestoreBackupDialog } from './RestoreBackupDialog.tsx';
import './case.css';

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function CaseHeader({
  kase,
  backup,
  onEditReviewer,
  onShowShortcuts,
}: {
  kase: CaseState;
  backup: BackupStatusState;
  onEditReviewer(): void;
  onShowShortcuts(): void;
}) {
  const { info, failed } = kase;
  return (
    <>
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
      {info?.readOnly && (
        <p className="read-only-banner" role="status">
          <strong>Read-only.</strong>
          This case's folder cannot be written, so nothing can be changed or added. Everything can be read, searched and exported.
        </p>
      )}
      <BackupWarning status={backup} />
      {kase.damaged && <RestoreBackupDialog damaged={kase.damaged} onRestore={kase.restore} onClose={kase.dismissDamaged} />}
    </>
  );
}
