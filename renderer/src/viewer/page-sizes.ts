/**
 * Tells every page view its page (and so its real size) after the first page is fully on
 * screen. pdf.js does this itself as soon as the first canvas is drawn, sending the worker
 * a request per page; on a 1,000-page file those requests queue ahead of the first page's
 * text and hold up its text layer by about a hundred milliseconds. The viewer is opened
 * with `disableAutoFetch` (which, with the bytes in memory, only turns that eager pass off)
 * and this does the same work afterwards, in small batches so a page the reviewer jumps to
 * is not kept waiting either.
 */

/** The part of a pdf.js page view this needs. */
interface LazyPageView {
  pdfPage: unknown;
  setPdfPage(page: unknown): void;
}

interface PagedViewer {
  pagesCount: number;
  getPageView(index: number): unknown;
}

interface PagedDocument {
  getPage(n: number): Promise<unknown>;
}

const BATCH = 50;

/** Give every page view still without one its page; stops when `signal` aborts. */
export async function loadPageSizes(doc: PagedDocument, viewer: PagedViewer, signal: AbortSignal): Promise<void> {
  for (let start = 1; start <= viewer.pagesCount; start += BATCH) {
    const batch: Promise<void>[] = [];
    for (let n = start; n < start + BATCH && n <= viewer.pagesCount; n++) {
      const view = viewer.getPageView(n - 1) as LazyPageView | undefined;
      if (!view || view.pdfPage) continue;
      batch.push(
        doc.getPage(n).then(
          (page) => {
            // The view may have been given its page meanwhile, when it was scrolled to and drawn.
            if (!signal.aborted && !view.pdfPage) view.setPdfPage(page);
          },
          // A page that cannot be read keeps the first page's size; its view says so when it is drawn.
          () => undefined,
        ),
      );
    }
    await Promise.all(batch);
    if (signal.aborted) return;
  }
}
