/**
 * The command line reads scans before `exhibit import` ends: a TIFF of two scanned pages
 * is imported, read, and searchable by the next command; --no-ocr leaves it unread until
 * `exhibit ocr`; a missing language pack is named; `exhibit ocr-languages` lists the UN's
 * working languages and says which are installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { exhibit, tempDir } from './helpers.ts';

const PAGE_ONE = ['Note verbale of the Permanent Mission', 'received by facsimile on 3 March 2024.'];
const PAGE_TWO = ['The Mission rejects the allegations', 'concerning the northern border crossing.'];

/** A two-page TIFF (LZW) of typed pages drawn at 100 dpi, as a fax machine or scanner leaves them. */
async function faxTiff(dir: string): Promise<string> {
  const pages: Buffer[] = [];
  for (const [i, lines] of [PAGE_ONE, PAGE_TWO].entries()) {
    const sub = path.join(dir, `p${i}`);
    fs.mkdirSync(sub);
    await scanPdf(sub, { lines });
    pages.push(fs.readFileSync(path.join(sub, 'typed.png')));
  }
  const { width, height } = await sharp(pages[0]!).metadata();
  const raw = await Promise.all(pages.map((p) => sharp(p).greyscale().raw().toBuffer()));
  const file = path.join(dir, 'note-verbale.tiff');
  await sharp(Buffer.concat(raw), { raw: { width: width!, height: height! * 2, channels: 1, pageHeight: height! } })
    .withMetadata({ density: 100 })
    .tiff({ compression: 'lzw' })
    .toFile(file);
  return file;
}

describe('exhibit and scans', () => {
  it('import reads a multi-page TIFF before it ends; search finds its words on the right pages', async () => {
    const dir = tempDir();
    const tiff = await faxTiff(dir);
    const caseDir = path.join(dir, 'case');
    expect(exhibit(['init', caseDir]).code).toBe(0);
    const imp = exhibit(['--case', caseDir, '--json', 'import', tiff]);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    const [record] = imp.lines() as { status: string; pages: number; ocr: { pages: number; read: number; confidence: number } }[];
    expect(record).toMatchObject({ status: 'imported', pages: 2, ocr: { pages: 2, read: 2, failed: 0, languages: 'eng' } });
    expect(record!.ocr.confidence).toBeGreaterThan(70);
    const hits = exhibit(['--case', caseDir, '--json', 'search', '"rejects the allegations"']).lines() as { page: number }[];
    expect(hits.map((h) => h.page)).toEqual([2]);
    const docs = exhibit(['--case', caseDir, '--json', 'documents']).lines() as { kind: string; textLayer: boolean }[];
    expect(docs).toMatchObject([{ kind: 'image', textLayer: true }]);
  }, 180_000);

  it('--no-ocr leaves scans unread until exhibit ocr; a language without its pack is named', async () => {
    const dir = tempDir();
    const scan = await scanPdf(dir, { lines: PAGE_TWO });
    const file = path.join(dir, 'reply.pdf');
    fs.writeFileSync(file, scan.pdf);
    const caseDir = path.join(dir, 'case');
    exhibit(['init', caseDir]);
    const imp = exhibit(['--case', caseDir, '--json', 'import', file, '--no-ocr']);
    expect(imp.code).toBe(0);
    expect(imp.lines()[0]).not.toHaveProperty('ocr');
    expect(exhibit(['--case', caseDir, '--json', 'search', 'Mission']).lines()).toEqual([]);
    const id = (imp.lines()[0] as { documentId: string }).documentId;

    const missing = exhibit(['--case', caseDir, '--json', 'ocr', id, '--lang', 'eng+ara']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr.trim())).toMatchObject({ error: { code: 'ocr-language-missing', subject: 'ara' } });
    expect(missing.stderr).toContain('is not installed');
    const ran = exhibit(['--case', caseDir, '--json', 'ocr', id]);
    expect(ran.code).toBe(0);
    expect(ran.lines()[0]).toMatchObject({ documentId: id, pages: 1, read: 1 });
    expect(exhibit(['--case', caseDir, '--json', 'search', 'Mission']).lines()).toHaveLength(1);

    const langs = exhibit(['--case', caseDir, '--json', 'ocr-languages']).lines() as { code: string; installed: boolean }[];
    expect(langs.map((l) => l.code)).toEqual(expect.arrayContaining(['ara', 'chi_sim', 'eng', 'fra', 'rus', 'spa']));
    expect(langs.find((l) => l.code === 'eng')!.installed).toBe(true);
    expect(langs.find((l) => l.code === 'ara')!.installed).toBe(false);
  }, 180_000);
});
