/**
 * Draws page thumbnails for one document: a small queue (the worker also serves the main
 * view, which must not wait behind a sidebar full of thumbnails), cancellation when a
 * thumbnail scrolls away before it is drawn, and a bounded cache so scrolling back shows
 * a drawn page at once without keeping a canvas for every page of a 1,000-page file.
 */
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';

/** The box a thumbnail is fitted into, in CSS pixels. */
export const THUMB_BOX = { width: 112, height: 144 } as const;

const CONCURRENCY = 2;
const CACHE_SIZE = 120;

export interface ThumbnailRenderer {
  /** A canvas with page `page` (1-based) drawn at `rotation` (the view's, added to the page's own). */
  draw(page: number, rotation: number, signal: AbortSignal): Promise<HTMLCanvasElement>;
  /** Stop everything queued or running. */
  destroy(): void;
}

interface Job {
  run(): Promise<void>;
  signal: AbortSignal;
}

class Aborted extends Error {
  constructor() {
    super('thumbnail no longer needed');
  }
}

/** Whether a rejection only means the thumbnail was not needed any more. */
export const isAborted = (err: unknown): boolean => err instanceof Aborted;

/** A renderer for `doc`; create one per open document. */
export function createThumbnailRenderer(doc: PDFDocumentProxy): ThumbnailRenderer {
  const cache = new Map<string, HTMLCanvasElement>();
  const queue: Job[] = [];
  const running = new Set<RenderTask>();
  let active = 0;
  let destroyed = false;

  const pump = () => {
    while (!destroyed && active < CONCURRENCY && queue.length > 0) {
      // Newest first: what the reviewer scrolled to last is what they are looking at.
      const job = queue.pop()!;
      if (job.signal.aborted) continue;
      active++;
      void job.run().finally(() => {
        active--;
        pump();
      });
    }
  };

  const render = async (page: number, rotation: number, signal: AbortSignal): Promise<HTMLCanvasElement> => {
    const pdfPage = await doc.getPage(page);
    if (signal.aborted || destroyed) throw new Aborted();
    const turn = (pdfPage.rotate + rotation) % 360;
    const unit = pdfPage.getViewport({ scale: 1, rotation: turn });
    const scale = Math.min(THUMB_BOX.width / unit.width, THUMB_BOX.height / unit.height);
    const ratio = window.devicePixelRatio || 1;
    const viewport = pdfPage.getViewport({ scale: scale * ratio, rotation: turn });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    canvas.style.width = `${Math.round(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.round(viewport.height / ratio)}px`;
    canvas.setAttribute('aria-hidden', 'true');
    // No annotations on a thumbnail: it is a picture of the page, not a place to click links.
    const task = pdfPage.render({ canvas, viewport, annotationMode: 0 });
    running.add(task);
    const stop = () => task.cancel();
    signal.addEventListener('abort', stop);
    try {
      await task.promise;
    } catch (err) {
      if (signal.aborted || destroyed) throw new Aborted();
      throw err;
    } finally {
      running.delete(task);
      signal.removeEventListener('abort', stop);
    }
    return canvas;
  };

  return {
    draw(page, rotation, signal) {
      const key = `${page}:${rotation}`;
      const hit = cache.get(key);
      if (hit) {
        // Refresh its place in the cache's order (a Map keeps insertion order).
        cache.delete(key);
        cache.set(key, hit);
        return Promise.resolve(hit);
      }
      return new Promise<HTMLCanvasElement>((resolve, reject) => {
        const onAbort = () => reject(new Aborted());
        signal.addEventListener('abort', onAbort, { once: true });
        queue.push({
          signal,
          run: () =>
            render(page, rotation, signal).then((canvas) => {
              cache.set(key, canvas);
              if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
              resolve(canvas);
            }, reject),
        });
        pump();
      });
    },
    destroy() {
      destroyed = true;
      queue.length = 0;
      for (const task of running) task.cancel();
      cache.clear();
    },
  };
}
