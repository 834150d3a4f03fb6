/**
 * The recognised text drawn over a scanned page's image, so a reviewer can judge the reading
 * word by word: each word as read, on a light backing in its own box, and the doubtful ones
 * (confidence below LOW_CONFIDENCE) in a dashed outline, which tells them apart without
 * relying on colour. An SVG in the page's own points scales with the page at any zoom; the
 * reviewer's turn of the page and the text's own orientation are transforms. It lies under
 * the highlight boxes and the (invisible) text layer, so selecting and highlighting work as
 * ever; which word is under the pointer is found from the geometry instead (ocrWordAt).
 * Like the highlight boxes it is put back on every render of the page, since pdf.js clears
 * what it did not draw.
 */
import type { OcrPageReading, OcrPageWord } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE } from '../../../shared/ocr.ts';

const NS = 'http://www.w3.org/2000/svg';
const LAYER = 'exhibit-ocr-layer';
/** What each drawn layer shows, so a repaint of the same reading at the same turn leaves it alone. */
const drawn = new WeakMap<Element, { reading: OcrPageReading; rotation: number }>();

/** Whether a word's reading is doubtful. */
export const isDoubtful = (w: OcrPageWord): boolean => w.confidence < LOW_CONFIDENCE;

/** The transform turning the displayed page (width x height points) clockwise by the viewer's `rotation`. */
function turn(rotation: number, width: number, height: number): string {
  switch (rotation) {
    case 90:
      return `translate(${height} 0) rotate(90)`;
    case 180:
      return `translate(${width} ${height}) rotate(180)`;
    case 270:
      return `translate(0 ${width}) rotate(270)`;
    default:
      return '';
  }
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** One word: its backing box, and its text fitted to the box along the direction it reads. */
function wordGroup(w: OcrPageWord, orientation: number): SVGGElement {
  const { x, y, width, height } = w.box;
  const g = svg('g', { class: isDoubtful(w) ? 'ocr-word doubtful' : 'ocr-word' });
  g.append(svg('rect', { x, y, width, height }));
  const sideways = orientation % 180 !== 0;
  const along = sideways ? height : width;
  const across = sideways ? width : height;
  const text = svg('text', {
    transform: `translate(${x + width / 2} ${y + height / 2}) rotate(${orientation})`,
    x: -along / 2,
    // A band runs from the line's highest ascender to its lowest descender: the baseline sits about a quarter up from its foot.
    y: across * 0.27,
    'font-size': across * 0.78,
    // Fitted to the box, so a misread word that is too long or short for its place still sits on it.
    textLength: Math.max(along, 0.1),
    lengthAdjust: 'spacingAndGlyphs',
  });
  text.textContent = w.text;
  g.append(text);
  return g;
}

/**
 * Draw (or take off) the words read off a page. `rotation` is how far the reviewer turned
 * the pages, clockwise; `reading` null or `show` false leaves the page bare.
 */
export function paintOcrWords(pageDiv: HTMLElement, reading: OcrPageReading | null, show: boolean, rotation: number): void {
  const existing = pageDiv.querySelector<SVGSVGElement>(`:scope > svg.${LAYER}`);
  if (!show || !reading) {
    existing?.remove();
    return;
  }
  const last = existing ? drawn.get(existing) : undefined;
  if (existing && last?.reading === reading && last.rotation === rotation) return;
  const turned = rotation % 180 !== 0;
  const layer = svg('svg', {
    class: LAYER,
    viewBox: `0 0 ${turned ? reading.height : reading.width} ${turned ? reading.width : reading.height}`,
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
  });
  const words = svg('g', { class: 'ocr-words', transform: turn(rotation, reading.width, reading.height) });
  words.append(...reading.words.map((w) => wordGroup(w, reading.orientation)));
  layer.append(words);
  drawn.set(layer, { reading, rotation });
  if (existing) existing.replaceWith(layer);
  else {
    // Under the highlight boxes and the text layer: highlights tint the words, selection reaches the text.
    const above = pageDiv.querySelector(':scope > .exhibit-highlight-layer, :scope > .textLayer');
    pageDiv.insertBefore(layer, above);
  }
}

/** The word drawn under a point of the screen on this page, if the recognised text is shown there. */
export function ocrWordAt(pageDiv: HTMLElement, clientX: number, clientY: number): OcrPageWord | null {
  const layer = pageDiv.querySelector<SVGSVGElement>(`:scope > svg.${LAYER}`);
  const group = layer?.querySelector<SVGGElement>(':scope > g.ocr-words');
  const reading = layer ? drawn.get(layer)?.reading : undefined;
  const toPage = group?.getScreenCTM()?.inverse();
  if (!reading || !toPage) return null;
  const p = new DOMPoint(clientX, clientY).matrixTransform(toPage);
  return (
    reading.words.find(
      (w) => p.x >= w.box.x && p.x <= w.box.x + w.box.width && p.y >= w.box.y && p.y <= w.box.y + w.box.height,
    ) ?? null
  );
}
