/**
 * The page side of a viewer measurement, as script text (bench/ is type-checked as Node
 * code, without DOM types). Stamps are taken in the page with performance.now(), so the
 * time Playwright takes to notice is not counted: the start when the reviewer's click or
 * Enter reaches the window, the end when a MutationObserver sees the page painted, and
 * the next animation frame after that, when it is on screen.
 */

/** What the armed probe reports, in the page's performance.now() milliseconds. */
export interface ProbeResult {
  /** The click or the Enter key reached the window (capture phase, before the app sees it). */
  start: number;
  /** Canvas drawn and text layer finished: pdf.js appends the text layer's endOfContent last. */
  painted: number;
  /** The first animation frame after `painted`. */
  frame: number;
  /** When the original's bytes had arrived, if the action fetched them. */
  fetched: number | null;
}

/**
 * Script that arms a one-shot probe for PDF page `page` (1-based), started by the next
 * `trigger` event. Throws in the page if that page is already painted, which would make
 * the measurement meaningless.
 */
export function armProbe(page: number, trigger: 'click' | 'enter'): string {
  return `(() => {
    const selector = '.pdfViewer .page[data-page-number="${page}"]';
    const painted = () => {
      const div = document.querySelector(selector);
      return !!div && div.getAttribute('data-loaded') === 'true'
        && !!div.querySelector('.canvasWrapper canvas') && !!div.querySelector('.textLayer .endOfContent');
    };
    if (painted()) throw new Error('page ${page} is already painted before the action');
    const probe = { start: null, painted: null, frame: null, fetched: null };
    globalThis.__benchProbe = probe;
    const type = ${JSON.stringify(trigger === 'click' ? 'click' : 'keydown')};
    const onStart = (e) => {
      if (probe.start === null && (type === 'click' || e.key === 'Enter')) probe.start = performance.now();
    };
    window.addEventListener(type, onStart, { capture: true });
    const observer = new MutationObserver(() => {
      if (probe.start === null || probe.painted !== null || !painted()) return;
      probe.painted = performance.now();
      observer.disconnect();
      window.removeEventListener(type, onStart, { capture: true });
      const original = performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/original/') && e.startTime >= probe.start).at(-1);
      probe.fetched = original ? original.responseEnd : null;
      requestAnimationFrame(() => { probe.frame = performance.now(); });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-loaded'] });
  })()`;
}

/**
 * True once the armed probe has its last stamp. A function, not a string: the page's CSP
 * forbids the eval Playwright would use to run a string predicate.
 */
export const probeDone = (): boolean => (globalThis as { __benchProbe?: { frame: number | null } }).__benchProbe?.frame != null;

/** Expression that reads the probe's stamps. */
export const probeRead = 'globalThis.__benchProbe';
