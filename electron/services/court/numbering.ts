/**
 * Bundle numbers and the PDF page labels that match them. Page n of the bundle is stamped
 * `prefix` + n zero-padded to `digits`, and a reader's page box shows the same text: PDF
 * label numbers cannot be zero-padded, so the zeros go in the label prefix, one label
 * range for each width of the number (1–9, 10–99, …) until the number fills the digits.
 */
import { PDFHexString, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';
import type { CourtOptions } from '../../../shared/ipc/contract.ts';

/** `EXH-00012` for page 12 with prefix `EXH-` and 5 digits. */
export function stampText(page: number, opts: Pick<CourtOptions, 'prefix' | 'digits'>): string {
  return `${opts.prefix}${String(page).padStart(opts.digits, '0')}`;
}

/** One page label range: from page index `start` (0-based), decimal numbers from `first`, after `prefix`. */
export interface LabelRange {
  start: number;
  first: number;
  prefix: string;
}

/** The label ranges giving every page of a `pages`-page bundle its stamp text. */
export function labelRanges(pages: number, opts: Pick<CourtOptions, 'prefix' | 'digits'>): LabelRange[] {
  const ranges: LabelRange[] = [];
  for (let width = 1, first = 1; first <= pages; width++, first *= 10) {
    const zeros = Math.max(0, opts.digits - width);
    ranges.push({ start: first - 1, first, prefix: `${opts.prefix}${'0'.repeat(zeros)}` });
    // Once the number fills the digits, one range serves every page after it.
    if (zeros === 0) break;
  }
  return ranges;
}

/** Set the document's /PageLabels to the ranges (replacing any it had). */
export function setPageLabels(doc: PDFDocument, ranges: LabelRange[]): void {
  const nums: unknown[] = [];
  for (const r of ranges) {
    const dict = doc.context.obj({ S: 'D', St: r.first });
    if (r.prefix) dict.set(PDFName.of('P'), PDFHexString.fromText(r.prefix));
    nums.push(PDFNumber.of(r.start), dict);
  }
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums as never }));
}
