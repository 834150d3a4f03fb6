/** The top bar: which case is open, its size, and who is recorded as reviewer. */
import type { CaseInfo } from '../../../shared/ipc/contract.ts';

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function CaseHeader({ info, failed }: { info: CaseInfo | null; failed: boolean }) {
  return (
    <header className="appbar">
      <span className="brand">Exhibit</span>
      {info ? (
        <>
          <div className="case-id" aria-label="Open case">
            <span className="case-name">{info.name}</span>
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
              <dd>{info.reviewer}</dd>
            </div>
          </dl>
        </>
      ) : (
        <span className="case-loading">{failed ? 'No case open' : 'Opening case…'}</span>
      )}
    </header>
  );
}
