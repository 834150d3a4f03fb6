/**
 * A PDF on screen: pdf.js's viewer with our toolbar, find bar, thumbnails, outline, highlight
 * boxes painted on every page render, and the search terms marked in the text layer.
 */
import { useCallback, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import type { PageLayout } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import type { AreaPage } from '../area/on-screen.ts';
import { useAreaTool, type AreaToolOptions } from '../area/useAreaTool.ts';
import { CaretBar, CaretStatus } from '../caret/CaretParts.tsx';
import { pdfPageTexts } from '../caret/text-stream.ts';
import { useTextCaret } from '../caret/useTextCaret.ts';
import { highlightAt, paintPdfPage } from '../highlights/paint-pdf.ts';
import { DoubtfulPageBar } from '../ocr/DoubtfulPageBar.tsx';
import { OcrWordTip } from '../ocr/OcrWordTip.tsx';
import { paintOcrWords } from '../ocr/paint-words.ts';
import type { OcrReview } from '../ocr/useOcrReview.ts';
import { layersInRange, targetForLayer } from '../highlights/select-pdf.ts';
import { FindBar, type FindResult } from './FindBar.tsx';
import { Outline } from './Outline.tsx';
import { PdfToolbar } from './PdfToolbar.tsx';
import { markTextlessPage } from './scan-notice.ts';
import { Sidebar } from './Sidebar.tsx';
import type { DocumentViewProps, Surface } from './surface.ts';
import { landOnHit } from './land-on-hit.ts';
import { firstTerm, paintTerms } from './terms.ts';
import { Thumbnails } from './Thumbnails.tsx';
import { PdfPassword } from './PdfPassword.tsx';
import { usePdfViewer, type PageViewLike } from './usePdfViewer.ts';
import { useViewerKeys } from './useViewerKeys.ts';

export interface PdfViewProps extends DocumentViewProps {
  onExternalLink(url: string): void;
  /** Pages with no text layer (scans), each marked with a note where it is drawn. */
  textlessPages: ReadonlySet<number>;
  /** The Area tool took a rectangle (offer to highlight it there), or dropped the one it took (null). */
  onArea: AreaToolOptions['onArea'];
  /** The popup for the rectangle the Area tool took is open. */
  areaHeld: boolean;
  /** The document's OCR reading: the words drawn over the images on request, doubtful pages noted. */
  ocr: OcrReview;
  /** Read the document again (OCR), offered in the toolbar; null for a document with nothing to read. */
  onRerunOcr: (() => void) | null;
  /** Open at the zoom and turn the document was last shown at. */
  resumeView: boolean;
}

export function PdfView(props: PdfViewProps) {
  const { documentId, paints, selectedId, searchTerms, textlessPages, ocr } = props;
  const container = useRef<HTMLDivElement>(null);
  const draw = useRef({ paints, selectedId, searchTerms, textlessPages, ocr });
  useEffect(() => {
    draw.current = { paints, selectedId, searchTerms, textlessPages, ocr };
  });

  // The page a search hit opened, until its first marked word has been brought into view.
  const landing = useRef<number | null>(null);
  const stopLanding = useRef<() => void>(() => undefined);
  const land = useCallback(() => {
    const root = container.current;
    const page = landing.current;
    if (!root || page === null) return;
    const mark = () => firstTerm(root.querySelector(`.page[data-page-number="${page}"] > .textLayer`) ?? root);
    if (!mark()) return;
    landing.current = null;
    stopLanding.current();
    stopLanding.current = landOnHit(root, mark, root.querySelector('.pdfViewer'));
  }, []);
  useEffect(() => () => stopLanding.current(), []);

  // The Area tool's outline is painted by pdf.js's page callback, which comes before the tool in this function.
  const repaintArea = useRef<(n: number, div: HTMLElement) => void>(() => undefined);
  const onPageDrawn = useCallback(
    (view: PageViewLike) => {
      const d = draw.current;
      paintPdfPage(view.div, view.viewport, d.paints.get(view.id) ?? [], d.selectedId);
      if (view.textLayer) paintTerms(view.textLayer.div, d.searchTerms);
      markTextlessPage(view.div, view.id, d.textlessPages.has(view.id));
      repaintArea.current(view.id, view.div);
      // A reading is fetched the first time a page that needs it is drawn; it is painted once it arrives.
      if (d.ocr.needs(view.id) && !d.ocr.readings.has(view.id)) d.ocr.want(view.id);
      const reading = d.ocr.readings.get(view.id) ?? null;
      paintOcrWords(view.div, reading, d.ocr.showWords, view.rotation);
      if (landing.current === view.id) land();
    },
    [land],
  );
  const { state, parts, actions, unlock } = usePdfViewer(container, {
    documentId,
    initialPage: props.initialPage,
    onExternalLink: props.onExternalLink,
    onPageDrawn,
    resumeView: props.resumeView,
  });
  const ready = state.status === 'ready';

  const area = useAreaTool(container, {
    enabled: ready,
    page(n: number): AreaPage | null {
      const view = parts.current?.viewer.getPageView(n - 1) as PageViewLike | undefined;
      if (!view?.pdfPage) return null;
      return { div: view.div, viewport: view.viewport, filed: view.pdfPage.getViewport({ scale: 1 }) };
    },
    currentPage: state.page,
    rotation: state.rotation,
    onArea: props.onArea,
    held: props.areaHeld,
  });
  useEffect(() => {
    repaintArea.current = area.repaint;
  }, [area.repaint]);

  // Repaint every rendered page when the highlights, the selection or the terms change.
  useEffect(() => {
    const p = parts.current;
    if (!p || !ready) return;
    for (let i = 0; i < p.viewer.pagesCount; i++) {
      const view = p.viewer.getPageView(i) as PageViewLike | undefined;
      if (view?.div.dataset.loaded) onPageDrawn(view);
    }
  }, [paints, selectedId, searchTerms, textlessPages, ocr.readings, ocr.showWords, ocr.status, ready, parts, onPageDrawn]);

  // A new search hit in the same document moves to its page, then to its first marked word.
  const { initialPage } = props;
  useEffect(() => {
    if (!ready) return;
    actions.goTo(initialPage);
    if (searchTerms.length === 0) return;
    landing.current = initialPage;
    land();
  }, [initialPage, searchTerms, ready, actions, land]);

  const { onPageChange } = props;
  useEffect(() => {
    if (ready) onPageChange?.(state.page);
  }, [state.page, ready, onPageChange]);

  const layouts = useRef(new Map<number, Promise<PageLayout>>());
  useEffect(() => layouts.current.clear(), [documentId]);
  useImperativeHandle(
    props.surface,
    (): Surface => ({
      async selectionTargets(given) {
        const sel = window.getSelection();
        const root = container.current;
        const range = given ?? (sel && sel.rangeCount > 0 && !sel.isCollapsed ? sel.getRangeAt(0) : null);
        if (!range || range.collapsed || !root) return null;
        if (!root.contains(range.commonAncestorContainer)) return null;
        const targets = [];
        for (const layer of layersInRange(range, root)) {
          let layout = layouts.current.get(layer.page);
          if (!layout) layouts.current.set(layer.page, (layout = call('documents.pageLayout', { documentId, page: layer.page })));
          const target = targetForLayer(
            range,
            layer,
            await layout.catch(() => ({ documentId, page: layer.page, text: '', view: null, items: [] })),
          );
          if (target) targets.push(target);
        }
        return targets.length > 0 ? targets : null;
      },
      reveal(page, rect) {
        const v = parts.current?.viewer;
        if (!v) return;
        // XYZ with a null zoom keeps the zoom; a little room above the passage keeps it readable.
        const dest = rect ? [null, { name: 'XYZ' }, null, rect[3] + 36, null] : [null, { name: 'Fit' }];
        v.scrollPageIntoView({ pageNumber: page, destArray: dest, allowNegativeOffset: true, ignoreDestinationZoom: true });
      },
      goToPage: actions.goTo,
    }),
    [documentId, parts, actions],
  );

  const [findOpen, setFindOpen] = useState(false);
  const [find, setFind] = useState<FindResult | null>(null);
  useEffect(() => {
    const p = parts.current;
    if (!p || !ready) return;
    const count = ({ matchesCount }: { matchesCount: { current: number; total: number } }) =>
      setFind({ current: matchesCount.current, total: matchesCount.total, pending: false });
    const control = ({ state: s, matchesCount }: { state: number; matchesCount: { current: number; total: number } }) =>
      setFind({ current: matchesCount.current, total: matchesCount.total, pending: s === 3 });
    p.eventBus.on('updatefindmatchescount', count);
    p.eventBus.on('updatefindcontrolstate', control);
    return () => {
      p.eventBus.off('updatefindmatchescount', count);
      p.eventBus.off('updatefindcontrolstate', control);
    };
  }, [ready, parts]);
  const runFind = (query: string, opts: { again: boolean; previous: boolean }) => {
    parts.current?.eventBus.dispatch('find', {
      source: null,
      type: opts.again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: opts.previous,
      matchDiacritics: false,
    });
  };
  const closeFind = () => {
    setFindOpen(false);
    setFind(null);
    parts.current?.eventBus.dispatch('findbarclose', { source: null });
  };

  useViewerKeys(container, { zoom: actions.zoom, find: () => setFindOpen(true), enabled: ready });
  const caret = useTextCaret(container, { pages: () => pdfPageTexts(container.current), lineBreaks: true });
  const caretHint = useId();

  // The sidebar starts open only where the pages keep a readable width beside it.
  const [sidebarOpen, setSidebarOpen] = useState(() => window.innerWidth >= 1400);

  return (
    <div className="viewer-frame">
      <PdfToolbar
        state={state}
        sidebarOpen={sidebarOpen}
        onToggleSidebar={() => setSidebarOpen((o) => !o)}
        onGoTo={actions.goTo}
        onZoom={actions.zoom}
        onRotate={actions.rotate}
        onFind={() => setFindOpen(true)}
        areaOn={area.on}
        onToggleArea={area.toggle}
        ocrText={ocr.readable ? { shown: ocr.showWords, onToggle: ocr.toggleWords } : null}
        onRerunOcr={props.onRerunOcr}
      />
      <div className="viewer-main">
        {sidebarOpen && (
          <Sidebar
            tabs={[
              { id: 'highlights', label: 'Highlights', content: props.highlightsPanel },
              {
                id: 'thumbnails',
                label: 'Thumbnails',
                content: (
                  <Thumbnails
                    doc={ready ? (parts.current?.doc ?? null) : null}
                    pages={state.pages}
                    current={state.page}
                    labels={state.labels}
                    rotation={state.rotation}
                    onGoTo={actions.goTo}
                  />
                ),
              },
              {
                id: 'outline',
                label: 'Outline',
                content: (
                  <Outline
                    doc={ready ? (parts.current?.doc ?? null) : null}
                    linkService={ready ? (parts.current?.viewer.linkService ?? null) : null}
                  />
                ),
              },
            ]}
          />
        )}
        <div className="viewer-stage">
          {findOpen && <FindBar result={find} onFind={runFind} onClose={closeFind} />}
          {ready && (
            <DoubtfulPageBar reading={ocr.readings.get(state.page)} wordsShown={ocr.showWords} onShowWords={ocr.toggleWords} />
          )}
          {/* The bars above take their height; the pages get the rest (pdf.js needs its container absolutely placed). */}
          <div className="pdf-area">
            <div
              ref={container}
              className="pdf-container"
              tabIndex={0}
              role="region"
              aria-label="Pages"
              aria-describedby={caretHint}
              data-status={state.status}
              data-tool={area.on ? 'area' : undefined}
              onClick={(e) => {
                const sel = window.getSelection();
                if (sel && !sel.isCollapsed) return;
                const page = (e.target as HTMLElement).closest<HTMLElement>('.page');
                const id = page ? highlightAt(page, e.clientX, e.clientY) : null;
                if (id) props.onHighlightClick(id, { x: e.clientX, y: e.clientY });
              }}
            >
              <div className="pdfViewer" />
              <CaretBar bar={caret.bar} />
            </div>
          </div>
          <OcrWordTip container={container} active={ocr.showWords && ready} />
          <CaretStatus hintId={caretHint} said={caret.said} />
          <div className="visually-hidden area-status" aria-live="polite">
            {area.said}
          </div>
          {state.status === 'loading' && <p className="viewer-status">Opening…</p>}
          {state.status === 'failed' && (
            <p className="viewer-status viewer-error" role="alert">
              {state.error}
            </p>
          )}
          {state.status === 'password' && <PdfPassword wrong={state.passwordWrong} onUnlock={unlock} />}
        </div>
      </div>
    </div>
  );
}
