/**
 * Which pages of a PDF have no text layer: the engine names them (documents.get), so the
 * viewer can say so on exactly those pages. A mixed PDF lists its scanned pages only; a
 * wholly scanned one every page; a typed PDF and a text letter none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { blankScanPdf } from '../fixtures/large-evidence.ts';
import { mixedScanPdf } from '../fixtures/scanned-pages.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

describe('pages with no text layer', () => {
  it('are the scanned pages of a mixed PDF, every page of a scan, and none of a typed PDF or a letter', async () => {
    const s = newCase();
    const dir = tempDir();
    const mixed = path.join(dir, 'mixed.pdf');
    fs.writeFileSync(
      mixed,
      await mixedScanPdf([{ lines: ['Our letter of 2 May, typed.'] }, 'scan', { lines: ['Annex, typed.'] }, 'scan', 'scan']),
    );
    const scan = writeFile(dir, 'scan.pdf', await blankScanPdf(200, 260));
    const typed = writePdf(dir, 'typed.pdf', { pages: [{ lines: ['Typed'] }, { lines: ['Also typed'] }] });
    const letter = writeFile(dir, 'letter.txt', 'First page\f\f\nThird page after a blank one');
    const ids = (await importFiles(s, [mixed, scan, typed, letter])).map((r) => r.documentId!);
    const get = (documentId: string) => callTyped(s.router, 'documents.get', { documentId });

    const [m, sc, ty, le] = await Promise.all(ids.map(get));
    expect([m!.pages, m!.textLayer, m!.textlessPages]).toEqual([5, true, [2, 4, 5]]);
    expect([sc!.textLayer, sc!.textlessPages]).toEqual([false, [1]]);
    expect(ty!.textlessPages).toEqual([]);
    // A blank page in a text letter is a page break, not a picture.
    expect([le!.pages, le!.textlessPages]).toEqual([3, []]);
    // What the list says agrees with the text the engine holds.
    for (const page of [1, 2, 3, 4, 5]) {
      const text = (await callTyped(s.router, 'documents.page', { documentId: ids[0]!, page })).text;
      expect(/\S/.test(text), `page ${page}`).toBe(![2, 4, 5].includes(page));
    }
  });
});
