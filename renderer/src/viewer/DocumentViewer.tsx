/**
 * The document viewer: a PDF (pdf.js viewer parts) or a plain-text document, with
 * highlighting, in-document find and the search terms it was opened with painted.
 * It takes props and calls back; it does not know which host it runs in.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { ledgerChanged } from '../allegations/changes.ts';
import { LinkPicker } from '../allegations/LinkPicker.tsx';
import { useHighlightLinks } from '../allegations/useHighlightLinks.ts';
import { call, messageOf } from '../api.ts';
import { HighlightPopup } from '../highlights/HighlightPopup.tsx';
import { HighlightsPanel } from '../highlights/HighlightsPanel.tsx';
import { firstPaint, paintsByPage, type Highlight, type HighlightColor, type TargetSpec } from '../highlights/model.ts';
import { useHighlights } from '../highlights/useHighlights.ts';
import { TextView } from '../textview/TextView.tsx';
import { ExternalLinkDialog } from './ExternalLinkDialog.tsx';
import { PdfView, type PdfViewProps } from './PdfView.tsx';
import { useTextlessPages } from './scan-notice.ts';
import { useOcrReview } from '../ocr/useOcrReview.ts';
import '../ocr/ocr-review.css';
import { warmPdfJs } from './pdfjs.ts';
import type { Surface } from './surface.ts';
import './viewer.css';
import '../highlights/highlights.css';

export interface DocumentViewerProps {
  documentId: string;
  kind: 'pdf' | 'text';
  title: string;
  /** 1-based page to show first. */
  initialPage?: number;
  /** Terms to paint (mark.js) when opened from a search hit; never stored. */
  searchTerms?: string[];
  /** Called with the 1-based page the reviewer is looking at. */
  onPageChange?(page: number): void;
  /** Read the document's scanned pages again (the Re-run OCR dialog). */
  onRerunOcr?(): void;
  /** Come back at the zoom and turn the document was last shown at (opened again because its reading changed). */
  resumeView?: boolean;
}

// The viewer is part of the app from the start: pdf.js and its worker get ready while the reviewer is still choosing.
warmPdfJs();

/**
 * The create popup holds the passage as it was selected: typing a note moves the focus and
 * clears the page's selection, and the highlight must still be of what was selected.
 * `area`: it holds a rectangle from the Area tool, which keeps its outline while it is open.
 */
type Popup =
  | { mode: 'create'; x: number; y: number; targets: Promise<TargetSpec[] | null>; area?: boolean }
  | { mode: 'edit'; id: string; x: number; y: number };
const NO_TERMS: string[] = [];

const isTextField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Show one document with its highlights. Another document starts afresh (no state carried over). */
export function DocumentViewer(props: DocumentViewerProps): JSX.Element {
  return <OpenDocument key={props.documentId} {...props} />;
}

