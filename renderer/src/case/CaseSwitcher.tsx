/**
 * The case name in the top bar is also the way to another case: a panel with the recent
 * cases (missing ones shown, not hidden, so a moved folder is noticed), Open, New and
 * the sample case. Escape or a click elsewhere closes it and focus returns to the button.
 */
import { useEffect } from 'react';
import { usePopover } from '../ui/usePopover.ts';
import type { CaseInfo } from '../../../shared/ipc/contract.ts';
import type { CaseState } from './useCase.ts';

const samePath = (a: string, b: string) => a.replace(/[\\/]+$/, '') === b.replace(/[\\/]+$/, '');

/**
 * Whether a case was shown before. Another case gets a fresh workspace, this button with
 * it, and what had the focus is gone: the new case's button takes it, so the keyboard
 * goes on from the case just opened.
 */
let shownBefore = false;

export function CaseSwitcher({ info, kase }: { info: CaseInfo; kase: CaseState }) {
  // A recent case may have been moved or deleted since the list was read: read it again on opening.
  const { open, setOpen, panelId, buttonRef, panelRef } = usePopover(kase.reloadRecent);

  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (shownBefore && lost) buttonRef.current?.focus();
    shownBefore = true;
  }, [buttonRef]);

  const act = (action: () => Promise<unknown>) => {
    setOpen(false);
    buttonRef.current?.focus();
    void action();
  };
  const others = (kase.recent ?? []).filter((r) => !samePath(r.path, info.path));

  return (
    <div className="case-switcher">
      <button
        ref={buttonRef}
        type="button"
        className="case-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        title={info.path}
      >
        <span className="case-label">Case</span>
        <span className="case-name">{info.name}</span>
        <span className="chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div ref={panelRef} id={panelId} className="case-panel" role="group" aria-label="Switch case">
          <div className="case-panel-current">
            <span className="muted">Open now</span>
            <span className="case-path-full">{info.path}</span>
          </div>
          <h2 className="case-panel-title">Recent cases</h2>
          {others.length === 0 ? (
            <p className="case-panel-empty">No other cases opened yet.</p>
          ) : (
            <ul className="recent-list" aria-label="Recent cases">
              {others.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    disabled={!r.exists}
                    onClick={() => act(() => kase.open(r.path))}
                    aria-label={r.exists ? `Open case ${r.name}` : `${r.name} (folder not found)`}
                  >
                    <span className="recent-name">{r.name}</span>
                    <span className="recent-path">{r.exists ? r.path : `Not found: ${r.path}`}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="case-panel-actions">
            <button type="button" onClick={() => act(() => kase.choose('open'))}>
              Open case…
            </button>
            <button type="button" onClick={() => act(() => kase.choose('create'))}>
              New case…
            </button>
            <button type="button" className="quiet" onClick={() => act(kase.openSample)}>
              Open the sample case
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
