/**
 * Which document is selected and which is open in the viewer, and the reviewer's place
 * in it: remembered in the settings so the next start reopens the same page. Both are
 * kept as ids and looked up in the current list, so a removed document simply closes and
 * a changed one (new provenance) shows its new facts.
 */
import { useCallback, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import type { CaseState } from '../case/useCase.ts';
import type { SettingsState } from '../settings/useSettings.ts';

export interface OpenDocument {
  doc: DocumentSummary;
  /** The page to start at; the viewer owns the page after that. */
  page: number;
  terms: string[] | undefined;
  /** Changes on every explicit open, so the viewer starts again at the asked-for page. */
  visit: number;
  /** Opened again by reopen(): the viewer comes back at the zoom and turn it had. */
  resumed: boolean;
}

export interface Reading {
  selectedId: string | null;
  open: OpenDocument | null;
  select(doc: DocumentSummary | null): void;
  openDocument(doc: DocumentSummary, page?: number, terms?: string[]): void;
  close(): void;
  pageChanged(page: number): void;
  /** Open the open document afresh at the page the reviewer is on (its reading changed). */
  reopen(): void;
}

type Opened = Omit<OpenDocument, 'doc'> & { documentId: string };

export function useReading(kase: CaseState, prefs: SettingsState): Reading {
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  // Which case the views belong to, and whether its last document was reopened yet.
  const [shownCase, setShownCase] = useState({ generation: kase.generation, restored: null as string | null });
  const caseDir = kase.info?.path ?? null;
  const docs = kase.documents;
  const { rememberDocument, settings } = prefs;

  // Another case: nothing of the old one stays selected or open (adjusted while rendering, not in an effect).
  if (shownCase.generation !== kase.generation) {
    setShownCase({ generation: kase.generation, restored: null });
    setSelected(null);
    setOpened(null);
  }

  // Reopen where the reviewer left off, once per case, if that document is still here.
  if (docs && caseDir && settings && shownCase.restored !== caseDir) {
    setShownCase((s) => ({ ...s, restored: caseDir }));
    const last = settings.lastDocument;
    const doc = last && last.caseDir === caseDir ? docs.find((d) => d.documentId === last.documentId) : undefined;
    if (doc && last) {
      setSelected(doc.documentId);
      setOpened({
        documentId: doc.documentId,
        page: Math.min(Math.max(1, last.page), doc.pages),
        terms: undefined,
        visit: 1,
        resumed: false,
      });
    }
  }

  const openDocument = useCallback(
    (doc: DocumentSummary, page = 1, terms?: string[]) => {
      setSelected(doc.documentId);
      setOpened((o) => ({ documentId: doc.documentId, page, terms, visit: (o?.visit ?? 0) + 1, resumed: false }));
      if (caseDir) rememberDocument({ caseDir, documentId: doc.documentId, page });
    },
    [caseDir, rememberDocument],
  );

  const close = useCallback(() => {
    setOpened(null);
    rememberDocument(null);
  }, [rememberDocument]);

  const openId = opened?.documentId ?? null;
  // The page the viewer shows now; `opened.page` is only where it started.
  const shownPage = useRef<number | null>(null);
  const pageChanged = useCallback(
    (page: number) => {
      shownPage.current = page;
      if (caseDir && openId) rememberDocument({ caseDir, documentId: openId, page });
    },
    [caseDir, openId, rememberDocument],
  );
  const reopen = useCallback(
    () => setOpened((o) => o && { ...o, page: shownPage.current ?? o.page, terms: undefined, visit: o.visit + 1, resumed: true }),
    [],
  );

  const select = useCallback((doc: DocumentSummary | null) => setSelected(doc?.documentId ?? null), []);

  const openDoc = opened ? docs?.find((d) => d.documentId === opened.documentId) : undefined;
  const open =
    opened && openDoc
      ? { doc: openDoc, page: opened.page, terms: opened.terms, visit: opened.visit, resumed: opened.resumed }
      : null;
  const selectedId = selected && docs?.some((d) => d.documentId === selected) ? selected : null;
  return { selectedId, open, select, openDocument, close, pageChanged, reopen };
}
