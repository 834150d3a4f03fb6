/**
 * Long plain text (logs, CSV dumps) is cut into pages a reviewer can open: at line ends,
 * never more than TEXT_PAGE_CHARS characters, never inside a character or a CR LF, with
 * every character kept. Real files through the real import, as the app and CLI do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_MAX_BYTES, TEXT_PAGE_CHARS } from '../../electron/services/ingest/text.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { count, importFiles, newCase, tempDir, writeFile } from './helpers.ts';

/** Every page of a document's text, in order. */
async function pagesOf(s: Services, documentId: string, pages: number): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; page <= pages; page++) out.push((await callTyped(s.router, 'documents.page', { documentId, page })).text);
  return out;
}

describe('long plain text', () => {
  it('cuts a log without form feeds into pages at line ends, keeping every character', async () => {
    const s = newCase();
    const lines = Array.from(
      { length: 6000 },
      (_, i) => `2024-05-01T03:${String(i % 60).padStart(2, '0')}:00Z GET /api/items/${i} 200\n`,
    );
    lines[5990] = '2024-05-01T03:59:59Z POST /transfer to Xanthe Holdings 201\n';
    const body = lines.join('');
    expect(body.length).toBeGreaterThan(4 * TEXT_PAGE_CHARS);
    const [doc] = await importFiles(s, [writeFile(tempDir(), 'access.txt', body)]);
    expect(doc).toMatchObject({ status: 'imported' });
    const pages = await pagesOf(s, doc!.documentId!, doc!.pages!);
    expect(pages.length).toBe(Math.ceil(body.length / TEXT_PAGE_CHARS));
    expect(pages.join('')).toBe(body);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(TEXT_PAGE_CHARS);
    // Every page ends where a line does, so no line is split between two pages.
    for (const p of pages) expect(p.endsWith('\n')).toBe(true);
    const found = await callTyped(s.router, 'search.query', { query: '"Xanthe Holdings"' });
    expect(found.results).toEqual([expect.objectContaining({ page: pages.length })]);
  });

  it('cuts a line longer than a page at the page size, but not inside a surrogate pair or a CR LF', async () => {
    const s = newCase();
    const dir = tempDir();
    const emoji = `${'a'.repeat(TEXT_PAGE_CHARS - 1)}😀${'b'.repeat(100)}`;
    const crlf = `${'c'.repeat(TEXT_PAGE_CHARS - 1)}\r\n${'d'.repeat(100)}`;
    const exact = 'e'.repeat(TEXT_PAGE_CHARS);
    const [a, b, c] = await importFiles(s, [
      writeFile(dir, 'emoji.txt', emoji),
      writeFile(dir, 'crlf.txt', crlf),
      writeFile(dir, 'exact.txt', exact),
    ]);
    expect(await pagesOf(s, a!.documentId!, a!.pages!)).toEqual(['a'.repeat(TEXT_PAGE_CHARS - 1), `😀${'b'.repeat(100)}`]);
    expect(await pagesOf(s, b!.documentId!, b!.pages!)).toEqual(['c'.repeat(TEXT_PAGE_CHARS - 1), `\r\n${'d'.repeat(100)}`]);
    // A page's worth exactly is one page, as every letter below it always was.
    expect(c).toMatchObject({ pages: 1 });
  });

  it('keeps a form feed as the start of a new page within a long text', async () => {
    const s = newCase();
    const long = `${'x'.repeat(80)}\n`.repeat(1000);
    const [doc] = await importFiles(s, [writeFile(tempDir(), 'annexes.txt', `Cover letter\f${long}\fAnnex B\f`)]);
    const pages = await pagesOf(s, doc!.documentId!, doc!.pages!);
    expect(pages[0]).toBe('Cover letter');
    expect(pages.at(-1)).toBe('Annex B');
    expect(pages.slice(1, -1).join('')).toBe(long);
    expect(pages.length).toBe(2 + Math.ceil(long.length / TEXT_PAGE_CHARS));
  });

  it('refuses, naming it and storing nothing, a text file too large to read as one document', async () => {
    const s = newCase();
    const file = path.join(tempDir(), 'huge.txt');
    // A sparse file: its size is real, its blocks are never written.
    fs.writeFileSync(file, 'log\n');
    fs.truncateSync(file, TEXT_MAX_BYTES + 1);
    const [r] = await importFiles(s, [file]);
    expect(r).toMatchObject({ status: 'failed', errorCode: 'unsupported-file' });
    expect(r!.error).toBe(
      `${file}: at 268,435,457 bytes, this plain-text file is larger than Exhibit reads as one document (256 MB); ` +
        'split it into smaller files and import those',
    );
    expect(count(s, 'documents')).toBe(0);
  });
});
