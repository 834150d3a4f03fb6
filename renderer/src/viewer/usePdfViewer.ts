/**
 * The pdf.js viewer behind a React component: event bus, guarded link service, find
 * controller and PDFViewer (continuous scroll, lazy page rendering) over the bytes of
 * the original, fetched from our own origin. Exposes the state the toolbar shows and a
 * handle for the rest of the viewer to drive it.
 */
import type { PDFDocumentProxy as PdfDocument } from 'pdfjs-dist';
import { useEffect, useMemo, useRef, useState } from 'react';
import { originalPath } from '../../../shared/ipc/channels.ts';
import { keepPlace, type PlaceKeeper } from './keep-place.ts';
import { createLinkService } from './links.ts';
import { loadPageSizes } from './page-sizes.ts';
import { loadPdfJs, openPdf, type PdfJs } from './pdfjs.ts';

type EventBus = InstanceType<PdfJs['viewer']['EventBus']>;
type Viewer = InstanceType<PdfJs['viewer']['PDFViewer']>;
type FindController = InstanceType<PdfJs['viewer']['PDFFindController']>;

/** What a page view offers the highlight painter, the selection mapper and the Area tool. */
export interface PageViewLike {
  id: number;
  div: HTMLDivElement;
  viewport: {
    width: number;
    height: number;
    scale: number;
    convertToViewportPoint(x: number, y: number): number[];
    convertToPdfPoint(x: number, y: number): number[];
  };
  textLayer: { div: HTMLDivElement } | null;
  /** The page itself, once pdf.js has loaded it (pages far from view load later). */
  pdfPage: { getViewport(params: { scale: number }): { convertToViewportPoint(x: number, y: number): number[] } } | null;
  /** How far the reviewer turned the pages, clockwise (on top of the page's own /Rotate). */
  rotation: number;
}

export interface PdfState {
  /** 'password': the original is encrypted and waits for its password (`passwordWrong`: the last one given did not open it). */
  status: 'loading' | 'ready' | 'failed' | 'password';
  passwordWrong: boolean;
  error: string | null;
  page: number;
  pages: number;
  labels: (string | null)[] | null;
  scale: number;
  scaleValue: string;
  rotation: number;
}

export interface PdfParts {
  eventBus: EventBus;
  viewer: Viewer;
  find: FindController;
  doc: PdfDocument;
  place: PlaceKeeper;
}

export interface PdfOptions {
  documentId: string;
  initialPage: number;
  onExternalLink(url: string): void;
  /** A page's text layer was (re)drawn: paint highlights and search terms on it. */
  onPageDrawn(view: PageViewLike): void;
  /** Open at the zoom and turn this document was last shown at (it is shown again because its reading changed). */
  resumeView?: boolean;
}

/**
 * The zoom and turn each document was last shown at in this window, kept when its viewer
 * closes, so a document opened again because its reading changed comes back as it was.
 */
const lastViews = new Map<string, { scale: string; rotation: number }>();

/** The original's bytes, from our own origin. */
async function fetchOriginal(documentId: string): Promise<Uint8Array> {
  const res = await fetch(originalPath(documentId));
  if (!res.ok) throw new Error(`The original of this document could not be read (${res.status} ${res.statusText}).`);
  return new Uint8Array(await res.arrayBuffer());
}

const initial: PdfState = {
  status: 'loading',
  passwordWrong: false,
  error: null,
  page: 1,
  pages: 0,
  labels: null,
  scale: 1,
  scaleValue: 'auto',
  rotation: 0,
};

