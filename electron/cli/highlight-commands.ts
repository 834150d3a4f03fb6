/** `exhibit highlight add|delete` and `exhibit highlights`. */
import { HighlightColor, type Drift, type Highlight, type ShownArea } from '../../shared/ipc/contract.ts';
import { callTyped } from '../services/router.ts';
import type { Services } from '../services/services.ts';
import { positiveInt, str, UsageError, type Command } from './command.ts';
import type { Output } from './output.ts';
import { caseTitles } from './titles.ts';

/** Quotes keep the page's line breaks; on a terminal they read better on one line. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/** "page 5" or "pages 5–6" for a highlight's targets (in page order). */
const pagesText = (pages: number[]) =>
  pages.length > 1 && pages.at(-1) !== pages[0] ? `pages ${pages[0]}–${pages.at(-1)}` : `page ${pages[0]}`;

/**
 * --rect X,Y,W,H: an area in points (1/72 inch) from the top-left corner of the page as it
 * is shown (its rotation applied), as the viewer's Area tool draws one. Whether it lies on
 * the page is the engine's to say (it knows the page's size).
 */
export function parseRect(value: string): ShownArea {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => p === '' || !Number.isFinite(Number(p))))
    throw new UsageError(
      `--rect takes X,Y,W,H: four numbers of points from the top-left corner of the page as shown, separated by commas, not "${value}"`,
    );
  const [x, y, width, height] = parts.map(Number) as [number, number, number, number];
  if (x < 0) throw new UsageError(`--rect X (the left edge) must be 0 or more, not ${x}`);
  if (y < 0) throw new UsageError(`--rect Y (the top edge) must be 0 or more, not ${y}`);
  if (width <= 0) throw new UsageError(`--rect W (the width) must be more than 0, not ${width}`);
  if (height <= 0) throw new UsageError(`--rect H (the height) must be more than 0, not ${height}`);
  return { x, y, width, height };
}

const highlight: Command = async (s, args, values, out) => {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    if (rest.length > 0)
      throw new UsageError('highlight add takes options only: --doc DOC --page N --quote TEXT | --rect X,Y,W,H');
    const doc = str(values, 'doc');
    const quote = str(values, 'quote');
    const rect = str(values, 'rect');
    const page = positiveInt(values.page, 'page');
    if (quote !== undefined && rect !== undefined)
      throw new UsageError('highlight add takes --quote TEXT or --rect X,Y,W,H, not both');
    if (!doc || (!quote && rect === undefined) || page === undefined)
      throw new UsageError('highlight add needs --doc DOC, --page N and --quote TEXT (or --rect X,Y,W,H for an area)');
    if (rect !== undefined && values.occurrence !== undefined)
      throw new UsageError('--occurrence chooses between repeats of a --quote; an area (--rect) has none');
    const area = rect === undefined ? undefined : parseRect(rect);
    const color = str(values, 'color');
    if (color !== undefined && !HighlightColor.safeParse(color).success) {
      throw new UsageError(`--color must be one of ${HighlightColor.options.join(', ')}, not "${color}"`);
    }
    const { documentId } = await callTyped(s.router, 'documents.get', { documentId: doc });
    if (area) return addArea(s, out, { documentId, page, area, color, label: str(values, 'label'), note: str(values, 'note') });
    const h = await callTyped(s.router, 'highlights.create', {
      documentId,
      // A quote not wholly on the page may run on over the next ones: one highlight, a part per page.
      targets: [{ page, quote: quote!, occurrence: positiveInt(values.occurrence, 'occurrence'), acrossPages: true }],
      color: color as HighlightColor | undefined,
      label: str(values, 'label'),
      note: str(values, 'note'),
    });
    const pages = h.targets.map((t) => t.page);
    out.record(
      { highlightId: h.highlightId, documentId: h.documentId, page: pages[0], pages, quote: h.quote },
      () => `Highlighted on ${pagesText(pages)}: "${oneLine(h.quote)}" (${h.highlightId})`,
    );
    return 0;
  }
  if (verb === 'delete') {
    if (rest.length !== 1) throw new UsageError('highlight delete takes one highlight id');
    const h = await callTyped(s.router, 'highlights.delete', { highlightId: rest[0]! });
    out.record({ highlightId: h.highlightId, deleted: true }, () => `Deleted highlight ${h.highlightId} ("${h.quote}")`);
    return 0;
  }
  throw new UsageError(
    'usage: exhibit highlight add --doc DOC --page N --quote TEXT | --rect X,Y,W,H | exhibit highlight delete ID',
  );
};