function OpenDocument(props: DocumentViewerProps) {
  const { documentId } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const report = useCallback((err: unknown) => setProblem(messageOf(err)), []);
  const highlights = useHighlights(documentId, report);
  const paints = useMemo(() => paintsByPage(highlights.list ?? []), [highlights.list]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [popup, setPopup] = useState<Popup | null>(null);
  const [externalUrl, setExternalUrl] = useState<string | null>(null);
  const [linking, setLinking] = useState<{ highlightId: string; at: { x: number; y: number } } | null>(null);
  const links = useHighlightLinks(documentId, report);
  const textless = useTextlessPages(props.kind === 'pdf' ? documentId : null, report);
  const ocr = useOcrReview(props.kind === 'pdf' ? documentId : null, report);
  // Offered where there is something to read: pages queued, read or failed before, or pages without text.
  const { onRerunOcr } = props;
  const rerun = onRerunOcr && (ocr.status !== null || textless.size > 0) ? onRerunOcr : null;
  const lastColor = useRef<HighlightColor>('yellow');
  const surface = useRef<Surface>(null);
  const terms = props.searchTerms ?? NO_TERMS;

  const createFromSelection = useCallback(
    async (color: HighlightColor, note: string, held?: Promise<TargetSpec[] | null>) => {
      const targets = await (held ?? surface.current?.selectionTargets());
      setPopup(null);
      if (!targets) {
        // A passage chosen in the popup that can no longer be placed is never dropped silently.
        if (held) report(new Error('The selected passage could not be highlighted: select it again.'));
        return null;
      }
      lastColor.current = color;
      const made = await highlights.create(targets, color, note || undefined);
      // A key pressed right after the mouse-up can beat the popup's timer; close it again once done.
      setPopup(null);
      if (made) {
        // The caret stays at the passage's end, so the keyboard carries on from there (an area has no selection).
        const sel = window.getSelection();
        if (sel && sel.rangeCount > 0) sel.collapseToEnd();
        setSelectedId(made.highlightId);
        // A new highlight joins the unlinked queue.
        ledgerChanged();
      }
      return made;
    },
    [highlights, report],
  );

  // A finished selection inside the pages offers the create popup; H creates at once.
  const onSelectionEnd = useCallback(() => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0).cloneRange();
    const rect = range.getBoundingClientRect();
    // Placed now, while the selection is on the page; the popup's note field will take the focus.
    const targets = surface.current?.selectionTargets(range) ?? Promise.resolve(null);
    setPopup({ mode: 'create', x: rect.left + rect.width / 2, y: rect.bottom, targets });
  }, []);
  // L: link the selection (highlighting it first) or the selected highlight to an allegation.
  const linkByKey = useCallback(
    async (held?: { targets: Promise<TargetSpec[] | null>; at: { x: number; y: number } }) => {
      const sel = window.getSelection();
      if (held) {
        const made = await createFromSelection(lastColor.current, '', held.targets);
        if (made) setLinking({ highlightId: made.highlightId, at: held.at });
      } else if (sel && !sel.isCollapsed && sel.rangeCount > 0) {
        const r = sel.getRangeAt(0).getBoundingClientRect();
        const at = { x: r.left + r.width / 2, y: r.bottom };
        const made = await createFromSelection(lastColor.current, '');
        if (made) setLinking({ highlightId: made.highlightId, at });
      } else if (selectedId) {
        const r = document.querySelector('.viewer')?.getBoundingClientRect();
        setLinking({ highlightId: selectedId, at: { x: r ? r.left + r.width / 2 : 200, y: r ? r.top + 80 : 100 } });
      }
    },
    [createFromSelection, selectedId],
  );
  // The Area tool took a rectangle: the same popup as for a selection, at the rectangle's bottom edge.
  const onArea = useCallback<PdfViewProps['onArea']>((taken) => {
    if (taken) setPopup({ mode: 'create', x: taken.at.x, y: taken.at.y, targets: Promise.resolve([taken.target]), area: true });
    else setPopup((p) => (p?.mode === 'create' && p.area ? null : p));
  }, []);
  const areaPopup = popup?.mode === 'create' && popup.area ? popup : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      if ((key !== 'h' && key !== 'l') || e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      // A rectangle from the Area tool waits in its popup: H and L act on it, as on a selection.
      if (areaPopup) {
        e.preventDefault();
        if (key === 'h') void createFromSelection(lastColor.current, '', areaPopup.targets);
        else void linkByKey({ targets: areaPopup.targets, at: areaPopup });
        return;
      }
      if (key === 'l') {
        const sel = window.getSelection();
        if ((!sel || sel.isCollapsed) && !selectedId) return;
        e.preventDefault();
        setPopup(null);
        void linkByKey();
        return;
      }
      const sel = window.getSelection();
      if (!sel || sel.isCollapsed) return;
      e.preventDefault();
      void createFromSelection(lastColor.current, '');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [createFromSelection, linkByKey, selectedId, areaPopup]);

  const select = useCallback((h: Highlight) => {
    setSelectedId(h.highlightId);
    const at = firstPaint(h);
    if (at) surface.current?.reveal(at.page, at.rect, at.start);
  }, []);
  const onHighlightClick = useCallback((id: string, at: { x: number; y: number }) => {
    setSelectedId(id);
    setPopup({ mode: 'edit', id, x: at.x, y: at.y });
  }, []);
  const editing = popup?.mode === 'edit' ? (highlights.list?.find((h) => h.highlightId === popup.id) ?? null) : null;

  const panel = <HighlightsPanel list={highlights.list} selectedId={selectedId} onSelect={select} linksOf={links.of} />;
  const common = {
    documentId,
    initialPage: props.initialPage ?? 1,
    searchTerms: terms,
    paints,
    selectedId,
    highlightsPanel: panel,
    surface,
    onPageChange: props.onPageChange,
    onHighlightClick,
  };

  return (
    <section className="viewer" aria-label={props.title} onMouseUp={() => setTimeout(onSelectionEnd, 0)}>
      {problem && (
        <div className="viewer-alert" role="alert">
          <span>{problem}</span>
          <button type="button" className="quiet" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </div>
      )}
      {props.kind === 'pdf' ? (
        <PdfView
          {...common}
          onExternalLink={setExternalUrl}
          textlessPages={textless}
          onArea={onArea}
          areaHeld={areaPopup !== null}
          ocr={ocr}
          onRerunOcr={rerun}
          resumeView={props.resumeView === true}
        />
      ) : (
        <TextView {...common} />
      )}
      {popup?.mode === 'create' && (
        <HighlightPopup
          mode="create"
          at={popup}
          focusFirst={popup.area === true}
          onClose={() => setPopup(null)}
          onCreate={(c, n) => void createFromSelection(c, n, popup.targets)}
          onLink={() => void linkByKey({ targets: popup.targets, at: popup })}
        />
      )}
      {popup?.mode === 'edit' && editing && (
        <HighlightPopup
          key={editing.highlightId}
          mode="edit"
          at={popup}
          highlight={editing}
          onClose={() => setPopup(null)}
          onRecolor={(color) => void highlights.update(editing, { color })}
          onNote={(note) => {
            setPopup(null);
            void highlights.update(editing, { note });
          }}
          links={links.of(editing.highlightId)}
          onLink={() => {
            setPopup(null);
            setLinking({ highlightId: editing.highlightId, at: popup });
          }}
          onDelete={() => {
            setPopup(null);
            setSelectedId(null);
            void highlights.remove(editing).then(ledgerChanged);
          }}
        />
      )}
      {linking && (
        <LinkPicker highlightId={linking.highlightId} at={linking.at} report={report} onClose={() => setLinking(null)} />
      )}
      {externalUrl && (
        <ExternalLinkDialog
          url={externalUrl}
          onCancel={() => setExternalUrl(null)}
          onOpen={() => {
            const url = externalUrl;
            setExternalUrl(null);
            call('shell.openExternal', { url }).catch(report);
          }}
        />
      )}
    </section>
  );
}
