/**
 * The top bar: which case is open (and the way to another), its size, who is recorded
 * as reviewer, and the theme; under it, a notice when the case is read-only, a warning when its automatic
 * backup failed; and the offer to restore a case that could not be opened because its
 * database is damaged.
 */
import type { ThemeChoice } from '../../../shared/ipc/contract.ts';
import { ThemeSelect } from '../settings/ThemeChoice.tsx';
import type { CaseState } from './useCase.ts';
import type { BackupStatusState } from './useBackupStatus.ts';
import { BackupWarning } from './BackupWarning.tsx';
import { RemeasureStatus } from './RemeasureStatus.tsx';
import { CaseSwitcher } from './CaseSwitcher.tsx';
import { OcrStatus } from './OcrStatus.tsx';
import { OcrRerunSummary } from '../ocr/OcrRerunSummary.tsx';
import { RestoreBackupDialog } from './RestoreBackupDialog.tsx';
import { TopBarMore } from './TopBarMore.tsx';
import type { CaseInfo } from '../../../shared/ipc/contract.ts';
import './case.css';

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** What the case holds and who is recorded as reviewer (a button that changes it). */
function CaseFacts({ info, className, onEditReviewer }: { info: CaseInfo; className: string; onEditReviewer(): void }) {
  return (
    <dl className={className}>
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
  );
}

export function CaseHeader({
  kase,
  backup,
  onEditReviewer,
  onShowShortcuts,
  theme,
  onTheme,
  report,
}: {
  kase: CaseState;
  backup: BackupStatusState;
  onEditReviewer(): void;
  onShowShortcuts(): void;
  theme: ThemeChoice;
  onTheme(theme: ThemeChoice): void;
  report(err: unknown): void;
}) {
  const { info, failed } = kase;
  return (
    <>
      <header className="appbar">
        {/* The page's one level-one heading; the panes below are its h2 sections. */}
        <h1 className="brand">Exhibit</h1>
        {info ? (
          <>
            <div className="case-id" role="group" aria-label="Open case">
              <CaseSwitcher info={info} kase={kase} />
              <span className="case-path" title={info.path}>
                {info.path}
              </span>
            </div>
            {/* Wide, the facts sit in the bar; narrow, behind the overflow button (one or the other shows). */}
            <CaseFacts info={info} className="case-facts" onEditReviewer={onEditReviewer} />
            <TopBarMore>
              <CaseFacts info={info} className="case-facts-stacked" onEditReviewer={onEditReviewer} />
            </TopBarMore>
          </>
        ) : (
          <span className="case-loading">{failed ? 'No case open' : 'Opening case…'}</span>
        )}
        <ThemeSelect theme={theme} onChange={onTheme} />
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
      <RemeasureStatus caseDir={info?.path ?? null} />
      <OcrStatus caseDir={info?.path ?? null} onRead={kase.refresh} report={report} />
      <OcrRerunSummary caseDir={info?.path ?? null} report={report} />
      {kase.damaged && <RestoreBackupDialog damaged={kase.damaged} onRestore={kase.restore} onClose={kase.dismissDamaged} />}
    </>
  );
}
