/** The bundle's first page: its title, the case, the date and who prepared it. */
import { rgb, type PDFPage } from 'pdf-lib';
import type { CourtCover } from '../../../shared/ipc/contract.ts';
import { INDEX_PAGE } from './index-pages.ts';
import { wrap, type BundleFont } from './text.ts';

export interface CoverFacts {
  cover: CourtCover;
  caseName: string;
  /** YYYY-MM-DD: the cover's date, or the day of the build. */
  date: string;
  pages: number;
  documents: number;
}

export function drawCover(page: PDFPage, f: BundleFont, facts: CoverFacts): void {
  const [width, height] = INDEX_PAGE;
  const x = 72;
  let y = height * 0.68;
  for (const line of wrap(f, facts.cover.title, 24, width - 2 * x)) {
    page.drawText(f.safe(line), { x, y, size: 24, font: f.font });
    y -= 32;
  }
  y -= 24;
  const rows: [string, string][] = [
    ['Case', facts.caseName],
    ['Date', facts.date],
    ...(facts.cover.preparedBy.trim() ? [['Prepared by', facts.cover.preparedBy] as [string, string]] : []),
    ['Contents', `${facts.documents} document${facts.documents === 1 ? '' : 's'}, ${facts.pages} pages`],
  ];
  for (const [label, value] of rows) {
    page.drawText(label, { x, y, size: 11, font: f.font, color: rgb(0.35, 0.35, 0.35) });
    const lines = wrap(f, value, 12, width - 2 * x - 100);
    lines.forEach((line, i) => page.drawText(f.safe(line), { x: x + 100, y: y - i * 16, size: 12, font: f.font }));
    y -= 16 * lines.length + 8;
  }
}
