import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/services/case/blobs.ts';
import { callTyped } from '../../electron/services/router.ts';
import { fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { blobFiles, count, exhibit, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const hasQpdf = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('PDF import', () => {
  it('extracts every page of a multi-page PDF with its text, size, labels and metadata', async () => {
    const s = newCase();
    const dir = tempDir();
    const file = writePdf(dir, 'letter.pdf', {
      pages: [
        { lines: ['Dear Special Rapporteurs,', 'We write in response to your letter.'] },
        { lines: ['The company denies the allegation.'], size: [595, 842] },
        { lines: ['Yours sincerely, General Counsel'] },
      ],
      info: { title: 'Response to the Special Rapporteurs', author: 'General Counsel', creationDate: 'D:20240315093000Z' },
      pageLabels: [
        { start: 0, style: 'r' },
        { start: 1, style: 'D' },
      ],
    });
    const [r] = await importFiles(s, [file]);
    expect(r).toMatchObject({ status: 'imported', pages: 3, error: null });
    const doc = await callTyped(s.router, 'documents.get', { documentId: r!.documentId! });
    expect(doc.title).toBe('Response to the Special Rapporteurs');
    expect(doc.metadata).toMatchObject({
      author: 'General Counsel',
      created: '2024-03-15T09:30:00.000Z',
      producer: 'Exhibit test fixtures',
    });
    expect(doc.pageLabels).toEqual(['i', '1', '2']);
    expect(doc.textLayer).toBe(true);
    const p2 = await callTyped(s.router, 'documents.page', { documentId: doc.documentId, page: 2 });
    expect(p2.text).toContain('The company denies the allegation.');
    expect(p2.text).not.toContain('Dear Special');
    expect([p2.width, p2.height, p2.label]).toEqual([595, 842, '1']);
    // The stored original is byte-identical to the file imported.
    const original = fs.readFileSync(file);
    const stored = fs.readFileSync(blobPath(s.store.dir, r!.sha256!));
    expect(stored.equals(original)).toBe(true);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(r!.sha256);
  });

  it('keeps text item positions in PDF user space for later highlighting', async () => {
    const s = newCase();
    const file = writePdf(tempDir(), 'pos.pdf', { pages: [{ lines: ['First line of text', 'Second line'] }] });
    const [r] = await importFiles(s, [file]);
    const row = s.store.db.prepare('SELECT text, items FROM pages WHERE document_id = ?').get(r!.documentId) as {
      text: string;
      items: string;
    };
    const layout = JSON.parse(row.items) as { view: number[]; items: number[][] };
    expect(layout.view).toEqual([0, 0, 612, 792]);
    const second = layout.items.find((it) => row.text.slice(it[0]!, it[0]! + it[1]!) === 'Second line')!;
    expect(second).toBeDefined();
    // x = 72 (left margin); the second line sits one leading (12 * 1.3) below the first at 792 - 72.
    expect(second[6]).toBe(72);
    expect(second[7]).toBeCloseTo(720 - 15.6, 1);
  });

  it('records page rotation and still extracts rotated text', async () => {
    const s = newCase();
    const file = writePdf(tempDir(), 'rotated.pdf', {
      pages: [{ lines: ['Upright page'] }, { lines: ['Sideways annex page'], rotate: 90 }],
    });
    const [r] = await importFiles(s, [file]);
    const p = await callTyped(s.router, 'documents.page', { documentId: r!.documentId!, page: 2 });
    expect(p.rotation).toBe(90);
    expect(p.text).toContain('Sideways annex page');
  });

  it('makes ligatures and words hyphenated across lines findable', async () => {
    const s = newCase();
    const file = writePdf(tempDir(), 'lig.pdf', {
      pages: [{ lines: ['The ﬁnal ﬂight records were', 'handed over as evi-', 'dence to the inquiry.'] }],
    });
    await importFiles(s, [file]);
    for (const q of ['final', 'flight', 'evidence', '"final flight records"']) {
      const res = await callTyped(s.router, 'search.query', { query: q });
      expect(res.total, q).toBe(1);
    }
  });

  it('imports an image-only PDF and marks it as having no text layer', async () => {
    const s = newCase();
    const file = writePdf(tempDir(), 'scan.pdf', { pages: [{ lines: [] }, { lines: [] }] });
    const [r] = await importFiles(s, [file]);
    expect(r).toMatchObject({ status: 'imported', pages: 2 });
    const [doc] = await callTyped(s.router, 'documents.list', {});
    expect(doc!.textLayer).toBe(false);
  });

  it('refuses corrupt, truncated and non-PDF files with an error naming the file, storing nothing', async () => {
    const s = newCase();
    const dir = tempDir();
    const good = fs.readFileSync(writePdf(dir, 'src/good.pdf', { pages: [{ lines: fillerLines(seededRandom(1), 30) }] }));
    const files = [
      writeFile(
        dir,
        'garbage.pdf',
        new Uint8Array(4096).map((_, i) => (i * 7919) % 251),
      ),
      writeFile(dir, 'truncated.pdf', good.subarray(0, 40)),
      writeFile(dir, 'memo.pdf', 'This is a plain memo saved with the wrong extension.\n'),
      writeFile(dir, 'photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])),
      writeFile(dir, 'empty.pdf', ''),
    ];
    const results = await importFiles(s, files);
    for (const [i, r] of results.entries()) {
      expect(r.status, r.path).toBe('failed');
      expect(r.error).toContain(files[i]);
    }
    // A PNG cut short after its signature is read as the image it claims to be, and refused as damaged.
    expect(results[3]).toMatchObject({ errorCode: 'invalid-image' });
    expect(results[3]!.error).toMatch(/photo\.png: the image is damaged or cut short/);
    expect(results[4]!.error).toMatch(/empty/);
    expect([count(s, 'documents'), count(s, 'pages')]).toEqual([0, 0]);
    expect(blobFiles(s)).toEqual([]);
  });

  it.skipIf(!hasQpdf)('asks for a password for encrypted PDFs and opens them with the right one (needs qpdf)', async () => {
    const s = newCase();
    const dir = tempDir();
    const plain = writePdf(dir, 'plain.pdf', { pages: [{ lines: ['Confidential annex: device forensic summary'] }] });
    const locked = path.join(dir, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    const [noPw] = await importFiles(s, [locked]);
    expect(noPw!.status).toBe('failed');
    expect(noPw!.error).toMatch(/locked\.pdf.*needs a password/);
    expect(noPw!.errorCode).toBe('password-required');
    // The app shows this reason beside its own password prompt: no command-line option in it.
    expect(noPw!.error).not.toMatch(/--|command/);
    // The command line adds its own way to give the password.
    const caseDir = path.join(tempDir(), 'cli-case');
    expect(exhibit(['init', caseDir]).code).toBe(0);
    const cli = exhibit(['--case', caseDir, 'import', locked]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(
      /^failed +.*locked\.pdf: this PDF is encrypted and needs a password \(give it with --password\)$/m,
    );
    const [wrong] = await importFiles(s, [locked], { password: 'nope' });
    expect(wrong!.error).toMatch(/password is not correct/);
    expect(wrong!.errorCode).toBe('password-incorrect');
    expect(count(s, 'documents')).toBe(0);
    const [ok] = await importFiles(s, [locked], { password: 'user-pw' });
    expect(ok).toMatchObject({ status: 'imported', pages: 1 });
    const res = await callTyped(s.router, 'search.query', { query: '"device forensic summary"' });
    expect(res.total).toBe(1);
    const doc = await callTyped(s.router, 'documents.get', { documentId: ok!.documentId! });
    expect(doc.metadata?.encrypted).toBe(true);
  });

  it('ships a pdf.js build with no eval or Function constructor', () => {
    const dir = path.join(path.dirname(require_resolve('pdfjs-dist/package.json')), 'legacy', 'build');
    for (const f of ['pdf.mjs', 'pdf.worker.mjs']) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/new Function\(|\beval\(/);
    }
  });
});

function require_resolve(id: string): string {
  return import.meta.resolve(id).replace('file://', '');
}
