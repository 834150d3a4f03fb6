/**
 * Highlights and their anchors, as they cross the IPC boundary. A target stores what a
 * passage means — rectangles in PDF user space plus W3C TextQuote and TextPosition
 * selectors over the page's extracted text — never what the screen showed.
 */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';

const id = z.string().min(1).max(200);
const int = z.number().int();

export const HighlightColor = z.enum(['yellow', 'green', 'blue', 'pink', 'orange', 'purple']);
export type HighlightColor = z.infer<typeof HighlightColor>;

/** [x1, y1, x2, y2] in PDF user space of the unrotated page (x1 < x2, y1 < y2): ready to become QuadPoints. */
export const Rect = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Rect = z.infer<typeof Rect>;

export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

/** Offsets [start, end) into the page's extracted text (documents.page / documents.pageLayout `text`). */
export const TextPositionSelector = z.object({ type: z.literal('TextPositionSelector'), start: int, end: int });
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;

/** ok: the text is where the target says; drifted: found elsewhere (shown, never moved); orphaned: not found. */
export const AnchorState = z.enum(['ok', 'drifted', 'orphaned']);
export type AnchorState = z.infer<typeof AnchorState>;

/**
 * Set when the page text was replaced (a scan OCR'd again) and re-anchoring found the
 * passage only elsewhere (moved), only as slightly different text (approximate), or not at
 * all (orphaned: the target keeps its old quote and boxes). Stays until a reviewer has looked.
 */
export const Drift = z.object({
  kind: z.enum(['moved', 'approximate', 'orphaned']),
  /** The quote as it read before the text changed: what the reviewer highlighted. */
  previousQuote: z.string(),
  /** How well the new place matched, 0..1; null when nothing did. */
  score: z.number().nullable(),
  /** When the text changed (ISO time). */
  at: z.string(),
});
export type Drift = z.infer<typeof Drift>;

export const HighlightTarget = z.object({
  /** 1-based page number. */
  page: int,
  rects: z.array(Rect),
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  anchor: AnchorState,
  /** Where the quoted text is found now, when the anchor drifted. */
  current: z.object({ page: int, start: int, end: int, rects: z.array(Rect) }).nullable(),
  drifted: Drift.nullable(),
  /**
   * For an area target (a rectangle drawn on the page), that rectangle in PDF user space of
   * the unrotated page; `rects` is then `[area]` and the quote is the words inside ('' when none).
   * Null for a text target.
   */
  area: Rect.nullable(),
});
export type HighlightTarget = z.infer<typeof HighlightTarget>;

export const Highlight = z.object({
  highlightId: z.string(),
  documentId: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  color: HighlightColor,
  label: z.string().nullable(),
  note: z.string().nullable(),
  /** The passage's text: its targets' exact quotes, joined. */
  quote: z.string(),
  targets: z.array(HighlightTarget).min(1),
});
export type Highlight = z.infer<typeof Highlight>;

/**
 * One target of a highlight to create: either exact offsets into the page text, or a
 * quote (whitespace-insensitive, across line breaks) with its occurrence (1-based) or an
 * approximate start offset `near` to choose between repeats. With `acrossPages`, a quote
 * that is not wholly on `page` may start there and run on over the following pages; it
 * then becomes one target per page, as a selection across a page break does. Or an area:
 * a rectangle on the page in PDF points, origin at the top-left of the page as displayed
 * (its rotation applied) — the pdf.js viewport's CSS pixels divided by its scale.
 */
export const TargetSpec = z.union([
  z.object({ page: int.min(1), start: int.min(0), end: int.min(1) }).strict(),
  z
    .object({
      page: int.min(1),
      quote: z.string().min(1).max(20000),
      occurrence: int.min(1).optional(),
      near: int.min(0).optional(),
      acrossPages: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      page: int.min(1),
      area: z
        .object({ x: z.number().min(0), y: z.number().min(0), width: z.number().positive(), height: z.number().positive() })
        .strict(),
    })
    .strict(),
]);
export type TargetSpec = z.infer<typeof TargetSpec>;

/** A page's text with the positions of its text items, for mapping selections to offsets. */
export const PageLayout = z.object({
  documentId: z.string(),
  page: int,
  text: z.string(),
  /** The page box [x0, y0, x1, y1] in PDF user space; null for text documents. */
  view: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** [start, length, a, b, c, d, e, f, width, height] per text item, in page-text order. */
  items: z.array(z.array(z.number())),
});
export type PageLayout = z.infer<typeof PageLayout>;

const label = z.string().max(200);
const note = z.string().max(20000);

export const highlightChannels = {
  'highlights.list': { access: 'read', args: z.object({ documentId: id.optional() }).strict(), result: z.array(Highlight) },
  'highlights.create': {
    access: 'write',
    args: z
      .object({
        documentId: id,
        targets: z.array(TargetSpec).min(1).max(20),
        color: HighlightColor.optional(),
        label: label.optional(),
        note: note.optional(),
      })
      .strict(),
    result: Highlight,
  },
  'highlights.update': {
    access: 'write',
    args: z
      .object({
        highlightId: id,
        color: HighlightColor.optional(),
        label: label.nullable().optional(),
        note: note.nullable().optional(),
      })
      .strict(),
    result: Highlight,
  },
  'highlights.delete': { access: 'write', args: z.object({ highlightId: id }).strict(), result: Highlight },
  'highlights.restore': { access: 'write', args: z.object({ highlightId: id }).strict(), result: Highlight },
  'documents.pageLayout': { access: 'read', args: z.object({ documentId: id, page: int.min(1) }).strict(), result: PageLayout },
} as const satisfies Record<string, ChannelSpec>;