/** `highlight add --rect`: one area of one page; prints the words found inside it as its quote. */
async function addArea(
  s: Services,
  out: Output,
  a: { documentId: string; page: number; area: ShownArea; color: string | undefined; label?: string; note?: string },
): Promise<number> {
  const h = await callTyped(s.router, 'highlights.create', {
    documentId: a.documentId,
    targets: [{ page: a.page, area: a.area }],
    color: a.color as HighlightColor | undefined,
    label: a.label,
    note: a.note,
  });
  out.record(
    { highlightId: h.highlightId, documentId: h.documentId, page: a.page, pages: [a.page], area: a.area, quote: h.quote },
    () => `Highlighted an area of page ${a.page}: ${h.quote ? `"${oneLine(h.quote)}"` : 'no text inside it'} (${h.highlightId})`,
  );
  return 0;
}

const highlights: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('highlights takes no arguments (use --doc DOC to choose a document)');
  const doc = str(values, 'doc');
  const documentId = doc ? (await callTyped(s.router, 'documents.get', { documentId: doc })).documentId : undefined;
  const list = await callTyped(s.router, 'highlights.list', documentId ? { documentId } : {});
  const titles = await caseTitles(s);
  for (const h of list) {
    const shown = titles.get(h.documentId) ?? h.documentId;
    const pages = h.targets.map((x) => x.page);
    const span = pages.length > 1 ? `pp.${pages[0]}–${pages.at(-1)}` : `p.${pages[0]}`;
    const anchor = h.targets.some((x) => x.anchor === 'orphaned')
      ? 'orphaned'
      : h.targets.some((x) => x.anchor === 'drifted')
        ? 'drifted'
        : 'ok';
    const { drifted, previousQuote } = driftOf(h);
    const rec = {
      highlightId: h.highlightId,
      documentId: h.documentId,
      displayTitle: shown,
      page: pages[0],
      pages,
      quote: h.quote,
      note: h.note,
      color: h.color,
      anchor,
      drifted,
      previousQuote,
    };
    out.record(
      rec,
      () =>
        `${h.highlightId.slice(0, 8)}  ${doc ? '' : `${shown}  `}${span.padEnd(7)} ${h.color.padEnd(7)} ${anchor === 'ok' ? '' : `[${anchor}] `}${driftTag(drifted, anchor, previousQuote)}"${h.quote}"${h.note ? `  — ${h.note}` : ''}`,
    );
  }
  if (list.length === 0) out.say('No highlights yet.');
  return 0;
};

/** The worst drift mark of a highlight's targets since its text was re-read, and its quote from before. */
function driftOf(h: Highlight): { drifted: Drift['kind'] | null; previousQuote: string | null } {
  const marks = h.targets.map((t) => t.drifted).filter((d): d is Drift => d !== null);
  if (marks.length === 0) return { drifted: null, previousQuote: null };
  const order: Drift['kind'][] = ['moved', 'approximate', 'orphaned'];
  const drifted = marks.reduce((w, d) => (order.indexOf(d.kind) > order.indexOf(w) ? d.kind : w), marks[0]!.kind);
  return { drifted, previousQuote: h.targets.map((t) => t.drifted?.previousQuote ?? t.quote.exact).join(' ') };
}

/** "[approximate, was "…"] " after a re-read; nothing when the anchor state already says it (orphaned). */
const driftTag = (drifted: Drift['kind'] | null, anchor: string, previousQuote: string | null) =>
  !drifted || drifted === anchor ? '' : drifted === 'moved' ? '[moved] ' : `[${drifted}, was "${previousQuote}"] `;

export const highlightCommands: Record<string, Command> = { highlight, highlights };