/** Mount a pdf.js viewer into `container` (which must be absolutely positioned). */
export function usePdfViewer(container: React.RefObject<HTMLDivElement | null>, opts: PdfOptions) {
  const [state, setState] = useState<PdfState>(initial);
  const parts = useRef<PdfParts | null>(null);
  // Callbacks change every render; the viewer's listeners read the latest through a ref.
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const { documentId } = opts;
  const firstPage = useRef(opts.initialPage);
  const resume = useRef(opts.resumeView === true);
  // An encrypted original's password, given in the viewer; kept only while it is open, never stored.
  const [password, setPassword] = useState<string | undefined>(undefined);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    let stopKeeping: (() => void) | null = null;
    const stopSizes = new AbortController();
    setState(initial);
    void (async () => {
      try {
        // The bytes and pdf.js (cold on the first document) arrive together rather than one after the other.
        const [pdfjs, data] = await Promise.all([loadPdfJs(), fetchOriginal(documentId)]);
        if (cancelled) return;
        const task = await openPdf(pdfjs, data, password);
        destroy = () => void task.destroy();
        const doc = await task.promise;
        if (cancelled) return;

        const eventBus = new pdfjs.viewer.EventBus();
        const linkService = createLinkService(pdfjs, eventBus, (url) => latest.current.onExternalLink(url));
        const find = new pdfjs.viewer.PDFFindController({ linkService, eventBus, updateMatchesCountOnProgress: true });
        const viewer = new pdfjs.viewer.PDFViewer({
          container: el,
          eventBus,
          linkService,
          findController: find,
          // Links only, no form widgets: nothing in a PDF can be filled in or submitted here.
          annotationMode: pdfjs.lib.AnnotationMode.ENABLE,
          // No scriptingManager: pdf.js runs a document's scripts only through one, so
          // scripting stays off, as SAFE_PDF_OPTIONS.enableScripting says.
          // No annotation editor: Exhibit never edits a PDF, and the editor's focus handling
          // would take keyboard focus back to the page after the reviewer moved elsewhere.
          annotationEditorMode: pdfjs.lib.AnnotationEditorType.DISABLE,
          enableAutoLinking: false,
          removePageBorders: false,
        });
        linkService.setViewer(viewer);
        const place = keepPlace(viewer);
        stopKeeping = place.stop;
        parts.current = { eventBus, viewer, find, doc, place };

        const sync = () =>
          setState((s) => ({
            ...s,
            page: viewer.currentPageNumber,
            scale: viewer.currentScale,
            scaleValue: viewer.currentScaleValue,
            rotation: viewer.pagesRotation,
          }));
        eventBus.on('pagesinit', () => {
          // Closed while pdf.js was still setting up (its clean-up waits for that): the
          // container is gone, and zooming or scrolling it would only log errors.
          if (cancelled) return;
          const kept = resume.current ? lastViews.get(documentId) : undefined;
          viewer.currentScaleValue = kept?.scale ?? 'auto';
          if (kept) viewer.pagesRotation = kept.rotation;
          const start = Math.min(Math.max(1, firstPage.current), doc.numPages);
          if (start > 1) viewer.currentPageNumber = start;
          place.remember();
          setState((s) => ({ ...s, status: 'ready', pages: doc.numPages }));
          sync();
        });
        eventBus.on('pagechanging', sync);
        eventBus.on('scalechanging', sync);
        eventBus.on('rotationchanging', sync);
        const drawn = ({ pageNumber }: { pageNumber: number }) => {
          const view = viewer.getPageView(pageNumber - 1) as PageViewLike | undefined;
          if (view) latest.current.onPageDrawn(view);
        };
        eventBus.on('textlayerrendered', drawn);
        eventBus.on('pagerendered', drawn);
        const firstText = () => {
          eventBus.off('textlayerrendered', firstText);
          void loadPageSizes(doc, viewer, stopSizes.signal);
        };
        eventBus.on('textlayerrendered', firstText);

        viewer.setDocument(doc);
        linkService.setDocument(doc, null);
        const labels = await doc.getPageLabels().catch(() => null);
        if (cancelled) return;
        if (labels) viewer.setPageLabels(labels);
        setState((s) => ({ ...s, labels }));
      } catch (err) {
        if (cancelled) return;
        // pdf.js asks for a password with a PasswordException: code 1 none given, 2 a wrong one.
        const code =
          (err as { name?: string; code?: number }).name === 'PasswordException' ? (err as { code?: number }).code : null;
        if (code === 1 || code === 2) setState((s) => ({ ...s, status: 'password', passwordWrong: code === 2 }));
        else setState((s) => ({ ...s, status: 'failed', error: err instanceof Error ? err.message : String(err) }));
      }
    })();
    return () => {
      cancelled = true;
      stopSizes.abort();
      stopKeeping?.();
      const p = parts.current;
      parts.current = null;
      if (p) lastViews.set(documentId, { scale: p.viewer.currentScaleValue, rotation: p.viewer.pagesRotation });
      const finish = () => {
        p?.viewer.setDocument(null);
        // Destroying the loading task frees the document; the shared worker stays warm.
        destroy?.();
      };
      // pdf.js reports an error if its document is destroyed while the viewer is still setting
      // up its pages (a document closed right after opening): let that finish first.
      const settling = (p?.viewer as { pagesPromise?: Promise<unknown> } | undefined)?.pagesPromise;
      if (settling) void settling.catch(() => undefined).then(finish);
      else finish();
    };
  }, [container, documentId, password]);

  /**
   * Moves the viewer: pdf.js takes these as property assignments. A zoom or a turn keeps
   * the point under the middle of the view where it is; going to a page goes there.
   */
  const actions = useMemo(() => {
    const viewer = () => parts.current?.viewer ?? null;
    const keeping = (change: (v: Viewer) => void) => {
      const p = parts.current;
      if (p) p.place.keep(() => change(p.viewer));
    };
    return {
      goTo(page: number) {
        const v = viewer();
        if (v) v.currentPageNumber = Math.min(Math.max(1, page), v.pagesCount);
      },
      zoom(change: 'in' | 'out' | 'reset' | { value: string }) {
        if (typeof change === 'object' && change.value === 'custom') return;
        keeping((v) => {
          if (change === 'in') v.increaseScale();
          else if (change === 'out') v.decreaseScale();
          else if (change === 'reset') v.currentScaleValue = 'auto';
          else v.currentScaleValue = change.value;
        });
      },
      rotate() {
        keeping((v) => {
          v.pagesRotation = (v.pagesRotation + 90) % 360;
        });
      },
    };
  }, []);

  return { state, parts, actions, unlock: setPassword };
}
